import { useState } from 'react';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatDateTime,
  formatMoney,
  formatRelativeTime,
} from '../../lib/format';
import { formatDay } from '../../lib/periods';
import {
  shortResourceName,
  TIP_VIEWS,
  type Tip,
  type TipView,
} from '../../lib/tips';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { refusalReason } from '../shared/refusalReason';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';
import { TipDecisionDialog } from './TipDecisionDialog';
import { useTips } from './useTips';

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  saving: { fontWeight: 700, whiteSpace: 'nowrap', fontSize: '1.05rem' },
  title: { fontWeight: 600 },
  resources: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: theme.spacing(0.5, 0),
  },
  method: { color: theme.palette.text.secondary, display: 'block' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  failure: { color: theme.palette.error.main, display: 'block' },
  realized: { fontWeight: 600 },
  gained: { color: theme.palette.success.main },
  lost: { color: theme.palette.error.main },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    marginBottom: theme.spacing(1),
  },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
}));

/** Props of {@link TipsCard}. */
export interface TipsCardProps {
  /** The entity whose tips (rolled up) are listed; the organisation's when left out. */
  entityRef?: string;
  /** Where the Cost tab is mounted, for the rows of a rollup's members. */
  costTabPath?: string;
}

/**
 * What can be done to spend less: the tips of an entity (a rollup's, with
 * the member each is on) or of the organisation, largest saving first, each
 * with the resources it is about, its estimated monthly saving and how it
 * was estimated, effort and risk, and buttons to mark it done, snooze it
 * until a day or dismiss it with a reason. Done tips show what they saved.
 */
