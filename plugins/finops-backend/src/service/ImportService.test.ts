import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { KnexFinopsStore } from '../database/KnexFinopsStore';
import type { ImportRecord } from '../database/FinopsStore';
import { focusCsv, writeTempFile } from '../testUtils/focusCsv';
import type { AttributionService } from './AttributionService';
import { ImportService } from './ImportService';

jest.setTimeout(60_000);

/** Attribution is not under test: every key stays unallocated. */
const unallocated = {
  ensureLoaded: async () => {},
  attribute: () => ({ entityRef: null, rule: null, detail: 'test' }),
} as unknown as AttributionService;

const bigFile = writeTempFile(
  'big.csv',
  focusCsv(Array.from({ length: 100_000 }, (_, i) => ({ ResourceId: `i-${i}`, EffectiveCost: '0.01' }))),
);

async function settled(store: KnexFinopsStore, id: string): Promise<ImportRecord> {
  for (;;) {
    const record = (await store.getImport(id))!;
    if (record.status === 'succeeded' || record.status === 'failed') {
      return record;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('ImportService', () => {
  it('fails the running and the queued imports at shutdown instead of leaving them to the sweep', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    const store = await KnexFinopsStore.create(knex);
    const imports = new ImportService({ store, attribution: unallocated, logger: mockServices.logger.mock() });
    const upload = (name: string) => imports.enqueueFile({ sourceId: 'upload', path: bigFile, fileName: name, bytes: 1, sha256: name });

    const running = await upload('first.csv');
    const queued = await upload('second.csv');
    while ((await store.getImport(running.id))!.rowsRead === 0) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    imports.shutdown();

    for (const record of [await settled(store, running.id), await settled(store, queued.id)]) {
      expect(record).toMatchObject({ status: 'failed', error: 'the backend shut down before the import finished' });
    }
    expect(await store.sumCosts({ from: '2000-01-01', to: '2100-01-01', metric: 'EffectiveCost' }, [])).toEqual([]);
    await knex.destroy();
  });
});
