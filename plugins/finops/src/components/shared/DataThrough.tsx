import Typography from '@material-ui/core/Typography';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import { formatDay } from '../../lib/periods';

/**
 * "Data through Mar 15, 2026; the last 2 days may still change.": the last
 * day every contributing source has data for, and the settle window.
 */
export function DataThrough(props: {
  response: Pick<CostResponse, 'dataThrough' | 'settlingFrom' | 'settleDays'>;
}) {
  const { dataThrough, settlingFrom, settleDays } = props.response;
  if (!dataThrough) {
    return null;
  }
  let settling = '';
  if (settlingFrom && settleDays > 0) {
    settling =
      settleDays === 1
        ? '; the last day may still change'
        : `; the last ${settleDays} days may still change`;
  }
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="finops-data-through"
    >
      Data through {formatDay(dataThrough)}
      {settling}.
    </Typography>
  );
}
