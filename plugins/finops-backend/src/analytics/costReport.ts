import {
  addDays,
  bucketEnd,
  bucketStart,
  bucketStarts,
  changeRatio,
  CostGroupBy,
  CostResponse,
  formatDecimal,
  Granularity,
  largestFirst,
  percentOf,
  CoverageResponse,
} from '@backstage-finops/plugin-finops-common';

type CostPoint = CostResponse['series'][number];
import type { CostColumn, CostDimension, CostSum, StoredSlice } from '../core';

/** Groups beyond this many are summed into one `(other)` group. */
export const MAX_GROUPS = 50;
export const OTHER_GROUP_KEY = '(other)';

/**
 * Picks the currency a response is in: the requested one, else the one with
 * the largest absolute spend, so that amounts in different currencies are
 * never added together.
 */
export function chooseCurrency(sums: CostSum[], requested?: string): { currency: string; currencies: string[] } {
  const byCurrency = new Map<string, bigint>();
  for (const sum of sums) {
    const amount = sum.amount < 0n ? -sum.amount : sum.amount;
    byCurrency.set(sum.currency, (byCurrency.get(sum.currency) ?? 0n) + amount);
  }
  const currencies = [...byCurrency.keys()].sort();
  if (requested) {
    return { currency: requested.toUpperCase(), currencies };
  }
  const [largest] = [...byCurrency.entries()].sort((a, b) => largestFirst(a[1], b[1]) || a[0].localeCompare(b[0]));
  return { currency: largest?.[0] ?? 'USD', currencies };
}

/** How fresh a response's data is. */
export interface Freshness {
  /** The last day every contributing source has data for; null when none has any. */
  dataThrough: string | null;
  /** First of the last `settleDays` days through `dataThrough`, which may still change; null when there are none. */
  settlingFrom: string | null;
  settleDays: number;
}

/**
 * The freshness of what `contributing` sources hold: each source's last day
 * is the latest day with data of any of its slices, and `dataThrough` is the
 * earliest of those, so that every contributing source has data through it.
 */
export function freshnessOf(input: { contributing: Iterable<string>; slices: StoredSlice[]; settleDays: number }): Freshness {
  const lastDayBySource = new Map<string, string>();
  for (const slice of input.slices) {
    const last = lastDayBySource.get(slice.sourceId);
    if (slice.lastUsageDate && (!last || slice.lastUsageDate > last)) {
      lastDayBySource.set(slice.sourceId, slice.lastUsageDate);
    }
  }
  let dataThrough: string | null = null;
  for (const sourceId of new Set(input.contributing)) {
    const last = lastDayBySource.get(sourceId);
    if (last && (dataThrough === null || last < dataThrough)) {
      dataThrough = last;
    }
  }
  const settlingFrom = dataThrough !== null && input.settleDays > 0 ? addDays(dataThrough, 1 - input.settleDays) : null;
  return { dataThrough, settlingFrom, settleDays: input.settleDays };
}

/** The sources that contributed to sums grouped by `source`. */
export function contributingSources(sums: CostSum[]): string[] {
  return [...new Set(sums.map(sum => sum.dimensions.source ?? '').filter(Boolean))].sort();
}

/**
 * What a bucket's point says besides its amount: `partial` when it starts
 * before `from`, or ends after `to` or after `dataThrough`; `settling` when it
 * holds a day of the settle window within the period.
 */
export function bucketMarks(
  start: string,
  period: { from: string; to: string; granularity: Granularity },
  freshness: Freshness,
): { partial?: true; settling?: true } {
  const end = bucketEnd(start, period.granularity);
  const marks: { partial?: true; settling?: true } = {};
  const dataEnd = freshness.dataThrough === null ? null : addDays(freshness.dataThrough, 1);
  if (start < period.from || end > period.to || (dataEnd !== null && end > dataEnd)) {
    marks.partial = true;
  }
  if (freshness.settlingFrom !== null && dataEnd !== null) {
    // The settle window [settlingFrom, dataEnd) meets the bucket within the period.
    const windowFrom = [freshness.settlingFrom, start, period.from].sort()[2];
    const windowTo = [dataEnd, end, period.to].sort()[0];
    if (windowFrom < windowTo) {
      marks.settling = true;
    }
  }
  return marks;
}

/** A period and the size of its buckets. */
export interface BucketedPeriod {
  from: string;
  to: string;
  granularity: Granularity;
}

/**
 * The series of sums by usageDate in one currency: every bucket of the
 * period, zero where there was no cost, marked partial or settling.
 */
