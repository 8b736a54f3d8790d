import { useEffect, useState } from 'react';
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { daysBetween } from '@backstage-finops/plugin-finops-common';
import { PERIOD_OPTIONS, PeriodId, periodOption } from '../../lib/periods';
import { isEmptyCost } from '../../lib/costData';
import { csvFileName } from '../../lib/csvExport';
import { refName } from '../../lib/entityRefs';
import {
  BREAKDOWN_DIMENSIONS,
  BreakdownDimension,
  breakdownDimensionsFor,
  DEFAULT_BREAKDOWN,
} from '../../lib/dimensions';
import { BreakdownCard } from '../shared/BreakdownCard';
import { ChartCard } from '../shared/ChartCard';
import { CostEmptyState } from '../shared/CostEmptyState';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { PeriodControls } from '../shared/PeriodControls';
import { TotalCard } from '../shared/TotalCard';
import { useCostReport } from '../shared/useCostReport';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';
import { usePeriodParams } from '../shared/usePeriodParams';
import { TeamCostContent, type TeamCostColumn } from '../TeamCost';
import { UnitCostCard, useDeclaredMetrics } from '../UnitCost';
import { BudgetCard, useBudget } from '../Budget';
import { ForecastAccuracyCard, ForecastCard, useForecast } from '../Forecast';
import { AnomaliesCard, useAnomalies } from '../Anomalies';
import { TipsCard } from '../Tips';
import { finopsTranslationRef } from '../../translation';

export type { BreakdownDimension };

function isOneOf<T extends string>(
  values: readonly T[],
  value: string | undefined,
): value is T {
  return values.includes(value as T);
}

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
}));

/** Props of {@link EntityCostContent}. */
export interface EntityCostContentProps {
  /** The period shown first; `30d` unless given. */
  defaultPeriod?: PeriodId;
  /**
   * The breakdown shown first; `service` unless given (and for `entity` on
   * kinds that roll up no other entities' cost).
   */
  defaultBreakdown?: BreakdownDimension;
  /**
   * Where the Cost tab is mounted on entity pages (`cost` unless given), for
   * the links from a team's or system's rows to their entities' Cost tabs.
   */
  costTabPath?: string;
  /**
   * More columns for a team's table of what it owns, after its own (cost,
   * share, change, budget status).
   */
  teamColumns?: TeamCostColumn[];
}

/**
 * The entity Cost tab: total over a period with its change against the
 * previous period, a chart stacked by the top groups with the forecast and
 * the anomalies drawn on it, the month's budget and forecast, the
 * anomalies of the period with feedback, the unit cost of the metrics the
 * entity declares (when it declares any), a breakdown table and the
 * forecasts' past accuracy. On a Group it is the team's view
 * ({@link TeamCostContent}).
 */
export function EntityCostContent(props: EntityCostContentProps) {
  const { entity } = useEntity();
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return (
      <TeamCostContent
        defaultPeriod={props.defaultPeriod}
        defaultBreakdown={props.defaultBreakdown}
        costTabPath={props.costTabPath}
        columns={props.teamColumns}
      />
    );
  }
  return <EntityCostView {...props} />;
}

