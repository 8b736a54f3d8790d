import knexFactory from 'knex';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores } from '../database/FinopsStores';
import { readFocusFile } from '../focus/readFocusFile';
import { CsvRow, focusCsv, writeTempFile } from '../__testUtils__/focusCsv';
import { aggregateRows, runImport } from './runImport';

/** October 2023, one charge on its first and one on its last day, written with the given zone. */
function october(zone: string, amounts: [string, string]): string {
  const rows: Array<Partial<CsvRow>> = [
    { ChargePeriodStart: `2023-10-01T00:00:00${zone}`, ChargePeriodEnd: `2023-10-01T01:00:00${zone}`, EffectiveCost: amounts[0] },
    { ChargePeriodStart: `2023-10-31T23:00:00${zone}`, ChargePeriodEnd: `2023-11-01T00:00:00${zone}`, EffectiveCost: amounts[1] },
  ];
  return focusCsv(
    rows.map(row => ({ ...row, BillingPeriodStart: `2023-10-01T00:00:00${zone}`, BillingPeriodEnd: `2023-11-01T00:00:00${zone}` })),
  );
}

describe('dates as the export writes them', () => {
  it('stores a month written with +02:00 and restated with Z once: the second import replaces the first', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    try {
      const stores = await createFinopsStores(knex);
      const importFile = async (id: string, content: string) => {
        const path = writeTempFile(`${id}.csv`, content);
        await stores.imports.createImport({ id, sourceId: 'upload', fileName: `${id}.csv` });
        return runImport({
          stores,
          importId: id,
          sourceId: 'upload',
          attribute: () => ({ entityRef: null, rule: null, detail: '' }),
          produce: aggregateRows(async sink => {
            await readFocusFile(path, { displayName: `${id}.csv`, onRow: row => sink.onRow(row) });
          }),
        });
      };

      const first = await importFile('offset', october('+02:00', ['1.10', '2.20']));
      expect(first.billingPeriods).toEqual(['2023-10-01']);
      const restated = await importFile('utc', october('Z', ['1.00', '2.00']));
      expect(restated.billingPeriods).toEqual(['2023-10-01']);

      expect((await stores.slices.listSlices()).map(s => [s.sourceId, s.billingPeriod, s.importId, s.firstUsageDate, s.lastUsageDate])).toEqual([
        ['upload', '2023-10-01', 'utc', '2023-10-01', '2023-10-31'],
      ]);
      const days = await stores.costs.sumCosts({ from: '2023-09-01', to: '2023-12-01', metric: 'EffectiveCost' }, ['usageDate']);
      expect(days.map(d => [d.dimensions.usageDate, formatDecimal(d.amount)]).sort()).toEqual([
        ['2023-10-01', '1'],
        ['2023-10-31', '2'],
      ]);
    } finally {
      await knex.destroy();
    }
  });
});
