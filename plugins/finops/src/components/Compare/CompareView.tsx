import { useMemo } from 'react';
import {
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  daysBetween,
  type CompareResponse,
} from '@backstage-finops/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { csvFileName } from '../../lib/csvExport';
import { refKind, refName } from '../../lib/entityRefs';
import { formatBucket, formatBucketTitle, formatMoney } from '../../lib/format';
import { subtractDecimals } from '../../lib/money';
import { PERIOD_OPTIONS, periodOption } from '../../lib/periods';
import { finopsTranslationRef } from '../../translation';
import { ChangeText } from '../shared/ChangeText';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { CsvButton } from '../shared/CsvButton';
import { DataThrough } from '../shared/DataThrough';
import { PeriodControls } from '../shared/PeriodControls';
import { useEntityCostLink } from '../shared/useEntityCostLink';
import { useEntityTitles } from '../shared/useEntityTitles';
import { usePeriodParams } from '../shared/usePeriodParams';
import { useReportEndingAtData } from '../shared/useReport';
import { EntityPicker } from './EntityPicker';

/** Line colours, one per compared entity. */
const PALETTE = [
  '#2E77D0',
  '#F5A623',
  '#43A047',
  '#8E44AD',
  '#00ACC1',
  '#E53935',
  '#6D4C41',
  '#3949AB',
];

/** The API compares at most this many entities at once. */
export const MAX_COMPARED = 20;

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  picker: { flex: '1 1 420px', minWidth: 300 },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 5,
    marginRight: theme.spacing(1),
  },
  secondary: { display: 'block' },
}));

/**
 * Compare: two or more teams or components side by side, one line each on
 * one chart and one row each in a table (total, previous period, change),
 * from `GET /compare`. The entities and the period are in the URL
 * (`entity=…&entity=…&period=…`).
 */
