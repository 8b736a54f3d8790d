import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatChangePercent, formatMoney } from '../../lib/format';
import { signOf, subtractDecimals } from '../../lib/money';
import {
  organisationUnitCostsCsvTable,
  type OrganisationUnitCost,
} from '../../lib/unitCostData';
import {
  formatQuantity,
  formatScaledAmount,
  formatUnitCost,
  shiftDecimal,
  unitCostPower,
  unitNames,
} from '../../lib/unitCostFormat';
import { finopsTranslationRef } from '../../translation';
import { ChangeText } from '../shared/ChangeText';
import { CsvButton } from '../shared/CsvButton';
import { useUnitCostWords } from '../UnitCost/useUnitCostWords';

const useStyles = makeStyles({
  secondary: { display: 'block' },
  nowrap: { whiteSpace: 'nowrap' },
});

/**
 * The organisation's unit economics: per business metric declared in the
 * catalog, the total cost over the total units of every entity that
 * declares it, with its change against the previous period, the cost and
 * volume changes behind it, the totals and how many entities declare it.
 * Nothing when no metric is declared.
 */
export function UnitCostsCard(props: {
  unitCosts: OrganisationUnitCost[];
  currency: string;
  /** e.g. "Last 30 days". */
  periodLabel: string;
  /** e.g. "previous 30 days". */
  comparedTo: string;
  fileName: string;
}) {
  const { unitCosts, currency } = props;
  const { t } = useTranslationRef(finopsTranslationRef);
  if (unitCosts.length === 0) {
    return null;
  }
  return (
    <InfoCard
      title={t('overview.unitCostsTitle')}
      subheader={t('overview.unitCostsSubheader', {
        period: props.periodLabel,
      })}
      action={
        <CsvButton
          what={t('overview.unitCostsCsvWhat')}
          fileName={props.fileName}
          table={() => organisationUnitCostsCsvTable(unitCosts, currency)}
        />
      }
    >
      <Table
        size="small"
        aria-label={t('overview.unitCostsTitle')}
        data-testid="finops-unit-costs"
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('overview.metricColumn')}</TableCell>
            <TableCell align="right">{t('overview.unitCostColumn')}</TableCell>
            <TableCell align="right">{t('overview.changeColumn')}</TableCell>
            <TableCell align="right">{t('overview.driversColumn')}</TableCell>
            <TableCell align="right">{t('overview.totalsColumn')}</TableCell>
            <TableCell align="right">{t('overview.entitiesColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {unitCosts.map(entry => (
            <UnitCostRow
              key={entry.metric}
              entry={entry}
              currency={currency}
              periodLabel={props.periodLabel}
              comparedTo={props.comparedTo}
            />
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

function UnitCostRow(props: {
  entry: OrganisationUnitCost;
  currency: string;
  periodLabel: string;
  comparedTo: string;
}) {
  const { entry, currency } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(finopsTranslationRef);
  const { phrase } = useUnitCostWords();
  const names = unitNames(entry.metric, entry.unit);
  const unitCost = entry.total.unitCost;
  const previous = entry.previousTotal.unitCost;
  // The previous period's unit cost is written per the current one's multiplier.
  const power = unitCostPower(unitCost);
  const none = t('overview.none');
  const ratio = (value: number | null) =>
    value === null ? none : formatChangePercent(value);

  let unitCostCell: JSX.Element;
  let changeCell: JSX.Element;
  if (unitCost === null) {
    // Never 0: no (entity, day) pair of the period has both cost and a value.
    unitCostCell = (
      <Tooltip
        title={t('unitCost.noUnitCost', {
          period: props.periodLabel.toLocaleLowerCase('en-US'),
          metric: entry.metric,
        })}
      >
        <span data-testid="finops-unit-costs-none">{none}</span>
      </Tooltip>
    );
    changeCell = <>{none}</>;
  } else {
    unitCostCell = (
      <span data-testid="finops-unit-costs-value">
        {formatUnitCost(unitCost, currency, names, { power, phrase })}
      </span>
    );
    if (previous === null) {
      changeCell = (
        <Typography variant="body2" component="span" color="textSecondary">
          {t('unitCost.nothingBefore', { comparedTo: props.comparedTo })}
        </Typography>
      );
    } else {
      const scaledPrevious = shiftDecimal(previous, power);
      changeCell = (
        <ChangeText
          change={subtractDecimals(
            shiftDecimal(unitCost, power),
            scaledPrevious,
          )}
          previous={scaledPrevious}
          ratio={entry.changeRatio}
          currency={currency}
          formatAmount={change =>
            phrase(
              power,
              formatScaledAmount(change, currency, { signed: true }),
              names,
            )
          }
        />
      );
    }
  }

  return (
    <TableRow data-testid="finops-unit-costs-row">
      <TableCell>{entry.metric}</TableCell>
      <TableCell align="right">{unitCostCell}</TableCell>
      <TableCell align="right">{changeCell}</TableCell>
      <TableCell align="right">
        {t('overview.unitCostDrivers', {
          cost: ratio(entry.costChangeRatio),
          units: names.other,
          quantity: ratio(entry.quantityChangeRatio),
        })}
      </TableCell>
      <TableCell align="right">
        {t('unitCost.totals', {
          cost: formatMoney(entry.total.cost, currency),
          quantity: formatQuantity(entry.total.quantity, names),
        })}
        {signOf(entry.uncoveredCost) !== 0 && (
          <Typography
            variant="caption"
            color="textSecondary"
            className={classes.secondary}
          >
            {t('unitCost.uncoveredCost', {
              amount: formatMoney(entry.uncoveredCost, currency),
              metric: entry.metric,
            })}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right" className={classes.nowrap}>
        <Tooltip title={entry.entityRefs.join(', ')}>
          <span>
            {t('overview.declaringEntities', {
              count: entry.entityRefs.length,
            })}
          </span>
        </Tooltip>
      </TableCell>
    </TableRow>
  );
}
