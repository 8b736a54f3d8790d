import { ReactNode, useEffect, useMemo, useState } from 'react';
import {
  InfoCard,
  Link,
  LinkButton,
  Progress,
} from '@backstage/core-components';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableFooter from '@material-ui/core/TableFooter';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import {
  changeRatio,
  daysBetween,
  formatDecimal,
  moneyFromDecimal,
  percentOf,
  sumMoney,
  type CostResponse,
  type CsvCell,
} from '@backstage-finops/plugin-finops-common';
import { isEmptyCost } from '../../lib/costData';
import { csvFileName } from '../../lib/csvExport';
import { BreakdownDimension } from '../../lib/dimensions';
import { refName } from '../../lib/entityRefs';
import { formatMoney, formatShare } from '../../lib/format';
import { subtractDecimals } from '../../lib/money';
import { PERIOD_OPTIONS, PeriodId, periodOption } from '../../lib/periods';
import { useViewParams } from '../../lib/viewParams';
import { finopsTranslationRef } from '../../translation';
import { BreakdownCard } from '../shared/BreakdownCard';
import { ChangeText } from '../shared/ChangeText';
import { ChartCard } from '../shared/ChartCard';
import { CostEmptyState } from '../shared/CostEmptyState';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { CsvButton } from '../shared/CsvButton';
import { PeriodControls } from '../shared/PeriodControls';
import { TotalCard } from '../shared/TotalCard';
import { useCostReport } from '../shared/useCostReport';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';
import { useFinopsPageLink } from '../shared/useFinopsPageLink';
import { usePeriodParams } from '../shared/usePeriodParams';
import { UnitCostCard, useDeclaredMetrics } from '../UnitCost';
import { BudgetCard, useBudget, useBudgetColumn } from '../Budget';
import { ForecastAccuracyCard, ForecastCard, useForecast } from '../Forecast';
import { AnomaliesCard, useAnomalies } from '../Anomalies';
import { TipsCard } from '../Tips';
import {
  buildTeamRows,
  sortTeamRows,
  SortOrder,
  TEAM_SORT_KEYS,
  TeamCostRow,
  TeamSortKey,
} from './teamRows';

/**
 * A column a later feature adds to a team's table (the budget status is
 * one): its header, its cell and, optionally, its CSV value.
 */
export interface TeamCostColumn {
  id: string;
  title: string;
  align?: 'left' | 'right';
  render(
    row: TeamCostRow,
    context: { currency: string; from: string; to: string },
  ): ReactNode;
  /** The column's value in the CSV export; the column is left out of it without. */
  csv?(row: TeamCostRow): CsvCell;
}

/** Props of {@link TeamCostContent}. */
export interface TeamCostContentProps {
  defaultPeriod?: PeriodId;
  /** The breakdown of the team's cost shown first (not `entity`: the table is that). */
  defaultBreakdown?: BreakdownDimension;
  /** Where the Cost tab is mounted on entity pages, for the rows' links. */
  costTabPath?: string;
  /** More columns for the table of what the team owns, after its own. */
  columns?: TeamCostColumn[];
}

type Trend = 'component' | 'subteam';

const BREAKDOWNS: BreakdownDimension[] = [
  'service',
  'account',
  'region',
  'resource',
];

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  grow: { flexGrow: 1 },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
  actions: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  shareBar: { height: 6, borderRadius: 3, minWidth: 48 },
  shareCell: { width: '18%' },
  nameCell: { wordBreak: 'break-word' },
  secondary: { display: 'block' },
  footerCell: {
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.text.primary,
  },
}));

/** Whether a Group has child groups, by its relations or its spec. */
export function hasChildGroups(entity: Entity): boolean {
  if (entity.relations?.some(relation => relation.type === 'parentOf')) {
    return true;
  }
  const children = (entity.spec as { children?: unknown } | undefined)
    ?.children;
  return Array.isArray(children) && children.length > 0;
}

