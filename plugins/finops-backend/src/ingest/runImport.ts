import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import type { FinopsStores } from '../database/FinopsStores';
import { DailyAggregator, DailyBatch, DailyBatchExpander, ExpandedBatch } from './DailyAggregator';
import { Attribution, CostKey, CostKeyFacts, factsOf, PeriodTotals } from '../core';

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
export const DEFAULT_SPILL_THRESHOLD = 10_000;

/** Where aggregated input goes while it is read: daily rows and usage facts, or their compact batches. */
export interface BatchSink<Batch> {
  /** Awaited: the producer holds back its next batch until this one is written. */
  stage(batch: Batch): Promise<void>;
  onProgress(bytesRead: number, rowsRead: number): void;
}

/** What is left of an input once its daily rows are staged. */
export interface AggregatedInput {
  rows: number;
  keys: CostKey[];
  totals: PeriodTotals[];
}

/**
 * Reads an input, summing it to the daily grain and handing the daily rows
 * and usage facts to the sink in batches: in process ({@link aggregateRows})
 * or in a worker thread (aggregateFocusFiles).
 */
export type DailyCostProducer = (sink: BatchSink<ExpandedBatch>) => Promise<AggregatedInput>;

/**
 * Sums charge rows to the daily grain, handing the held daily rows to `stage`
 * whenever they pass the threshold at a flush point, and the rest at the end.
 */
export async function aggregateBatches(
  produceRows: RowProducer,
  sink: BatchSink<DailyBatch>,
  spillThreshold = DEFAULT_SPILL_THRESHOLD,
): Promise<AggregatedInput> {
  const aggregator = new DailyAggregator();
  let rows = 0;
  await produceRows({
    onRow(row) {
      rows++;
      aggregator.add(row);
    },
    onProgress(bytesRead) {
      sink.onProgress(bytesRead, rows);
    },
    async flushPoint() {
      if (aggregator.dailyCount >= spillThreshold) {
        await sink.stage(aggregator.drainBatch());
      }
    },
  });
  await sink.stage(aggregator.drainBatch());
  return { rows, keys: aggregator.keys(), totals: aggregator.periodTotals() };
}

/** Aggregates charge rows in this thread: for cost sources that yield rows, and for tests. */
export function aggregateRows(produceRows: RowProducer, spillThreshold = DEFAULT_SPILL_THRESHOLD): DailyCostProducer {
  return sink => {
    const expander = new DailyBatchExpander();
    return aggregateBatches(
      produceRows,
      { stage: batch => sink.stage(expander.expand(batch)), onProgress: sink.onProgress },
      spillThreshold,
    );
  };
}

/** What a finished import reports. */
export interface ImportOutcome {
  billingPeriods: string[];
  rows: number;
  totals: PeriodTotals[];
}

/**
 * Runs one import: stages the input's daily rows and usage facts as they are produced,
 * attributes its cost keys, and replaces the (source, billing period) slices
 * it covers in one transaction. Any failure marks the import failed with the
 * reason and leaves the stored slices as they were.
 */
export async function runImport(options: {
  stores: Pick<FinopsStores, 'imports' | 'slices'>;
  importId: string;
  sourceId: string;
  produce: DailyCostProducer;
  attribute(facts: CostKeyFacts): Attribution;
  /** Minimum milliseconds between progress writes. */
  progressInterval?: number;
}): Promise<ImportOutcome> {
  const { imports, slices } = options.stores;
  const { importId } = options;
  let bytes = 0;
  let lastProgressAt = 0;
  let progressWrite: Promise<void> = Promise.resolve();
  try {
    await imports.startImport(importId);
    const input = await options.produce({
      async stage(batch) {
        await slices.stageDailyCosts(importId, batch.dailyCosts);
        await slices.stageUsage(importId, batch.usageKinds, batch.usage);
      },
      onProgress(bytesRead, rowsRead) {
        bytes = bytesRead;
        const time = Date.now();
        if (time - lastProgressAt >= (options.progressInterval ?? 1000)) {
          lastProgressAt = time;
          progressWrite = progressWrite.then(() =>
            imports.updateImportProgress(importId, { bytesRead, rowsRead }),
          );
        }
      },
    });
    await progressWrite;
    await imports.updateImportProgress(importId, { bytesRead: bytes, rowsRead: input.rows });
    const billingPeriods = [...new Set(input.totals.map(t => t.billingPeriod))].sort();
    if (billingPeriods.length === 0) {
      throw new Error('the input has no charge rows');
    }
    await slices.replaceSlices({
      importId,
      sourceId: options.sourceId,
      billingPeriods,
      keys: input.keys.map(key => ({ ...key, ...options.attribute(factsOf(key)) })),
      totals: input.totals,
    });
    return { billingPeriods, rows: input.rows, totals: input.totals };
  } catch (error) {
    await progressWrite.catch(() => {});
    await recordFailure(() => imports.failImport(importId, (error as Error).message ?? String(error)));
    throw error;
  } finally {
    // Best effort: a sweep removes what a dead process or a lost connection leaves.
    await slices.discardStaged(importId).catch(() => {});
  }
}

/**
 * Records a failure even when the database just dropped its connections (a
 * restart): the pool's first attempt may meet a dead connection. If it still
 * fails, the abandoned-import sweep records it later.
 */
export async function recordFailure(write: () => Promise<void>): Promise<void> {
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
