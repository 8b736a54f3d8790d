import { useState } from 'react';
import { CodeSnippet, InfoCard, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import EditIcon from '@material-ui/icons/Edit';
import {
  moneyFromDecimal,
  percentOf,
} from '@backstage-finops/plugin-finops-common';
import { formatDateTime, formatMoney, formatShare } from '../../lib/format';
import { budgetMargin, formatMonth } from '../../lib/operate';
import { formatDay } from '../../lib/periods';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { useEntityTitles } from '../shared/useEntityTitles';
import { BudgetBar } from './BudgetBar';
import {
  MONTHLY_BUDGET_ANNOTATION,
  RemoveBudgetDialog,
  SetBudgetDialog,
} from './BudgetDialogs';
import { BudgetStatusChip } from './BudgetStatusChip';
import type { BudgetState } from './useBudget';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  status: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  headline: {
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
}));

/** Props of {@link BudgetCard}. */
export interface BudgetCardProps {
  entityRef: string;
  /** What `useBudget` holds for the entity (shared with a team's table). */
  state: BudgetState;
}

/**
 * The entity's budget for the current month: its status as a chip and
 * what it rests on, month-to-date against the budget as a bar with the
 * month-end forecast and its 80 % interval, where the budget comes from
 * (the annotation, or who set it and when), for a rollup the members'
 * budgets beside its own; "Set budget" (and "Remove" for a budget set
 * through the API). Without a budget, how to add one.
 */
export function BudgetCard(props: BudgetCardProps) {
  const { entityRef, state } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const [dialog, setDialog] = useState<'set' | 'remove' | undefined>();
  const response = state.value;
  const titleOf = useEntityTitles(
    [entityRef, response?.budget?.updatedBy ?? ''].filter(Boolean),
  );
  const month = response?.month;
  const budget = response?.budget;

  const afterChange = () => {
    setDialog(undefined);
    state.retry();
  };

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
      <Box className={state.loading ? classes.stale : undefined}>
        {budget ? (
          <BudgetFigures state={state} titleOf={titleOf} />
        ) : (
          <NoBudget state={state} />
        )}
        <MembersBudget state={state} />
        {response.hiddenEntityCount > 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('budget.hiddenEntities', {
              count: response.hiddenEntityCount,
            })}
          </Typography>
        )}
      </Box>
    );
  }

  return (
    <InfoCard
      title={t('budget.title')}
      subheader={
        month ? t('budget.subheader', { month: formatMonth(month) }) : undefined
      }
      action={
        response && month ? (
          <Box className={classes.actions}>
            <Button
              variant="outlined"
              size="small"
              startIcon={<EditIcon />}
              onClick={() => setDialog('set')}
            >
              {budget ? t('budget.change') : t('budget.set')}
            </Button>
            {budget?.source === 'api' && (
              <Button
                size="small"
                onClick={() => setDialog('remove')}
                data-testid="finops-budget-remove"
              >
                {t('budget.remove')}
              </Button>
            )}
          </Box>
        ) : undefined
      }
    >
      <Box data-testid="finops-budget-card">{content}</Box>
      {response && month && (
        <>
          <SetBudgetDialog
            open={dialog === 'set'}
            onClose={() => setDialog(undefined)}
            onSaved={afterChange}
            entityRef={entityRef}
            entityTitle={titleOf(entityRef)}
            month={month}
            initialAmount={budget?.amount}
            initialCurrency={
              budget?.currency ?? response.monthToDate.currency ?? 'USD'
            }
          />
          <RemoveBudgetDialog
            open={dialog === 'remove'}
            onClose={() => setDialog(undefined)}
            onRemoved={afterChange}
            entityRef={entityRef}
            month={month}
          />
        </>
      )}
    </InfoCard>
  );
}