function EntityCostView(props: EntityCostContentProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const dimensions = breakdownDimensionsFor(entity.kind);
  const view = usePeriodParams(props.defaultPeriod);
  const { params, periodId, period, granularity, currency } = view;
  const defaultBreakdown =
    props.defaultBreakdown && dimensions.includes(props.defaultBreakdown)
      ? props.defaultBreakdown
      : DEFAULT_BREAKDOWN;
  const breakdownParam = params.get('breakdown');
  const breakdown =
    isOneOf(BREAKDOWN_DIMENSIONS, breakdownParam) &&
    dimensions.includes(breakdownParam)
      ? breakdownParam
      : defaultBreakdown;
  const [currencies, setCurrencies] = useState<string[]>([]);
  const option = periodOption(periodId);
  const unitMetrics = useDeclaredMetrics(entityRef);

  const state = useCostReport({
    entityRef,
    from: period.from,
    to: period.to,
    granularity: period.granularity,
    groupBy: breakdown,
    currency,
    endAtData: true,
  });

  useEffect(() => {
    if (state.value) {
      setCurrencies(state.value.currencies);
    }
  }, [state.value]);

  const data = state.value ?? state.previous;
  const budget = useBudget(entityRef);
  const forecast = useForecast(entityRef, data?.currency, Boolean(data));
  const anomalies = useAnomalies(
    entityRef,
    data ? { from: data.from, to: data.to } : undefined,
  );
  const titleOf = useEntityTitles(
    data?.groupBy === 'entity' ? data.groups.map(group => group.key) : [],
  );
  const linkOf = useEntityCostLink(props.costTabPath);
  const shownCurrency = currency ?? data?.currency;

  const toolbar = (
    <Box className={classes.toolbar}>
      <PeriodControls
        period={periodId}
        onPeriodChange={view.setPeriodId}
        granularity={granularity}
        onGranularityChange={view.setGranularity}
        currencies={currencies}
        currency={shownCurrency}
        onCurrencyChange={view.setCurrency}
      />
    </Box>
  );

  let body: JSX.Element;
  if (state.error) {
    body = (
      <CostErrorPanel
        error={state.error}
        entityRef={entityRef}
        onRetry={state.retry}
      />
    );
  } else if (!data) {
    body = <Progress />;
  } else if (isEmptyCost(data)) {
    body = (
      <>
        {state.loading && <Progress />}
        <CostEmptyState
          entity={entity}
          periodLabel={t(`periods.${option.id}`)}
          attributionTagKeys={data.attributionTagKeys}
        />
      </>
    );
  } else {
    // While a new period loads, the previous answer stays, labelled as what it is.
    const shown =
      PERIOD_OPTIONS.find(
        choice => choice.days === daysBetween(data.from, data.to),
      ) ?? option;
    const shownDimension = isOneOf(BREAKDOWN_DIMENSIONS, data.groupBy)
      ? data.groupBy
      : breakdown;
    const dimension = t(`dimensions.${shownDimension}`).toLocaleLowerCase(
      'en-US',
    );
    const byEntity = shownDimension === 'entity';
    body = (
      <>
        {state.loading && <Progress />}
        <Box className={state.loading ? classes.stale : undefined}>
          <Grid container spacing={3} alignItems="stretch">
            <Grid item xs={12} md={4}>
              <TotalCard
                response={data}
                periodLabel={t(`periods.${shown.id}`)}
                comparedTo={t(`previousPeriods.${shown.id}`)}
              />
            </Grid>
            <Grid item xs={12} md={8}>
              <ChartCard
                response={data}
                title={t('chartCard.title', { dimension })}
                labelOf={byEntity ? titleOf : undefined}
                fileName={csvFileName([
                  refName(entityRef),
                  'chart-by',
                  shownDimension,
                  data.from,
                  data.to,
                ])}
                overlay={{
                  forecast: forecast.value,
                  anomalies: anomalies.value?.anomalies,
                  dataThrough: data.dataThrough,
                }}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <BudgetCard entityRef={entityRef} state={budget} />
            </Grid>
            <Grid item xs={12} md={6}>
              <ForecastCard entityRef={entityRef} state={forecast} />
            </Grid>
            <Grid item xs={12}>
              <AnomaliesCard
                entityRef={entityRef}
                state={anomalies}
                periodLabel={t(`periods.${shown.id}`)}
                costTabPath={props.costTabPath}
              />
            </Grid>
            <Grid item xs={12}>
              <TipsCard entityRef={entityRef} costTabPath={props.costTabPath} />
            </Grid>
            {unitMetrics.length > 0 && (
              <Grid item xs={12}>
                <UnitCostCard
                  entityRef={entityRef}
                  metrics={unitMetrics}
                  from={data.from}
                  to={data.to}
                  granularity={data.granularity}
                  currency={data.currency}
                  periodLabel={t(`periods.${shown.id}`)}
                  comparedTo={t(`previousPeriods.${shown.id}`)}
                />
              </Grid>
            )}
            <Grid item xs={12}>
              <BreakdownCard
                response={data}
                periodLabel={t(`periods.${shown.id}`)}
                breakdown={breakdown}
                shownDimension={shownDimension}
                dimensions={dimensions}
                onBreakdownChange={next =>
                  params.set({
                    breakdown: next === defaultBreakdown ? undefined : next,
                  })
                }
                labelOf={byEntity ? titleOf : undefined}
                linkOf={byEntity ? linkOf : undefined}
              />
            </Grid>
            {forecast.value && (
              <Grid item xs={12}>
                <ForecastAccuracyCard response={forecast.value} />
              </Grid>
            )}
          </Grid>
        </Box>
      </>
    );
  }

  return (
    <Box data-testid="finops-cost-content">
      {toolbar}
      {body}
    </Box>
  );
}
