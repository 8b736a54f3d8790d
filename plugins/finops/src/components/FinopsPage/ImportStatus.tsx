import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { FinopsImport } from '@backstage-finops/plugin-finops-common';
import { finopsTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  succeeded: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  running: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  queued: {},
  bar: { height: 8, borderRadius: 4, minWidth: 80 },
  error: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    color: theme.palette.error.main,
  },
}));

/** Whether an import is still to finish. */
export function isActive(item: FinopsImport): boolean {
  return item.status === 'queued' || item.status === 'running';
}

/** An import's status as a coloured chip. */
export function ImportStatusChip(props: { status: FinopsImport['status'] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <Chip
      size="small"
      label={t(`imports.status.${props.status}`)}
      className={classes[props.status]}
      data-testid="finops-import-status"
      data-status={props.status}
    />
  );
}

/**
 * An import's progress: a determinate bar when the input's size is known,
 * an indeterminate one while it runs without, full when it succeeded.
 */
export function ImportProgress(props: { item: FinopsImport }) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { item } = props;
  const progress = item.status === 'succeeded' ? 1 : item.progress ?? undefined;
  const label = t('imports.progressLabel', { file: item.fileName });
  if (item.status === 'failed') {
    return null;
  }
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Box flexGrow={1}>
        <LinearProgress
          className={classes.bar}
          variant={
            progress === undefined && item.status === 'running'
              ? 'indeterminate'
              : 'determinate'
          }
          value={Math.round((progress ?? 0) * 100)}
          aria-label={label}
        />
      </Box>
      <Typography variant="caption" component="span">
        {progress === undefined ? '' : `${Math.round(progress * 100)}%`}
      </Typography>
    </Box>
  );
}

/** A failed import's error, with the file, line and column it names. */
export function ImportError(props: { error: string | null | undefined }) {
  const classes = useStyles();
  if (!props.error) {
    return null;
  }
  return (
    <Typography
      variant="body2"
      component="p"
      className={classes.error}
      data-testid="finops-import-error"
    >
      {props.error}
    </Typography>
  );
}
