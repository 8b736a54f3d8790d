import {
  bucketStart,
  changeRatio,
  formatDecimal,
  largestFirst,
  percentOf,
  type CompareResponse,
  type KeyAmount,
  type Mover,
  type OverviewResponse,
} from '@backstage-finops/plugin-finops-common';
import type { CostColumn, CostSum } from '../core';
import { coverageSeries } from './ownershipCoverage';
import { type BucketedPeriod, chooseCurrency, costSeries, type Freshness, totalIn, totalsAgainstPrevious } from './costReport';

/** Sums in one currency by `keyOf`, largest first (then by key); they add up exactly to the sums' total. */
export function amountsByKey(sums: CostSum[], currency: string, keyOf: (sum: CostSum) => string): KeyAmount[] {
  const byKey = new Map<string, bigint>();
  for (const sum of sums) {
    if (sum.currency === currency) {
      const key = keyOf(sum);
      byKey.set(key, (byKey.get(key) ?? 0n) + sum.amount);
    }
  }
  return [...byKey.entries()]
    .sort((a, b) => largestFirst(a[1], b[1]) || a[0].localeCompare(b[0]))
    .map(([key, amount]) => ({ key, amount: formatDecimal(amount) }));
}

/**
 * The entities whose own cost rose and fell most between two periods, by
 * absolute change, among those with at least `minimum` in one of them: a
 * $3 → $9 change is a tripling, but not one to lead the list.
 */
export function topMovers(input: {
  current: CostSum[];
  previous: CostSum[];
  currency: string;
  minimum: bigint;
  limit: number;
}): { increases: Mover[]; decreases: Mover[] } {
  const figures = new Map<string, { amount: bigint; previous: bigint }>();
  const add = (sums: CostSum[], field: 'amount' | 'previous') => {
    for (const sum of sums) {
      const ref = sum.dimensions.entity;
      if (sum.currency === input.currency && ref) {
        const figure = figures.get(ref) ?? { amount: 0n, previous: 0n };
        figure[field] += sum.amount;
        figures.set(ref, figure);
      }
    }
  };
  add(input.current, 'amount');
  add(input.previous, 'previous');
  const movers = [...figures.entries()]
    .filter(([, f]) => f.amount >= input.minimum || f.previous >= input.minimum)
    .map(([entityRef, f]) => ({ entityRef, ...f, change: f.amount - f.previous }))
    .filter(mover => mover.change !== 0n);
  const toMover = (m: (typeof movers)[number]): Mover => ({
    entityRef: m.entityRef,
    amount: formatDecimal(m.amount),
    previousAmount: formatDecimal(m.previous),
    change: formatDecimal(m.change),
    changeRatio: changeRatio(m.amount, m.previous),
  });
  const byChange = (a: (typeof movers)[number], b: (typeof movers)[number]) =>
    largestFirst(a.change < 0n ? -a.change : a.change, b.change < 0n ? -b.change : b.change) || a.entityRef.localeCompare(b.entityRef);
  return {
    increases: movers.filter(m => m.change > 0n).sort(byChange).slice(0, input.limit).map(toMover),
    decreases: movers.filter(m => m.change < 0n).sort(byChange).slice(0, input.limit).map(toMover),
  };
}

/** Per calendar month of the sums by usageDate, the share of spend attributed to an entity. */
export function monthlyCoverage(all: CostSum[], unallocated: CostSum[], currency: string): OverviewResponse['coverage']['monthly'] {
  const months = [...new Set(all.filter(sum => sum.currency === currency).map(sum => bucketStart(sum.dimensions.usageDate!, 'month')))].sort();
  return coverageSeries(all, unallocated, currency, 'month', months).map(({ date, ...coverage }) => ({ month: date, ...coverage }));
}

/** The organisation overview from exact sums over all spend. */
export function buildOverview(input: {
  period: BucketedPeriod;
  costMetric: CostColumn;
  requestedCurrency?: string;
  /** All spend by usageDate; and unallocated spend by usageDate. */
  byDay: CostSum[];
  unallocatedByDay: CostSum[];
  /** Previous period, by entity (its total is the previous total). */
  previousByEntity: CostSum[];
  byEntity: CostSum[];
  /** Sums with a serviceCategory, account and provider dimension respectively (one list may hold all three). */
  byServiceCategory: CostSum[];
  byAccount: CostSum[];
  byProvider: CostSum[];
  teamOf: (entityRef: string | null) => string;
  movers: { minimum: bigint; limit: number };
  sources: OverviewResponse['sources'];
  freshness: Freshness;
}): Omit<OverviewResponse, 'unitCosts'> {
  const { currency, currencies } = chooseCurrency([...input.byDay, ...input.previousByEntity], input.requestedCurrency);
  const total = totalIn(input.byDay, currency);
  const previousTotal = totalIn(input.previousByEntity, currency);
  const allocated = total - totalIn(input.unallocatedByDay, currency);
  return {
    ...input.period,
    costMetric: input.costMetric,
    currency,
    currencies,
    ...totalsAgainstPrevious(total, previousTotal, currency),
    series: costSeries(input.byDay, currency, input.period, input.freshness),
    byTeam: amountsByKey(input.byEntity, currency, sum => input.teamOf(sum.dimensions.entity || null)),
    byServiceCategory: amountsByKey(input.byServiceCategory, currency, sum => sum.dimensions.serviceCategory ?? ''),
    byAccount: amountsByKey(input.byAccount, currency, sum => sum.dimensions.account ?? ''),
    byProvider: amountsByKey(input.byProvider, currency, sum => sum.dimensions.provider ?? ''),
    movers: {
      minimumAmount: formatDecimal(input.movers.minimum),
      ...topMovers({
        current: input.byEntity,
        previous: input.previousByEntity,
        currency,
        minimum: input.movers.minimum,
        limit: input.movers.limit,
      }),
    },
    coverage: {
      allocatedPercent: percentOf(allocated, total),
      monthly: monthlyCoverage(input.byDay, input.unallocatedByDay, currency),
    },
    sources: input.sources,
    ...input.freshness,
  };
}

/** Entities side by side, each from the exact sums of its own rollup: by usageDate (current) and in all (previous). */
export function buildCompare(input: {
  period: BucketedPeriod;
  costMetric: CostColumn;
  requestedCurrency?: string;
  /** The readable entities asked for, in the order asked. */
  shown: Array<{ entityRef: string; current: CostSum[]; previous: CostSum[] }>;
  hiddenEntityCount: number;
  freshness: Freshness;
}): CompareResponse {
  const { currency, currencies } = chooseCurrency(
    input.shown.flatMap(entry => [...entry.current, ...entry.previous]),
    input.requestedCurrency,
  );
  return {
    ...input.period,
    costMetric: input.costMetric,
    currency,
    currencies,
    entities: input.shown.map(({ entityRef, current, previous }) => ({
      entityRef,
      ...totalsAgainstPrevious(totalIn(current, currency), totalIn(previous, currency), currency),
      series: costSeries(current, currency, input.period, input.freshness),
    })),
    hiddenEntityCount: input.hiddenEntityCount,
    ...input.freshness,
  };
}
