/*
 * A scheduled directory source after the current month's export was
 * rewritten, in its own process: the import that reads only what changed
 * (and the files sharing its billing periods) against one that reads every
 * file, as every refresh did before directory imports recorded their files.
 * Prints JSON with the seconds and rows of each.
 * Usage: directoryWorker.ts <sqlite-file> <directory>
 */
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { createFinopsStores } from '../plugins/finops-backend/src/database/FinopsStores';
import { ImportService } from '../plugins/finops-backend/src/service/ImportService';
import type { AttributionService } from '../plugins/finops-backend/src/service/AttributionService';

const quiet: LoggerService = { info() {}, debug() {}, warn() {}, error() {}, child: () => quiet };
const unallocated = {
  ensureLoaded: async () => {},
  attribute: () => ({ entityRef: null, rule: null, detail: 'bench' }),
} as unknown as AttributionService;

async function main() {
  const [target, dir] = process.argv.slice(2);
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: target }, useNullAsDefault: true });
  const stores = await createFinopsStores(knex);
  const imports = new ImportService({ stores, attribution: unallocated, logger: quiet });
  const source = { id: 'bench-directory', type: 'focus-directory' as const, path: dir, schedule: { frequency: { hours: 1 }, timeout: { hours: 2 } } };
  const files = readdirSync(dir).filter(name => name.endsWith('.csv')).sort();
  const newest = join(dir, files[files.length - 1]);
  let touches = 0;
  const rewriteNewestMonth = () => {
    // A new modification time is what a rewritten export looks like to the scan.
    const time = Date.now() / 1000 + ++touches * 60;
    utimesSync(newest, time, time);
  };
  const timed = async () => {
    const started = process.hrtime.bigint();
    const record = await imports.importDirectory(source);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, rows: record?.rowsRead ?? 0, periods: record?.billingPeriods.length ?? 0 };
  };

  const first = await timed();
  rewriteNewestMonth();
  const changedOnly = await timed();
  await knex('finops_imports').update({ directory_manifest: null });
  rewriteNewestMonth();
  const everything = await timed();
  process.stdout.write(`${JSON.stringify({ files: files.length, first, changedOnly, everything })}\n`);
  await knex.destroy();
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
