import type {
  OverviewResponse,
  UnitCostResponse,
} from '@backstage-finops/plugin-finops-common';
import type { CsvTable } from './csvExport';
import { shiftDecimal, UnitCostPower } from './unitCostFormat';

/**
 * One bucket of the unit-cost chart. `unitCost` (already multiplied by
 * 10^power, the headline's multiplier) and `quantity` are null in a gap: a
 * bucket without a single (entity, day) pair having both cost and a metric
 * value is not drawn, never drawn as zero. The exact strings are kept for
 * the tooltip.
 */
export interface UnitCostChartRow {
  date: string;
  unitCost: number | null;
  quantity: number | null;
  unitCostText: string | null;
  quantityText: string | null;
  partial: boolean;
}

/**
 * The chart's rows: one per bucket, unit cost scaled exactly by 10^power
 * before it becomes a float for plotting, gaps kept as null.
 */
export function buildUnitCostChartRows(
  response: Pick<UnitCostResponse, 'series'>,
  power: UnitCostPower,
): UnitCostChartRow[] {
  return response.series.map(point => ({
    date: point.date,
    unitCost:
      point.unitCost === null
        ? null
        : Number(shiftDecimal(point.unitCost, power)),
    quantity: point.quantity === null ? null : Number(point.quantity),
    unitCostText: point.unitCost,
    quantityText: point.quantity,
    partial: point.partial === true,
  }));
}

/**
 * The series as CSV, in the columns of `GET /unit-costs?format=csv`: one row
 * per bucket, `date, cost, quantity, unitCost, uncoveredCost,
 * uncoveredQuantity, currency, unit`, exact decimal strings, gaps empty.
 */
export function unitCostCsvTable(response: UnitCostResponse): CsvTable {
  return {
    header: [
      'date',
      'cost',
      'quantity',
      'unitCost',
      'uncoveredCost',
      'uncoveredQuantity',
      'currency',
      'unit',
    ],
    rows: response.series.map(point => [
      point.date,
      point.cost,
      point.quantity,
      point.unitCost,
      point.uncoveredCost,
      point.uncoveredQuantity,
      response.currency,
      response.unit,
    ]),
  };
}

/** One metric's unit cost over every entity that declares it (`GET /overview`). */
export type OrganisationUnitCost = OverviewResponse['unitCosts'][number];

/**
 * The organisation's unit costs (`GET /overview`'s `unitCosts`) as CSV: one
 * row per metric, `metric, unit, unitCost, previousUnitCost, changeRatio,
 * cost, quantity, entities, currency`; exact decimal strings, the number of
 * declaring entities, a missing unit cost or ratio empty (never 0).
 */
export function organisationUnitCostsCsvTable(
  unitCosts: OrganisationUnitCost[],
  currency: string,
): CsvTable {
  return {
    header: [
      'metric',
      'unit',
      'unitCost',
      'previousUnitCost',
      'changeRatio',
      'cost',
      'quantity',
      'entities',
      'currency',
    ],
    rows: unitCosts.map(entry => [
      entry.metric,
      entry.unit,
      entry.total.unitCost,
      entry.previousTotal.unitCost,
      entry.changeRatio,
      entry.total.cost,
      entry.total.quantity,
      entry.entityRefs.length,
      currency,
    ]),
  };
}

/**
 * What moved the unit cost: the cost's change, the volume's change and the
 * unit cost's. `better` when each unit costs less (even if the cost rose,
 * because the volume rose faster), `worse` when it costs more. Undefined
 * when a ratio is missing (nothing to compare with).
 */
export interface UnitCostDrivers {
  costRatio: number;
  quantityRatio: number;
  unitCostRatio: number;
  outcome: 'better' | 'worse' | 'same';
}

export function unitCostDrivers(
  response: Pick<
    UnitCostResponse,
    'changeRatio' | 'costChangeRatio' | 'quantityChangeRatio'
  >,
): UnitCostDrivers | undefined {
  const { changeRatio, costChangeRatio, quantityChangeRatio } = response;
  if (
    changeRatio === null ||
    costChangeRatio === null ||
    quantityChangeRatio === null
  ) {
    return undefined;
  }
  // Below half a tenth of a percent the change reads as 0.0 %: the same.
  let outcome: UnitCostDrivers['outcome'] = 'same';
  if (Math.abs(changeRatio) >= 0.0005) {
    outcome = changeRatio < 0 ? 'better' : 'worse';
  }
  return {
    costRatio: costChangeRatio,
    quantityRatio: quantityChangeRatio,
    unitCostRatio: changeRatio,
    outcome,
  };
}
