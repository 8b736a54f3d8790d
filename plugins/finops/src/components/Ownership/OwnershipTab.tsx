import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { finopsOrgReadPermission } from '@backstage-finops/plugin-finops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import { csvFileName } from '../../lib/csvExport';
import type { OwnershipCoverageResponse } from '../../lib/ownership';
import { finopsTranslationRef } from '../../translation';
import { OrgNotAllowed } from '../FinopsPage/OverviewTab';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { DataThrough } from '../shared/DataThrough';
import { PeriodControls } from '../shared/PeriodControls';
import { usePeriodParams } from '../shared/usePeriodParams';
import { useReportEndingAtData } from '../shared/useReport';
import { ComplianceCard } from './ComplianceCard';
import { FindingsCard } from './FindingsCard';
import { OwnershipCoverageCard } from './OwnershipCoverageCard';
import { SuggestionsCard } from './SuggestionsCard';

/** Unallocated items listed with their suggested owners. */
const SUGGESTIONS_LIMIT = 10;

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

/**
 * The FinOps page's Ownership tab: allocation coverage per day or month and
 * per provider or account against the maturity bands; the largest
 * unallocated spend with suggested owners and the annotation that assigns
 * it; the tagging policy's findings on billing data; and a team's
 * compliance. The period, granularity (`day` or `month`), grouping
 * (`groupBy`) and team are in the URL. Needs `finops.org.read`.
 */
export function OwnershipTab() {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const permission = usePermission({ permission: finopsOrgReadPermission });
  const view = usePeriodParams();
  const { params, periodId, period, currency } = view;
  const granularity = view.granularity === 'month' ? 'month' : 'day';
  const groupBy = params.get('groupBy') === 'account' ? 'account' : 'provider';
  const team = params.get('team') || undefined;
  const state = useReportEndingAtData<OwnershipCoverageResponse>(
    {
      from: period.from,
      to: period.to,
      endAtData: true,
      enabled: permission.allowed,
      ask: (from, to) =>
        finopsApi.getOwnershipCoverage({
          from,
          to,
          granularity,
          groupBy,
          ...(currency ? { currency } : {}),
        }),
    },
    [finopsApi, granularity, groupBy, currency, permission.allowed],
  );
  const data = state.value ?? state.previous;
  const suggestions = useAsyncRetry(async () => {
    if (!data) {
      return undefined;
    }
    return finopsApi.getOwnershipSuggestions({
      from: data.from,
      to: data.to,
      currency: data.currency,
      limit: SUGGESTIONS_LIMIT,
    });
  }, [finopsApi, data?.from, data?.to, data?.currency]);
  const findings = useAsyncRetry(async () => {
    if (!data) {
      return undefined;
    }
    return finopsApi.getOwnershipFindings({
      from: data.from,
      to: data.to,
      currency: data.currency,
    });
  }, [finopsApi, data?.from, data?.to, data?.currency]);

  const forbidden =
    (!permission.loading && !permission.allowed) ||
    (state.error &&
      ResponseError.is(state.error) &&
      state.error.statusCode === 403);
  if (permission.loading) {
    return <Progress />;
  }
  if (forbidden) {
    return <OrgNotAllowed message={t('ownership.notAllowedMessage')} />;
  }

  const toolbar = (
    <Box className={classes.toolbar}>
      <PeriodControls
        idPrefix="finops-ownership"
        period={periodId}
        onPeriodChange={view.setPeriodId}
        currencies={data?.currencies}
        currency={currency ?? data?.currency}
        onCurrencyChange={view.setCurrency}
      />
      {data && (
        <DataThrough
          response={{
            dataThrough: data.dataThrough,
            settlingFrom: null,
            settleDays: 0,
          }}
        />
      )}
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
    const file = (...parts: string[]) =>
      csvFileName(['organisation', ...parts, data.from, data.to]);
    body = (
      <>
        {state.loading && <Progress />}
        <Grid
          container
          spacing={3}
          alignItems="stretch"
          className={state.loading ? classes.stale : undefined}
        >
          <Grid item xs={12} lg={6}>
            <OwnershipCoverageCard
              coverage={data}
              fileName={what => file(what)}
              onGranularityChange={next => view.setGranularity(next)}
              onGroupByChange={next =>
                params.set({ groupBy: next === 'provider' ? undefined : next })
              }
            />
          </Grid>
          <Grid item xs={12} lg={6}>
            <ComplianceCard
              team={team}
              onTeamChange={next => params.set({ team: next })}
              from={data.from}
              to={data.to}
              currency={data.currency}
            />
          </Grid>
          <Grid item xs={12}>
            <SuggestionsCard
              suggestions={suggestions.value}
              error={suggestions.error}
              onRetry={suggestions.retry}
              fileName={file('unallocated-suggestions')}
            />
          </Grid>
          <Grid item xs={12}>
            <FindingsCard
              findings={findings.value}
              error={findings.error}
              onRetry={findings.retry}
              fileName={file('policy-findings')}
            />
          </Grid>
        </Grid>
      </>
    );
  }

  return (
    <Box data-testid="finops-ownership">
      {toolbar}
      {body}
    </Box>
  );
}