export function CompareView(props: { costTabPath?: string }) {
  const classes = useStyles();
  const theme = useTheme();
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const view = usePeriodParams();
  const { params, periodId, period, granularity, currency } = view;
  const refs = params.getAll('entity').slice(0, MAX_COMPARED);
  const refsKey = refs.join('\n');
  const state = useReportEndingAtData<CompareResponse>(
    {
      from: period.from,
      to: period.to,
      endAtData: true,
      enabled: refs.length >= 2,
      ask: (from, to) =>
        finopsApi.getCompare({
          entityRef: refs,
          from,
          to,
          granularity,
          ...(currency ? { currency } : {}),
        }),
    },
    [finopsApi, refsKey, granularity, currency],
  );
  const data = refs.length >= 2 ? state.value ?? state.previous : undefined;
  const titleOf = useEntityTitles(refs);
  const linkOf = useEntityCostLink(props.costTabPath);
  const colourOf = (ref: string) =>
    PALETTE[Math.max(0, refs.indexOf(ref)) % PALETTE.length];

  const rows = useMemo(() => {
    if (!data) {
      return [];
    }
    const dates = [
      ...new Set(
        data.entities.flatMap(entity => entity.series.map(point => point.date)),
      ),
    ].sort();
    return dates.map(date => {
      const row: Record<string, string | number | boolean> = { date };
      data.entities.forEach((entity, index) => {
        const point = entity.series.find(candidate => candidate.date === date);
        row[`e${index}`] = point ? Number(point.amount) : 0;
        if (point?.partial) {
          row.partial = true;
        }
      });
      return row;
    });
  }, [data]);

  const toolbar = (
    <Box className={classes.toolbar}>
      <Box className={classes.picker}>
        <EntityPicker
          value={refs}
          titleOf={titleOf}
          onChange={next => params.set({ entity: next.slice(0, MAX_COMPARED) })}
        />
      </Box>
      <PeriodControls
        idPrefix="finops-compare"
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
  if (refs.length < 2) {
    body = (
      <Typography
        variant="body1"
        color="textSecondary"
        data-testid="finops-compare-hint"
      >
        {refs.length === 1
          ? t('compare.pickOneMore', { name: titleOf(refs[0]) })
          : t('compare.pickTwo')}
      </Typography>
    );
  } else if (state.error) {
    body =
      ResponseError.is(state.error) && state.error.statusCode === 403 ? (
        <WarningPanel
          severity="warning"
          title={t('compare.forbiddenTitle')}
          message={t('compare.forbiddenMessage')}
          defaultExpanded
        />
      ) : (
        <CostErrorPanel
          error={state.error}
          entityRef={refs.join(', ')}
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
    const hasPartial = rows.some(row => row.partial === true);
    const fileStem = [
      'compare',
      ...data.entities.map(entity => refName(entity.entityRef)),
      data.from,
      data.to,
    ];
    body = (
      <>
        {state.loading && <Progress />}
        <Grid
          container
          spacing={3}
          className={state.loading ? classes.stale : undefined}
        >
          <Grid item xs={12}>
            <InfoCard
              title={t('compare.chartTitle')}
              subheader={t('compare.chartSubheader', {
                period: periodLabel,
                granularity: t(`granularities.${data.granularity}`),
              })}
              action={
                <CsvButton
                  what={t('compare.chartCsvWhat')}
                  fileName={csvFileName([...fileStem, 'series'])}
                  table={() => ({
                    header: [
                      'date',
                      'entityRef',
                      'name',
                      'amount',
                      'currency',
                      'partial',
                    ],
                    rows: data.entities.flatMap(entity =>
                      entity.series.map(point => [
                        point.date,
                        entity.entityRef,
                        titleOf(entity.entityRef),
                        point.amount,
                        data.currency,
                        point.partial === true ? 'true' : 'false',
                      ]),
                    ),
                  })}
                />
              }
            >
              <div data-testid="finops-compare-chart">
                <div style={{ width: '100%', height: 320 }}>
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart
                      data={rows}
                      margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
                    >
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis
                        dataKey="date"
                        tickFormatter={(day: string) =>
                          formatBucket(day, data.granularity)
                        }
                        tick={{
                          fill: theme.palette.text.secondary,
                          fontSize: 12,
                        }}
                        minTickGap={16}
                      />
                      <YAxis
                        tickFormatter={(value: number) =>
                          formatMoney(value, data.currency, { compact: true })
                        }
                        tick={{
                          fill: theme.palette.text.secondary,
                          fontSize: 12,
                        }}
                        width={72}
                      />
                      <Tooltip
                        labelFormatter={(day: string) =>
                          formatBucketTitle(day, data.granularity)
                        }
                        formatter={(value: number, name: string) => [
                          formatMoney(value, data.currency),
                          name,
                        ]}
                        contentStyle={{
                          backgroundColor: theme.palette.background.paper,
                          borderColor: theme.palette.divider,
                        }}
                      />
                      <Legend />
                      {data.entities.map((entity, index) => (
                        <Line
                          key={entity.entityRef}
                          type="monotone"
                          dataKey={`e${index}`}
                          name={titleOf(entity.entityRef)}
                          stroke={colourOf(entity.entityRef)}
                          strokeWidth={2}
                          dot={false}
                          isAnimationActive={false}
                        />
                      ))}
                    </LineChart>
                  </ResponsiveContainer>
                </div>
                {hasPartial && (
                  <Typography variant="caption" color="textSecondary">
                    {t('compare.partialNote', {
                      unit: t(`bucketUnits.${data.granularity}`),
                    })}
                  </Typography>
                )}
              </div>
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title={t('compare.tableTitle')}
              subheader={periodLabel}
              action={
                <CsvButton
                  what={t('compare.tableCsvWhat')}
                  fileName={csvFileName(fileStem)}
                  table={() => ({
                    header: [
                      'entityRef',
                      'kind',
                      'name',
                      'amount',
                      'previousAmount',
                      'change',
                      'changeRatio',
                      'currency',
                    ],
                    rows: data.entities.map(entity => [
                      entity.entityRef,
                      refKind(entity.entityRef),
                      titleOf(entity.entityRef),
                      entity.total.amount,
                      entity.previousTotal.amount,
                      subtractDecimals(
                        entity.total.amount,
                        entity.previousTotal.amount,
                      ),
                      entity.changeRatio,
                      data.currency,
                    ]),
                  })}
                />
              }
            >
              <Table size="small" aria-label={t('compare.tableTitle')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('compare.entityColumn')}</TableCell>
                    <TableCell>{t('team.kindColumn')}</TableCell>
                    <TableCell align="right">
                      {t('compare.totalColumn')}
                    </TableCell>
                    <TableCell align="right">
                      {t('compare.previousColumn')}
                    </TableCell>
                    <TableCell align="right">
                      {t('compare.changeColumn')}
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.entities.map(entity => {
                    const link = linkOf(entity.entityRef);
                    const name = titleOf(entity.entityRef);
                    return (
                      <TableRow
                        key={entity.entityRef}
                        data-testid="finops-compare-row"
                      >
                        <TableCell>
                          <span
                            className={classes.swatch}
                            style={{
                              backgroundColor: colourOf(entity.entityRef),
                            }}
                            aria-hidden
                          />
                          {link ? <Link to={link}>{name}</Link> : name}
                        </TableCell>
                        <TableCell>{refKind(entity.entityRef)}</TableCell>
                        <TableCell align="right">
                          {formatMoney(entity.total.amount, data.currency)}
                        </TableCell>
                        <TableCell align="right">
                          {formatMoney(
                            entity.previousTotal.amount,
                            data.currency,
                          )}
                        </TableCell>
                        <TableCell align="right">
                          <ChangeText
                            change={subtractDecimals(
                              entity.total.amount,
                              entity.previousTotal.amount,
                            )}
                            previous={entity.previousTotal.amount}
                            ratio={entity.changeRatio}
                            currency={data.currency}
                          />
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              <Box mt={1}>
                {data.hiddenEntityCount > 0 && (
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    data-testid="finops-compare-hidden"
                  >
                    {t('compare.hidden', { count: data.hiddenEntityCount })}
                  </Typography>
                )}
                <DataThrough response={data} />
              </Box>
            </InfoCard>
          </Grid>
        </Grid>
      </>
    );
  }

  return (
    <Box data-testid="finops-compare">
      {toolbar}
      {body}
    </Box>
  );
}
