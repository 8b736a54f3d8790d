import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import type { BudgetStatus } from '../../lib/operate';
import { finopsTranslationRef } from '../../translation';

/**
 * The statuses' colours: green, amber and red dark or light enough for
 * their text (white on green and red, near-black on amber) to read.
 */
export const BUDGET_STATUS_COLOURS: Record<
  BudgetStatus,
  { background: string; text: string }
> = {
  'on-track': { background: '#2E7D32', text: '#FFFFFF' },
  'at-risk': { background: '#F9A825', text: 'rgba(0, 0, 0, 0.87)' },
  over: { background: '#C62828', text: '#FFFFFF' },
};

const useStyles = makeStyles({
  chip: { fontWeight: 600 },
  'on-track': {
    backgroundColor: BUDGET_STATUS_COLOURS['on-track'].background,
    color: BUDGET_STATUS_COLOURS['on-track'].text,
  },
  'at-risk': {
    backgroundColor: BUDGET_STATUS_COLOURS['at-risk'].background,
    color: BUDGET_STATUS_COLOURS['at-risk'].text,
  },
  over: {
    backgroundColor: BUDGET_STATUS_COLOURS.over.background,
    color: BUDGET_STATUS_COLOURS.over.text,
  },
  icon: { color: 'inherit' },
});

const ICONS = {
  'on-track': CheckCircleIcon,
  'at-risk': WarningIcon,
  over: ErrorIcon,
};

/** A budget's status as a coloured chip: On track, At risk, Over budget. */
export function BudgetStatusChip(props: {
  status: BudgetStatus;
  size?: 'small' | 'medium';
}) {
  const { status } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const Icon = ICONS[status];
  return (
    <Chip
      size={props.size ?? 'medium'}
      label={t(`budget.status.${status}`)}
      icon={<Icon className={classes.icon} fontSize="small" />}
      className={`${classes.chip} ${classes[status]}`}
      data-testid="finops-budget-status"
      data-status={status}
    />
  );
}
