import { FormEvent, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { finopsApiRef } from '../../api';
import { formatMonth, isBudgetAmount } from '../../lib/operate';
import { finopsTranslationRef } from '../../translation';

/** The annotation that gives an entity its monthly budget. */
export const MONTHLY_BUDGET_ANNOTATION = 'finops.backstage.io/monthly-budget';

/** Why a budget change failed: the server's message where it gave one. */
function failureReason(error: Error): string {
  return ResponseError.is(error)
    ? error.cause.message || error.message
    : error.message;
}

/**
 * A budget change as a dialog runs it: whether one is under way, and why
 * the last one failed, in words (cleared when the dialog opens).
 */
function useBudgetChange(
  open: boolean,
  failed: 'budget.saveFailed' | 'budget.removeFailed',
) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (open) {
      setError(undefined);
    }
  }, [open]);
  const run = async (change: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await change();
    } catch (caught) {
      setError(
        ResponseError.is(caught) && caught.statusCode === 403
          ? t('budget.forbidden')
          : t(failed, { reason: failureReason(caught as Error) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

type Scope = 'month' | 'from';

/**
 * The dialog of "Set budget": amount, currency, and whether it is the
 * budget of the month only or from the month on; `PUT /budgets`.
 */
export function SetBudgetDialog(props: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  entityRef: string;
  entityTitle: string;
  /** The month of the card, `YYYY-MM`. */
  month: string;
  initialAmount?: string;
  initialCurrency: string;
}) {
  const { open, month } = props;
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const [amount, setAmount] = useState(props.initialAmount ?? '');
  const [currency, setCurrency] = useState(props.initialCurrency);
  const [scope, setScope] = useState<Scope>('from');
  const [touched, setTouched] = useState(false);
  const {
    busy: saving,
    error,
    run,
  } = useBudgetChange(open, 'budget.saveFailed');

  useEffect(() => {
    if (open) {
      setAmount(props.initialAmount ?? '');
      setCurrency(props.initialCurrency);
      setScope('from');
      setTouched(false);
    }
  }, [open, props.initialAmount, props.initialCurrency]);

  const amountValid = isBudgetAmount(amount);
  const currencyValid = /^[A-Za-z]{3}$/.test(currency.trim());
  const monthName = formatMonth(month);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!amountValid || !currencyValid || saving) {
      return;
    }
    await run(async () => {
      await finopsApi.putBudget({
        entityRef: props.entityRef,
        amount: amount.trim(),
        currency: currency.trim().toLocaleUpperCase('en-US'),
        ...(scope === 'month' ? { month } : { fromMonth: month }),
      });
      props.onSaved();
    });
  };

  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : props.onClose}
      aria-labelledby="finops-budget-dialog-title"
      maxWidth="xs"
      fullWidth
    >
      <form onSubmit={submit} noValidate data-testid="finops-budget-dialog">
        <DialogTitle id="finops-budget-dialog-title">
          {t('budget.dialogTitle', { name: props.entityTitle })}
        </DialogTitle>
        <DialogContent>
          <Box display="flex" gridGap={16}>
            <TextField
              id="finops-budget-amount"
              label={t('budget.amountLabel')}
              value={amount}
              onChange={event => setAmount(event.target.value)}
              inputProps={{ inputMode: 'decimal' }}
              error={touched && !amountValid}
              helperText={
                touched && !amountValid
                  ? t('budget.amountInvalid')
                  : t('budget.amountHelper')
              }
              variant="outlined"
              margin="dense"
              required
              fullWidth
            />
            <TextField
              id="finops-budget-currency"
              label={t('budget.currencyLabel')}
              value={currency}
              onChange={event => setCurrency(event.target.value)}
              error={touched && !currencyValid}
              helperText={
                touched && !currencyValid
                  ? t('budget.currencyInvalid')
                  : t('budget.currencyHelper')
              }
              inputProps={{ maxLength: 3 }}
              variant="outlined"
              margin="dense"
              required
              style={{ width: 140, flexShrink: 0 }}
            />
          </Box>
          <Box mt={2}>
            <FormControl component="fieldset">
              <FormLabel component="legend">{t('budget.scopeLabel')}</FormLabel>
              <RadioGroup
                value={scope}
                onChange={event => setScope(event.target.value as Scope)}
              >
                <FormControlLabel
                  value="month"
                  control={<Radio color="primary" />}
                  label={t('budget.thisMonth', { month: monthName })}
                />
                <FormControlLabel
                  value="from"
                  control={<Radio color="primary" />}
                  label={t('budget.fromThisMonth', { month: monthName })}
                />
              </RadioGroup>
            </FormControl>
          </Box>
          <DialogContentText variant="body2">
            {t('budget.overridesNote', {
              annotation: MONTHLY_BUDGET_ANNOTATION,
            })}
          </DialogContentText>
          {error && (
            <Alert severity="error" data-testid="finops-budget-error">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={saving}>
            {t('budget.cancel')}
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving}
          >
            {saving ? t('budget.saving') : t('budget.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Asks before removing the month's API budget; `DELETE /budgets`. */
export function RemoveBudgetDialog(props: {
  open: boolean;
  onClose: () => void;
  onRemoved: () => void;
  entityRef: string;
  month: string;
}) {
  const { open, month } = props;
  const { t } = useTranslationRef(finopsTranslationRef);
  const finopsApi = useApi(finopsApiRef);
  const {
    busy: removing,
    error,
    run,
  } = useBudgetChange(open, 'budget.removeFailed');
  const monthName = formatMonth(month);
  const remove = () =>
    run(async () => {
      await finopsApi.deleteBudget({ entityRef: props.entityRef, month });
      props.onRemoved();
    });
  return (
    <Dialog
      open={open}
      onClose={removing ? undefined : props.onClose}
      aria-labelledby="finops-budget-remove-title"
      maxWidth="xs"
    >
      <DialogTitle id="finops-budget-remove-title">
        {t('budget.removeTitle', { month: monthName })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {t('budget.removeMessage', { month: monthName })}
        </DialogContentText>
        {error && (
          <Alert severity="error" data-testid="finops-budget-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={removing}>
          {t('budget.cancel')}
        </Button>
        <Button
          onClick={remove}
          color="secondary"
          variant="contained"
          disabled={removing}
        >
          {t('budget.removeConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
