import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  daysBetween,
  finopsOrgReadPermission,
  type OverviewResponse,
} from '@backstage-finops/plugin-finops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import { csvFileName } from '../../lib/csvExport';
import { formatMoney } from '../../lib/format';
import { PERIOD_OPTIONS, periodOption } from '../../lib/periods';
import { finopsTranslationRef } from '../../translation';
import { ChartCard } from '../shared/ChartCard';
import { CostChange } from '../shared/CostChange';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { DataThrough } from '../shared/DataThrough';
import { PeriodControls } from '../shared/PeriodControls';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';
import { usePeriodParams } from '../shared/usePeriodParams';
import { useReportEndingAtData } from '../shared/useReport';
import { CoverageCard } from './CoverageCard';
import { FreshnessCard } from './FreshnessCard';
import { KeyAmountCard } from './KeyAmountCard';
import { TipsCard } from '../Tips';
import { MoversCard } from './MoversCard';
import { UnallocatedCard } from './UnallocatedCard';
import { UnitCostsCard } from './UnitCostsCard';

/** The key `byTeam` gives the spend no team owns. */
export const UNOWNED_KEY = '(unowned)';

/** Unallocated tag sets listed. */
const UNALLOCATED_LIMIT = 10;

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
  total: {
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
}));

/** What a user without `finops.org.read` sees instead of the overview. */
export function OrgNotAllowed(props: { message?: string }) {
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <Box data-testid="finops-org-not-allowed">
      <WarningPanel
        severity="info"
        title={t('overview.notAllowedTitle')}
        message={props.message ?? t('overview.notAllowedMessage')}
        defaultExpanded
      />
    </Box>
  );
}

/**
 * The FinOps page's Overview: the organisation's total, trend and change;
 * spend by team, service category, account and provider; the top movers;
 * the unit cost of each business metric declared in the catalog;
 * allocation coverage per month against the maturity bands with the largest
 * unallocated spend; and data freshness per source. Needs
 * `finops.org.read`; without it, says so.
 */