/**
 * A team's Cost tab (the entity Cost tab on a Group): the team's total and
 * change, its trend stacked by component or by sub-team (with the forecast
 * and anomalies drawn on it), the team's budget beside its members' and
 * its forecast, the anomalies of what it owns, the unit cost of the
 * metrics its members declare (their total cost over their total units), a
 * sortable table of everything it owns with each entity's cost, share,
 * change and budget status (each row linking to that entity's Cost tab), a
 * breakdown by service, account, region or resource, and the forecasts'
 * past accuracy. The view is kept in the URL.
 */
export function TeamCostContent(props: TeamCostContentProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const view = usePeriodParams(props.defaultPeriod);
  const { params, periodId, period, granularity, currency } = view;
  const option = periodOption(periodId);
  const withSubTeams = hasChildGroups(entity);
  const trend: Trend =
    withSubTeams && params.get('trend') === 'subteam' ? 'subteam' : 'component';
  const defaultBreakdown =
    props.defaultBreakdown && BREAKDOWNS.includes(props.defaultBreakdown)
      ? props.defaultBreakdown
      : 'service';
  const breakdownParam = params.get('breakdown') as BreakdownDimension;
  const breakdown = BREAKDOWNS.includes(breakdownParam)
    ? breakdownParam
    : defaultBreakdown;
  const [currencies, setCurrencies] = useState<string[]>([]);
  const unitMetrics = useDeclaredMetrics(entityRef);

  // The table, the total and the trend by component: one groupBy=entity report,
  // whose period (moved to the data's last day) the other reports then share.
  const owned = useCostReport({
    entityRef,
    from: period.from,
    to: period.to,
    granularity: period.granularity,
    groupBy: 'entity',
    currency,
    endAtData: true,
  });
  const ownedData = owned.value ?? owned.previous;
  // One GET /budgets for the team's card and its members' column.
  const budget = useBudget(entityRef, { includeMembers: true });
  const budgetColumn = useBudgetColumn(budget.value);
  const forecast = useForecast(
    entityRef,
    ownedData?.currency,
    Boolean(ownedData),
  );
  const anomalies = useAnomalies(
    entityRef,
    ownedData ? { from: ownedData.from, to: ownedData.to } : undefined,
  );
  const shownPeriod = ownedData
    ? { from: ownedData.from, to: ownedData.to }
    : period;
  const subTeams = useCostReport({
    entityRef,
    from: shownPeriod.from,
    to: shownPeriod.to,
    granularity: period.granularity,
    groupBy: 'childGroup',
    currency: ownedData?.currency ?? currency,
    enabled: Boolean(ownedData) && trend === 'subteam',
  });
  const breakdownReport = useCostReport({
    entityRef,
    from: shownPeriod.from,
    to: shownPeriod.to,
    granularity: period.granularity,
    groupBy: breakdown,
    currency: ownedData?.currency ?? currency,
    enabled: Boolean(ownedData),
  });

  useEffect(() => {
    if (owned.value) {
      setCurrencies(owned.value.currencies);
    }
  }, [owned.value]);

  const subTeamData = subTeams.value ?? subTeams.previous;
  const titleOf = useEntityTitles([
    entityRef,
    ...(ownedData?.groups.map(group => group.key) ?? []),
    ...(subTeamData?.groups.map(group => group.key) ?? []),
  ]);
  const subTeamLabel = (key: string) =>
    key === entityRef
      ? t('team.ownedDirectly', { team: titleOf(entityRef) })
      : titleOf(key);
  const compareLink = useFinopsPageLink()({
    tab: 'compare',
    entity: [entityRef],
  });
  const shownCurrency = currency ?? ownedData?.currency;

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
      <span className={classes.grow} />
      {compareLink && (
        <LinkButton
          to={compareLink}
          variant="outlined"
          startIcon={<CompareArrowsIcon />}
          data-testid="finops-compare-with"
        >
          {t('team.compareWith')}
        </LinkButton>
      )}
    </Box>
  );

  let body: ReactNode;
  if (owned.error) {
    body = (
      <CostErrorPanel
        error={owned.error}
        entityRef={entityRef}
        onRetry={owned.retry}
      />
    );
  } else if (!ownedData) {
    body = <Progress />;
  } else if (isEmptyCost(ownedData)) {
    body = (
      <>
        {owned.loading && <Progress />}
        <CostEmptyState
          entity={entity}
          periodLabel={t(`periods.${option.id}`)}
          attributionTagKeys={ownedData.attributionTagKeys}
        />
      </>
    );
  } else {
    const shown =
      PERIOD_OPTIONS.find(
        choice => choice.days === daysBetween(ownedData.from, ownedData.to),
      ) ?? option;
    const periodLabel = t(`periods.${shown.id}`);
    const breakdownData = breakdownReport.value ?? breakdownReport.previous;
    const overlay = {
      forecast: forecast.value,
      anomalies: anomalies.value?.anomalies,
      dataThrough: ownedData.dataThrough,
    };

    let chart: ReactNode;
    const toggle = withSubTeams ? (
      <ToggleButtonGroup
        exclusive
        size="small"
        value={trend}
        aria-label={t('team.trendToggleLabel')}
        onChange={(_event, value: Trend | null) => {
          if (value) {
            params.set({ trend: value === 'subteam' ? 'subteam' : undefined });
          }
        }}
      >
        <ToggleButton value="component">{t('team.byComponent')}</ToggleButton>
        <ToggleButton value="subteam">{t('team.bySubTeam')}</ToggleButton>
      </ToggleButtonGroup>
    ) : undefined;
    if (trend === 'subteam') {
      if (subTeams.error) {
        chart = (
          <CostErrorPanel
            error={subTeams.error}
            entityRef={entityRef}
            onRetry={subTeams.retry}
          />
        );
      } else if (!subTeamData) {
        chart = (
          <InfoCard title={t('team.chartBySubTeam')} action={toggle}>
            <Progress />
          </InfoCard>
        );
      } else {
        chart = (
          <ChartCard
            response={subTeamData}
            title={t('team.chartBySubTeam')}
            labelOf={subTeamLabel}
            actions={toggle}
            fileName={csvFileName([
              refName(entityRef),
              'by-sub-team',
              subTeamData.from,
              subTeamData.to,
            ])}
            overlay={overlay}
          />
        );
      }
    } else {
      chart = (
        <ChartCard
          response={ownedData}
          title={t('team.chartByComponent')}
          labelOf={titleOf}
          actions={toggle}
          fileName={csvFileName([
            refName(entityRef),
            'by-component',
            ownedData.from,
            ownedData.to,
          ])}
          overlay={overlay}
        />
      );
    }

    body = (
      <>
        {owned.loading && <Progress />}
        <Box className={owned.loading ? classes.stale : undefined}>
          <Grid container spacing={3} alignItems="stretch">
            <Grid item xs={12} md={4}>
              <TotalCard
                response={ownedData}
                periodLabel={periodLabel}
                comparedTo={t(`previousPeriods.${shown.id}`)}
              />
            </Grid>
            <Grid item xs={12} md={8}>
              {chart}
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
                periodLabel={periodLabel}
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
                  from={ownedData.from}
                  to={ownedData.to}
                  granularity={ownedData.granularity}
                  currency={ownedData.currency}
                  periodLabel={periodLabel}
                  comparedTo={t(`previousPeriods.${shown.id}`)}
                />
              </Grid>
            )}
            <Grid item xs={12}>
              <OwnedTable
                response={ownedData}
                teamTitle={titleOf(entityRef)}
                periodLabel={periodLabel}
                titleOf={titleOf}
                costTabPath={props.costTabPath}
                columns={[
                  ...(budgetColumn ? [budgetColumn] : []),
                  ...(props.columns ?? []),
                ]}
              />
            </Grid>
            <Grid item xs={12}>
              {breakdownReport.error && (
                <CostErrorPanel
                  error={breakdownReport.error}
                  entityRef={entityRef}
                  onRetry={breakdownReport.retry}
                />
              )}
              {!breakdownReport.error && !breakdownData && <Progress />}
              {!breakdownReport.error && breakdownData && (
                <BreakdownCard
                  response={breakdownData}
                  periodLabel={periodLabel}
                  breakdown={breakdown}
                  shownDimension={
                    BREAKDOWNS.includes(
                      breakdownData.groupBy as BreakdownDimension,
                    )
                      ? (breakdownData.groupBy as BreakdownDimension)
                      : breakdown
                  }
                  dimensions={BREAKDOWNS}
                  onBreakdownChange={next =>
                    params.set({
                      breakdown: next === defaultBreakdown ? undefined : next,
                    })
                  }
                />
              )}
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

