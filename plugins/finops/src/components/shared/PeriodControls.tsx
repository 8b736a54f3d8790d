import { useTranslationRef } from '@backstage/frontend-plugin-api';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import type { Granularity } from '@backstage-finops/plugin-finops-common';
import { GRANULARITY_IDS, PERIOD_OPTIONS, PeriodId } from '../../lib/periods';
import { finopsTranslationRef } from '../../translation';

const useStyles = makeStyles({
  select: { minWidth: 180 },
  narrow: { minWidth: 130 },
});

/**
 * The period, granularity and (when there are several) currency selectors
 * that every cost view starts with.
 */
export function PeriodControls(props: {
  period: PeriodId;
  onPeriodChange: (period: PeriodId) => void;
  granularity?: Granularity;
  onGranularityChange?: (granularity: Granularity) => void;
  currencies?: string[];
  currency?: string;
  onCurrencyChange?: (currency: string) => void;
  /** Prefix for the inputs' ids, when two sets are on one page. */
  idPrefix?: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const id = props.idPrefix ?? 'finops';
  return (
    <>
      <TextField
        select
        id={`${id}-period`}
        label={t('toolbar.periodLabel')}
        variant="outlined"
        size="small"
        className={classes.select}
        value={props.period}
        onChange={event => props.onPeriodChange(event.target.value as PeriodId)}
        SelectProps={{ native: true }}
      >
        {PERIOD_OPTIONS.map(choice => (
          <option key={choice.id} value={choice.id}>
            {t(`periods.${choice.id}`)}
          </option>
        ))}
      </TextField>
      {props.granularity && props.onGranularityChange && (
        <TextField
          select
          id={`${id}-granularity`}
          label={t('toolbar.granularityLabel')}
          variant="outlined"
          size="small"
          className={classes.narrow}
          value={props.granularity}
          onChange={event =>
            props.onGranularityChange?.(event.target.value as Granularity)
          }
          SelectProps={{ native: true }}
        >
          {GRANULARITY_IDS.map(choice => (
            <option key={choice} value={choice}>
              {t(`granularities.${choice}`)}
            </option>
          ))}
        </TextField>
      )}
      {props.currencies &&
        props.currencies.length > 1 &&
        props.currency &&
        props.onCurrencyChange && (
          <TextField
            select
            id={`${id}-currency`}
            label={t('toolbar.currencyLabel')}
            variant="outlined"
            size="small"
            value={props.currency}
            onChange={event => props.onCurrencyChange?.(event.target.value)}
            SelectProps={{ native: true }}
            helperText={t('toolbar.currencyHelperText')}
          >
            {props.currencies.map(code => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </TextField>
        )}
    </>
  );
}
