import {
  bucketStart,
  bucketStarts,
  changeRatio,
  formatDecimal,
  type Money,
  ratioDecimal,
  type UnitCostResponse,
} from '@backstage-finops/plugin-finops-common';
import type { CostSum, StoredMetricValue } from '../core';
import { type BucketedPeriod, bucketMarks, chooseCurrency, type Freshness } from './costReport';

/** One period's cost by day and entity, and the metric's values in it. */
export interface UnitCostPeriodData {
  /** Sums grouped by `usageDate` and `entity`. */
  costs: CostSum[];
  values: StoredMetricValue[];
}

export interface UnitCostInput {
  entityRef: string;
  metric: string;
  period: BucketedPeriod;
  /** The entities counted: those of the rollup the caller may read that declare the metric. */
  includedEntityRefs: string[];
  hiddenEntityCount: number;
  requestedCurrency?: string;
  current: UnitCostPeriodData;
  previous: UnitCostPeriodData;
  freshness: Freshness;
}

/** Cost and units of the pairs that have both, and what the other pairs hold. */
interface Tally {
  cost: Money;
  quantity: Money;
  uncoveredCost: Money;
  uncoveredQuantity: Money;
  coveredPairs: number;
}

const emptyTally = (): Tally => ({ cost: 0n, quantity: 0n, uncoveredCost: 0n, uncoveredQuantity: 0n, coveredPairs: 0 });

/**
 * Unit cost (cost ÷ units) of an entity or rollup. Only (entity, day) pairs
 * with both a metric value and cost data (the day is on or before
 * `dataThrough`) count: a day without a value is a gap, never a zero, and
 * its cost is reported as uncovered. A rollup's unit cost is its members'
 * total cost over their total units, never an average of their ratios.
 */
export function buildUnitCostReport(input: UnitCostInput): UnitCostResponse {
  const { period, freshness } = input;
  const { currency, currencies } = chooseCurrency([...input.current.costs, ...input.previous.costs], input.requestedCurrency);
  const bucketOf = (date: string) => bucketStart(date, period.granularity);
  const buckets = new Map(bucketStarts(period.from, period.to, period.granularity).map(start => [start, emptyTally()]));
  const total = tallyPeriod(input.current, currency, freshness.dataThrough, date => buckets.get(bucketOf(date)));
  const previous = tallyPeriod(input.previous, currency, freshness.dataThrough, () => undefined);
  const unitCostOf = (tally: Tally) => ratioDecimal(tally.cost, tally.quantity);
  const totalOf = (tally: Tally) => ({ cost: formatDecimal(tally.cost), quantity: formatDecimal(tally.quantity), unitCost: unitCostOf(tally) });
  return {
    entityRef: input.entityRef,
    metric: input.metric,
    unit: newestUnit(input.current.values) ?? newestUnit(input.previous.values),
    currency,
    currencies,
    from: period.from,
    to: period.to,
    granularity: period.granularity,
    includedEntityRefs: input.includedEntityRefs,
    hiddenEntityCount: input.hiddenEntityCount,
    series: [...buckets].map(([date, tally]) => {
      const gap = tally.coveredPairs === 0;
      const { partial } = bucketMarks(date, period, freshness);
      return {
        date,
        cost: gap ? null : formatDecimal(tally.cost),
        quantity: gap ? null : formatDecimal(tally.quantity),
        unitCost: gap ? null : unitCostOf(tally),
        uncoveredCost: formatDecimal(tally.uncoveredCost),
        uncoveredQuantity: formatDecimal(tally.uncoveredQuantity),
        ...(partial ? { partial } : {}),
      };
    }),
    total: totalOf(total),
    previousTotal: totalOf(previous),
    changeRatio: unitCostChange(total, previous),
    costChangeRatio: dailyAverageChange(total, previous, 'cost'),
    quantityChangeRatio: dailyAverageChange(total, previous, 'quantity'),
    uncoveredCost: formatDecimal(total.uncoveredCost),
    uncoveredQuantity: formatDecimal(total.uncoveredQuantity),
    dataThrough: freshness.dataThrough,
  };
}

/** Tallies a period, and each pair into the bucket `bucketFor` gives it. */
function tallyPeriod(
  data: UnitCostPeriodData,
  currency: string,
  dataThrough: string | null,
  bucketFor: (date: string) => Tally | undefined,
): Tally {
  const total = emptyTally();
  const costOfPair = new Map<string, Money>();
  for (const sum of data.costs) {
    if (sum.currency !== currency) {
      continue;
    }
    const date = sum.dimensions.usageDate ?? '';
    const key = pairKey(sum.dimensions.entity ?? '', date);
    costOfPair.set(key, (costOfPair.get(key) ?? 0n) + sum.amount);
  }
  const add = (tally: Tally | undefined, part: Partial<Omit<Tally, 'coveredPairs'>>, covered: boolean) => {
    for (const target of tally ? [total, tally] : [total]) {
      target.cost += part.cost ?? 0n;
      target.quantity += part.quantity ?? 0n;
      target.uncoveredCost += part.uncoveredCost ?? 0n;
      target.uncoveredQuantity += part.uncoveredQuantity ?? 0n;
      target.coveredPairs += covered ? 1 : 0;
    }
  };
  for (const value of data.values) {
    const key = pairKey(value.entityRef, value.date);
    const cost = costOfPair.get(key) ?? 0n;
    costOfPair.delete(key);
    const covered = dataThrough !== null && value.date <= dataThrough;
    add(bucketFor(value.date), covered ? { cost, quantity: value.quantity } : { uncoveredCost: cost, uncoveredQuantity: value.quantity }, covered);
  }
  // What is left is cost on pairs without a value.
  for (const [key, cost] of costOfPair) {
    add(bucketFor(key.slice(key.lastIndexOf('\n') + 1)), { uncoveredCost: cost }, false);
  }
  return total;
}

function pairKey(entityRef: string, date: string): string {
  return `${entityRef}\n${date}`;
}

/** (u − u₀) / u₀ of the unit costs u = c/q, computed exactly as c·q₀ / (q·c₀) − 1. */
function unitCostChange(current: Tally, previous: Tally): number | null {
  if (current.quantity === 0n || previous.quantity === 0n || previous.cost === 0n) {
    return null;
  }
  return changeRatio(current.cost * previous.quantity, previous.cost * current.quantity);
}

/**
 * Change of the cost or units per covered (entity, day) pair: the periods
 * may cover different numbers of days (the last days' values not in yet),
 * and per pair the two changes compose to the unit cost's change.
 */
function dailyAverageChange(current: Tally, previous: Tally, part: 'cost' | 'quantity'): number | null {
  if (current.coveredPairs === 0 || previous.coveredPairs === 0) {
    return null;
  }
  return changeRatio(current[part] * BigInt(previous.coveredPairs), previous[part] * BigInt(current.coveredPairs));
}

function newestUnit(values: StoredMetricValue[]): string | null {
  let newest: StoredMetricValue | undefined;
  for (const value of values) {
    if (value.unit && (!newest || value.date > newest.date)) {
      newest = value;
    }
  }
  return newest?.unit ?? null;
}
