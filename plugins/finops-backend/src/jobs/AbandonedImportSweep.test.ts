import knexFactory from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { createFinopsStores } from '../database/FinopsStores';
import { daily, key } from '../__testUtils__/storeTesting';
import { AbandonedImportSweep } from './AbandonedImportSweep';

describe('AbandonedImportSweep', () => {
  it('fails imports silent for staleAfter and deletes what they staged; a live import keeps its staging', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    const stores = await createFinopsStores(knex);
    const logger = mockServices.logger.mock();
    const k = key({ service: 'a' });
    for (const id of ['dead', 'alive']) {
      await stores.imports.createImport({ id, sourceId: 'upload', fileName: `${id}.csv` });
      await stores.slices.stageDailyCosts(id, [daily(k.hash, '2024-09-01', '1')]);
    }
    await knex('finops_imports').where({ id: 'dead' }).update({ heartbeat_at: new Date(Date.now() - 10 * 60_000).toISOString() });

    await new AbandonedImportSweep({
      stores,
      staleAfter: { minutes: 2 },
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
      logger,
    }).run();

    expect(await stores.imports.getImport('dead')).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped before it finished/) });
    expect(await stores.imports.getImport('alive')).toMatchObject({ status: 'queued' });
    expect((await knex('finops_import_staging').select('import_id')).map(row => row.import_id)).toEqual(['alive']);
    expect(logger.warn).toHaveBeenCalledWith('Marked 1 abandoned import(s) as failed');
    await knex.destroy();
  });
});
