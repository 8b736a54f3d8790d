import { useEffect, useMemo, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  daysBetween,
  type CostResponse,
} from '@backstage-finops/plugin-finops-common';
import {
  DEFAULT_PERIOD,
  PERIOD_OPTIONS,
  PeriodId,
  periodOption,
  resolvePeriod,
} from '../../lib/periods';
import { buildBreakdownRows, isEmptyCost } from '../../lib/costData';
import {
  BREAKDOWN_DIMENSIONS,
  BreakdownDimension,
  breakdownDimensionsFor,
  DEFAULT_BREAKDOWN,
} from '../../lib/dimensions';
import { DataThrough } from '../shared/DataThrough';
import { formatMoney, formatShare } from '../../lib/format';
import { CostChart } from '../shared/CostChart';
import { CostChange } from '../shared/CostChange';
import { CostEmptyState } from '../shared/CostEmptyState';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { useCostReport } from '../shared/useCostReport';
import { finopsTranslationRef } from '../../translation';

export type { BreakdownDimension };

const METRICS = ['EffectiveCost', 'BilledCost'] as const;
const GRANULARITIES = ['day', 'week', 'month'] as const;

function isOneOf<T extends string>(
  values: readonly T[],
  value: string | undefined,
): value is T {
  return values.includes(value as T);
}

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
  total: {
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.2,
  },
  stale: { opacity: 0.6, transition: 'opacity 200ms' },
  shareBar: { height: 6, borderRadius: 3, minWidth: 60 },
  shareCell: { width: '30%' },
  keyCell: { wordBreak: 'break-all' },
}));

/** Props of {@link EntityCostContent}. */
export interface EntityCostContentProps {
  /** The period shown first; `30d` unless given. */
  defaultPeriod?: PeriodId;
  /**
   * The breakdown shown first; `service` unless given (and for `entity` on
   * kinds that roll up no other entities' cost).
   */
  defaultBreakdown?: BreakdownDimension;
}

/**
 * The entity Cost tab: total over a period with its change against the
 * previous period, a chart stacked by the top groups, and a breakdown table.
 */