export function costSeries(sums: CostSum[], currency: string, period: BucketedPeriod, freshness: Freshness): CostPoint[] {
  const series = new Map(bucketStarts(period.from, period.to, period.granularity).map(bucket => [bucket, 0n]));
  for (const sum of sums) {
    if (sum.currency === currency) {
      const bucket = bucketStart(sum.dimensions.usageDate!, period.granularity);
      series.set(bucket, (series.get(bucket) ?? 0n) + sum.amount);
    }
  }
  return toPoints(series, new Map([...series.keys()].map(bucket => [bucket, bucketMarks(bucket, period, freshness)])));
}

/** A period's total against the previous period's, as every report states them. */
export function totalsAgainstPrevious(total: bigint, previousTotal: bigint, currency: string) {
  return {
    total: { amount: formatDecimal(total), currency },
    previousTotal: { amount: formatDecimal(previousTotal), currency },
    changeRatio: changeRatio(total, previousTotal),
  };
}

/** The exact sum of the sums in one currency. */
export function totalIn(sums: CostSum[], currency: string): bigint {
  return sums.filter(sum => sum.currency === currency).reduce((acc, sum) => acc + sum.amount, 0n);
}

/**
 * Builds the cost response from exact sums by day (and group): a series with
 * every bucket of the period (zero where there was no cost), groups largest
 * first, each with its own series and its amount in the previous period.
 */
export function buildCostReport(input: {
  entityRef: string;
  includedEntityRefs: string[];
  from: string;
  to: string;
  granularity: Granularity;
  groupBy?: CostGroupBy;
  /** The group a sum belongs to; by default its value of the groupBy dimension. */
  groupKeyOf?: (sum: CostSum) => string;
  costMetric: CostColumn;
  requestedCurrency?: string;
  /** Sums by usageDate and, with groupBy, by the group's dimension. */
  current: CostSum[];
  /** Sums over the previous period, by currency and, with groupBy, by the group's dimension. */
  previous: CostSum[];
  /** Rolled-up entities left out because the caller may not read them. */
  hiddenEntityCount: number;
  freshness: Freshness;
  attributionTagKeys: CostResponse['attributionTagKeys'];
}): CostResponse {
  const { currency, currencies } = chooseCurrency([...input.current, ...input.previous], input.requestedCurrency);
  const buckets = bucketStarts(input.from, input.to, input.granularity);
  const emptySeries = () => new Map(buckets.map(bucket => [bucket, 0n]));
  const series = emptySeries();
  const groups = new Map<string, { total: bigint; series: Map<string, bigint> }>();
  const groupKeyOf = input.groupKeyOf ?? ((sum: CostSum) => (input.groupBy ? sum.dimensions[input.groupBy as CostDimension] ?? '' : ''));
  let total = 0n;
  for (const sum of input.current) {
    if (sum.currency !== currency) {
      continue;
    }
    const bucket = bucketStart(sum.dimensions.usageDate!, input.granularity);
    total += sum.amount;
    series.set(bucket, (series.get(bucket) ?? 0n) + sum.amount);
    if (input.groupBy) {
      const key = groupKeyOf(sum);
      let group = groups.get(key);
      if (!group) {
        group = { total: 0n, series: emptySeries() };
        groups.set(key, group);
      }
      group.total += sum.amount;
      group.series.set(bucket, (group.series.get(bucket) ?? 0n) + sum.amount);
    }
  }
  const marks = new Map(buckets.map(bucket => [bucket, bucketMarks(bucket, input, input.freshness)]));
  const previousTotal = totalIn(input.previous, currency);
  const previousByGroup = new Map<string, bigint>();
  if (input.groupBy) {
    for (const sum of input.previous) {
      if (sum.currency === currency) {
        const key = groupKeyOf(sum);
        previousByGroup.set(key, (previousByGroup.get(key) ?? 0n) + sum.amount);
      }
    }
  }

  const limited = limitGroups(groups, emptySeries);
  const keptKeys = new Set(limited.map(([key]) => key).filter(key => key !== OTHER_GROUP_KEY));

  return {
    entityRef: input.entityRef,
    from: input.from,
    to: input.to,
    granularity: input.granularity,
    ...(input.groupBy ? { groupBy: input.groupBy } : {}),
    costMetric: input.costMetric,
    currency,
    currencies,
    ...totalsAgainstPrevious(total, previousTotal, currency),
    series: toPoints(series, marks),
    groups: limited.map(([key, group]) => {
      const previousAmount =
        key === OTHER_GROUP_KEY
          ? [...previousByGroup.entries()].filter(([k]) => !keptKeys.has(k)).reduce((acc, [, a]) => acc + a, 0n)
          : previousByGroup.get(key) ?? 0n;
      return {
        key,
        amount: formatDecimal(group.total),
        previousAmount: formatDecimal(previousAmount),
        changeRatio: changeRatio(group.total, previousAmount),
        series: toPoints(group.series, marks),
      };
    }),
    includedEntityRefs: input.includedEntityRefs,
    hiddenEntityCount: input.hiddenEntityCount,
    ...input.freshness,
    attributionTagKeys: input.attributionTagKeys,
  };
}

