import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import TrendingDownIcon from '@material-ui/icons/TrendingDown';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import {
  formatChangePercent,
  formatDateTime,
  formatMoney,
  formatRelativeTime,
} from '../../lib/format';
import {
  shortResourceId,
  topContributors,
  type Anomaly,
  type AnomalyVerdict,
} from '../../lib/operate';
import { formatDay } from '../../lib/periods';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { refusalReason } from '../shared/refusalReason';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';
import type { AnomaliesState } from './useAnomalies';

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  spike: { color: theme.palette.error.main },
  dip: { color: theme.palette.success.main },
  direction: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  contributor: { display: 'block', lineHeight: 1.5 },
  dimension: {
    color: theme.palette.text.secondary,
    marginRight: theme.spacing(0.5),
  },
  open: {
    borderColor: '#F9A825',
    color: theme.palette.text.primary,
    fontWeight: 600,
  },
  expected: {
    backgroundColor: theme.palette.action.selected,
    color: theme.palette.text.primary,
  },
  unexpected: {
    backgroundColor: '#C62828',
    color: '#FFFFFF',
    fontWeight: 600,
  },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  failure: { color: theme.palette.error.main, display: 'block' },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
}));

/** Props of {@link AnomaliesCard}. */
export interface AnomaliesCardProps {
  entityRef: string;
  state: AnomaliesState;
  /** e.g. "Last 30 days": the tab's period, which the list covers. */
  periodLabel: string;
  /** Where the Cost tab is mounted, for the rows of a rollup's members. */
  costTabPath?: string;
}

function StatusChip(props: { status: Anomaly['status'] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <Chip
      size="small"
      variant={props.status === 'open' ? 'outlined' : 'default'}
      label={t(`anomalies.status.${props.status}`)}
      className={classes[props.status]}
      data-testid="finops-anomaly-status"
      data-status={props.status}
    />
  );
}

/**
 * The entity's anomalies over the tab's period (a rollup's, with the
 * member each is on): the day, actual against expected, the impact and its
 * ratio, the largest contributors per dimension, the status, and buttons
 * to mark one expected or unexpected, shown at once and undone with the
 * reason when the server refuses. Says when detection last ran.
 */
