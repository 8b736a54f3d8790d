import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { OverviewResponse } from '@backstage-finops/plugin-finops-common';
import { maturityStage } from '../../lib/coverage';
import { formatShare } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';
import { CoverageChart } from '../shared/CoverageChart';
import { CsvButton } from '../shared/CsvButton';

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
  const { t } = useTranslationRef(finopsTranslationRef);
  const stage = maturityStage(coverage.allocatedPercent);
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
        <CoverageChart
          points={coverage.monthly.map(({ month, ...point }) => ({
            date: month,
            ...point,
          }))}
          granularity="month"
          currency={currency}
          testId="finops-coverage-chart"
        />
        <Typography variant="caption" color="textSecondary">
          {t('overview.bandsNote')}
        </Typography>
      </Box>
    </InfoCard>
  );
}
