import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import { buildChartData } from '../../lib/costData';
import { formatBucket, formatBucketTitle, formatMoney } from '../../lib/format';

/** Colours for the stacks, the last one for "Other". */
const PALETTE = ['#2E77D0', '#F5A623', '#43A047', '#8E44AD', '#00ACC1'];
const OTHER_COLOUR = '#9E9E9E';

/** A stacked bar chart of the period's cost by bucket, by its top groups. */
export function CostChart(props: { response: CostResponse; height?: number }) {
  const { response, height = 320 } = props;
  const theme = useTheme();
  const { series, rows } = useMemo(() => buildChartData(response), [response]);
  const currency = response.currency;
  const granularity = response.granularity;

  return (
    <div data-testid="finops-cost-chart" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
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
            labelFormatter={(day: string) =>
              formatBucketTitle(day, granularity)
            }
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
              fill={
                stack.dataKey === 'other'
                  ? OTHER_COLOUR
                  : PALETTE[index % PALETTE.length]
              }
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
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
