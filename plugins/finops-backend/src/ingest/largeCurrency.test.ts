import { TestDatabases } from '@backstage/backend-test-utils';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { createFinopsStores } from '../database/FinopsStores';
import { readFocusFile } from '../focus/readFocusFile';
import { focusCsv, septemberHour, writeTempFile } from '../__testUtils__/focusCsv';
import { aggregateRows, runImport } from './runImport';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

// A month of IDR: two components at about 1.2 × 10^10 a day each (three hours of ~4.1 × 10^9), and one upfront commitment fee.
const rows = [
  ...Array.from({ length: 30 }, (_, i) =>
    ['checkout-api', 'payments-api'].flatMap(service => {
      const amount = `${4100000000 + Math.floor((i + 1) / 4)}.${['5', '75', '0', '25'][(i + 1) % 4]}`;
      return [0, 1, 2].map(hour => ({ ...septemberHour(i + 1, hour), Tags: JSON.stringify({ service }), BillingCurrency: 'IDR', EffectiveCost: amount, BilledCost: amount, ListCost: amount }));
    }),
  ).flat(),
  {
    ...septemberHour(1),
    Tags: '{"service":"payments-api"}',
    ResourceId: 'commitment-1',
    ChargeCategory: 'Purchase',
    BillingCurrency: 'IDR',
    EffectiveCost: '25000000000.5',
    BilledCost: '25000000000.5',
    ListCost: '25000000000.5',
  },
];
const file = writeTempFile('idr.csv', focusCsv(rows));

describe.each(databases.eachSupportedId())('an IDR month on %s', databaseId => {
  it('imports and sums exactly, also when every daily row is summed from many staged parts', async () => {
    const knex = await databases.init(databaseId);
    const stores = await createFinopsStores(knex);
    for (const [id, spillThreshold] of [['whole', 1_000_000], ['spilled', 1]] as const) {
      await stores.imports.createImport({ id, sourceId: 'upload', fileName: 'idr.csv' });
      await runImport({
        stores,
        importId: id,
        sourceId: 'upload',
        attribute: facts => ({ entityRef: `component:default/${facts.tags.service}`, rule: 'entityTagKey', detail: 'test' }),
        produce: aggregateRows(async sink => {
          const read: FocusChargeRow[] = [];
          await readFocusFile(file, { displayName: 'idr.csv', onRow: row => read.push(row) });
          for (const row of read) {
            sink.onRow(row);
            await sink.flushPoint();
          }
        }, spillThreshold),
      });
      const sums = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['entity']);
      // Summed independently with Python's decimal module.
      expect(sums.map(s => [s.currency, s.dimensions.entity, formatDecimal(s.amount)]).sort()).toEqual([
        ['IDR', 'component:default/checkout-api', '369000000348.75'],
        ['IDR', 'component:default/payments-api', '394000000349.25'],
      ]);
      expect((await stores.imports.getImport(id))?.status).toBe('succeeded');
    }
  });
});
