import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import { formatMoney } from '../../lib/format';
import { finopsTranslationRef } from '../../translation';
import { CostChange } from './CostChange';
import { DataThrough } from './DataThrough';

const METRICS = ['EffectiveCost', 'BilledCost'] as const;

const useStyles = makeStyles(theme => ({
  total: {
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
}));

/**
 * The period's total, its change against the previous period, what it is
 * shown as, how fresh the data is and, for rollups, what is included.
 */
export function TotalCard(props: {
  response: CostResponse;
  periodLabel: string;
  comparedTo: string;
  /** Below the figures, e.g. a "Compare with…" link. */
  children?: ReactNode;
}) {
  const { response } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const included = response.includedEntityRefs;
  const hiddenEntityCount = response.hiddenEntityCount ?? 0;
  return (
    <InfoCard title={t('totalCard.title')} subheader={props.periodLabel}>
      <Typography
        variant="h3"
        component="p"
        className={classes.total}
        data-testid="finops-total"
      >
        {formatMoney(response.total.amount, response.currency)}
      </Typography>
      <Box mt={1}>
        <CostChange response={response} comparedTo={props.comparedTo} />
      </Box>
      <Box mt={2}>
        <Typography variant="body2" color="textSecondary">
          {t('totalCard.previousTotal', {
            amount: formatMoney(
              response.previousTotal.amount,
              response.currency,
            ),
          })}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('totalCard.shownAs', {
            metric: METRICS.includes(response.costMetric)
              ? t(`metrics.${response.costMetric}`)
              : response.costMetric,
            currency: response.currency,
          })}
        </Typography>
        <DataThrough response={response} />
        {included.length > 1 && (
          <Tooltip title={included.join(', ')}>
            <Typography variant="body2" color="textSecondary">
              {t('totalCard.includedEntities', { count: included.length })}
            </Typography>
          </Tooltip>
        )}
        {hiddenEntityCount > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="finops-hidden-entities"
          >
            {t('totalCard.hiddenEntities', { count: hiddenEntityCount })}
          </Typography>
        )}
      </Box>
      {props.children && <Box mt={2}>{props.children}</Box>}
    </InfoCard>
  );
}
