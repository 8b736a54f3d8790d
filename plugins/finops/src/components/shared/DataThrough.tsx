import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import { formatDay } from '../../lib/periods';
import { finopsTranslationRef } from '../../translation';

/**
 * "Data through Mar 15, 2026; the last 2 days may still change.": the last
 * day every contributing source has data for, and the settle window.
 */
export function DataThrough(props: {
  response: Pick<CostResponse, 'dataThrough' | 'settlingFrom' | 'settleDays'>;
}) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const { dataThrough, settlingFrom, settleDays } = props.response;
  if (!dataThrough) {
    return null;
  }
  const day = formatDay(dataThrough);
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="finops-data-through"
    >
      {settlingFrom && settleDays > 0
        ? t('dataThrough.settling', { day, count: settleDays })
        : t('dataThrough.settled', { day })}
    </Typography>
  );
}