export function AnomaliesCard(props: AnomaliesCardProps) {
  const { entityRef, state } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const response = state.value;
  const anomalies = response?.anomalies ?? [];
  const rollup = anomalies.some(anomaly => anomaly.entityRef !== entityRef);
  const titleOf = useEntityTitles([
    ...anomalies.map(anomaly => anomaly.entityRef),
    ...anomalies.flatMap(anomaly =>
      anomaly.feedback ? [anomaly.feedback.by] : [],
    ),
  ]);
  const linkOf = useEntityCostLink(props.costTabPath);
  const period = props.periodLabel.toLocaleLowerCase('en-US');

  let content: JSX.Element;
  if (state.error) {
    content = (
      <CostErrorPanel
        error={state.error}
        entityRef={entityRef}
        onRetry={state.retry}
      />
    );
  } else if (!response) {
    content = <Progress />;
  } else {
    content = (
      <>
        {anomalies.length === 0 ? (
          <Typography
            variant="body1"
            paragraph
            data-testid="finops-anomalies-empty"
          >
            {t('anomalies.none', { period })}
          </Typography>
        ) : (
          <Table size="small" aria-label={t('anomalies.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('anomalies.dayColumn')}</TableCell>
                {rollup && <TableCell>{t('anomalies.entityColumn')}</TableCell>}
                <TableCell align="right">
                  {t('anomalies.actualColumn')}
                </TableCell>
                <TableCell align="right">
                  {t('anomalies.impactColumn')}
                </TableCell>
                <TableCell>{t('anomalies.contributorsColumn')}</TableCell>
                <TableCell>{t('anomalies.statusColumn')}</TableCell>
                <TableCell>{t('anomalies.feedbackColumn')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {anomalies.map(anomaly => (
                <AnomalyRow
                  key={anomaly.id}
                  anomaly={anomaly}
                  rollup={rollup}
                  titleOf={titleOf}
                  link={linkOf(anomaly.entityRef)}
                  pending={state.pending.has(anomaly.id)}
                  failure={state.failures.get(anomaly.id)}
                  onFeedback={verdict =>
                    state.giveFeedback(anomaly.id, verdict)
                  }
                />
              ))}
            </TableBody>
          </Table>
        )}
        <Box mt={1}>
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="finops-anomalies-checked"
          >
            {response.evaluatedAt
              ? t('anomalies.checked', {
                  when: formatRelativeTime(response.evaluatedAt),
                })
              : t('anomalies.notChecked')}
          </Typography>
          {response.hiddenEntityCount > 0 && (
            <Typography variant="body2" color="textSecondary">
              {t('anomalies.hiddenEntities', {
                count: response.hiddenEntityCount,
              })}
            </Typography>
          )}
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title={t('anomalies.title')}
      subheader={t('anomalies.subheader', { period: props.periodLabel })}
    >
      <Box
        data-testid="finops-anomalies-card"
        className={state.loading && response ? classes.stale : undefined}
      >
        {content}
      </Box>
    </InfoCard>
  );
}

function AnomalyRow(props: {
  anomaly: Anomaly;
  rollup: boolean;
  titleOf: (ref: string) => string;
  link?: string;
  pending: boolean;
  failure?: Error;
  onFeedback: (verdict: AnomalyVerdict) => void;
}) {
  const { anomaly, pending } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const money = (amount: string, signed = false) =>
    formatMoney(amount, anomaly.currency, { signed });
  const day = formatDay(anomaly.date);
  const DirectionIcon =
    anomaly.direction === 'spike' ? TrendingUpIcon : TrendingDownIcon;
  const verdictButton = (verdict: AnomalyVerdict) => {
    const chosen = anomaly.status === verdict;
    return (
      <Button
        size="small"
        variant={chosen ? 'contained' : 'outlined'}
        color={chosen ? 'primary' : 'default'}
        aria-pressed={chosen}
        disabled={pending}
        aria-label={t('anomalies.markLabel', {
          day,
          verdict: t(`anomalies.status.${verdict}`).toLocaleLowerCase('en-US'),
        })}
        onClick={() => !chosen && props.onFeedback(verdict)}
      >
        {verdict === 'expected'
          ? t('anomalies.markExpected')
          : t('anomalies.markUnexpected')}
      </Button>
    );
  };
  const name = props.titleOf(anomaly.entityRef);
  return (
    <TableRow
      data-testid="finops-anomaly-row"
      data-anomaly-id={anomaly.id}
      data-status={anomaly.status}
    >
      <TableCell>
        <Box className={classes.nowrap}>{day}</Box>
        <Typography
          variant="caption"
          className={`${classes.direction} ${classes[anomaly.direction]}`}
        >
          <DirectionIcon fontSize="inherit" />
          {anomaly.direction === 'spike'
            ? t('anomalies.spike')
            : t('anomalies.dip')}
        </Typography>
      </TableCell>
      {props.rollup && (
        <TableCell className={classes.nowrap}>
          {props.link ? <Link to={props.link}>{name}</Link> : name}
        </TableCell>
      )}
      <TableCell align="right" className={classes.nowrap}>
        {t('anomalies.actualVsExpected', {
          actual: money(anomaly.actual),
          expected: money(anomaly.expected),
        })}
      </TableCell>
      <TableCell align="right" className={classes.nowrap}>
        <Box
          component="span"
          className={classes[anomaly.direction]}
          fontWeight={600}
        >
          {money(anomaly.impact, true)}
        </Box>
        {anomaly.impactRatio !== null && (
          <Typography variant="caption" component="div" color="textSecondary">
            {formatChangePercent(anomaly.impactRatio)}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {topContributors(anomaly).map(({ dimension, items }) => (
          <Typography
            key={dimension}
            variant="body2"
            component="span"
            className={classes.contributor}
          >
            <span className={classes.dimension}>
              {t(`dimensions.${dimension}`)}:
            </span>
            {items.map((item, index) => {
              const key =
                dimension === 'resource' ? shortResourceId(item.key) : item.key;
              return (
                <span
                  key={item.key}
                  title={key === item.key ? undefined : item.key}
                >
                  {index > 0 && ', '}
                  {key} {money(item.impact, true)}
                </span>
              );
            })}
          </Typography>
        ))}
      </TableCell>
      <TableCell>
        <StatusChip status={anomaly.status} />
        {anomaly.feedback && (
          <Typography variant="caption" color="textSecondary" component="div">
            {t('anomalies.feedbackBy', {
              who: props.titleOf(anomaly.feedback.by),
              when: formatDateTime(anomaly.feedback.at),
            })}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <Box className={classes.buttons}>
          {verdictButton('expected')}
          {verdictButton('unexpected')}
        </Box>
        {props.failure && (
          <Typography
            variant="caption"
            role="alert"
            className={classes.failure}
            data-testid="finops-anomaly-feedback-error"
          >
            {t('anomalies.feedbackFailed', {
              reason: refusalReason(
                props.failure,
                t('anomalies.feedbackForbidden'),
              ),
            })}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}
