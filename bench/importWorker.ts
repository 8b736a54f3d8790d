/*
 * One measured import in its own process, so that its peak memory is its
 * own: FOCUS files → FinOps store (SQLite file or PostgreSQL). Prints JSON.
 * Usage: importWorker.ts <sqlite-file | postgresql-url> <file>...
 */
import { readFileSync } from 'node:fs';
import knexFactory from 'knex';
import { KnexFinopsStore } from '../plugins/finops-backend/src/database/KnexFinopsStore';
import { aggregateFocusFiles } from '../plugins/finops-backend/src/ingest/aggregateFocusFiles';
import { runImport } from '../plugins/finops-backend/src/ingest/runImport';

async function main() {
  const [target, ...files] = process.argv.slice(2);
  const knex = knexFactory(
    target.startsWith('postgres')
      ? { client: 'pg', connection: target }
      : { client: 'better-sqlite3', connection: { filename: target }, useNullAsDefault: true },
  );
  const store = await KnexFinopsStore.create(knex);
  const id = `bench-${Date.now()}`;
  await store.createImport({ id, sourceId: 'bench', fileName: files.join(' ') });
  const started = process.hrtime.bigint();
  const outcome = await runImport({
    store,
    importId: id,
    sourceId: 'bench',
    attribute: () => ({ entityRef: null, rule: null, detail: 'bench' }),
    produce: aggregateFocusFiles(files.map(file => ({ path: file, displayName: file }))),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  process.stdout.write(`${JSON.stringify({ rows: outcome.rows, seconds, peakRssMb: peakKb / 1024 })}\n`);
  await knex.destroy();
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
