import { InfoCard, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  DeclaredMetric,
  Granularity,
  UnitCostResponse,
} from '@backstage-finops/plugin-finops-common';
import { csvFileName } from '../../lib/csvExport';
import { refName } from '../../lib/entityRefs';
import {
  formatChangePercent,
  formatMoney,
  formatShare,
} from '../../lib/format';
import { signOf } from '../../lib/money';
import { formatDay } from '../../lib/periods';
import { unitCostCsvTable, unitCostDrivers } from '../../lib/unitCostData';
import {
  formatQuantity,
  formatScaledAmount,
  formatUnitCost,
  shiftDecimal,
  unitCostPower,
  UnitNames,
  unitNames,
} from '../../lib/unitCostFormat';
import { useViewParams } from '../../lib/viewParams';
import { finopsTranslationRef } from '../../translation';
import { CostChange } from '../shared/CostChange';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { CsvButton } from '../shared/CsvButton';
import { UnitCostChart } from './UnitCostChart';
import { useUnitCostReport } from './useUnitCostReport';
import { useUnitCostWords } from './useUnitCostWords';

/** The query-string key of the metric shown, when it is not the first declared. */
export const UNIT_METRIC_PARAM = 'unitMetric';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  picker: { minWidth: 160 },
  headline: {
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
  better: { color: theme.palette.success.main },
  worse: { color: theme.palette.error.main },
  same: { color: theme.palette.text.secondary },
}));

/** Props of {@link UnitCostCard}. */
export interface UnitCostCardProps {
  entityRef: string;
  /** What `GET /metrics` lists for the entity; at least one. */
  metrics: DeclaredMetric[];
  /** The page's period (as its cost chart shows it) and granularity. */
  from: string;
  to: string;
  granularity: Granularity;
  /** The currency of the page's cost; the one with the most cost unless given. */
  currency?: string;
  /** e.g. "Last 30 days". */
  periodLabel: string;
  /** e.g. "previous 30 days". */
  comparedTo: string;
}

/**
 * Unit economics of one entity for one of its metrics, over the page's
 * period: the unit cost (cost ÷ units, per a round number of units) with its
 * change, what moved it (cost against volume), its trend over the volume,
 * and what was left out. A picker switches between the declared metrics.
 */
