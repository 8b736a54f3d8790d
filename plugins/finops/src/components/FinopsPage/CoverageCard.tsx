import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { OverviewResponse } from '@backstage-finops/plugin-finops-common';
import { MATURITY_BANDS, maturityStage } from '../../lib/coverage';
import { formatBucket, formatMoney, formatShare } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';
import { CsvButton } from '../shared/CsvButton';

const BAND_COLOURS = { crawl: '#FFE0B2', walk: '#C8E6C9', run: '#A5D6A7' };
const STAGE_COLOURS = {
  below: '#E53935',
  crawl: '#FB8C00',
  walk: '#43A047',
  run: '#2E7D32',
};

/**
 * Allocation coverage: the share of spend attributed to an owner, per
 * month, against the FinOps Foundation's maturity bands (crawl ≥ 70 %, walk
 * ≥ 85 %, run > 90 %), and the stage the period reaches.
 */
export function CoverageCard(props: {
  coverage: OverviewResponse['coverage'];
  currency: string;
  periodLabel: string;
  fileName: string;
}) {
  const { coverage, currency } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(finopsTranslationRef);
  const stage = maturityStage(coverage.allocatedPercent);
  const rows = coverage.monthly.map(month => ({
    month: month.month,
    percent: month.allocatedPercent ?? 0,
    stage: maturityStage(month.allocatedPercent) ?? 'below',
    total: month.total,
    allocated: month.allocated,
  }));
  return (
    <InfoCard
      title={t('overview.coverageTitle')}
      subheader={t('overview.coverageSubheader')}
      action={
        <CsvButton
          what={t('overview.coverageTitle')}
          fileName={props.fileName}
          table={() => ({
            header: [
              'month',
              'total',
              'allocated',
              'allocatedPercent',
              'stage',
              'currency',
            ],
            rows: coverage.monthly.map(month => [
              month.month,
              month.total,
              month.allocated,
              month.allocatedPercent,
              maturityStage(month.allocatedPercent),
              currency,
            ]),
          })}
        />
      }
    >
      <Box data-testid="finops-coverage">
        <Typography
          variant="h4"
          component="p"
          data-testid="finops-coverage-percent"
        >
          {formatShare(coverage.allocatedPercent)}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {stage
            ? t('overview.coverageStage', {
                period: props.periodLabel.toLocaleLowerCase('en-US'),
                stage: t(`maturity.${stage}`),
              })
            : t('overview.noSpend')}
        </Typography>
        <div
          style={{ width: '100%', height: 300 }}
          data-testid="finops-coverage-chart"
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={rows}
              margin={{ top: 8, right: 56, bottom: 8, left: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {MATURITY_BANDS.map(band => (
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
                dataKey="month"
                tickFormatter={(month: string) => formatBucket(month, 'month')}
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
                labelFormatter={(month: string) => formatBucket(month, 'month')}
                formatter={(value: number, _name: string, item: any) => [
                  `${formatShare(value)} (${formatMoney(
                    item.payload.allocated,
                    currency,
                  )} of ${formatMoney(item.payload.total, currency)})`,
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
                    key={row.month}
                    fill={STAGE_COLOURS[row.stage]}
                    data-stage={row.stage}
                  />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <Typography variant="caption" color="textSecondary">
          {t('overview.bandsNote')}
        </Typography>
      </Box>
    </InfoCard>
  );
}
