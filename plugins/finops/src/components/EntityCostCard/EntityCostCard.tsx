import { useMemo } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { DEFAULT_PERIOD, PeriodId, resolvePeriod } from '../../lib/periods';
import { chartCsvTable, isEmptyCost } from '../../lib/costData';
import { csvFileName } from '../../lib/csvExport';
import { refName } from '../../lib/entityRefs';
import { CsvButton } from '../shared/CsvButton';
import { formatMoney } from '../../lib/format';
import { formatMonth } from '../../lib/operate';
import { CostChange } from '../shared/CostChange';
import { DataThrough } from '../shared/DataThrough';
import { CostSparkline } from '../shared/CostChart';
import { CompactCostEmptyState } from '../shared/CostEmptyState';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { useCostReport } from '../shared/useCostReport';
import { BudgetStatusChip, useBudget } from '../Budget';
import { finopsTranslationRef } from '../../translation';

/** Props of {@link EntityCostCard}. */
export interface EntityCostCardProps {
  /**
   * Where the card's link leads, relative to the entity page: the path the
   * Cost tab is mounted at. `cost` unless given; `false` hides the link.
   */
  costTabPath?: string | false;
  /**
   * The period the card shows (it has no period switch); `30d` unless given.
   * The period ends at the last day with data.
   */
  defaultPeriod?: PeriodId;
}

/**
 * The entity overview card: the cost of the last 30 days with data (or of
 * another period), its change against the period before, a sparkline, and
 * when the entity has a budget this month its status.
 */
export function EntityCostCard(props: EntityCostCardProps) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const periodId = props.defaultPeriod ?? DEFAULT_PERIOD;
  const period = useMemo(() => resolvePeriod(periodId), [periodId]);
  const state = useCostReport({
    entityRef,
    from: period.from,
    to: period.to,
    granularity: period.granularity,
    endAtData: true,
  });
  const costTabPath = props.costTabPath ?? 'cost';
  // The budget is an extra here: without one, or when it cannot be read, nothing shows.
  const budget = useBudget(entityRef).value;

  let body: JSX.Element;
  if (state.error) {
    body = (
      <CostErrorPanel
        error={state.error}
        entityRef={entityRef}
        onRetry={state.retry}
      />
    );
  } else if (!state.value) {
    body = <Progress />;
  } else if (isEmptyCost(state.value)) {
    body = (
      <CompactCostEmptyState
        entity={entity}
        periodLabel={t(`periods.${periodId}`)}
        attributionTagKeys={state.value.attributionTagKeys}
      />
    );
  } else {
    const response = state.value;
    body = (
      <>
        <Typography variant="h4" component="p" data-testid="finops-card-total">
          {formatMoney(response.total.amount, response.currency)}
        </Typography>
        <Box mt={0.5}>
          <CostChange
            response={response}
            comparedTo={t(`previousPeriods.${periodId}`)}
            variant="body2"
          />
        </Box>
        {budget?.budget && budget.status && (
          <Box
            mt={1.5}
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            gridGap={8}
            data-testid="finops-card-budget"
          >
            <BudgetStatusChip status={budget.status} size="small" />
            <Typography variant="body2" color="textSecondary">
              {t('entityCard.budget', {
                amount: formatMoney(
                  budget.monthToDate.amount,
                  budget.monthToDate.currency,
                ),
                budget: formatMoney(
                  budget.budget.amount,
                  budget.budget.currency,
                ),
                month: formatMonth(budget.month),
              })}
            </Typography>
          </Box>
        )}
        <Box mt={2}>
          <CostSparkline response={response} />
        </Box>
        <DataThrough response={response} />
      </>
    );
  }

  return (
    <InfoCard
      title={t('entityCard.title')}
      subheader={t(`periods.${periodId}`)}
      action={
        state.value && !isEmptyCost(state.value) ? (
          <CsvButton
            what={t('chartCard.csvWhat')}
            fileName={csvFileName([
              refName(entityRef),
              'cost',
              state.value.from,
              state.value.to,
            ])}
            table={() => chartCsvTable(state.value!)}
          />
        ) : undefined
      }
      deepLink={
        costTabPath === false
          ? undefined
          : { title: t('entityCard.deepLinkTitle'), link: costTabPath }
      }
    >
      <Box data-testid="finops-cost-card">{body}</Box>
    </InfoCard>
  );
}
