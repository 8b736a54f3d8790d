import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { formatChangePercent, formatMoney } from '../../lib/format';
import { signOf } from '../../lib/money';
import { finopsTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  up: { color: theme.palette.error.main },
  down: { color: theme.palette.success.main },
  flat: { color: theme.palette.text.secondary },
}));

/**
 * A row's change against the previous period, for tables: "+$12.30
 * (+5.2%)", more spend in red and less in green, "new" when the previous
 * period had none.
 */
export function ChangeText(props: {
  /** current - previous, an exact decimal string. */
  change: string;
  previous: string;
  ratio: number | null | undefined;
  currency: string;
  /**
   * Writes the signed change; money in `currency` unless given (a unit cost
   * writes it per its multiplier of units).
   */
  formatAmount?: (change: string) => string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const sign = signOf(props.change);
  const direction = { 1: 'up', 0: 'flat', [-1]: 'down' }[sign] as
    | 'up'
    | 'down'
    | 'flat';
  const amount = props.formatAmount
    ? props.formatAmount(props.change)
    : formatMoney(props.change, props.currency, { signed: true });
  let text: string;
  if (signOf(props.previous) === 0 && sign !== 0) {
    text = t('change.newSpend', { amount });
  } else if (props.ratio === null || props.ratio === undefined) {
    text = amount;
  } else {
    text = `${amount} (${formatChangePercent(props.ratio)})`;
  }
  return (
    <Typography
      variant="body2"
      component="span"
      className={classes[direction]}
      data-direction={direction}
    >
      {text}
    </Typography>
  );
}
