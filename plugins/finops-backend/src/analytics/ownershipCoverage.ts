import { bucketStart, bucketStarts, formatDecimal, type Granularity, largestFirst, percentOf } from '@backstage-finops/plugin-finops-common';
import type { CostSum } from '../core';

/**
 * The FinOps Foundation's allocation maturity bands: the share of spend
 * attributed to an owner at which an organisation crawls, walks and runs.
 */
export const ALLOCATION_BANDS = [
  { stage: 'crawl', minPercent: 70, inclusive: true },
  { stage: 'walk', minPercent: 85, inclusive: true },
  { stage: 'run', minPercent: 90, inclusive: false },
] as const;

/** One bucket's spend and how much of it is attributed. */
export interface CoveragePoint {
  date: string;
  total: string;
  allocated: string;
  /** null when the bucket has no spend. */
  allocatedPercent: number | null;
}

interface Figures {
  total: bigint;
  unallocated: bigint;
}

function point(date: string, f: Figures): CoveragePoint {
  return { date, total: formatDecimal(f.total), allocated: formatDecimal(f.total - f.unallocated), allocatedPercent: percentOf(f.total - f.unallocated, f.total) };
}

/** Exact figures per bucket start of sums by `usageDate` in one currency. */
function figuresByBucket(all: CostSum[], unallocated: CostSum[], currency: string, granularity: Granularity, buckets: string[]): Map<string, Figures> {
  const figures = new Map(buckets.map(start => [start, { total: 0n, unallocated: 0n }]));
  const add = (sums: CostSum[], field: keyof Figures) => {
    for (const sum of sums) {
      const figure = sum.currency === currency ? figures.get(bucketStart(sum.dimensions.usageDate!, granularity)) : undefined;
      if (figure) {
        figure[field] += sum.amount;
      }
    }
  };
  add(all, 'total');
  add(unallocated, 'unallocated');
  return figures;
}

/**
 * Per bucket of `buckets` (their starts, at `granularity`), the spend of
 * sums by `usageDate` in one currency and the part of it attributed:
 * allocated = all − unallocated, exactly.
 */
export function coverageSeries(all: CostSum[], unallocated: CostSum[], currency: string, granularity: Granularity, buckets: string[]): CoveragePoint[] {
  const figures = figuresByBucket(all, unallocated, currency, granularity, buckets);
  return buckets.map(start => point(start, figures.get(start)!));
}

/** A period's coverage, in total and per bucket. */
interface PeriodCoverage {
  total: string;
  allocated: string;
  allocatedPercent: number | null;
  series: CoveragePoint[];
}

/** Allocation coverage of a period, in total, per bucket, and per provider or account. */
export interface OwnershipCoverage extends PeriodCoverage {
  /** Largest first; their totals and allocated amounts sum exactly to the period's. */
  groups: Array<PeriodCoverage & { key: string }>;
}

function periodCoverage(all: CostSum[], unallocated: CostSum[], currency: string, granularity: Granularity, buckets: string[]): PeriodCoverage & { exactTotal: bigint } {
  const figures = figuresByBucket(all, unallocated, currency, granularity, buckets);
  const sum = { total: 0n, unallocated: 0n };
  for (const f of figures.values()) {
    sum.total += f.total;
    sum.unallocated += f.unallocated;
  }
  const { total, allocated, allocatedPercent } = point('', sum);
  return { total, allocated, allocatedPercent, series: buckets.map(start => point(start, figures.get(start)!)), exactTotal: sum.total };
}

/**
 * Coverage from sums by `usageDate` and the grouping dimension of all
 * spend and of the unallocated part, in one currency, every bucket from
 * `from` to `to` (buckets without spend included).
 */
export function ownershipCoverage(input: {
  all: CostSum[];
  unallocated: CostSum[];
  currency: string;
  from: string;
  to: string;
  granularity: Granularity;
  groupOf: (sum: CostSum) => string;
}): OwnershipCoverage {
  const buckets = bucketStarts(input.from, input.to, input.granularity);
  const { exactTotal: _total, ...whole } = periodCoverage(input.all, input.unallocated, input.currency, input.granularity, buckets);
  const keys = [...new Set(input.all.filter(sum => sum.currency === input.currency).map(input.groupOf))];
  const groups = keys
    .map(key => {
      const inGroup = (sums: CostSum[]) => sums.filter(sum => input.groupOf(sum) === key);
      return { key, ...periodCoverage(inGroup(input.all), inGroup(input.unallocated), input.currency, input.granularity, buckets) };
    })
    .sort((a, b) => largestFirst(a.exactTotal, b.exactTotal) || a.key.localeCompare(b.key))
    .map(({ exactTotal: _exact, ...group }) => group);
  return { ...whole, groups };
}