function isSortKey(text: string | undefined): text is TeamSortKey {
  return TEAM_SORT_KEYS.includes(text as TeamSortKey);
}

/** The sortable, filterable table of everything the team owns. */
function OwnedTable(props: {
  response: CostResponse;
  teamTitle: string;
  periodLabel: string;
  titleOf: (ref: string) => string;
  costTabPath?: string;
  columns: TeamCostColumn[];
}) {
  const { response, titleOf, columns } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const params = useViewParams();
  const linkOf = useEntityCostLink(props.costTabPath);
  const sortParam = params.get('sort');
  const sortKey: TeamSortKey = isSortKey(sortParam) ? sortParam : 'cost';
  const order: SortOrder =
    params.get('order') === 'asc' || params.get('order') === 'desc'
      ? (params.get('order') as SortOrder)
      : defaultOrder(sortKey);
  const kindFilter = params.get('kind') ?? '';

  const allRows = useMemo(
    () => buildTeamRows(response, titleOf),
    [response, titleOf],
  );
  const kinds = [...new Set(allRows.map(row => row.kind))].sort();
  const rows = useMemo(
    () =>
      sortTeamRows(
        kindFilter
          ? allRows.filter(
              row => row.kind.toLocaleLowerCase('en-US') === kindFilter,
            )
          : allRows,
        sortKey,
        order,
      ),
    [allRows, kindFilter, sortKey, order],
  );
  const shownTotal = sumMoney(rows.map(row => moneyFromDecimal(row.amount)));
  const shownPrevious = sumMoney(
    rows.map(row => moneyFromDecimal(row.previousAmount)),
  );
  const shownTotalText = formatDecimal(shownTotal);
  const withoutCost = response.includedEntityRefs.filter(
    ref => !response.groups.some(group => group.key === ref),
  ).length;
  const context = {
    currency: response.currency,
    from: response.from,
    to: response.to,
  };

  const setSort = (key: TeamSortKey) => {
    const flipped: SortOrder = order === 'asc' ? 'desc' : 'asc';
    const nextOrder = key === sortKey ? flipped : defaultOrder(key);
    params.set({
      sort: key === 'cost' ? undefined : key,
      order: nextOrder === defaultOrder(key) ? undefined : nextOrder,
    });
  };
  const header = (key: TeamSortKey, label: string, align?: 'right') => (
    <TableCell
      align={align}
      sortDirection={sortKey === key ? order : false}
      className={key === 'share' ? classes.shareCell : undefined}
    >
      <TableSortLabel
        active={sortKey === key}
        direction={sortKey === key ? order : defaultOrder(key)}
        onClick={() => setSort(key)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  const csvColumns = columns.filter(column => column.csv);
  const csvTable = () => ({
    header: [
      'entityRef',
      'kind',
      'name',
      'amount',
      'previousAmount',
      'change',
      'changeRatio',
      'sharePercent',
      'currency',
      ...csvColumns.map(column => column.id),
    ],
    rows: rows.map(row => [
      row.entityRef,
      row.kind,
      row.name,
      row.amount,
      row.previousAmount,
      row.change,
      row.changeRatio,
      row.shareExact,
      response.currency,
      ...csvColumns.map(column => column.csv!(row)),
    ]),
  });

  return (
    <InfoCard
      title={t('team.ownedTitle', { team: props.teamTitle })}
      subheader={t('team.ownedSubheader', { period: props.periodLabel })}
      action={
        <Box className={classes.actions}>
          {kinds.length > 1 && (
            <TextField
              select
              id="finops-owned-kind"
              label={t('team.kindFilterLabel')}
              variant="outlined"
              size="small"
              value={kindFilter}
              onChange={event =>
                params.set({ kind: event.target.value || undefined })
              }
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="">{t('team.allKinds')}</option>
              {kinds.map(kind => (
                <option key={kind} value={kind.toLocaleLowerCase('en-US')}>
                  {kind}
                </option>
              ))}
            </TextField>
          )}
          <CsvButton
            what={t('team.csvWhat')}
            fileName={csvFileName([
              refName(response.entityRef),
              'owned',
              response.from,
              response.to,
            ])}
            table={csvTable}
            disabled={rows.length === 0}
          />
        </Box>
      }
    >
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('team.noRows')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('team.tableLabel')}>
          <TableHead>
            <TableRow>
              {header('name', t('team.nameColumn'))}
              {header('kind', t('team.kindColumn'))}
              {header('cost', t('team.costColumn'), 'right')}
              {header('share', t('team.shareColumn'), 'right')}
              {header('change', t('team.changeColumn'), 'right')}
              {columns.map(column => (
                <TableCell key={column.id} align={column.align}>
                  {column.title}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => {
              const link = linkOf(row.entityRef);
              return (
                <TableRow
                  key={row.entityRef}
                  data-testid="finops-team-row"
                  data-entity-ref={row.entityRef}
                >
                  <TableCell className={classes.nameCell}>
                    {link ? <Link to={link}>{row.name}</Link> : row.name}
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      className={classes.secondary}
                    >
                      {refName(row.entityRef) !== row.name
                        ? refName(row.entityRef)
                        : null}
                    </Typography>
                  </TableCell>
                  <TableCell>{row.kind}</TableCell>
                  <TableCell align="right">
                    {formatMoney(row.amount, response.currency)}
                  </TableCell>
                  <TableCell align="right" className={classes.shareCell}>
                    <Box display="flex" alignItems="center" gridGap={8}>
                      <Box flexGrow={1}>
                        <LinearProgress
                          variant="determinate"
                          className={classes.shareBar}
                          value={Math.max(0, Math.min(100, row.share ?? 0))}
                          aria-hidden
                        />
                      </Box>
                      <span>{formatShare(row.share)}</span>
                    </Box>
                  </TableCell>
                  <TableCell align="right">
                    <ChangeText
                      change={row.change}
                      previous={row.previousAmount}
                      ratio={row.changeRatio}
                      currency={response.currency}
                    />
                  </TableCell>
                  {columns.map(column => (
                    <TableCell key={column.id} align={column.align}>
                      {column.render(row, context)}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
          <TableFooter>
            <TableRow data-testid="finops-team-total-row">
              <TableCell colSpan={2} className={classes.footerCell}>
                {kindFilter
                  ? t('team.shownTotal', { count: rows.length })
                  : t('team.total')}
              </TableCell>
              <TableCell align="right" className={classes.footerCell}>
                {formatMoney(shownTotalText, response.currency)}
              </TableCell>
              <TableCell align="right" className={classes.footerCell}>
                {formatShare(
                  percentOf(
                    shownTotal,
                    moneyFromDecimal(response.total.amount),
                  ),
                )}
              </TableCell>
              <TableCell align="right" className={classes.footerCell}>
                <ChangeText
                  change={subtractDecimals(
                    shownTotalText,
                    formatDecimal(shownPrevious),
                  )}
                  previous={formatDecimal(shownPrevious)}
                  ratio={changeRatio(shownTotal, shownPrevious)}
                  currency={response.currency}
                />
              </TableCell>
              {columns.map(column => (
                <TableCell key={column.id} />
              ))}
            </TableRow>
          </TableFooter>
        </Table>
      )}
      {withoutCost > 0 && (
        <Box mt={1}>
          <Typography variant="body2" color="textSecondary">
            {t('team.withoutCost', { count: withoutCost })}
          </Typography>
        </Box>
      )}
      <Box mt={1}>
        <Typography variant="caption" color="textSecondary">
          {t('team.ownCostNote')}
        </Typography>
      </Box>
    </InfoCard>
  );
}

function defaultOrder(key: TeamSortKey): SortOrder {
  return key === 'name' || key === 'kind' ? 'asc' : 'desc';
}
