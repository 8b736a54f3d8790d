import { DragEvent, useEffect, useRef, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  discoveryApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  useTranslationRef,
  type TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import type { FinopsImport } from '@backstage-finops/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { formatBytes, formatCount } from '../../lib/format';
import {
  UPLOAD_FILE_PATTERN,
  UploadCancelledError,
  uploadFocusFile,
  type UploadHandle,
} from '../../lib/upload';
import { finopsTranslationRef } from '../../translation';
import {
  ImportError,
  ImportProgress,
  ImportStatusChip,
  isActive,
} from './ImportStatus';

/** How often a running import's progress is asked for. */
export const IMPORT_POLL_MS = 1000;

type UploadState =
  | { phase: 'idle' }
  | { phase: 'rejected'; fileName: string }
  | { phase: 'uploading'; fileName: string; loaded: number; total: number }
  | { phase: 'importing'; item: FinopsImport }
  | { phase: 'uploadFailed'; fileName: string; message: string };

const useStyles = makeStyles(theme => ({
  zone: {
    border: `2px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(4),
    textAlign: 'center',
    cursor: 'pointer',
    transition: 'border-color 150ms, background-color 150ms',
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  over: {
    borderColor: theme.palette.primary.main,
    backgroundColor: theme.palette.action.hover,
  },
  icon: { fontSize: 40, color: theme.palette.text.secondary },
  bar: { height: 10, borderRadius: 5 },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  error: { color: theme.palette.error.main },
}));

/**
 * Upload a FOCUS file (`.csv` or `.csv.gz`) by dropping it or choosing it:
 * the upload's own progress (XMLHttpRequest reports bytes sent, fetch does
 * not), then the import's progress, asked for every second until it
 * succeeds (with the billing periods it replaced) or fails (with the file,
 * line and column its error names).
 */
export function UploadCard(props: {
  /** Called when an upload's import was queued or finished, to refresh lists. */
  onImportChanged?: () => void;
  /** How often the import's progress is asked for; a second unless given. */
  pollIntervalMs?: number;
}) {
  const pollIntervalMs = props.pollIntervalMs ?? IMPORT_POLL_MS;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const identityApi = useApi(identityApiRef);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const upload = useRef<UploadHandle | undefined>(undefined);
  const onImportChanged = useRef(props.onImportChanged);
  onImportChanged.current = props.onImportChanged;

  useEffect(() => () => upload.current?.abort(), []);

  // Polls the import until it has finished.
  const importId = state.phase === 'importing' ? state.item.id : undefined;
  const importActive = state.phase === 'importing' && isActive(state.item);
  useEffect(() => {
    if (!importId || !importActive) {
      return undefined;
    }
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const item = await finopsApi.getImport({ id: importId });
        if (live) {
          setState({ phase: 'importing', item });
          if (!isActive(item)) {
            onImportChanged.current?.();
          }
        }
      } catch {
        // A missed poll is retried on the next tick.
        if (live) {
          setState(previous => ({ ...previous }));
        }
      }
    }, pollIntervalMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [finopsApi, importId, importActive, state, pollIntervalMs]);

  const start = async (file: File) => {
    if (!UPLOAD_FILE_PATTERN.test(file.name)) {
      setState({ phase: 'rejected', fileName: file.name });
      return;
    }
    setState({
      phase: 'uploading',
      fileName: file.name,
      loaded: 0,
      total: file.size,
    });
    try {
      const [baseUrl, credentials] = await Promise.all([
        discoveryApi.getBaseUrl('finops'),
        identityApi.getCredentials(),
      ]);
      upload.current = uploadFocusFile({
        baseUrl,
        token: credentials.token,
        file,
        fileName: file.name,
        onProgress: (loaded, total) =>
          setState(previous =>
            previous.phase === 'uploading'
              ? { ...previous, loaded, total }
              : previous,
          ),
      });
      const item = await upload.current.result;
      setState({ phase: 'importing', item });
      onImportChanged.current?.();
    } catch (error) {
      setState(
        error instanceof UploadCancelledError
          ? { phase: 'idle' }
          : {
              phase: 'uploadFailed',
              fileName: file.name,
              message: describeUploadError(error as Error, t),
            },
      );
    } finally {
      upload.current = undefined;
    }
  };

  const choose = () => input.current?.click();
  const busy =
    state.phase === 'uploading' ||
    (state.phase === 'importing' && isActive(state.item));
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files?.[0];
    if (file && !busy) {
      start(file);
    }
  };

  return (
    <InfoCard
      title={t('imports.uploadTitle')}
      subheader={t('imports.uploadSubheader')}
    >
      <Box data-testid="finops-upload">
        <input
          ref={input}
          type="file"
          accept=".csv,.gz,text/csv,application/gzip"
          hidden
          data-testid="finops-upload-input"
          onChange={event => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) {
              start(file);
            }
          }}
        />
        {!busy && (
          <Box
            className={`${classes.zone} ${over ? classes.over : ''}`}
            role="button"
            tabIndex={0}
            aria-label={t('imports.dropLabel')}
            data-testid="finops-drop-zone"
            onClick={choose}
            onKeyDown={event => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                choose();
              }
            }}
            onDragOver={event => {
              event.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={onDrop}
          >
            <CloudUploadIcon className={classes.icon} />
            <Typography variant="body1">{t('imports.dropHere')}</Typography>
            <Typography variant="body2" color="textSecondary">
              {t('imports.dropHint')}
            </Typography>
          </Box>
        )}
        {state.phase === 'rejected' && (
          <Box mt={2}>
            <Typography className={classes.error} role="alert">
              {t('imports.wrongType', { file: state.fileName })}
            </Typography>
          </Box>
        )}
        {state.phase === 'uploadFailed' && (
          <Box mt={2}>
            <Typography className={classes.error} role="alert">
              {t('imports.uploadFailed', {
                file: state.fileName,
                reason: state.message,
              })}
            </Typography>
          </Box>
        )}
        {state.phase === 'uploading' && (
          <Box data-testid="finops-upload-progress">
            <Box className={classes.row} mb={1}>
              <Typography variant="body1">
                {t('imports.uploading', { file: state.fileName })}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {t('imports.uploadedBytes', {
                  loaded: formatBytes(state.loaded),
                  total: formatBytes(state.total),
                })}
              </Typography>
              <span style={{ flexGrow: 1 }} />
              <Button size="small" onClick={() => upload.current?.abort()}>
                {t('imports.cancel')}
              </Button>
            </Box>
            <LinearProgress
              className={classes.bar}
              variant="determinate"
              value={
                state.total > 0
                  ? Math.min(
                      100,
                      Math.round((state.loaded / state.total) * 100),
                    )
                  : 0
              }
              aria-label={t('imports.uploadProgressLabel', {
                file: state.fileName,
              })}
            />
          </Box>
        )}
        {state.phase === 'importing' && (
          <Box mt={busy ? 0 : 2} data-testid="finops-upload-import">
            <Box className={classes.row} mb={1}>
              <ImportStatusChip status={state.item.status} />
              <Typography variant="body1">
                {t(`imports.uploadPhase.${state.item.status}`, {
                  file: state.item.fileName,
                })}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {t('imports.rowsRead', {
                  rows: formatCount(state.item.rowsRead),
                })}
              </Typography>
            </Box>
            <ImportProgress item={state.item} />
            {state.item.status === 'succeeded' && (
              <Typography variant="body2" data-testid="finops-upload-periods">
                {t('imports.replacedPeriods', {
                  periods: (state.item.billingPeriods ?? []).join(', ') || '–',
                })}
              </Typography>
            )}
            <ImportError error={state.item.error} />
          </Box>
        )}
      </Box>
    </InfoCard>
  );
}

function describeUploadError(
  error: Error,
  t: TranslationFunction<typeof finopsTranslationRef.T>,
): string {
  if (!ResponseError.is(error)) {
    return error.message;
  }
  const serverMessage = error.cause.message;
  switch (error.statusCode) {
    case 413:
      return t('imports.tooLarge', { detail: serverMessage });
    case 429:
      return t('imports.tooManyPending', { detail: serverMessage });
    case 403:
      return t('imports.uploadForbidden');
    case 401:
      return t('errors.unauthenticated.title');
    default:
      return serverMessage || `${error.statusCode}`;
  }
}
