import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { Attribution, CostKeyFacts, factsOf } from '../attribution/attributeCostKey';
import type { FinopsStore } from '../database/FinopsStore';
import { DailyAggregator, PeriodTotals } from './DailyAggregator';

/**
 * Feeds charge rows to `onRow`, reporting bytes read now and then, and
 * awaiting `flushPoint` between batches of rows so that the import can spill
 * to the database with bounded memory.
 */
export type RowProducer = (sink: {
  onRow(row: FocusChargeRow): void;
  onProgress(bytesRead: number): void;
  flushPoint(): Promise<void>;
}) => Promise<void>;

/** Daily rows held in memory before they are staged in the database. */
export const DEFAULT_SPILL_THRESHOLD = 50_000;

/** What a finished import reports. */
export interface ImportOutcome {
  billingPeriods: string[];
  rows: number;
  totals: PeriodTotals[];
}

/**
 * Runs one import: reads every row, aggregates to the daily grain, attributes
 * new cost keys, and replaces the (source, billing period) slices it covers in
 * one transaction. Any failure marks the import failed with the reason and
 * leaves the stored slices as they were.
 */
export async function runImport(options: {
  store: FinopsStore;
  importId: string;
  sourceId: string;
  produceRows: RowProducer;
  attribute(facts: CostKeyFacts): Attribution;
  /** Minimum milliseconds between progress writes. */
  progressInterval?: number;
  /** Daily rows held before spilling to the staging table. */
  spillThreshold?: number;
}): Promise<ImportOutcome> {
  const { store, importId } = options;
  const aggregator = new DailyAggregator();
  let rows = 0;
  let bytes = 0;
  let lastProgressAt = 0;
  let progressWrite: Promise<void> = Promise.resolve();
  const spillThreshold = options.spillThreshold ?? DEFAULT_SPILL_THRESHOLD;
  try {
    await store.startImport(importId);
    await options.produceRows({
      async flushPoint() {
        if (aggregator.dailyCount >= spillThreshold) {
          await store.stageDailyCosts(importId, aggregator.drainDailyCosts());
        }
      },
      onRow(row) {
        rows++;
        aggregator.add(row);
      },
      onProgress(bytesRead) {
        bytes = bytesRead;
        const time = Date.now();
        if (time - lastProgressAt >= (options.progressInterval ?? 1000)) {
          lastProgressAt = time;
          const rowsRead = rows;
          progressWrite = progressWrite.then(() =>
            store.updateImportProgress(importId, { bytesRead, rowsRead }),
          );
        }
      },
    });
    await progressWrite;
    await store.updateImportProgress(importId, { bytesRead: bytes, rowsRead: rows });
    const billingPeriods = aggregator.billingPeriods();
    if (billingPeriods.length === 0) {
      throw new Error('the input has no charge rows');
    }
    await store.stageDailyCosts(importId, aggregator.drainDailyCosts());
    await store.replaceSlices({
      importId,
      sourceId: options.sourceId,
      billingPeriods,
      keys: aggregator.keys().map(key => ({ ...key, ...options.attribute(factsOf(key)) })),
      totals: aggregator.periodTotals(),
    });
    return { billingPeriods, rows, totals: aggregator.periodTotals() };
  } catch (error) {
    await progressWrite.catch(() => {});
    await recordFailure(() => store.failImport(importId, (error as Error).message ?? String(error)));
    throw error;
  } finally {
    // Best effort: a sweep removes what a dead process or a lost connection leaves.
    await store.discardStaged(importId).catch(() => {});
  }
}

/**
 * Records a failure even when the database just dropped its connections (a
 * restart): the pool's first attempt may meet a dead connection. If it still
 * fails, the abandoned-import sweep records it later.
 */
async function recordFailure(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt === 3) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 200 * attempt));
    }
  }
}
