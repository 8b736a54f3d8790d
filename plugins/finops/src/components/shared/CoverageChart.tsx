import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Granularity } from '@backstage-finops/plugin-finops-common';
import {
  bandRanges,
  MATURITY_BANDS,
  type MaturityBand,
  maturityStage,
} from '../../lib/coverage';
import { formatBucket, formatMoney, formatShare } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';

const BAND_COLOURS = { crawl: '#FFE0B2', walk: '#C8E6C9', run: '#A5D6A7' };
const STAGE_COLOURS = {
  below: '#E53935',
  crawl: '#FB8C00',
  walk: '#43A047',
  run: '#2E7D32',
};

/** One bucket's share of spend with an owner. */
export interface CoverageChartPoint {
  /** The bucket's first day. */
  date: string;
  total: string;
  allocated: string;
  allocatedPercent: number | null;
}

/**
 * The share of spend allocated per bucket as bars coloured by the stage
 * they reach, over the maturity bands (shaded and labelled, their minimums
 * dashed, since high bars hide the shading).
 */
export function CoverageChart(props: {
  points: CoverageChartPoint[];
  granularity: Granularity;
  currency: string;
  bands?: readonly MaturityBand[];
  testId: string;
}) {
  const { granularity, currency, bands = MATURITY_BANDS } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(finopsTranslationRef);
  const rows = props.points.map(point => ({
    ...point,
    percent: point.allocatedPercent ?? 0,
    stage: maturityStage(point.allocatedPercent, bands) ?? 'below',
  }));
  const ranges = bandRanges(bands);
  return (
    <div style={{ width: '100%', height: 300 }} data-testid={props.testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={rows}
          margin={{ top: 8, right: 56, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {ranges.map(band => (
            <ReferenceArea
              key={band.stage}
              y1={band.from}
              y2={band.to}
              fill={BAND_COLOURS[band.stage]}
              fillOpacity={0.6}
              ifOverflow="hidden"
              label={{
                value: t(`maturity.${band.stage}`),
                position: 'right',
                fill: theme.palette.text.secondary,
                fontSize: 12,
              }}
            />
          ))}
          <XAxis
            dataKey="date"
            tickFormatter={(date: string) => formatBucket(date, granularity)}
            tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
          />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 70, 85, 90, 100]}
            tickFormatter={(value: number) => `${value}%`}
            tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
            width={48}
          />
          <Tooltip
            labelFormatter={(date: string) => formatBucket(date, granularity)}
            formatter={(value: number, _name: string, item: any) => [
              t('ownership.tooltip', {
                percent: formatShare(value),
                allocated: formatMoney(item.payload.allocated, currency),
                total: formatMoney(item.payload.total, currency),
              }),
              t('overview.allocatedLabel'),
            ]}
            contentStyle={{
              backgroundColor: theme.palette.background.paper,
              borderColor: theme.palette.divider,
            }}
          />
          <Bar
            dataKey="percent"
            name={t('overview.allocatedLabel')}
            isAnimationActive={false}
            maxBarSize={48}
          >
            {rows.map(row => (
              <Cell
                key={row.date}
                fill={STAGE_COLOURS[row.stage]}
                data-stage={row.stage}
              />
            ))}
          </Bar>
          {ranges.map(band => (
            <ReferenceLine
              key={`line-${band.stage}`}
              y={band.from}
              stroke={theme.palette.text.secondary}
              strokeDasharray="4 4"
              ifOverflow="hidden"
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