export function TipsCard(props: TipsCardProps) {
  const { entityRef } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const [view, setView] = useState<TipView>('open');
  const [asking, setAsking] = useState<{
    tip: Tip;
    kind: 'dismissed' | 'snoozed';
  }>();
  const state = useTips(entityRef, view);
  const response = state.value;
  const tips = response?.tips ?? [];
  const showEntity =
    !entityRef || tips.some(tip => tip.entityRef !== entityRef);
  const titleOf = useEntityTitles([
    ...tips.flatMap(tip => (tip.entityRef ? [tip.entityRef] : [])),
    ...tips.flatMap(tip => (tip.decision ? [tip.decision.by] : [])),
  ]);
  const linkOf = useEntityCostLink(props.costTabPath);

  let content: JSX.Element;
  if (state.error) {
    content = (
      <CostErrorPanel
        error={state.error}
        entityRef={entityRef ?? ''}
        onRetry={state.retry}
      />
    );
  } else if (!response) {
    content = <Progress />;
  } else {
    const total = response.totalEstimatedMonthlySavings;
    content = (
      <>
        {view === 'open' && tips.length > 0 && (
          <Typography variant="body1" paragraph data-testid="finops-tips-total">
            {t('tips.total', {
              amount: formatMoney(total.amount, total.currency),
              count: tips.length,
            })}
            {response.otherCurrencyTotals
              .map(other => ` + ${formatMoney(other.amount, other.currency)}`)
              .join('')}
          </Typography>
        )}
        {tips.length === 0 ? (
          <Typography variant="body1" paragraph data-testid="finops-tips-empty">
            {t(`tips.none.${view}`)}
          </Typography>
        ) : (
          <Table size="small" aria-label={t('tips.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell align="right">{t('tips.savingColumn')}</TableCell>
                <TableCell>{t('tips.tipColumn')}</TableCell>
                {showEntity && <TableCell>{t('tips.entityColumn')}</TableCell>}
                <TableCell>{t('tips.effortColumn')}</TableCell>
                <TableCell>{t('tips.decisionColumn')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tips.map(tip => (
                <TipRow
                  key={tip.id}
                  tip={tip}
                  showEntity={showEntity}
                  titleOf={titleOf}
                  link={tip.entityRef ? linkOf(tip.entityRef) : undefined}
                  pending={state.pending === tip.id}
                  failure={
                    state.failure?.id === tip.id
                      ? state.failure.error
                      : undefined
                  }
                  onDone={() => state.decide(tip.id, { status: 'done' })}
                  onReopen={() => state.decide(tip.id, { status: 'open' })}
                  onAsk={kind => setAsking({ tip, kind })}
                />
              ))}
            </TableBody>
          </Table>
        )}
        <Box mt={1}>
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="finops-tips-checked"
          >
            {response.evaluatedAt
              ? t('tips.checked', {
                  when: formatRelativeTime(response.evaluatedAt),
                })
              : t('tips.notChecked')}
          </Typography>
          {response.hiddenEntityCount > 0 && (
            <Typography variant="body2" color="textSecondary">
              {t('tips.hiddenEntities', { count: response.hiddenEntityCount })}
            </Typography>
          )}
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title={t('tips.title')}
      subheader={
        entityRef ? t('tips.subheader') : t('tips.subheaderOrganisation')
      }
    >
      <Box
        data-testid="finops-tips-card"
        className={state.loading && response ? classes.stale : undefined}
      >
        <Box className={classes.toolbar}>
          <TextField
            select
            size="small"
            variant="outlined"
            label={t('tips.show')}
            value={view}
            onChange={event => setView(event.target.value as TipView)}
            SelectProps={{
              SelectDisplayProps: {
                'data-testid': 'finops-tips-view',
              } as object,
            }}
          >
            {TIP_VIEWS.map(option => (
              <MenuItem key={option} value={option}>
                {t(`tips.views.${option}`)}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        {content}
      </Box>
      {asking && (
        <TipDecisionDialog
          tip={asking.tip}
          kind={asking.kind}
          onClose={() => setAsking(undefined)}
          onDecide={decision => state.decide(asking.tip.id, decision)}
        />
      )}
    </InfoCard>
  );
}

function TipRow(props: {
  tip: Tip;
  showEntity: boolean;
  titleOf: (ref: string) => string;
  link?: string;
  pending: boolean;
  failure?: Error;
  onDone: () => void;
  onReopen: () => void;
  onAsk: (kind: 'dismissed' | 'snoozed') => void;
}) {
  const { tip, pending } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const saving = tip.estimatedMonthlySavings;
  const realized = tip.realizedSavings;
  const entityName = tip.entityRef
    ? props.titleOf(tip.entityRef)
    : t('tips.unallocated');
  return (
    <TableRow
      data-testid="finops-tip-row"
      data-tip-id={tip.id}
      data-rule={tip.rule}
      data-status={tip.status}
    >
      <TableCell align="right">
        <Box className={classes.saving}>
          {formatMoney(saving.amount, saving.currency)}
        </Box>
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.nowrap}
        >
          {t('tips.perMonth')}
        </Typography>
      </TableCell>
      <TableCell>
        <Typography variant="body2" className={classes.title}>
          {tip.title}
        </Typography>
        <Typography variant="body2">{tip.description}</Typography>
        <Box className={classes.resources}>
          {tip.resources.slice(0, 6).map(resource => (
            <Chip
              key={resource.resourceId}
              size="small"
              variant="outlined"
              label={shortResourceName(resource.resourceId)}
              title={`${resource.resourceId} (${resource.serviceName})`}
            />
          ))}
          {tip.resources.length > 6 && (
            <Chip
              size="small"
              label={t('tips.moreResources', {
                count: tip.resources.length - 6,
              })}
            />
          )}
        </Box>
        <Typography variant="caption" className={classes.method}>
          {t('tips.method', { method: tip.method })}
        </Typography>
        {realized && (
          <Typography
            variant="body2"
            className={classes.realized}
            data-testid="finops-tip-realized"
          >
            <span
              className={
                Number(realized.amount) >= 0 ? classes.gained : classes.lost
              }
            >
              {t('tips.realized', {
                amount: formatMoney(realized.amount, realized.currency, {
                  signed: true,
                }),
                before: formatMoney(realized.perDayBefore, realized.currency),
                after: formatMoney(realized.perDayAfter, realized.currency),
                daysBefore: String(realized.daysBefore),
                daysAfter: String(realized.daysAfter),
              })}
            </span>
          </Typography>
        )}
        {tip.status === 'done' && !realized && (
          <Typography variant="caption" color="textSecondary" component="div">
            {t('tips.realizedPending')}
          </Typography>
        )}
      </TableCell>
      {props.showEntity && (
        <TableCell className={classes.nowrap}>
          {props.link ? <Link to={props.link}>{entityName}</Link> : entityName}
        </TableCell>
      )}
      <TableCell className={classes.nowrap}>
        <Typography variant="body2">
          {t('tips.effort', { level: t(`tips.levels.${tip.effort}`) })}
        </Typography>
        <Typography variant="body2">
          {t('tips.risk', { level: t(`tips.levels.${tip.risk}`) })}
        </Typography>
      </TableCell>
      <TableCell>
        {tip.decision && tip.status !== 'open' && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            data-testid="finops-tip-decision"
          >
            {t(`tips.decided.${tip.status}`, {
              who: props.titleOf(tip.decision.by),
              when: formatDateTime(tip.decision.at),
              until: tip.decision.until ? formatDay(tip.decision.until) : '',
            })}
            {tip.decision.reason && ` — “${tip.decision.reason}”`}
          </Typography>
        )}
        <Box className={classes.buttons}>
          {tip.status === 'open' ? (
            <>
              <Button
                size="small"
                variant="outlined"
                color="primary"
                disabled={pending}
                onClick={props.onDone}
              >
                {t('tips.markDone')}
              </Button>
              <Button
                size="small"
                variant="outlined"
                disabled={pending}
                onClick={() => props.onAsk('snoozed')}
              >
                {t('tips.snooze')}
              </Button>
              <Button
                size="small"
                variant="outlined"
                disabled={pending}
                onClick={() => props.onAsk('dismissed')}
              >
                {t('tips.dismiss')}
              </Button>
            </>
          ) : (
            <Button
              size="small"
              variant="outlined"
              disabled={pending}
              onClick={props.onReopen}
            >
              {t('tips.reopen')}
            </Button>
          )}
        </Box>
        {props.failure && (
          <Typography
            variant="caption"
            role="alert"
            className={classes.failure}
            data-testid="finops-tip-error"
          >
            {t('tips.decisionFailed', {
              reason: refusalReason(props.failure, t('tips.forbidden')),
            })}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}
