import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { type MaturityStage, maturityStage } from '../../lib/coverage';
import { formatMoney, formatShare } from '../../lib/format';
import type { OwnershipCoverageResponse } from '../../lib/ownership';
import { finopsTranslationRef } from '../../translation';
import { CoverageChart } from '../shared/CoverageChart';
import { CsvButton } from '../shared/CsvButton';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    margin: theme.spacing(2, 0, 1),
  },
  nowrap: { whiteSpace: 'nowrap' },
}));

/**
 * Allocation coverage (`GET /ownership/coverage`): the period's share of
 * spend with an owner and its maturity stage, a chart of the share per day
 * or month over the maturity bands, and a table per provider or account.
 */
export function OwnershipCoverageCard(props: {
  coverage: OwnershipCoverageResponse;
  onGranularityChange: (granularity: 'day' | 'month') => void;
  onGroupByChange: (groupBy: 'provider' | 'account') => void;
  fileName: (what: string) => string;
}) {
  const { coverage } = props;
  const { currency, bands } = coverage;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const stage = maturityStage(coverage.allocatedPercent, bands);
  const granularity = coverage.granularity;
  const stageWord = (value: MaturityStage | null) =>
    value ? t(`maturity.${value}`) : t('overview.none');
  return (
    <InfoCard
      title={t('ownership.coverageTitle')}
      subheader={t('ownership.coverageSubheader')}
      action={
        <CsvButton
          what={t('ownership.coverageSeriesWhat')}
          fileName={props.fileName('coverage-series')}
          table={() => ({
            header: [
              'date',
              'total',
              'allocated',
              'allocatedPercent',
              'stage',
              'currency',
            ],
            rows: coverage.series.map(point => [
              point.date,
              point.total,
              point.allocated,
              point.allocatedPercent,
              maturityStage(point.allocatedPercent, bands),
              currency,
            ]),
          })}
        />
      }
    >
      <Box data-testid="finops-ownership-coverage">
        <Typography
          variant="h4"
          component="p"
          data-testid="finops-ownership-coverage-figure"
        >
          {stage
            ? t('ownership.coverageFigure', {
                percent: formatShare(coverage.allocatedPercent),
                stage: stageWord(stage),
              })
            : t('overview.noSpend')}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {t('ownership.coverageAmounts', {
            allocated: formatMoney(coverage.allocated, currency),
            total: formatMoney(coverage.total, currency),
          })}
        </Typography>
        <Box className={classes.toolbar}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={granularity}
            aria-label={t('ownership.granularityLabel')}
            onChange={(_event, value) =>
              value && props.onGranularityChange(value)
            }
          >
            <ToggleButton value="day">{t('granularities.day')}</ToggleButton>
            <ToggleButton value="month">
              {t('granularities.month')}
            </ToggleButton>
          </ToggleButtonGroup>
        </Box>
        <CoverageChart
          points={coverage.series}
          granularity={granularity}
          currency={currency}
          bands={bands}
          testId="finops-ownership-coverage-chart"
        />
        <Typography variant="caption" color="textSecondary">
          {t('overview.bandsNote')}
        </Typography>
        <Box className={classes.toolbar}>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={coverage.groupBy}
            aria-label={t('ownership.groupByLabel')}
            onChange={(_event, value) => value && props.onGroupByChange(value)}
          >
            <ToggleButton value="provider">
              {t('ownership.byProvider')}
            </ToggleButton>
            <ToggleButton value="account">
              {t('ownership.byAccount')}
            </ToggleButton>
          </ToggleButtonGroup>
          <CsvButton
            what={t('ownership.coverageGroupsWhat')}
            fileName={props.fileName(`coverage-by-${coverage.groupBy}`)}
            disabled={coverage.groups.length === 0}
            table={() => ({
              header: [
                coverage.groupBy,
                'total',
                'allocated',
                'allocatedPercent',
                'stage',
                'currency',
              ],
              rows: coverage.groups.map(group => [
                group.key,
                group.total,
                group.allocated,
                group.allocatedPercent,
                maturityStage(group.allocatedPercent, bands),
                currency,
              ]),
            })}
          />
        </Box>
        {coverage.groups.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('overview.noSpend')}
          </Typography>
        ) : (
          <Table size="small" aria-label={t('ownership.coverageGroupsWhat')}>
            <TableHead>
              <TableRow>
                <TableCell>
                  {coverage.groupBy === 'provider'
                    ? t('ownership.providerColumn')
                    : t('overview.accountColumn')}
                </TableCell>
                <TableCell align="right">
                  {t('ownership.totalColumn')}
                </TableCell>
                <TableCell align="right">
                  {t('ownership.allocatedColumn')}
                </TableCell>
                <TableCell align="right">
                  {t('ownership.percentColumn')}
                </TableCell>
                <TableCell>{t('ownership.stageColumn')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {coverage.groups.map(group => (
                <TableRow
                  key={group.key}
                  data-testid="finops-ownership-coverage-row"
                >
                  <TableCell>{group.key}</TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {formatMoney(group.total, currency)}
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {formatMoney(group.allocated, currency)}
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    {formatShare(group.allocatedPercent)}
                  </TableCell>
                  <TableCell>
                    {stageWord(maturityStage(group.allocatedPercent, bands))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </InfoCard>
  );
}
