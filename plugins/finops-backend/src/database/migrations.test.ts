import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { Knex } from 'knex';
import { createFinopsStores } from './FinopsStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const config = {
  directory: resolvePackagePath('@backstage-finops/plugin-finops-backend', 'migrations'),
  tableName: 'finops_knex_migrations',
};

/** Applies migrations one by one up to and including `name`. */
async function migrateUpTo(knex: Knex, name: string) {
  for (;;) {
    const [done] = await knex.migrate.list(config);
    if (done.some((m: { name: string }) => m.name === name)) {
      return;
    }
    await knex.migrate.up(config);
  }
}

/** Reverts migrations one by one down to and including `name`. */
async function migrateDownThrough(knex: Knex, name: string) {
  for (;;) {
    const [done] = await knex.migrate.list(config);
    if (!done.some((m: { name: string }) => m.name === name)) {
      return;
    }
    await knex.migrate.down(config);
  }
}

/** nano-units and atto remainder, as the two-column layout stored an amount. */
function nanosAndAttos(amount: string) {
  const value = moneyFromDecimal(amount);
  const nanos = value / 10n ** 9n;
  return { nanos: nanos.toString(), attos: (value - nanos * 10n ** 9n).toString() };
}

/** A cost key, an import, its slice and one daily row per amount, as the layouts before limbs held them. */
async function insertNanoLayoutRows(knex: Knex, amounts: string[]) {
  const [{ id: keyId }] = await knex('finops_cost_keys')
    .insert({ key_hash: 'h', tags: '{"service":"a"}', billing_account_id: '1', sub_account_id: '2', entity_ref: 'component:default/a', rule: 'entityTagKey', rule_detail: 'x' })
    .returning('id');
  await knex('finops_imports').insert({ id: 'old', source_id: 'upload', file_name: 'a.csv', status: 'succeeded', created_at: '2024-10-02T00:00:00Z' });
  await knex('finops_slices').insert({ source_id: 'upload', billing_period: '2024-09-01', import_id: 'old', source_rows: 3, daily_rows: 3, totals: '{}', imported_at: '2024-10-02T00:00:00Z' });
  for (const [i, amount] of amounts.entries()) {
    const { nanos, attos } = nanosAndAttos(amount);
    await knex('finops_daily_costs').insert({
      source_id: 'upload', billing_period: '2024-09-01', usage_date: `2024-09-0${i + 1}`, cost_key_id: typeof keyId === 'object' ? keyId.id : keyId,
      provider: 'AWS', service_name: 'EC2', service_category: 'Compute', region_id: 'r', resource_id: `i-${i}`, charge_category: 'Usage', currency: 'USD',
      effective_nanos: nanos, effective_attos: attos, billed_nanos: nanos, billed_attos: attos, list_nanos: '0', list_attos: '0',
    });
  }
}

/** How many rows each table with data holds. */
async function rowCounts(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const table of ['finops_cost_keys', 'finops_imports', 'finops_slices', 'finops_daily_costs']) {
    const [{ rows }] = await knex(table).count({ rows: '*' });
    counts[table] = Number(rows);
  }
  return counts;
}

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('steps through every migration, up and then down, with data in the tables, and loses none of it', async () => {
    const knex = await databases.init(databaseId);
    const [, pending] = await knex.migrate.list(config);
    const names: string[] = pending.map((m: { file: string }) => m.file);
    await migrateUpTo(knex, names[0]);
    const amounts = ['12.5', '-0.000000001', '3.000000000000000001'];
    await insertNanoLayoutRows(knex, amounts);
    const filled = await rowCounts(knex);
    expect(filled).toEqual({ finops_cost_keys: 1, finops_imports: 1, finops_slices: 1, finops_daily_costs: 3 });
    // Among them the one that dropped a column (the daily rows' id) from a filled table.
    expect(names).toContain('20261128010000_lean_daily_costs.js');
    for (const name of names.slice(1)) {
      await knex.migrate.up(config);
      expect({ name, counts: await rowCounts(knex) }).toEqual({ name, counts: filled });
    }
    const stores = await createFinopsStores(knex);
    const byDay = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['usageDate']);
    expect(byDay.map(s => formatDecimal(s.amount)).sort()).toEqual([...amounts].sort());
    for (const name of names.slice(1).reverse()) {
      await knex.migrate.down(config);
      expect({ name, counts: await rowCounts(knex) }).toEqual({ name, counts: filled });
    }
    const rows = await knex('finops_daily_costs')
      .select(knex.raw('CAST(effective_nanos AS TEXT) AS effective_nanos'), knex.raw('CAST(effective_attos AS TEXT) AS effective_attos'))
      .orderBy('usage_date');
    expect(rows.map(r => [String(r.effective_nanos), String(r.effective_attos)])).toEqual(amounts.map(a => Object.values(nanosAndAttos(a))));
  });

  it('moves amounts from nano-units to limbs exactly and makes stored slices the first generation', async () => {
    const knex = await databases.init(databaseId);
    await migrateUpTo(knex, '20261128020000_directory_manifest.js');
    // The largest the old layout held (just under 2^63 nano-units), a negative amount and an atto.
    const amounts = ['9223372036.854775807999999999', '-1234.000000000000000001', '0.000000000000000001'];
    await insertNanoLayoutRows(knex, amounts);

    // Migrated to the latest: sums by day read the daily summary, which the last migration filled from these rows.
    const stores = await createFinopsStores(knex);
    const byDay = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'BilledCost' }, ['usageDate']);
    expect(byDay.map(s => formatDecimal(s.amount)).sort()).toEqual([...amounts].sort());
    const byResource = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'BilledCost' }, ['resource']);
    expect(byResource.map(s => formatDecimal(s.amount)).sort()).toEqual([...amounts].sort());
    expect(await stores.slices.listSlices()).toEqual([
      expect.objectContaining({ billingPeriod: '2024-09-01', importId: 'old', firstUsageDate: '2024-09-01', lastUsageDate: '2024-09-03' }),
    ]);

    await migrateDownThrough(knex, '20261201000000_limb_money_slice_generations.js');
    const rows = await knex('finops_daily_costs')
      .select(knex.raw('CAST(effective_nanos AS TEXT) AS effective_nanos'), knex.raw('CAST(effective_attos AS TEXT) AS effective_attos'))
      .orderBy('usage_date');
    expect(rows.map(r => [String(r.effective_nanos), String(r.effective_attos)])).toEqual(amounts.map(a => Object.values(nanosAndAttos(a))));
  });
});