export function EntityCostContent(props: EntityCostContentProps) {
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const dimensions = breakdownDimensionsFor(entity.kind);
  const [periodId, setPeriodId] = useState<PeriodId>(
    props.defaultPeriod ?? DEFAULT_PERIOD,
  );
  const [breakdown, setBreakdown] = useState<BreakdownDimension>(
    props.defaultBreakdown && dimensions.includes(props.defaultBreakdown)
      ? props.defaultBreakdown
      : DEFAULT_BREAKDOWN,
  );
  const [currency, setCurrency] = useState<string | undefined>(undefined);
  const [currencies, setCurrencies] = useState<string[]>([]);
  const period = useMemo(() => resolvePeriod(periodId), [periodId]);
  const option = periodOption(periodId);

  const state = useCostReport({
    entityRef,
    from: period.from,
    to: period.to,
    granularity: period.granularity,
    groupBy: breakdown,
    currency,
    endAtData: true,
  });

  useEffect(() => {
    if (state.value) {
      setCurrencies(state.value.currencies);
    }
  }, [state.value]);

  const shownCurrency =
    currency ?? state.value?.currency ?? state.previous?.currency;

  const toolbar = (
    <Box className={classes.toolbar}>
      <TextField
        select
        id="finops-period"
        label={t('toolbar.periodLabel')}
        variant="outlined"
        size="small"
        className={classes.select}
        value={periodId}
        onChange={event => setPeriodId(event.target.value as PeriodId)}
        SelectProps={{ native: true }}
      >
        {PERIOD_OPTIONS.map(choice => (
          <option key={choice.id} value={choice.id}>
            {t(`periods.${choice.id}`)}
          </option>
        ))}
      </TextField>
      {currencies.length > 1 && shownCurrency && (
        <TextField
          select
          id="finops-currency"
          label={t('toolbar.currencyLabel')}
          variant="outlined"
          size="small"
          value={shownCurrency}
          onChange={event => setCurrency(event.target.value)}
          SelectProps={{ native: true }}
          helperText={t('toolbar.currencyHelperText')}
        >
          {currencies.map(code => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </TextField>
      )}
    </Box>
  );

  let body: JSX.Element;
  const data = state.value ?? state.previous;
  if (state.error) {
    body = (
      <CostErrorPanel
        error={state.error}
        entityRef={entityRef}
        onRetry={state.retry}
      />
    );
  } else if (!data) {
    body = <Progress />;
  } else if (isEmptyCost(data)) {
    body = (
      <>
        {state.loading && <Progress />}
        <CostEmptyState
          entity={entity}
          periodLabel={t(`periods.${option.id}`)}
          attributionTagKeys={data.attributionTagKeys}
        />
      </>
    );
  } else {
    // While a new period loads, the previous answer stays, labelled as what it is.
    const shown =
      PERIOD_OPTIONS.find(
        choice => choice.days === daysBetween(data.from, data.to),
      ) ?? option;
    body = (
      <>
        {state.loading && <Progress />}
        <Box className={state.loading ? classes.stale : undefined}>
          <CostDetails
            response={data}
            comparedTo={t(`previousPeriods.${shown.id}`)}
            periodLabel={t(`periods.${shown.id}`)}
            breakdown={breakdown}
            dimensions={dimensions}
            onBreakdownChange={setBreakdown}
          />
        </Box>
      </>
    );
  }

  return (
    <Box data-testid="finops-cost-content">
      {toolbar}
      {body}
    </Box>
  );
}

function CostDetails(props: {
  response: CostResponse;
  comparedTo: string;
  periodLabel: string;
  breakdown: BreakdownDimension;
  dimensions: BreakdownDimension[];
  onBreakdownChange: (dimension: BreakdownDimension) => void;
}) {
  const { response, breakdown } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const rows = useMemo(() => buildBreakdownRows(response), [response]);
  const shownDimension = isOneOf(BREAKDOWN_DIMENSIONS, response.groupBy)
    ? response.groupBy
    : breakdown;
  const dimensionLabel = t(`dimensions.${shownDimension}`);
  const dimension = dimensionLabel.toLocaleLowerCase('en-US');
  const included = response.includedEntityRefs;
  const hiddenEntityCount = response.hiddenEntityCount ?? 0;

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={4}>
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
                metric: isOneOf(METRICS, response.costMetric)
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
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          title={t('chartCard.title', { dimension })}
          subheader={t('chartCard.subheader', {
            granularity: isOneOf(GRANULARITIES, response.granularity)
              ? t(`granularities.${response.granularity}`)
              : response.granularity,
          })}
        >
          <CostChart response={response} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('breakdownCard.title')}
          subheader={t('breakdownCard.subheader', {
            period: props.periodLabel,
            dimension,
          })}
          action={
            <ToggleButtonGroup
              exclusive
              size="small"
              value={breakdown}
              aria-label={t('breakdownCard.toggleLabel')}
              onChange={(_event, value: BreakdownDimension | null) => {
                if (value) {
                  props.onBreakdownChange(value);
                }
              }}
            >
              {props.dimensions.map(choice => (
                <ToggleButton key={choice} value={choice}>
                  {t(`dimensions.${choice}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          }
        >
          {rows.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {t('breakdownCard.noRows', { dimension })}
            </Typography>
          ) : (
            <Table
              size="small"
              aria-label={t('breakdownCard.tableLabel', {
                dimension: dimensionLabel,
              })}
            >
              <TableHead>
                <TableRow>
                  <TableCell>{dimensionLabel}</TableCell>
                  <TableCell align="right">
                    {t('breakdownCard.costColumn')}
                  </TableCell>
                  <TableCell align="right">
                    {t('breakdownCard.shareColumn')}
                  </TableCell>
                  <TableCell className={classes.shareCell} />
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map(row => (
                  <TableRow key={row.key} data-testid="finops-breakdown-row">
                    <TableCell className={classes.keyCell}>
                      {row.label}
                    </TableCell>
                    <TableCell align="right">
                      {formatMoney(row.amount, response.currency)}
                    </TableCell>
                    <TableCell align="right">
                      {formatShare(row.share)}
                    </TableCell>
                    <TableCell className={classes.shareCell}>
                      <LinearProgress
                        variant="determinate"
                        className={classes.shareBar}
                        value={Math.max(0, Math.min(100, row.share ?? 0))}
                        aria-hidden
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
