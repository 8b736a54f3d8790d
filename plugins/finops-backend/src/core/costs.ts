import type { Attribution } from './attribution';
import type { CostKey } from './costKey';

/** A stored cost key with its current attribution. */
export interface StoredCostKey extends CostKey, Attribution {
  id: number;
}

/** Which cost column amounts are read from. */
export type CostColumn = 'EffectiveCost' | 'BilledCost';

/** Dimensions sums can be grouped by. */
export type CostDimension =
  | 'usageDate'
  | 'service'
  | 'serviceCategory'
  | 'provider'
  | 'account'
  | 'region'
  | 'resource'
  | 'entity'
  | 'costKey'
  | 'source';

/** Which costs a sum covers. */
export interface CostFilter {
  from: string;
  to: string;
  metric: CostColumn;
  /** Only costs attributed to these entities; `null` means only unallocated costs. */
  entityRefs?: string[] | null;
  /** Only these cost keys. */
  costKeyIds?: number[];
  /** Only these resources (at most a few hundred). */
  resourceIds?: string[];
}

/** One group of an exact sum, in one currency. */
export interface CostSum {
  currency: string;
  /** Values of the requested dimensions, by dimension name. */
  dimensions: Partial<Record<CostDimension, string>>;
  amount: bigint;
}

/** A (source, billing period) slice the store holds. */
export interface StoredSlice {
  sourceId: string;
  billingPeriod: string;
  importId: string;
  importedAt: string;
  /** First and last day with charges, YYYY-MM-DD; null for a slice without daily rows. */
  firstUsageDate: string | null;
  lastUsageDate: string | null;
}
