/*
 * A separate process that imports one FOCUS file into a FinOps store, so that
 * tests can kill it part-way. Configured by the FINOPS_IMPORT_WORKER
 * environment variable: { knex, file, importId, sourceId }.
 */
import knexFactory from 'knex';
import { createFinopsStores } from '../database/FinopsStores';
import { aggregateFocusFiles } from '../ingest/aggregateFocusFiles';
import { runImport } from '../ingest/runImport';

async function main() {
  const job = JSON.parse(process.env.FINOPS_IMPORT_WORKER!);
  const knex = knexFactory(job.knex);
  const stores = await createFinopsStores(knex);
  await stores.imports.createImport({ id: job.importId, sourceId: job.sourceId, fileName: job.file });
  process.stdout.write('started\n');
  await runImport({
    stores,
    importId: job.importId,
    sourceId: job.sourceId,
    progressInterval: 0,
    attribute: () => ({ entityRef: null, rule: null, detail: 'test' }),
    produce: aggregateFocusFiles([{ path: job.file, displayName: 'big.csv' }]),
  });
  process.stdout.write('finished\n');
  await knex.destroy();
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