export function UnitCostCard(props: UnitCostCardProps) {
  const { entityRef, metrics } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const params = useViewParams();
  const chosen = params.get(UNIT_METRIC_PARAM);
  const declared =
    metrics.find(candidate => candidate.metric === chosen) ?? metrics[0];
  const state = useUnitCostReport({
    entityRef,
    metric: declared.metric,
    from: props.from,
    to: props.to,
    granularity: props.granularity,
    currency: props.currency,
  });
  const data = state.value ?? state.previous;
  const shownNames = unitNames(
    data?.metric ?? declared.metric,
    data ? data.unit : declared.unit,
  );
  const granularity = t(`granularities.${props.granularity}`);

  const picker = metrics.length > 1 && (
    <TextField
      select
      id="finops-unit-metric"
      label={t('unitCost.metricLabel')}
      variant="outlined"
      size="small"
      className={classes.picker}
      value={declared.metric}
      onChange={event =>
        params.set({
          [UNIT_METRIC_PARAM]:
            event.target.value === metrics[0].metric
              ? undefined
              : event.target.value,
        })
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {metrics.map(candidate => (
        <option key={candidate.metric} value={candidate.metric}>
          {candidate.metric}
        </option>
      ))}
    </TextField>
  );

  let content: JSX.Element;
  if (state.error) {
    content = (
      <CostErrorPanel
        error={state.error}
        entityRef={entityRef}
        onRetry={state.retry}
      />
    );
  } else if (!data) {
    content = <Progress />;
  } else {
    const shownMetric =
      metrics.find(candidate => candidate.metric === data.metric) ?? declared;
    content = (
      <>
        {state.loading && <Progress />}
        <Box className={state.loading ? classes.stale : undefined}>
          <UnitCostFigures
            response={data}
            declared={shownMetric}
            names={shownNames}
            periodLabel={props.periodLabel}
            comparedTo={props.comparedTo}
          />
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title={t('unitCost.title')}
      subheader={t('unitCost.subheader', {
        period: props.periodLabel,
        unit: shownNames.one,
        granularity: granularity.toLocaleLowerCase('en-US'),
      })}
      action={
        <Box className={classes.actions}>
          {picker}
          <CsvButton
            what={t('unitCost.csvWhat')}
            fileName={csvFileName([
              refName(entityRef),
              'unit-cost',
              data?.metric ?? declared.metric,
              data?.from ?? props.from,
              data?.to ?? props.to,
            ])}
            table={() => unitCostCsvTable(data!)}
            disabled={!data || Boolean(state.error)}
          />
        </Box>
      }
    >
      <Box data-testid="finops-unit-cost-card">{content}</Box>
    </InfoCard>
  );
}

/** The figures and chart of one answer. */
function UnitCostFigures(props: {
  response: UnitCostResponse;
  declared: DeclaredMetric;
  names: UnitNames;
  periodLabel: string;
  comparedTo: string;
}) {
  const { response, names } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { per, phrase } = useUnitCostWords();
  const { currency, total, previousTotal } = response;
  const included = response.includedEntityRefs;
  const hiddenEntityCount = response.hiddenEntityCount ?? 0;

  const notes = (
    <>
      {included.length > 1 && (
        <Tooltip title={included.join(', ')}>
          <Typography variant="body2" color="textSecondary">
            {t('unitCost.included', {
              count: included.length,
              units: names.other,
              metric: response.metric,
            })}
          </Typography>
        </Tooltip>
      )}
      {hiddenEntityCount > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('totalCard.hiddenEntities', { count: hiddenEntityCount })}
        </Typography>
      )}
      {signOf(response.uncoveredCost) !== 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="finops-unit-cost-uncovered"
        >
          {t('unitCost.uncoveredCost', {
            amount: formatMoney(response.uncoveredCost, currency),
            metric: response.metric,
          })}
        </Typography>
      )}
      {signOf(response.uncoveredQuantity) !== 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('unitCost.uncoveredQuantity', {
            quantity: formatQuantity(response.uncoveredQuantity, names),
          })}
        </Typography>
      )}
    </>
  );

  // No (entity, day) pair of the period has both cost and a value.
  if (total.unitCost === null) {
    const { lastDate } = props.declared;
    return (
      <Box data-testid="finops-unit-cost-empty">
        <Typography variant="body1" paragraph>
          {t('unitCost.noUnitCost', {
            period: props.periodLabel.toLocaleLowerCase('en-US'),
            metric: response.metric,
          })}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {lastDate
            ? t('unitCost.lastValue', {
                metric: response.metric,
                day: formatDay(lastDate),
              })
            : t('unitCost.noValueYet', { metric: response.metric })}
        </Typography>
        {notes}
      </Box>
    );
  }

  const power = unitCostPower(total.unitCost);
  const drivers = unitCostDrivers(response);
  const money = (amount: string) => ({ amount, currency });
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <Typography
          variant="h4"
          component="p"
          className={classes.headline}
          data-testid="finops-unit-cost"
        >
          {formatUnitCost(total.unitCost, currency, names, { power, phrase })}
        </Typography>
        <Box mt={1}>
          <CostChange
            testId="finops-unit-cost-change"
            variant="body2"
            response={{
              total: money(shiftDecimal(total.unitCost, power)),
              previousTotal: money(
                previousTotal.unitCost === null
                  ? '0'
                  : shiftDecimal(previousTotal.unitCost, power),
              ),
              changeRatio: response.changeRatio,
              currency,
            }}
            comparedTo={props.comparedTo}
            nothingBefore={t('unitCost.nothingBefore', {
              comparedTo: props.comparedTo,
            })}
            formatDifference={difference =>
              phrase(
                power,
                formatScaledAmount(difference, currency, { signed: true }),
                names,
              )
            }
          />
        </Box>
        {drivers && (
          <Box mt={1}>
            <Typography
              variant="body2"
              className={classes[drivers.outcome]}
              data-testid="finops-unit-cost-drivers"
              data-outcome={drivers.outcome}
            >
              {t(`unitCost.drivers.${drivers.outcome}`, {
                cost: formatChangePercent(drivers.costRatio),
                units: names.other,
                quantity: formatChangePercent(drivers.quantityRatio),
                unit: names.one,
                percent: formatShare(Math.abs(drivers.unitCostRatio) * 100),
              })}
            </Typography>
          </Box>
        )}
        <Box mt={2}>
          <Typography variant="body2" color="textSecondary">
            {t('unitCost.totals', {
              cost: formatMoney(total.cost, currency),
              quantity: formatQuantity(total.quantity, names),
            })}
          </Typography>
          {previousTotal.unitCost !== null && (
            <Typography variant="body2" color="textSecondary">
              {t('unitCost.previous', {
                unitCost: formatUnitCost(
                  previousTotal.unitCost,
                  currency,
                  names,
                  { power, phrase },
                ),
              })}
            </Typography>
          )}
          {notes}
        </Box>
      </Grid>
      <Grid item xs={12} md={8}>
        <UnitCostChart
          response={response}
          power={power}
          names={names}
          phrase={phrase}
          per={per(power, names)}
        />
      </Grid>
    </Grid>
  );
}
