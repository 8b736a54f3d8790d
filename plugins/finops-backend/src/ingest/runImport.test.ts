import knexFactory from 'knex';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores } from '../database/FinopsStores';
import { readFocusFile } from '../focus/readFocusFile';
import { focusCsv, septemberHour, writeTempFile } from '../__testUtils__/focusCsv';
import { aggregateRows, runImport } from './runImport';
import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';

const file = writeTempFile(
  'spill.csv',
  focusCsv(
    Array.from({ length: 500 }, (_, i) => ({
      ResourceId: `i-${i % 37}`,
      EffectiveCost: `0.${String(i).padStart(3, '0')}1`,
      ...septemberHour((i % 9) + 1, i % 24),
      Tags: i % 5 ? JSON.stringify({ service: `s${i % 4}` }) : '',
    })),
  ),
);

async function importWith(spillThreshold: number) {
  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const stores = await createFinopsStores(knex);
  await stores.imports.createImport({ id: 'i', sourceId: 'upload', fileName: 'spill.csv' });
  await runImport({
    stores,
    importId: 'i',
    sourceId: 'upload',
    attribute: () => ({ entityRef: null, rule: null, detail: '' }),
    produce: aggregateRows(async sink => {
      const rows: FocusChargeRow[] = [];
      await readFocusFile(file, { displayName: 'spill.csv', onRow: row => rows.push(row) });
      // A flush point after every row: with a threshold of 1, one daily row is summed from many staged parts.
      for (const row of rows) {
        sink.onRow(row);
        await sink.flushPoint();
      }
    }, spillThreshold),
  });
  const sums = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['usageDate', 'resource', 'costKey']);
  const staged = await knex('finops_import_staging').count({ n: '*' });
  await knex.destroy();
  return { rows: sums.map(s => `${s.dimensions.usageDate} ${s.dimensions.resource} ${s.dimensions.costKey} ${formatDecimal(s.amount)}`).sort(), staged: Number(staged[0].n) };
}

describe('runImport with bounded memory', () => {
  it('stores the same daily rows whether it spills often or never, and leaves no staging behind', async () => {
    const never = await importWith(1_000_000);
    const often = await importWith(1);
    expect(often.rows).toEqual(never.rows);
    expect(never.rows.length).toBeGreaterThan(100);
    expect(often.staged).toBe(0);
  });
});