/** The status, month-to-date of the budget, the bar and where the budget comes from. */
function BudgetFigures(props: {
  state: BudgetState;
  titleOf: (ref: string) => string;
}) {
  const response = props.state.value!;
  const budget = response.budget!;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { monthToDate, status, forecast } = response;
  const sameCurrency = monthToDate.currency === budget.currency;
  const margin = budgetMargin(response);
  const money = (amount: string) => formatMoney(amount, budget.currency);
  let reason: string | undefined;
  if (status && margin !== undefined) {
    const key =
      status === 'on-track' && !forecast ? 'on-track-no-forecast' : status;
    reason = t(`budget.statusReason.${key}`, { amount: money(margin) });
  }
  const used = sameCurrency
    ? percentOf(
        moneyFromDecimal(monthToDate.amount),
        moneyFromDecimal(budget.amount),
      )
    : null;
  return (
    <>
      {status && (
        <Box className={classes.status} mb={2}>
          <BudgetStatusChip status={status} />
          {reason && (
            <Typography variant="body2" data-testid="finops-budget-reason">
              {reason}
            </Typography>
          )}
        </Box>
      )}
      <Typography
        variant="h4"
        component="p"
        className={classes.headline}
        data-testid="finops-budget-headline"
      >
        {t('budget.ofBudget', {
          amount: formatMoney(monthToDate.amount, monthToDate.currency),
          budget: money(budget.amount),
        })}
      </Typography>
      {used !== null && response.dataThrough && (
        <Typography variant="body2" color="textSecondary">
          {t('budget.used', {
            percent: formatShare(used),
            day: formatDay(response.dataThrough),
          })}
        </Typography>
      )}
      {sameCurrency ? (
        <BudgetBar response={response} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          {t('budget.otherCurrency', {
            budgetCurrency: budget.currency,
            costCurrency: monthToDate.currency,
          })}
        </Typography>
      )}
      <Box mt={1.5}>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="finops-budget-source"
        >
          {budget.source === 'annotation' || !budget.updatedBy
            ? t('budget.fromAnnotation', {
                annotation: MONTHLY_BUDGET_ANNOTATION,
              })
            : t('budget.setBy', {
                who: props.titleOf(budget.updatedBy),
                when: budget.updatedAt ? formatDateTime(budget.updatedAt) : '—',
              })}
        </Typography>
      </Box>
    </>
  );
}

/** Without a budget: what the month stands at, and how to add one. */
function NoBudget(props: { state: BudgetState }) {
  const response = props.state.value!;
  const { t } = useTranslationRef(finopsTranslationRef);
  const { monthToDate, forecast } = response;
  const money = (amount: string) => formatMoney(amount, monthToDate.currency);
  return (
    <Box data-testid="finops-budget-empty">
      <Typography variant="h6" component="p">
        {t('budget.emptyTitle', { month: formatMonth(response.month) })}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {forecast
          ? t('budget.emptyMonthToDate', {
              amount: money(monthToDate.amount),
              forecast: money(forecast.amount),
            })
          : t('budget.emptyMonthToDateNoForecast', {
              amount: money(monthToDate.amount),
            })}
      </Typography>
      <Typography variant="body2">{t('budget.emptyHowTo')}</Typography>
      <Box mt={1}>
        <CodeSnippet
          language="yaml"
          text={`metadata:\n  annotations:\n    ${MONTHLY_BUDGET_ANNOTATION}: "1200 USD"`}
        />
      </Box>
    </Box>
  );
}

/** For a rollup: the sum of its members' budgets, beside its own. */
function MembersBudget(props: { state: BudgetState }) {
  const response = props.state.value!;
  const { t } = useTranslationRef(finopsTranslationRef);
  const others = response.membersBudgetOtherCurrencies ?? 0;
  if (!response.membersBudget && others === 0) {
    return null;
  }
  return (
    <Box mt={1} data-testid="finops-members-budget">
      {response.membersBudget && (
        <Typography variant="body2">
          {t('budget.membersBudget', {
            amount: formatMoney(
              response.membersBudget.amount,
              response.membersBudget.currency,
            ),
          })}
        </Typography>
      )}
      {others > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('budget.membersOtherCurrencies', { count: others })}
        </Typography>
      )}
    </Box>
  );
}
