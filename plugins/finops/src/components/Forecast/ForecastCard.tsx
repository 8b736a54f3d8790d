import { InfoCard, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatMoney } from '../../lib/format';
import { formatMonth } from '../../lib/operate';
import { finopsTranslationRef } from '../../translation';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { FORECAST_MONTHS, type ForecastState } from './useForecast';

const METHODS = [
  'seasonal-trend',
  'run-rate-short-history',
  'actual',
  'no-data',
] as const;

const useStyles = makeStyles(theme => ({
  headline: {
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
  current: { fontWeight: theme.typography.fontWeightBold as number },
  amount: { whiteSpace: 'nowrap' },
}));

/**
 * The month-end forecast of the entity's rollup and the next months', each
 * with its 80 % interval, and how they were made.
 */
export function ForecastCard(props: {
  entityRef: string;
  state: ForecastState;
}) {
  const { state } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const response = state.value;

  let content: JSX.Element;
  if (state.error) {
    content = (
      <CostErrorPanel
        error={state.error}
        entityRef={props.entityRef}
        onRetry={state.retry}
      />
    );
  } else if (!response) {
    content = <Progress />;
  } else if (response.method === 'no-data' || response.months.length === 0) {
    content = (
      <Typography variant="body2" color="textSecondary">
        {t('forecast.noData')}
      </Typography>
    );
  } else {
    const [current, ...later] = response.months;
    const money = (amount: string) => formatMoney(amount, response.currency);
    const method = METHODS.find(known => known === response.method);
    content = (
      <>
        <Typography variant="body2" color="textSecondary">
          {t('forecast.monthEnd', { month: formatMonth(current.month) })}
        </Typography>
        <Typography
          variant="h4"
          component="p"
          className={classes.headline}
          data-testid="finops-forecast-month-end"
        >
          {money(current.amount)}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('forecast.interval', {
            low: money(current.low),
            high: money(current.high),
          })}
        </Typography>
        <Box mt={2}>
          <Table size="small" aria-label={t('forecast.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('forecast.monthColumn')}</TableCell>
                <TableCell align="right">
                  {t('forecast.amountColumn')}
                </TableCell>
                <TableCell align="right">
                  {t('forecast.intervalColumn')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[current, ...later].map((point, index) => (
                <TableRow key={point.month} data-testid="finops-forecast-row">
                  <TableCell className={index === 0 ? classes.current : ''}>
                    {index === 0
                      ? t('forecast.currentMonth', {
                          month: formatMonth(point.month),
                        })
                      : formatMonth(point.month)}
                  </TableCell>
                  <TableCell align="right" className={classes.amount}>
                    {money(point.amount)}
                  </TableCell>
                  <TableCell align="right" className={classes.amount}>
                    {money(point.low)} – {money(point.high)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            {method ? t(`forecast.methods.${method}`) : response.method}
          </Typography>
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title={t('forecast.title')}
      subheader={t('forecast.subheader', { count: FORECAST_MONTHS })}
    >
      <Box data-testid="finops-forecast-card">{content}</Box>
    </InfoCard>
  );
}
