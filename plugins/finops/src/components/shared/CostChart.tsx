import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import {
  buildChartData,
  ChartInput,
  partialBucketsNote,
} from '../../lib/costData';
import { formatBucket, formatBucketTitle, formatMoney } from '../../lib/format';

/** Colours for the stacks, the last one for "Other". */
const PALETTE = ['#2E77D0', '#F5A623', '#43A047', '#8E44AD', '#00ACC1'];
const OTHER_COLOUR = '#9E9E9E';

/** Opacity of the bars of days whose cost may still change. */
const SETTLING_OPACITY = 0.55;

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
}) {
  const { response, height = 320, labelOf } = props;
  const theme = useTheme();
  const { series, rows } = useMemo(
    () => buildChartData(response, 5, labelOf),
    [response, labelOf],
  );
  const note = useMemo(() => partialBucketsNote(response), [response]);
  const currency = response.currency;
  const granularity = response.granularity;
  const colourOf = (dataKey: string, index: number) =>
    dataKey === 'other' ? OTHER_COLOUR : PALETTE[index % PALETTE.length];
  const bucketTitle = (day: string) => {
    const row = rows.find(candidate => candidate.date === day);
    const title = formatBucketTitle(day, granularity);
    if (row?.partial) {
      return `${title} (partial)`;
    }
    return row?.settling ? `${title} (may still change)` : title;
  };

  return (
    <div data-testid="finops-cost-chart">
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
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
              formatter={(value: number, name: string) => [
                formatMoney(value, currency),
                name,
              ]}
              contentStyle={{
                backgroundColor: theme.palette.background.paper,
                borderColor: theme.palette.divider,
              }}
            />
            {series.length > 1 && <Legend />}
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
          </BarChart>
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
