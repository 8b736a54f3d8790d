import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatMoney } from '../../lib/format';
import { budgetBar, type BudgetResponse } from '../../lib/operate';
import { finopsTranslationRef } from '../../translation';
import { BUDGET_STATUS_COLOURS } from './BudgetStatusChip';

const TRACK_HEIGHT = 22;

const useStyles = makeStyles(theme => ({
  bar: {
    position: 'relative',
    // Room above for the budget's label, below for the interval.
    padding: theme.spacing(2.5, 0, 2),
    margin: theme.spacing(1, 0, 0),
  },
  track: {
    position: 'relative',
    height: TRACK_HEIGHT,
    borderRadius: 4,
    backgroundColor: theme.palette.action.selected,
  },
  fill: {
    position: 'absolute',
    top: 0,
    left: 0,
    height: '100%',
    borderRadius: '4px 0 0 4px',
  },
  projected: {
    position: 'absolute',
    top: 0,
    height: '100%',
    opacity: 0.45,
  },
  // An error bar under the track, from the interval's low to its high.
  interval: {
    position: 'absolute',
    top: TRACK_HEIGHT + 4,
    height: 8,
    borderLeft: `2px solid ${theme.palette.text.secondary}`,
    borderRight: `2px solid ${theme.palette.text.secondary}`,
    boxSizing: 'border-box',
    '&::after': {
      content: '""',
      position: 'absolute',
      left: 0,
      right: 0,
      top: 3,
      height: 2,
      backgroundColor: theme.palette.text.secondary,
    },
  },
  forecast: {
    position: 'absolute',
    top: 0,
    height: TRACK_HEIGHT + 12,
    width: 0,
    borderLeft: `2px dashed ${theme.palette.text.primary}`,
  },
  budget: {
    position: 'absolute',
    top: -6,
    height: TRACK_HEIGHT + 12,
    width: 4,
    marginLeft: -2,
    borderRadius: 2,
    backgroundColor: theme.palette.text.primary,
  },
  budgetLabel: {
    position: 'absolute',
    top: -theme.spacing(2.5),
    transform: 'translateX(-50%)',
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1,
  },
  budgetLabelEnd: { transform: 'translateX(-100%)' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    marginTop: theme.spacing(0.5),
  },
  legendItem: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    borderRadius: 2,
    flexShrink: 0,
  },
  budgetSwatch: {
    display: 'inline-block',
    width: 4,
    height: 16,
    borderRadius: 2,
    backgroundColor: theme.palette.text.primary,
  },
  forecastSwatch: {
    display: 'inline-block',
    width: 0,
    height: 16,
    borderLeft: `2px dashed ${theme.palette.text.primary}`,
  },
  intervalSwatch: {
    position: 'relative',
    display: 'inline-block',
    width: 16,
    height: 8,
    borderLeft: `2px solid ${theme.palette.text.secondary}`,
    borderRight: `2px solid ${theme.palette.text.secondary}`,
    boxSizing: 'border-box',
    '&::after': {
      content: '""',
      position: 'absolute',
      left: 0,
      right: 0,
      top: 3,
      height: 2,
      backgroundColor: theme.palette.text.secondary,
    },
  },
}));

/** Stripes of a colour, for what is projected rather than spent. */
function stripes(colour: string): string {
  return `repeating-linear-gradient(135deg, ${colour} 0 6px, transparent 6px 10px)`;
}

/**
 * Month-to-date against the budget as a bar: spent so far solid in the
 * status's colour, the rest of the month's forecast striped after it, its
 * 80 % interval as a bracket, the budget as a black line; and a legend
 * with the amounts.
 */
export function BudgetBar(props: { response: BudgetResponse }) {
  const { response } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const bar = budgetBar(response);
  const budget = response.budget;
  if (!bar || !budget) {
    return null;
  }
  const colour = response.status
    ? BUDGET_STATUS_COLOURS[response.status].background
    : '#2E77D0';
  const money = (amount: string) => formatMoney(amount, budget.currency);
  const forecast =
    bar.forecast && response.forecast
      ? { shown: bar.forecast, amounts: response.forecast }
      : undefined;
  const label = forecast
    ? t('budget.barLabel', {
        monthToDate: money(response.monthToDate.amount),
        budget: money(budget.amount),
        forecast: money(forecast.amounts.amount),
      })
    : t('budget.barLabelNoForecast', {
        monthToDate: money(response.monthToDate.amount),
        budget: money(budget.amount),
      });
  return (
    <Box>
      <div
        className={classes.bar}
        role="img"
        aria-label={label}
        data-testid="finops-budget-bar"
      >
        <div className={classes.track}>
          {forecast && forecast.shown.amount > bar.monthToDate && (
            <div
              className={classes.projected}
              style={{
                left: `${bar.monthToDate}%`,
                width: `${forecast.shown.amount - bar.monthToDate}%`,
                background: stripes(colour),
              }}
            />
          )}
          <div
            className={classes.fill}
            style={{ width: `${bar.monthToDate}%`, backgroundColor: colour }}
            data-testid="finops-budget-fill"
          />
          {forecast && (
            <>
              <div
                className={classes.interval}
                style={{
                  left: `${forecast.shown.low}%`,
                  width: `${Math.max(
                    0.5,
                    forecast.shown.high - forecast.shown.low,
                  )}%`,
                }}
                data-testid="finops-budget-interval"
              />
              <div
                className={classes.forecast}
                style={{ left: `${forecast.shown.amount}%` }}
                data-testid="finops-budget-forecast"
              />
            </>
          )}
          <div
            className={classes.budget}
            style={{ left: `${bar.budget}%` }}
            data-testid="finops-budget-line"
          />
          <Typography
            variant="caption"
            component="span"
            aria-hidden
            className={`${classes.budgetLabel} ${
              bar.budget > 88 ? classes.budgetLabelEnd : ''
            }`}
            style={{ left: `${bar.budget}%` }}
          >
            {t('budget.barBudget')}
          </Typography>
        </div>
      </div>
      <Box className={classes.legend}>
        <span className={classes.legendItem}>
          <span
            className={classes.swatch}
            style={{ backgroundColor: colour }}
          />
          <Typography variant="body2">
            {t('budget.legendMonthToDate', {
              amount: money(response.monthToDate.amount),
            })}
          </Typography>
        </span>
        {forecast && (
          <>
            <span className={classes.legendItem}>
              <span className={classes.forecastSwatch} />
              <span
                className={classes.swatch}
                style={{ background: stripes(colour), opacity: 0.6 }}
              />
              <Typography variant="body2">
                {t('budget.legendForecast', {
                  amount: money(forecast.amounts.amount),
                })}
              </Typography>
            </span>
            <span className={classes.legendItem}>
              <span className={classes.intervalSwatch} />
              <Typography variant="body2">
                {t('budget.legendInterval', {
                  low: money(forecast.amounts.low),
                  high: money(forecast.amounts.high),
                })}
              </Typography>
            </span>
          </>
        )}
        <span className={classes.legendItem}>
          <span className={classes.budgetSwatch} />
          <Typography variant="body2">
            {t('budget.legendBudget', { amount: money(budget.amount) })}
          </Typography>
        </span>
      </Box>
    </Box>
  );
}
