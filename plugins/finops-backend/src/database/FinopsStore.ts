import type {
  Attribution,
  CostDimension,
  CostFilter,
  CostKey,
  CostSum,
  DailyCost,
  DirectoryManifest,
  ImportRecord,
  PeriodTotals,
  StoredCostKey,
  StoredSlice,
} from '../core';

/** The slices an import replaces; its daily costs are staged beforehand. */
export interface SliceReplacement {
  importId: string;
  sourceId: string;
  billingPeriods: string[];
  /** Every key the staged daily costs use; new ones are stored with this attribution. */
  keys: Array<CostKey & Attribution>;
  /** Exact totals of the input, which the stored slices must reconcile to. */
  totals: PeriodTotals[];
}

/** Persistence of the FinOps backend: imports, cost data and attribution. */
export interface FinopsStore {
  createImport(input: {
    id: string;
    sourceId: string;
    fileName: string;
    bytesTotal?: number;
    fingerprint?: string;
  }): Promise<ImportRecord>;
  startImport(id: string): Promise<void>;
  updateImportProgress(id: string, progress: { bytesRead: number; rowsRead: number }): Promise<void>;
  failImport(id: string, error: string): Promise<void>;
  /** Records that the process holding these queued or running imports is alive. */
  heartbeat(ids: string[]): Promise<void>;
  /**
   * Marks queued or running imports whose last sign of life is older than
   * `staleBefore` (ISO time) as failed: their process died.
   */
  failAbandonedImports(reason: string, staleBefore: string): Promise<number>;
  getImport(id: string): Promise<ImportRecord | undefined>;
  listImports(limit: number): Promise<ImportRecord[]>;
  /** The newest import of a source, whatever its status. */
  lastImport(sourceId: string): Promise<ImportRecord | undefined>;
  /** The newest successful import of a source, if any. */
  lastSucceededImport(sourceId: string): Promise<ImportRecord | undefined>;
  /** Records, after it succeeded, the directory listing an import stood for. */
  saveDirectoryManifest(importId: string, manifest: DirectoryManifest): Promise<void>;
  /** The listing a directory import recorded; undefined for other imports and for those that did not get to record it. */
  directoryManifest(importId: string): Promise<DirectoryManifest | undefined>;

  /** Stores partial daily aggregates of an import in progress; the same day and key may come again. */
  stageDailyCosts(importId: string, dailyCosts: Iterable<DailyCost>): Promise<void>;
  /** Deletes what an import staged. */
  discardStaged(importId: string): Promise<void>;
  /** Deletes what finished or failed imports left staged (after a crash). */
  discardAbandonedStaging(): Promise<void>;

  /**
   * In one transaction: replaces every daily cost of the source in the given
   * billing periods with the sums of what the import staged, checks that the
   * stored slices reconcile exactly with `totals`, records the slices, and
   * marks the import succeeded. On any error nothing changes.
   */
  replaceSlices(replacement: SliceReplacement): Promise<void>;

  /** Every stored slice, by source and billing period. */
  listSlices(): Promise<StoredSlice[]>;

  /** Every stored cost key, or only those with the given ids. */
  listCostKeys(ids?: number[]): Promise<StoredCostKey[]>;
  /** Keys whose daily costs include a resource. */
  costKeysForResource(resourceId: string): Promise<StoredCostKey[]>;
  /** Stores new attributions; returns how many keys changed. */
  updateAttributions(attributions: Array<{ id: number } & Attribution>): Promise<number>;

  /** Exact sums grouped by currency and the given dimensions. */
  sumCosts(filter: CostFilter, groupBy: CostDimension[]): Promise<CostSum[]>;
  /** The largest groups by amount (descending), at most `limit`. */
  topCosts(filter: CostFilter, groupBy: CostDimension[], limit: number): Promise<CostSum[]>;
}