export function OverviewTab(props: { costTabPath?: string }) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const permission = usePermission({ permission: finopsOrgReadPermission });
  const view = usePeriodParams();
  const { periodId, period, granularity, currency } = view;
  const state = useReportEndingAtData<OverviewResponse>(
    {
      from: period.from,
      to: period.to,
      endAtData: true,
      enabled: permission.allowed,
      ask: (from, to) =>
        finopsApi.getOverview({
          from,
          to,
          granularity,
          ...(currency ? { currency } : {}),
        }),
    },
    [finopsApi, granularity, currency, permission.allowed],
  );
  const data = state.value ?? state.previous;
  const coverage = useAsyncRetry(async () => {
    if (!data) {
      return undefined;
    }
    return finopsApi.getCoverage({
      from: data.from,
      to: data.to,
      currency: data.currency,
      limit: UNALLOCATED_LIMIT,
    });
  }, [finopsApi, data?.from, data?.to, data?.currency]);
  const titleOf = useEntityTitles([
    ...(data?.byTeam.map(entry => entry.key) ?? []),
    ...(data?.movers.increases.map(mover => mover.entityRef) ?? []),
    ...(data?.movers.decreases.map(mover => mover.entityRef) ?? []),
  ]);
  const linkOf = useEntityCostLink(props.costTabPath);
  const teamLabel = (key: string) =>
    key === UNOWNED_KEY ? t('overview.unowned') : titleOf(key);

  const forbidden =
    (!permission.loading && !permission.allowed) ||
    (state.error &&
      ResponseError.is(state.error) &&
      state.error.statusCode === 403);
  if (permission.loading) {
    return <Progress />;
  }
  if (forbidden) {
    return <OrgNotAllowed />;
  }

  const toolbar = (
    <Box className={classes.toolbar}>
      <PeriodControls
        idPrefix="finops-overview"
        period={periodId}
        onPeriodChange={view.setPeriodId}
        granularity={granularity}
        onGranularityChange={view.setGranularity}
        currencies={data?.currencies}
        currency={currency ?? data?.currency}
        onCurrencyChange={view.setCurrency}
      />
    </Box>
  );

  let body: JSX.Element;
  if (state.error) {
    body = (
      <CostErrorPanel
        error={state.error}
        entityRef={t('overview.organisation')}
        onRetry={state.retry}
      />
    );
  } else if (!data) {
    body = <Progress />;
  } else {
    const shown =
      PERIOD_OPTIONS.find(
        choice => choice.days === daysBetween(data.from, data.to),
      ) ?? periodOption(periodId);
    const periodLabel = t(`periods.${shown.id}`);
    // A backend from before unit costs sends none.
    const unitCosts = data.unitCosts;
    const file = (...parts: string[]) =>
      csvFileName(['organisation', ...parts, data.from, data.to]);
    const byCard = (
      key: 'byTeam' | 'byServiceCategory' | 'byAccount' | 'byProvider',
      keyName: string,
      extra: Partial<Parameters<typeof KeyAmountCard>[0]> = {},
    ) => (
      <Grid item xs={12} md={6} xl={3}>
        <KeyAmountCard
          title={t(`overview.${key}`)}
          entries={data[key]}
          total={data.total.amount}
          currency={data.currency}
          keyName={keyName}
          fileName={file(key)}
          testId={`finops-${key}`}
          {...extra}
        />
      </Grid>
    );
    body = (
      <>
        {state.loading && <Progress />}
        <Grid
          container
          spacing={3}
          alignItems="stretch"
          className={state.loading ? classes.stale : undefined}
        >
          <Grid item xs={12} md={4}>
            <InfoCard title={t('overview.totalTitle')} subheader={periodLabel}>
              <Typography
                variant="h3"
                component="p"
                className={classes.total}
                data-testid="finops-org-total"
              >
                {formatMoney(data.total.amount, data.currency)}
              </Typography>
              <Box mt={1}>
                <CostChange
                  response={data}
                  comparedTo={t(`previousPeriods.${shown.id}`)}
                />
              </Box>
              <Box mt={2}>
                <Typography variant="body2" color="textSecondary">
                  {t('totalCard.previousTotal', {
                    amount: formatMoney(
                      data.previousTotal.amount,
                      data.currency,
                    ),
                  })}
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  {t('totalCard.shownAs', {
                    metric: t(`metrics.${data.costMetric}`),
                    currency: data.currency,
                  })}
                </Typography>
                <DataThrough response={data} />
              </Box>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <ChartCard
              response={{ ...data, groups: [] }}
              title={t('overview.trendTitle')}
              fileName={file('series')}
            />
          </Grid>
          {byCard('byTeam', 'team', { labelOf: teamLabel, linkOf })}
          {byCard('byServiceCategory', 'serviceCategory')}
          {byCard('byAccount', 'account')}
          {byCard('byProvider', 'provider')}
          <Grid item xs={12}>
            <TipsCard costTabPath={props.costTabPath} />
          </Grid>
          <Grid item xs={12}>
            <MoversCard
              movers={data.movers}
              currency={data.currency}
              periodLabel={periodLabel}
              titleOf={titleOf}
              linkOf={linkOf}
              fileName={file('movers')}
            />
          </Grid>
          {unitCosts.length > 0 && (
            <Grid item xs={12}>
              <UnitCostsCard
                unitCosts={unitCosts}
                currency={data.currency}
                periodLabel={periodLabel}
                comparedTo={t(`previousPeriods.${shown.id}`)}
                fileName={file('unit-costs')}
              />
            </Grid>
          )}
          <Grid item xs={12} lg={6}>
            <CoverageCard
              coverage={data.coverage}
              currency={data.currency}
              periodLabel={periodLabel}
              fileName={file('coverage')}
            />
          </Grid>
          <Grid item xs={12} lg={6}>
            <FreshnessCard
              sources={data.sources}
              fileName={file('freshness')}
            />
          </Grid>
          <Grid item xs={12}>
            <UnallocatedCard
              coverage={coverage.value}
              loading={coverage.loading}
              error={coverage.error}
              onRetry={coverage.retry}
              fileName={file('unallocated')}
            />
          </Grid>
        </Grid>
      </>
    );
  }

  return (
    <Box data-testid="finops-overview">
      {toolbar}
      {body}
    </Box>
  );
}