/** Exact coverage figures from sums by allocation state. */
export function buildCoverageReport(input: {
  from: string;
  to: string;
  costMetric: CostColumn;
  requestedCurrency?: string;
  /** Sums over everything, by currency. */
  all: CostSum[];
  /** Sums over unallocated costs, by currency. */
  unallocated: CostSum[];
  unallocatedItems: CoverageResponse['unallocatedItems'];
  freshness: Freshness;
}): CoverageResponse {
  const { currency, currencies } = chooseCurrency(input.all, input.requestedCurrency);
  const inCurrency = (sums: CostSum[]) =>
    sums.filter(s => s.currency === currency).reduce((acc, s) => acc + s.amount, 0n);
  const total = inCurrency(input.all);
  const unallocated = inCurrency(input.unallocated);
  const allocated = total - unallocated;
  return {
    from: input.from,
    to: input.to,
    costMetric: input.costMetric,
    currency,
    currencies,
    total: { amount: formatDecimal(total), currency },
    allocated: { amount: formatDecimal(allocated), currency },
    unallocated: { amount: formatDecimal(unallocated), currency },
    allocatedPercent: percentOf(allocated, total),
    unallocatedItems: input.unallocatedItems,
    ...input.freshness,
  };
}

/**
 * The keys of the groups a report shows on their own, largest first, when
 * there are more than it shows; undefined when every group is shown.
 */
export function largestGroupKeys(sums: CostSum[], currency: string, keyOf: (sum: CostSum) => string): string[] | undefined {
  const totals = new Map<string, bigint>();
  for (const sum of sums) {
    if (sum.currency === currency) {
      totals.set(keyOf(sum), (totals.get(keyOf(sum)) ?? 0n) + sum.amount);
    }
  }
  if (totals.size <= MAX_GROUPS) {
    return undefined;
  }
  return [...totals.entries()]
    .sort((a, b) => largestFirst(a[1], b[1]) || a[0].localeCompare(b[0]))
    .slice(0, MAX_GROUPS - 1)
    .map(([key]) => key);
}

/**
 * What sums by day and group leave of the sums by day, per currency and day,
 * as the `(other)` group: the rest of a report's groups without summing
 * each of them by day.
 */
export function otherByDay(byDay: CostSum[], shownByDay: CostSum[], dimension: CostDimension): CostSum[] {
  const other = new Map<string, CostSum>();
  const add = (sum: CostSum, sign: bigint) => {
    const id = `${sum.currency} ${sum.dimensions.usageDate}`;
    const entry = other.get(id) ?? { currency: sum.currency, dimensions: { usageDate: sum.dimensions.usageDate, [dimension]: OTHER_GROUP_KEY }, amount: 0n };
    entry.amount += sign * sum.amount;
    other.set(id, entry);
  };
  byDay.forEach(sum => add(sum, 1n));
  shownByDay.forEach(sum => add(sum, -1n));
  return [...other.values()];
}

/**
 * The largest groups and `(other)` for the rest, last. A group the caller
 * keyed `(other)` already is the rest (see otherByDay); what does not fit
 * beside it joins it.
 */
function limitGroups(
  groups: Map<string, { total: bigint; series: Map<string, bigint> }>,
  emptySeries: () => Map<string, bigint>,
) {
  const rest = groups.get(OTHER_GROUP_KEY);
  const sorted = [...groups.entries()]
    .filter(([key]) => key !== OTHER_GROUP_KEY)
    .sort((a, b) => largestFirst(a[1].total, b[1].total) || a[0].localeCompare(b[0]));
  if (sorted.length + (rest ? 1 : 0) <= MAX_GROUPS) {
    return rest ? [...sorted, [OTHER_GROUP_KEY, rest] as const] : sorted;
  }
  const kept = sorted.slice(0, MAX_GROUPS - 1);
  const other = { total: rest?.total ?? 0n, series: new Map(rest?.series ?? emptySeries()) };
  for (const [, group] of sorted.slice(MAX_GROUPS - 1)) {
    other.total += group.total;
    for (const [bucket, amount] of group.series) {
      other.series.set(bucket, (other.series.get(bucket) ?? 0n) + amount);
    }
  }
  return [...kept, [OTHER_GROUP_KEY, other] as const];
}

function toPoints(series: Map<string, bigint>, marks: Map<string, { partial?: true; settling?: true }>) {
  return [...series.entries()].map(([date, amount]) => ({ date, amount: formatDecimal(amount), ...marks.get(date) }));
}
