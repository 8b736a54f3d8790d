import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
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
import type { MaturityStage } from '../../lib/coverage';
import { formatBucket, formatMoney, formatShare } from '../../lib/format';
import type { OwnershipCoverageResponse } from '../../lib/ownership';
import { finopsTranslationRef } from '../../translation';
import { CsvButton } from '../shared/CsvButton';

const BAND_COLOURS = { crawl: '#FFE0B2', walk: '#C8E6C9', run: '#A5D6A7' };
const STAGE_COLOURS = {
  below: '#E53935',
  crawl: '#FB8C00',
  walk: '#43A047',
  run: '#2E7D32',
};

type Bands = OwnershipCoverageResponse['bands'];

/** The stage a percentage reaches by the API's bands; null without spend. */
export function stageOf(
  percent: number | null,
  bands: Bands,
): MaturityStage | null {
  if (percent === null) {
    return null;
  }
  const reached = [...bands]
    .sort((a, b) => b.minPercent - a.minPercent)
    .find(band =>
      band.inclusive ? percent >= band.minPercent : percent > band.minPercent,
    );
  return reached ? reached.stage : 'below';
}

/** Each band's range on the chart: from its minimum to the next band's. */
function bandAreas(bands: Bands) {
  const sorted = [...bands].sort((a, b) => a.minPercent - b.minPercent);
  return sorted.map((band, index) => ({
    stage: band.stage,
    from: band.minPercent,
    to: sorted[index + 1]?.minPercent ?? 100,
  }));
}

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
  const theme = useTheme();
  const { t } = useTranslationRef(finopsTranslationRef);
  const stage = stageOf(coverage.allocatedPercent, bands);
  const granularity = coverage.granularity;
  const rows = coverage.series.map(point => ({
    date: point.date,
    percent: point.allocatedPercent ?? 0,
    stage: stageOf(point.allocatedPercent, bands) ?? 'below',
    total: point.total,
    allocated: point.allocated,
  }));
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
              stageOf(point.allocatedPercent, bands),
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
        <div
          style={{ width: '100%', height: 300 }}
          data-testid="finops-ownership-coverage-chart"
        >
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={rows}
              margin={{ top: 8, right: 56, bottom: 8, left: 0 }}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              {bandAreas(bands).map(band => (
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
                tickFormatter={(date: string) =>
                  formatBucket(date, granularity)
                }
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
                labelFormatter={(date: string) =>
                  formatBucket(date, granularity)
                }
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
              {bandAreas(bands).map(band => (
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
                stageOf(group.allocatedPercent, bands),
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
                    {stageWord(stageOf(group.allocatedPercent, bands))}
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
