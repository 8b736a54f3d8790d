import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatChangePercent, formatMoney } from '../../lib/format';
import {
  accuracyRows,
  FORECAST_DAYS,
  forecastBand,
  formatMonth,
  medianAbsoluteError,
  type BacktestEntry,
  type ForecastBand,
  type ForecastResponse,
} from '../../lib/operate';
import { finopsTranslationRef } from '../../translation';

/** The bands' colours, as the allocation coverage chart's maturity stages. */
const BAND_COLOURS: Record<ForecastBand, { background: string; text: string }> =
  {
    run: { background: '#2E7D32', text: '#FFFFFF' },
    walk: { background: '#9CCC65', text: 'rgba(0, 0, 0, 0.87)' },
    crawl: { background: '#F9A825', text: 'rgba(0, 0, 0, 0.87)' },
    below: { background: '#C62828', text: '#FFFFFF' },
  };

const useStyles = makeStyles(theme => ({
  cell: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    flexWrap: 'wrap',
    gap: theme.spacing(0.75),
  },
  band: { height: 20, fontSize: '0.75rem', fontWeight: 600 },
  how: { display: 'block', textAlign: 'right' },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 3),
    marginBottom: theme.spacing(1.5),
  },
}));

function BandChip(props: { band: ForecastBand }) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const colours = BAND_COLOURS[props.band];
  return (
    <Chip
      size="small"
      label={t(`forecast.bands.${props.band}`)}
      className={classes.band}
      style={{ backgroundColor: colours.background, color: colours.text }}
      data-band={props.band}
    />
  );
}

/** An error as a signed percentage; a rounding to nothing is no sign (not "−0.0%"). */
function formatError(ratio: number): string {
  return formatChangePercent(Math.abs(ratio) < 0.0005 ? 0 : ratio);
}

function ErrorCell(props: {
  entry?: BacktestEntry;
  currency: string;
  /** Whether to say in the cell if it was recorded or recomputed. */
  sayHow: boolean;
}) {
  const { entry, currency } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  if (!entry) {
    return <TableCell align="right">—</TableCell>;
  }
  return (
    <TableCell
      align="right"
      data-testid="finops-accuracy-cell"
      data-day={entry.madeOnDay}
      data-recorded={entry.recorded}
    >
      <Tooltip
        title={t('forecast.errorTooltip', {
          forecast: formatMoney(entry.forecast, currency),
          actual: formatMoney(entry.actual, currency),
        })}
      >
        <span className={classes.cell}>
          <span>
            {entry.errorRatio === null ? '—' : formatError(entry.errorRatio)}
          </span>
          {entry.errorRatio !== null && (
            <BandChip band={forecastBand(entry.errorRatio)} />
          )}
        </span>
      </Tooltip>
      {props.sayHow && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.how}
        >
          {entry.recorded ? t('forecast.recorded') : t('forecast.recomputed')}
        </Typography>
      )}
    </TableCell>
  );
}

/**
 * How good the forecasts were: for each closed month of the backtest, the
 * error of the month-end forecasts made on day 5, 10 and 20 against what
 * the month cost, each in its FinOps maturity band (run under 5 %, walk
 * under 10 %, crawl under 20 %), recorded then or recomputed now.
 */
export function ForecastAccuracyCard(props: { response: ForecastResponse }) {
  const { response } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const rows = accuracyRows(response.backtest);
  // When every forecast was recorded, or every one recomputed, one line says so.
  const kinds = new Set(response.backtest.map(entry => entry.recorded));
  const mixed = kinds.size > 1;
  return (
    <InfoCard
      title={t('forecast.accuracyTitle')}
      subheader={t('forecast.accuracySubheader')}
    >
      <Box data-testid="finops-forecast-accuracy">
        {rows.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('forecast.accuracyNone')}
          </Typography>
        ) : (
          <>
            <Box className={classes.summary}>
              {FORECAST_DAYS.map(day => {
                const median = medianAbsoluteError(response.backtest, day);
                return median === null ? null : (
                  <Box key={day} display="flex" alignItems="center" gridGap={8}>
                    <Typography variant="body2">
                      {t('forecast.accuracyMedian', {
                        day: String(day),
                        percent: `${(median * 100).toFixed(1)}%`,
                      })}
                    </Typography>
                    <BandChip band={forecastBand(median)} />
                  </Box>
                );
              })}
            </Box>
            <Table size="small" aria-label={t('forecast.accuracyTitle')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('forecast.accuracyMonthColumn')}</TableCell>
                  <TableCell align="right">
                    {t('forecast.accuracyActualColumn')}
                  </TableCell>
                  {FORECAST_DAYS.map(day => (
                    <TableCell key={day} align="right">
                      {t('forecast.accuracyDayColumn', { day: String(day) })}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(row => (
                  <TableRow key={row.month} data-testid="finops-accuracy-row">
                    <TableCell>{formatMonth(row.month)}</TableCell>
                    <TableCell align="right">
                      {formatMoney(row.actual, response.currency)}
                    </TableCell>
                    {FORECAST_DAYS.map(day => (
                      <ErrorCell
                        key={day}
                        entry={row.byDay[day]}
                        currency={response.currency}
                        sayHow={mixed}
                      />
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Box mt={1}>
              <Typography variant="caption" color="textSecondary" component="p">
                {t('forecast.bandsNote')}
              </Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                component="p"
                data-testid="finops-accuracy-how"
              >
                {mixed && t('forecast.recordedNote')}
                {!mixed && kinds.has(true) && t('forecast.allRecorded')}
                {!mixed && kinds.has(false) && t('forecast.allRecomputed')}
              </Typography>
            </Box>
          </>
        )}
      </Box>
    </InfoCard>
  );
}
