/*
 * One measured import in its own process, so that its peak memory is its
 * own: FOCUS files → FinOps store (SQLite file or PostgreSQL). Prints JSON:
 * the whole import's time, its replacing transaction's, the store's write
 * floor, the peak RSS, and what was stored (daily rows, totals per currency)
 * for the benchmark to check against the baseline's.
 * With `--no-store` instead of a database, it times the import's reader
 * alone: the worker thread reads and sums, and the daily rows it hands over
 * are dropped, which is the part of an import that DuckDB's query compares to.
 * With `--without-usage` first, the usage columns are not read (no usage
 * facts), to measure what they cost the import.
 * Usage: importWorker.ts [--without-usage] <sqlite-file | postgresql-url | --no-store> <file>...
 */
import { readFileSync } from 'node:fs';
import knexFactory, { Knex } from 'knex';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores } from '../plugins/finops-backend/src/database/FinopsStores';
import { aggregateFocusFiles } from '../plugins/finops-backend/src/ingest/aggregateFocusFiles';
import { runImport } from '../plugins/finops-backend/src/ingest/runImport';
import type { PeriodTotals } from '../plugins/finops-backend/src/core';

async function main() {
  const args = process.argv.slice(2);
  readUsage = args[0] !== '--without-usage';
  const [target, ...files] = readUsage ? args : args.slice(1);
  if (target === '--no-store') {
    await readWithoutStore(files);
    return;
  }
  const knex = knexFactory(
    target.startsWith('postgres')
      ? { client: 'pg', connection: target }
      : { client: 'better-sqlite3', connection: { filename: target }, useNullAsDefault: true },
  );
  const stores = await createFinopsStores(knex);
  const id = `bench-${Date.now()}`;
  await stores.imports.createImport({ id, sourceId: 'bench', fileName: files.join(' ') });
  // The replacing transaction, timed apart: it starts when the last row is read and staged.
  let replaceSeconds = 0;
  const replaceSlices = stores.slices.replaceSlices.bind(stores.slices);
  stores.slices.replaceSlices = async replacement => {
    const replaceStarted = process.hrtime.bigint();
    await replaceSlices(replacement);
    replaceSeconds = Number(process.hrtime.bigint() - replaceStarted) / 1e9;
  };
  const started = process.hrtime.bigint();
  const outcome = await runImport({
    stores,
    importId: id,
    sourceId: 'bench',
    attribute: () => ({ entityRef: null, rule: null, detail: 'bench' }),
    produce: readFiles(files),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = peakRssMb();
  const [{ dailyRows }] = await knex('finops_daily_costs').count({ dailyRows: '*' });
  const writeFloorSeconds = await timeRewritingDailyRows(knex);
  process.stdout.write(
    `${JSON.stringify({ rows: outcome.rows, dailyRows: Number(dailyRows), totals: totalsByCurrency(outcome.totals), seconds, replaceSeconds, writeFloorSeconds, peakRssMb: peakRss })}\n`,
  );
  await knex.destroy();
}

async function readWithoutStore(files: string[]) {
  const started = process.hrtime.bigint();
  const input = await readFiles(files)({
    async stage(batch) {
      for (const _daily of batch.dailyCosts) {
        // Expanded like the store's writer would, then dropped.
      }
      for (const _fact of batch.usage) {
        // Likewise.
      }
    },
    onProgress() {},
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({ rows: input.rows, totals: totalsByCurrency(input.totals), seconds, peakRssMb: peakRssMb() })}\n`);
}

let readUsage = true;

function readFiles(files: string[]) {
  return aggregateFocusFiles(
    files.map(file => ({ path: file, displayName: file })),
    { readUsage },
  );
}

function peakRssMb(): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
}

/**
 * The floor of any import into this store: writing the daily rows just
 * imported once more, already parsed and summed, into the indexed table.
 * Measured after the peak memory was read, and rolled back.
 */
async function timeRewritingDailyRows(knex: Knex): Promise<number> {
  let seconds = 0;
  await knex
    .transaction(async tx => {
      await tx.raw('CREATE TEMPORARY TABLE daily_copy AS SELECT * FROM finops_daily_costs');
      await tx('finops_daily_costs').delete();
      const started = process.hrtime.bigint();
      await tx.raw('INSERT INTO finops_daily_costs SELECT * FROM daily_copy');
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      throw new RolledBack();
    })
    .catch(error => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return seconds;
}

class RolledBack extends Error {}

function totalsByCurrency(totals: PeriodTotals[]) {
  const byCurrency = new Map<string, { effectiveCost: bigint; billedCost: bigint; listCost: bigint }>();
  for (const t of totals) {
    const sum = byCurrency.get(t.currency) ?? { effectiveCost: 0n, billedCost: 0n, listCost: 0n };
    sum.effectiveCost += t.effectiveCost;
    sum.billedCost += t.billedCost;
    sum.listCost += t.listCost;
    byCurrency.set(t.currency, sum);
  }
  return [...byCurrency].map(([currency, sum]) => ({
    currency,
    effectiveCost: formatDecimal(sum.effectiveCost),
    billedCost: formatDecimal(sum.billedCost),
    listCost: formatDecimal(sum.listCost),
  }));
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
