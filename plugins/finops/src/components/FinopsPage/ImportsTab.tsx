import { useCallback, useEffect, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import type { FinopsImport } from '@backstage-finops/plugin-finops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef, type FinopsApi } from '../../api';
import { csvFileName } from '../../lib/csvExport';
import { formatBytes, formatCount, formatMoney } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { CsvButton } from '../shared/CsvButton';
import { When } from './FreshnessCard';
import {
  ImportError,
  ImportProgress,
  ImportStatusChip,
  isActive,
} from './ImportStatus';
import { UploadCard } from './UploadCard';

/** How often the lists refresh while an import runs. */
export const IMPORTS_POLL_MS = 2000;

/** Imports listed. */
const IMPORTS_LIMIT = 100;

type Source = Awaited<ReturnType<FinopsApi['listSources']>>['items'][number];

const useStyles = makeStyles(theme => ({
  cell: { verticalAlign: 'top' },
  file: { overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
  periods: { maxWidth: 220 },
  progress: { minWidth: 140 },
  message: { marginLeft: theme.spacing(1) },
}));

/**
 * The Imports tab (for sources admins): upload a FOCUS file, run a
 * scheduled source now, and every import with its status, progress, rows,
 * the billing periods it replaced and, when it failed, its located error.
 * Refreshes while any import is queued or running.
 */
export function ImportsTab(props: {
  /** How often lists and a running upload are refreshed; for tests. */
  pollIntervalMs?: number;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const imports = useAsyncRetry(
    () => finopsApi.listImports({ limit: IMPORTS_LIMIT }),
    [finopsApi],
  );
  const sources = useAsyncRetry(() => finopsApi.listSources(), [finopsApi]);
  const [items, setItems] = useState<FinopsImport[] | undefined>(undefined);
  const [sourceItems, setSourceItems] = useState<Source[] | undefined>(
    undefined,
  );
  useEffect(() => {
    if (imports.value) {
      setItems(imports.value.items);
    }
  }, [imports.value]);
  useEffect(() => {
    if (sources.value) {
      setSourceItems(sources.value.items);
    }
  }, [sources.value]);

  const { retry: retryImports } = imports;
  const { retry: retrySources } = sources;
  const refresh = useCallback(() => {
    retryImports();
    retrySources();
  }, [retryImports, retrySources]);

  // While anything runs, ask again every few seconds.
  const anyActive =
    (items ?? []).some(isActive) ||
    (sourceItems ?? []).some(
      source => source.lastImport && isActive(source.lastImport),
    );
  useEffect(() => {
    if (!anyActive || imports.loading) {
      return undefined;
    }
    const timer = setTimeout(refresh, props.pollIntervalMs ?? IMPORTS_POLL_MS);
    return () => clearTimeout(timer);
  }, [anyActive, imports.loading, refresh, items, props.pollIntervalMs]);

  return (
    <Grid container spacing={3} data-testid="finops-imports">
      <Grid item xs={12} md={6}>
        <UploadCard
          onImportChanged={refresh}
          pollIntervalMs={props.pollIntervalMs}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <SourcesCard
          sources={sourceItems}
          error={sources.error}
          onRetry={retrySources}
          onRun={refresh}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('imports.listTitle')}
          subheader={
            anyActive
              ? t('imports.listSubheaderRunning')
              : t('imports.listSubheader')
          }
          action={
            <CsvButton
              what={t('imports.listTitle')}
              fileName={csvFileName(['imports'])}
              disabled={!items || items.length === 0}
              table={() => ({
                header: [
                  'id',
                  'sourceId',
                  'status',
                  'fileName',
                  'rowsRead',
                  'bytesRead',
                  'bytesTotal',
                  'progress',
                  'billingPeriods',
                  'error',
                  'apiRequests',
                  'apiPages',
                  'apiCostUsd',
                  'createdAt',
                  'startedAt',
                  'finishedAt',
                ],
                rows: (items ?? []).map(item => [
                  item.id,
                  item.sourceId,
                  item.status,
                  item.fileName,
                  item.rowsRead,
                  item.bytesRead,
                  item.bytesTotal ?? null,
                  item.progress ?? null,
                  (item.billingPeriods ?? []).join(' '),
                  item.error ?? null,
                  item.apiRequests?.requests ?? null,
                  item.apiRequests?.pages ?? null,
                  item.apiRequests?.estimatedCostUsd ?? null,
                  item.createdAt,
                  item.startedAt ?? null,
                  item.finishedAt ?? null,
                ]),
              })}
            />
          }
        >
          {imports.error && !items && (
            <CostErrorPanel
              error={imports.error}
              entityRef={t('imports.listTitle')}
              onRetry={retryImports}
            />
          )}
          {!imports.error && !items && <Progress />}
          {items && items.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              {t('imports.none')}
            </Typography>
          )}
          {items && items.length > 0 && (
            <Table size="small" aria-label={t('imports.listTitle')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('imports.statusColumn')}</TableCell>
                  <TableCell>{t('imports.fileColumn')}</TableCell>
                  <TableCell>{t('imports.progressColumn')}</TableCell>
                  <TableCell align="right">{t('imports.rowsColumn')}</TableCell>
                  <TableCell>{t('imports.periodsColumn')}</TableCell>
                  <TableCell>{t('imports.startedColumn')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(item => (
                  <TableRow
                    key={item.id}
                    data-testid="finops-import-row"
                    data-import-id={item.id}
                  >
                    <TableCell className={classes.cell}>
                      <ImportStatusChip status={item.status} />
                    </TableCell>
                    <TableCell className={`${classes.cell} ${classes.file}`}>
                      {item.fileName}
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {item.sourceId === 'upload'
                          ? t('overview.uploads')
                          : t('imports.fromSource', { source: item.sourceId })}
                        {item.bytesTotal
                          ? ` · ${formatBytes(item.bytesTotal)}`
                          : ''}
                      </Typography>
                      <ImportError error={item.error} />
                    </TableCell>
                    <TableCell
                      className={`${classes.cell} ${classes.progress}`}
                    >
                      <ImportProgress item={item} />
                    </TableCell>
                    <TableCell align="right" className={classes.cell}>
                      {formatCount(item.rowsRead)}
                      {item.apiRequests && (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="div"
                          data-testid="finops-import-api-requests"
                        >
                          {t('imports.apiRequests', {
                            requests: formatCount(item.apiRequests.requests),
                            pages: formatCount(item.apiRequests.pages),
                            cost: formatMoney(
                              item.apiRequests.estimatedCostUsd,
                              'USD',
                            ),
                          })}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell className={`${classes.cell} ${classes.periods}`}>
                      {(item.billingPeriods ?? []).length > 0
                        ? formatPeriods(item.billingPeriods ?? [])
                        : '–'}
                    </TableCell>
                    <TableCell className={`${classes.cell} ${classes.nowrap}`}>
                      <When iso={item.startedAt ?? item.createdAt} none="–" />
                      {item.finishedAt && item.startedAt && (
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="div"
                        >
                          {t('imports.took', {
                            seconds: formatSeconds(
                              item.startedAt,
                              item.finishedAt,
                            ),
                          })}
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** Billing periods as months: `Dec 2025 – Dec 2026 (13)` for a long run. */
function formatPeriods(periods: string[]): string {
  const sorted = [...periods].sort();
  const month = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  if (sorted.length <= 3) {
    return sorted.map(month).join(', ');
  }
  return `${month(sorted[0])} – ${month(sorted[sorted.length - 1])} (${
    sorted.length
  })`;
}

function formatSeconds(from: string, to: string): string {
  const seconds = (Date.parse(to) - Date.parse(from)) / 1000;
  return seconds >= 10 ? seconds.toFixed(0) : seconds.toFixed(1);
}

/** The scheduled sources, each with its last import and a Run now button. */
function SourcesCard(props: {
  sources?: Source[];
  error?: Error;
  onRetry: () => void;
  onRun: () => void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const [running, setRunning] = useState<string | undefined>(undefined);
  const [messages, setMessages] = useState<Record<string, string>>({});

  const run = async (id: string) => {
    setRunning(id);
    try {
      await finopsApi.runSource({ id });
      setMessages(previous => ({ ...previous, [id]: t('imports.runStarted') }));
    } catch (error) {
      const message =
        ResponseError.is(error) && error.statusCode === 409
          ? t('imports.alreadyRunning')
          : t('imports.runFailed', {
              reason: ResponseError.is(error)
                ? error.cause.message || String(error.statusCode)
                : (error as Error).message,
            });
      setMessages(previous => ({ ...previous, [id]: message }));
    } finally {
      setRunning(undefined);
      props.onRun();
    }
  };

  let body: JSX.Element;
  if (props.error && !props.sources) {
    body = (
      <CostErrorPanel
        error={props.error}
        entityRef={t('imports.sourcesTitle')}
        onRetry={props.onRetry}
      />
    );
  } else if (!props.sources) {
    body = <Progress />;
  } else if (props.sources.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('imports.noSources')}
      </Typography>
    );
  } else {
    body = (
      <Table size="small" aria-label={t('imports.sourcesTitle')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('overview.sourceColumn')}</TableCell>
            <TableCell>{t('imports.lastImportColumn')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {props.sources.map(source => {
            const last = source.lastImport;
            const active = last ? isActive(last) : false;
            return (
              <TableRow key={source.id} data-testid="finops-source-row">
                <TableCell className={classes.cell}>
                  <Typography variant="body2">{source.id}</Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    className={classes.file}
                    component="div"
                  >
                    {source.type}
                    {source.description ? ` · ${source.description}` : ''}
                  </Typography>
                </TableCell>
                <TableCell className={classes.cell}>
                  {last ? (
                    <>
                      <Box
                        display="flex"
                        alignItems="center"
                        gridGap={8}
                        className={classes.nowrap}
                      >
                        <ImportStatusChip status={last.status} />
                        <When
                          iso={
                            last.finishedAt ?? last.startedAt ?? last.createdAt
                          }
                          none="–"
                        />
                      </Box>
                      {active ? (
                        <Box mt={1}>
                          <ImportProgress item={last} />
                        </Box>
                      ) : (
                        <Typography variant="caption" color="textSecondary">
                          {t('imports.rowsRead', {
                            rows: formatCount(last.rowsRead),
                          })}
                        </Typography>
                      )}
                      <ImportError error={last.error} />
                    </>
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      {t('overview.never')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell
                  align="right"
                  className={`${classes.cell} ${classes.nowrap}`}
                >
                  <Button
                    variant="outlined"
                    size="small"
                    startIcon={<PlayArrowIcon />}
                    disabled={running === source.id || active}
                    onClick={() => run(source.id)}
                    aria-label={t('imports.runNowLabel', { source: source.id })}
                  >
                    {t('imports.runNow')}
                  </Button>
                  {messages[source.id] && (
                    <Typography
                      variant="caption"
                      component="div"
                      role="status"
                      data-testid="finops-run-message"
                    >
                      {messages[source.id]}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }
  return (
    <InfoCard
      title={t('imports.sourcesTitle')}
      subheader={t('imports.sourcesSubheader')}
    >
      {body}
    </InfoCard>
  );
}
