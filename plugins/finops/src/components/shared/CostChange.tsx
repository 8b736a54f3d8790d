import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import {
  CostResponse,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';
import { changeAmount } from '../../lib/costData';
import { formatChangePercent, formatMoney } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  up: { color: theme.palette.error.main },
  down: { color: theme.palette.success.main },
  flat: { color: theme.palette.text.secondary },
  icon: { fontSize: '1.1em' },
}));

/**
 * The change of the total against the previous period of the same length:
 * up (more spend) in red, down in green, with the percentage and the amount.
 */
export function CostChange(props: {
  response: Pick<
    CostResponse,
    'total' | 'previousTotal' | 'changeRatio' | 'currency'
  >;
  /** e.g. "previous 30 days". */
  comparedTo: string;
  variant?: 'body1' | 'body2';
  /**
   * Writes the signed difference; money in the response's currency unless
   * given (a unit cost writes it per its multiplier of units).
   */
  formatDifference?: (difference: string) => string;
  /** What is said when the previous period had nothing; "no cost in the …" unless given. */
  nothingBefore?: string;
  /** `finops-change` unless given. */
  testId?: string;
}) {
  const { response, comparedTo, variant = 'body1' } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const difference = changeAmount(response);
  const sign = moneyFromDecimal(difference);
  let direction: 'up' | 'down' | 'flat' = 'flat';
  if (sign !== 0n) {
    direction = sign > 0n ? 'up' : 'down';
  }
  const amount = props.formatDifference
    ? props.formatDifference(difference)
    : formatMoney(difference, response.currency, { signed: true });

  let text: string;
  if (response.changeRatio === null || response.changeRatio === undefined) {
    text =
      moneyFromDecimal(response.previousTotal.amount) === 0n
        ? props.nothingBefore ?? t('change.nothingBefore', { comparedTo })
        : t('change.withoutRatio', { amount, comparedTo });
  } else {
    text = t('change.withRatio', {
      percent: formatChangePercent(response.changeRatio),
      amount,
      comparedTo,
    });
  }
  const showDirection =
    direction !== 'flat' &&
    !(
      response.changeRatio === null &&
      moneyFromDecimal(response.previousTotal.amount) === 0n
    );

  return (
    <Typography
      variant={variant}
      component="span"
      data-testid={props.testId ?? 'finops-change'}
      data-direction={showDirection ? direction : 'flat'}
      className={`${classes.root} ${
        showDirection ? classes[direction] : classes.flat
      }`}
    >
      {showDirection && direction === 'up' && (
        <ArrowUpwardIcon className={classes.icon} aria-label={t('change.up')} />
      )}
      {showDirection && direction === 'down' && (
        <ArrowDownwardIcon
          className={classes.icon}
          aria-label={t('change.down')}
        />
      )}
      {text}
    </Typography>
  );
}
