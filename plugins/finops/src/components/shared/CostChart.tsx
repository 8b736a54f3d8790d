import { useMemo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Area,
  AreaChart,
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import {
  buildChartData,
  ChartInput,
  ChartRow,
  partialBucketsNote,
} from '../../lib/costData';
import { formatBucket, formatBucketTitle, formatMoney } from '../../lib/format';
import {
  anomaliesByBucket,
  forecastPoints,
  type Anomaly,
  type ForecastResponse,
} from '../../lib/operate';
import { finopsTranslationRef } from '../../translation';

/** Colours for the stacks, the last one for "Other". */
const PALETTE = ['#2E77D0', '#F5A623', '#43A047', '#8E44AD', '#00ACC1'];
const OTHER_COLOUR = '#9E9E9E';

/** Opacity of the bars of days whose cost may still change. */
const SETTLING_OPACITY = 0.55;

/** The forecast's band and line, and the anomaly markers. */
/** Dark slate: apart from the stacks' colours and from Other's grey. */
const FORECAST_COLOUR = '#263238';
const ANOMALY_COLOUR = '#D32F2F';
/** Data keys of the forecast in the chart's rows. */
const FORECAST_RANGE_KEY = 'forecastRange';
const FORECAST_AMOUNT_KEY = 'forecastAmount';

/** What the chart can draw besides the cost: a forecast and anomalies. */
export interface CostChartOverlay {
  /** The entity's forecast; drawn where it fits the chart (see `forecastPoints`). */
  forecast?: ForecastResponse;
  /** Anomalies, marked on the buckets that hold their days. */
  anomalies?: Anomaly[];
  /** The chart's data's last day, so that the forecast continues it. */
  dataThrough?: string | null;
}

/** A red dot with an exclamation mark above an anomaly's bucket. */
function AnomalyMarker(props: { cx?: number; cy?: number; date: string }) {
  const { cx, cy } = props;
  if (cx === undefined || cy === undefined) {
    return null;
  }
  return (
    <g data-testid="finops-anomaly-marker" data-date={props.date}>
      <circle
        cx={cx}
        cy={cy - 10}
        r={8}
        fill={ANOMALY_COLOUR}
        stroke="#FFFFFF"
        strokeWidth={2}
      />
      <text
        x={cx}
        y={cy - 6}
        textAnchor="middle"
        fontSize={11}
        fontWeight={700}
        fill="#FFFFFF"
      >
        !
      </text>
    </g>
  );
}

/**
 * A stacked bar chart of the period's cost by bucket, by its top groups.
 * Partial buckets (the period or the data ends within them) are hatched, the
 * last days whose cost may still change lighter, with a note saying so.
 */
export function CostChart(props: {
  response: ChartInput;
  height?: number;
  /** Names a group's key in the legend and tooltip, e.g. an entity ref's title. */
  labelOf?: (key: string) => string;
  /** A forecast and anomalies to draw on the chart. */
  overlay?: CostChartOverlay;
}) {
  const { response, height = 320, labelOf, overlay } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { series, rows: costRows } = useMemo(
    () => buildChartData(response, 5, labelOf),
    [response, labelOf],
  );
  const note = useMemo(() => partialBucketsNote(response), [response]);
  const currency = response.currency;
  const granularity = response.granularity;
  const forecast = useMemo(
    () =>
      forecastPoints(
        { ...response, dataThrough: overlay?.dataThrough },
        overlay?.forecast,
      ),
    [response, overlay?.dataThrough, overlay?.forecast],
  );
  // The cost's rows, then the forecast's on the buckets they share or after them.
  const rows = useMemo(() => {
    if (forecast.length === 0) {
      return costRows;
    }
    const byDate = new Map(forecast.map(point => [point.date, point]));
    const withForecast = (row: ChartRow, date: string): ChartRow => {
      const point = byDate.get(date);
      return point
        ? {
            ...row,
            [FORECAST_RANGE_KEY]: [point.low, point.high] as any,
            [FORECAST_AMOUNT_KEY]: point.amount,
          }
        : row;
    };
    const known = new Set(costRows.map(row => row.date));
    return [
      ...costRows.map(row => withForecast(row, row.date)),
      ...forecast
        .filter(point => !known.has(point.date))
        .map(point =>
          withForecast(
            { date: point.date, partial: false, settling: false },
            point.date,
          ),
        ),
    ];
  }, [costRows, forecast]);
  // The buckets after the data, which only the forecast has.
  const forecastOnly = useMemo(() => {
    const known = new Set(costRows.map(row => row.date));
    return forecast.map(point => point.date).filter(date => !known.has(date));
  }, [costRows, forecast]);
  const anomalies = useMemo(
    () =>
      anomaliesByBucket(
        costRows.map(row => row.date),
        granularity,
        (overlay?.anomalies ?? []).filter(
          anomaly => anomaly.currency === currency,
        ),
      ),
    [costRows, granularity, overlay?.anomalies, currency],
  );
  const bucketTotal = (row: ChartRow) =>
    series.reduce((sum, stack) => sum + (Number(row[stack.dataKey]) || 0), 0);
  const colourOf = (dataKey: string, index: number) =>
    dataKey === 'other' ? OTHER_COLOUR : PALETTE[index % PALETTE.length];
  const bucketTitle = (day: string) => {
    const row = rows.find(candidate => candidate.date === day);
    let title = formatBucketTitle(day, granularity);
    if (forecastOnly.includes(day)) {
      title = `${title} (${t('forecast.chartArea').toLocaleLowerCase(
        'en-US',
      )})`;
    } else if (row?.partial) {
      title = `${title} (partial)`;
    } else if (row?.settling) {
      title = `${title} (may still change)`;
    }
    const marked = anomalies.get(day) ?? [];
    return [
      title,
      ...marked.map(anomaly =>
        t('chartCard.anomalyTooltip', {
          impact: formatMoney(anomaly.impact, anomaly.currency, {
            signed: true,
          }),
          direction: t(`anomalies.${anomaly.direction}`).toLocaleLowerCase(
            'en-US',
          ),
        }),
      ),
    ].join(' · ');
  };
  const overlayNotes = [
    forecast.length > 0 &&
      t(
        granularity === 'day'
          ? 'chartCard.forecastDailyNote'
          : 'chartCard.forecastNote',
      ),
    anomalies.size > 0 && t('chartCard.anomalyNote'),
  ].filter(Boolean);

  return (
    <div data-testid="finops-cost-chart">
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            margin={{ top: 20, right: 16, bottom: 8, left: 8 }}
          >
            <defs>
              {series.map((stack, index) => (
                <pattern
                  key={stack.dataKey}
                  id={`finops-partial-${stack.dataKey}`}
                  width={6}
                  height={6}
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <rect
                    width={6}
                    height={6}
                    fill={colourOf(stack.dataKey, index)}
                    fillOpacity={0.3}
                  />
                  <rect
                    width={3}
                    height={6}
                    fill={colourOf(stack.dataKey, index)}
                  />
                </pattern>
              ))}
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={(day: string) => formatBucket(day, granularity)}
              tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
              minTickGap={16}
            />
            <YAxis
              tickFormatter={(value: number) =>
                formatMoney(value, currency, { compact: true })
              }
              tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
              width={72}
            />
            <Tooltip
              labelFormatter={(day: string) => bucketTitle(day)}
              formatter={(value: number | number[], name: string) => [
                Array.isArray(value)
                  ? `${formatMoney(value[0], currency)} – ${formatMoney(
                      value[1],
                      currency,
                    )}`
                  : formatMoney(value, currency),
                name,
              ]}
              contentStyle={{
                backgroundColor: theme.palette.background.paper,
                borderColor: theme.palette.divider,
              }}
            />
            {(series.length > 1 || forecast.length > 0) && <Legend />}
            {series.map((stack, index) => (
              <Bar
                key={stack.dataKey}
                dataKey={stack.dataKey}
                name={stack.name}
                stackId="cost"
                fill={colourOf(stack.dataKey, index)}
                isAnimationActive={false}
              >
                {rows.map(row => (
                  <Cell
                    key={row.date}
                    data-partial={row.partial || undefined}
                    fill={
                      row.partial
                        ? `url(#finops-partial-${stack.dataKey})`
                        : colourOf(stack.dataKey, index)
                    }
                    fillOpacity={
                      row.settling && !row.partial ? SETTLING_OPACITY : 1
                    }
                  />
                ))}
              </Bar>
            ))}
            {forecastOnly.length > 0 && (
              <ReferenceArea
                x1={forecastOnly[0]}
                x2={forecastOnly[forecastOnly.length - 1]}
                fill={FORECAST_COLOUR}
                fillOpacity={0.04}
                stroke="none"
                ifOverflow="visible"
                label={{
                  value: t('forecast.chartArea'),
                  position: 'insideTop',
                  fill: theme.palette.text.secondary,
                  fontSize: 12,
                }}
              />
            )}
            {forecast.length > 0 && (
              <Area
                dataKey={FORECAST_RANGE_KEY}
                name={t('forecast.chartBand')}
                type="linear"
                stroke={FORECAST_COLOUR}
                strokeOpacity={0.5}
                fill={FORECAST_COLOUR}
                fillOpacity={0.16}
                isAnimationActive={false}
                connectNulls={false}
                dot={forecast.length === 1}
                activeDot={false}
              />
            )}
            {forecast.length > 0 && (
              <Line
                dataKey={FORECAST_AMOUNT_KEY}
                name={t('forecast.chartLine')}
                type="linear"
                stroke={FORECAST_COLOUR}
                strokeWidth={2}
                strokeDasharray="6 4"
                dot={granularity === 'month' ? { r: 3 } : false}
                isAnimationActive={false}
                connectNulls={false}
              />
            )}
            {[...anomalies.keys()].map(date => {
              const row = costRows.find(candidate => candidate.date === date);
              return row ? (
                <ReferenceDot
                  key={date}
                  x={date}
                  y={bucketTotal(row)}
                  ifOverflow="extendDomain"
                  shape={(shape: { cx?: number; cy?: number }) => (
                    <AnomalyMarker cx={shape.cx} cy={shape.cy} date={date} />
                  )}
                />
              ) : null;
            })}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {note && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="finops-partial-note"
        >
          {note}
        </Typography>
      )}
      {overlayNotes.length > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="finops-chart-overlay-note"
        >
          {overlayNotes.join(' ')}
        </Typography>
      )}
    </div>
  );
}

/** A small area chart of the period's total by bucket, without axes. */
export function CostSparkline(props: {
  response: CostResponse;
  height?: number;
}) {
  const { response, height = 64 } = props;
  const theme = useTheme();
  const rows = useMemo(
    () =>
      response.series.map(point => ({
        date: point.date,
        amount: Number(point.amount),
      })),
    [response],
  );
  return (
    <div data-testid="finops-sparkline" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={rows}
          margin={{ top: 4, right: 0, bottom: 0, left: 0 }}
        >
          <Tooltip
            labelFormatter={(_: unknown, payload: any[]) =>
              payload?.[0]
                ? formatBucketTitle(
                    payload[0].payload.date,
                    response.granularity,
                  )
                : ''
            }
            formatter={(value: number) => [
              formatMoney(value, response.currency),
              'Cost',
            ]}
          />
          <Area
            type="monotone"
            dataKey="amount"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.light}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
