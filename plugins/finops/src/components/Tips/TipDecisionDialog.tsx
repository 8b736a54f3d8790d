import { FormEvent, useEffect, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { addDays, todayUtc } from '@backstage-finops/plugin-finops-common';
import type { Tip, TipDecisionRequest } from '../../lib/tips';
import { finopsTranslationRef } from '../../translation';

/** Days a snooze lasts unless the user picks another day. */
const DEFAULT_SNOOZE_DAYS = 30;

/**
 * Asks what a dismissal or a snooze needs: why the tip is dismissed (so
 * that the team knows later), or the last day it stays hidden.
 */
export function TipDecisionDialog(props: {
  tip: Tip;
  kind: 'dismissed' | 'snoozed';
  onClose: () => void;
  onDecide: (decision: TipDecisionRequest) => Promise<boolean>;
}) {
  const { tip, kind } = props;
  const { t } = useTranslationRef(finopsTranslationRef);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(() =>
    addDays(todayUtc(), DEFAULT_SNOOZE_DAYS),
  );
  const [busy, setBusy] = useState(false);
  useEffect(() => setBusy(false), [kind]);
  const valid =
    kind === 'dismissed' ? reason.trim() !== '' : until >= todayUtc();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const decision: TipDecisionRequest =
      kind === 'dismissed'
        ? { status: 'dismissed', reason: reason.trim() }
        : {
            status: 'snoozed',
            until,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          };
    const saved = await props.onDecide(decision);
    setBusy(false);
    if (saved) {
      props.onClose();
    }
  };
  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby="finops-tip-decision-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit}>
        <DialogTitle id="finops-tip-decision-title">
          {kind === 'dismissed'
            ? t('tips.dismissTitle')
            : t('tips.snoozeTitle')}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>{tip.title}</DialogContentText>
          {kind === 'snoozed' && (
            <TextField
              label={t('tips.snoozeUntil')}
              type="date"
              value={until}
              onChange={event => setUntil(event.target.value)}
              inputProps={{
                min: todayUtc(),
                'data-testid': 'finops-tip-until',
              }}
              InputLabelProps={{ shrink: true }}
              fullWidth
              margin="normal"
            />
          )}
          <TextField
            label={
              kind === 'dismissed'
                ? t('tips.dismissReason')
                : t('tips.snoozeReason')
            }
            value={reason}
            onChange={event => setReason(event.target.value)}
            inputProps={{ maxLength: 2000, 'data-testid': 'finops-tip-reason' }}
            required={kind === 'dismissed'}
            multiline
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('tips.cancel')}</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || busy}
          >
            {kind === 'dismissed' ? t('tips.dismiss') : t('tips.snooze')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
