import { useMemo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { UnitCostResponse } from '@backstage-finops/plugin-finops-common';
import { formatBucket, formatBucketTitle, formatMoney } from '../../lib/format';
import {
  buildUnitCostChartRows,
  UnitCostChartRow,
} from '../../lib/unitCostData';
import {
  formatQuantity,
  formatUnitCost,
  UnitCostPhrase,
  UnitCostPower,
  UnitNames,
} from '../../lib/unitCostFormat';
import { finopsTranslationRef } from '../../translation';

/** Opacity of the volume bars of partial buckets. */
const PARTIAL_OPACITY = 0.45;

const quantityTicks = new Intl.NumberFormat(undefined, {
  notation: 'compact',
  maximumFractionDigits: 1,
});

/**
 * The unit cost over time (a line, per the headline's multiplier of units,
 * on the left axis) over the volume (bars, on the right axis). A bucket
 * without data is a gap in both, never a zero: the line breaks there.
 */
export function UnitCostChart(props: {
  response: UnitCostResponse;
  power: UnitCostPower;
  names: UnitNames;
  phrase: UnitCostPhrase;
  /** "per million requests", for the legend. */
  per: string;
  height?: number;
}) {
  const { response, power, names, phrase, height = 280 } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(finopsTranslationRef);
  const rows = useMemo(
    () => buildUnitCostChartRows(response, power),
    [response, power],
  );
  const { currency, granularity } = response;
  const rowOf = (date: string) => rows.find(row => row.date === date);
  const lineName = t('unitCost.lineName', { per: props.per });
  const tooltipValue = (row: UnitCostChartRow | undefined, key: string) => {
    if (key === 'unitCost') {
      return row?.unitCostText
        ? formatUnitCost(row.unitCostText, currency, names, { power, phrase })
        : t('unitCost.gap');
    }
    return row?.quantityText
      ? formatQuantity(row.quantityText, names, { compact: false })
      : t('unitCost.gap');
  };
  const partial = rows.some(row => row.partial);

  return (
    <div
      data-testid="finops-unit-cost-chart"
      role="img"
      aria-label={t('unitCost.chartLabel', { units: names.other })}
    >
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={(day: string) => formatBucket(day, granularity)}
              tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
              minTickGap={16}
            />
            <YAxis
              yAxisId="unitCost"
              tickFormatter={(value: number) =>
                formatMoney(value, currency, { compact: true })
              }
              tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
              width={64}
            />
            <YAxis
              yAxisId="quantity"
              orientation="right"
              tickFormatter={(value: number) => quantityTicks.format(value)}
              tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
              width={56}
            />
            <Tooltip
              labelFormatter={(day: string) => {
                const title = formatBucketTitle(day, granularity);
                return rowOf(day)?.partial ? `${title} (partial)` : title;
              }}
              formatter={(_value: unknown, name: string, item: any) => [
                tooltipValue(item?.payload, String(item?.dataKey)),
                name,
              ]}
              contentStyle={{
                backgroundColor: theme.palette.background.paper,
                borderColor: theme.palette.divider,
              }}
            />
            <Legend />
            <Bar
              yAxisId="quantity"
              dataKey="quantity"
              name={names.other}
              fill={theme.palette.grey[400]}
              isAnimationActive={false}
            >
              {rows.map(row => (
                <Cell
                  key={row.date}
                  data-partial={row.partial || undefined}
                  fillOpacity={row.partial ? PARTIAL_OPACITY : 1}
                />
              ))}
            </Bar>
            <Line
              yAxisId="unitCost"
              dataKey="unitCost"
              name={lineName}
              type="linear"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      {partial && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="finops-unit-cost-partial-note"
        >
          {t('unitCost.partialNote', {
            unit: t(`bucketUnits.${granularity}`),
          })}
        </Typography>
      )}
    </div>
  );
}
