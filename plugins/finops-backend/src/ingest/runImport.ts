import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { Attribution, CostKeyFacts, factsOf } from '../attribution/attributeCostKey';
import type { FinopsStore } from '../database/FinopsStore';
import { DailyAggregator, PeriodTotals } from './DailyAggregator';

/** Feeds charge rows to `onRow`, reporting bytes read now and then. */
export type RowProducer = (sink: {
  onRow(row: FocusChargeRow): void;
  onProgress(bytesRead: number): void;
}) => Promise<void>;

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
}): Promise<ImportOutcome> {
  const { store, importId } = options;
  const aggregator = new DailyAggregator();
  let rows = 0;
  let bytes = 0;
  let lastProgressAt = 0;
  let progressWrite: Promise<void> = Promise.resolve();
  try {
    await store.startImport(importId);
    await options.produceRows({
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
    await store.replaceSlices({
      importId,
      sourceId: options.sourceId,
      billingPeriods,
      keys: aggregator.keys().map(key => ({ ...key, ...options.attribute(factsOf(key)) })),
      dailyCosts: aggregator.dailyCosts(),
      totals: aggregator.periodTotals(),
    });
    return { billingPeriods, rows, totals: aggregator.periodTotals() };
  } catch (error) {
    await progressWrite.catch(() => {});
    await store.failImport(importId, (error as Error).message ?? String(error));
    throw error;
  }
}
