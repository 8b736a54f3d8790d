import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { TestDatabases } from '@backstage/backend-test-utils';
import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { KnexFinopsStore, migrateFinopsDatabase, rollbackFinopsDatabase, withoutStatement } from './KnexFinopsStore';
import { type Attribution, canonicalTagsJson, CostKey, costKeyHash, DailyCost } from '../core';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function key(tags: Record<string, string>, entityRef: string | null = null): CostKey & Attribution {
  const tagsJson = canonicalTagsJson(tags);
  return {
    hash: costKeyHash(tagsJson, '111', '222'),
    tagsJson,
    billingAccountId: '111',
    subAccountId: '222',
    entityRef,
    rule: entityRef ? 'entityTagKey' : null,
    detail: entityRef ? 'test' : 'unallocated',
  };
}

function daily(keyHash: string, usageDate: string, amount: string, extra: Partial<DailyCost> = {}): DailyCost {
  return {
    billingPeriod: `${usageDate.slice(0, 8)}01`,
    usageDate,
    keyHash,
    providerName: 'AWS',
    serviceName: 'EC2',
    serviceCategory: 'Compute',
    regionId: 'us-east-1',
    resourceId: 'i-1',
    chargeCategory: 'Usage',
    currency: 'USD',
    effectiveCost: moneyFromDecimal(amount),
    billedCost: moneyFromDecimal(amount) * 2n,
    listCost: moneyFromDecimal(amount),
    ...extra,
  };
}

const totalsFor = (period: string, amount: bigint) => [
  { billingPeriod: period, currency: 'USD', rows: 1, effectiveCost: amount, billedCost: amount * 2n, listCost: amount },
];

describe('withoutStatement', () => {
  it('keeps what the database said and drops the SQL knex put before it', () => {
    const knexError = new Error('insert into "finops_daily_costs" (a, b) select 1 - 2 from x - integer out of range');
    expect(withoutStatement(knexError).message).toBe("The database refused the import's rows: integer out of range");
    const other = new Error('Stored slices do not reconcile - see above');
    expect(withoutStatement(other)).toBe(other);
  });
});

/**
 * TestDatabases' SQLite is in memory, where the store writes on the event
 * loop; on a file (the embedded default's) an import writes through its own
 * connection in a writer thread. Both run every case.
 */
const SQLITE_FILE = 'SQLITE_3 file';
const sqliteFiles: Knex[] = [];
const sqliteDir = mkdtempSync(join(tmpdir(), 'finops-store-'));
afterAll(async () => {
  await Promise.all(sqliteFiles.map(knex => knex.destroy()));
  rmSync(sqliteDir, { recursive: true, force: true });
});

async function init(databaseId: string): Promise<Knex> {
  if (databaseId !== SQLITE_FILE) {
    return databases.init(databaseId as Parameters<typeof databases.init>[0]);
  }
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(sqliteDir, `${sqliteFiles.length}.sqlite`) },
    useNullAsDefault: true,
  });
  sqliteFiles.push(knex);
  return knex;
}

describe.each([...databases.eachSupportedId(), [SQLITE_FILE]])('KnexFinopsStore on %s', databaseId => {
  async function createStore() {
    const knex = await init(databaseId);
    return { knex, store: await KnexFinopsStore.create(knex) };
  }

  async function importSlice(
    store: KnexFinopsStore,
    id: string,
    period: string,
    keys: Array<CostKey & Attribution>,
    rows: DailyCost[],
    totals = totalsFor(period, rows.reduce((s, r) => s + r.effectiveCost, 0n)),
  ) {
    await store.createImport({ id, sourceId: 'upload', fileName: 'f.csv' });
    // Staged in two parts, with rows of the same day and key in both: the store sums them.
    await store.stageDailyCosts(id, rows.slice(0, Math.ceil(rows.length / 2)));
    await store.stageDailyCosts(id, rows.slice(Math.ceil(rows.length / 2)));
    try {
      await store.replaceSlices({ importId: id, sourceId: 'upload', billingPeriods: [period], keys, totals });
    } finally {
      await store.discardStaged(id);
    }
  }

  const total = async (store: KnexFinopsStore, filter: Partial<Parameters<KnexFinopsStore['sumCosts']>[0]> = {}) => {
    const sums = await store.sumCosts({ from: '2000-01-01', to: '2100-01-01', metric: 'EffectiveCost', ...filter }, []);
    return formatDecimal(sums.reduce((s, x) => s + x.amount, 0n));
  };

  it('migrates up and down cleanly', async () => {
    const knex = await init(databaseId);
    await migrateFinopsDatabase(knex);
    expect(await knex.schema.hasTable('finops_daily_costs')).toBe(true);
    await rollbackFinopsDatabase(knex);
    expect(await knex.schema.hasTable('finops_daily_costs')).toBe(false);
    expect(await knex.schema.hasTable('finops_cost_keys')).toBe(false);
    await migrateFinopsDatabase(knex);
    expect(await knex.schema.hasTable('finops_imports')).toBe(true);
  });

  it('sums exactly where floats and 2^53 would round', async () => {
    const { store } = await createStore();
    const k = key({ service: 'a' }, 'component:default/a');
    const amounts = ['0.1', '0.2', '0.000000000000000001', '2000000000.999999999999999998', '2000000000.5', '-0.3'];
    await importSlice(store, 'i1', '2024-09-01', [k], amounts.map((a, i) => daily(k.hash, `2024-09-0${i + 1}`, a)));
    expect(await total(store)).toBe('4000000001.499999999999999999');
    expect(await total(store, { metric: 'BilledCost' })).toBe('8000000002.999999999999999998');
  });

  it('stores and sums amounts of large currencies exactly: a month of IDR, an upfront fee, the largest accepted amount', async () => {
    const { store } = await createStore();
    const a = key({ service: 'a' }, 'component:default/a');
    const b = key({ service: 'b' }, 'component:default/b');
    // About 4.1 × 10^9 IDR a day each: one day overflowed a 64-bit count of nano-units.
    const month = Array.from({ length: 30 }, (_, i) => {
      const amount = formatDecimal(moneyFromDecimal('4100000000.123456789') + moneyFromDecimal('1000.5') * BigInt(i));
      const date = `2024-09-${String(i + 1).padStart(2, '0')}`;
      return [daily(a.hash, date, amount, { currency: 'IDR' }), daily(b.hash, date, amount, { currency: 'IDR' })];
    }).flat();
    month.push(daily(b.hash, '2024-09-01', '25000000000.5', { currency: 'IDR', resourceId: 'commitment' }));
    const idr = month.reduce((sum, row) => sum + row.effectiveCost, 0n);
    await importSlice(store, 'idr', '2024-09-01', [a, b], month, [
      { billingPeriod: '2024-09-01', currency: 'IDR', rows: month.length, effectiveCost: idr, billedCost: idr * 2n, listCost: idr },
    ]);
    // Expected figures summed independently with Python's decimal module.
    expect(await total(store, { entityRefs: ['component:default/a'] })).toBe('123000435221.20370367');
    expect(await total(store, { entityRefs: ['component:default/b'] })).toBe('148000435221.70370367');
    expect(await total(store, { metric: 'BilledCost' })).toBe('542001740885.81481468');

    const largest = `${'9'.repeat(30)}.${'9'.repeat(18)}`;
    const c = key({ service: 'c' }, 'component:default/c');
    const huge = [1, 2, 3].map(day => daily(c.hash, `2024-10-0${day}`, largest, { currency: 'VND' }));
    huge.push(daily(c.hash, '2024-10-03', `-${largest}`, { currency: 'VND', resourceId: 'refund' }));
    huge.push(daily(c.hash, '2024-10-04', '0.000000000000000001', { currency: 'VND' }));
    const vnd = huge.reduce((sum, row) => sum + row.effectiveCost, 0n);
    await importSlice(store, 'vnd', '2024-10-01', [c], huge, [
      { billingPeriod: '2024-10-01', currency: 'VND', rows: huge.length, effectiveCost: vnd, billedCost: vnd * 2n, listCost: vnd },
    ]);
    expect(await total(store, { entityRefs: ['component:default/c'] })).toBe('1999999999999999999999999999999.999999999999999999');
    const byDay = await store.sumCosts({ from: '2024-10-01', to: '2024-11-01', metric: 'EffectiveCost' }, ['usageDate']);
    expect(byDay.map(s => [s.dimensions.usageDate, formatDecimal(s.amount)]).sort()).toEqual([
      ['2024-10-01', largest],
      ['2024-10-02', largest],
      ['2024-10-03', '0'],
      ['2024-10-04', '0.000000000000000001'],
    ]);
  });

  it('keeps no rows of replaced or failed imports, and lists each slice with its days', async () => {
    const { knex, store } = await createStore();
    const k = key({ service: 'a' }, 'component:default/a');
    await importSlice(store, 'v1', '2024-09-01', [k], [daily(k.hash, '2024-09-01', '1'), daily(k.hash, '2024-09-02', '1')]);
    await importSlice(store, 'v2', '2024-09-01', [k], [daily(k.hash, '2024-09-03', '2'), daily(k.hash, '2024-09-28', '2')]);
    await expect(
      importSlice(store, 'v3', '2024-09-01', [k], [daily(k.hash, '2024-09-04', '2')], totalsFor('2024-09-01', moneyFromDecimal('5'))),
    ).rejects.toThrow(/do not reconcile/);
    expect(await total(store)).toBe('4');
    const [{ rows }] = await knex('finops_daily_costs').count({ rows: '*' });
    expect(Number(rows)).toBe(2);
    expect(await store.listSlices()).toEqual([
      expect.objectContaining({ sourceId: 'upload', billingPeriod: '2024-09-01', importId: 'v2', firstUsageDate: '2024-09-03', lastUsageDate: '2024-09-28' }),
    ]);
  });

  it('lets concurrent imports of one source both finish, the newer one holding the slice', async () => {
    const { store } = await createStore();
    const k = key({ service: 'a' }, 'component:default/a');
    const rows = (amount: string) => Array.from({ length: 3000 }, (_, i) => daily(k.hash, `2024-09-${String((i % 28) + 1).padStart(2, '0')}`, amount, { resourceId: `r-${i}` }));
    await store.createImport({ id: 'older', sourceId: 'upload', fileName: 'a.csv' });
    await new Promise(resolve => setTimeout(resolve, 5));
    await store.createImport({ id: 'newer', sourceId: 'upload', fileName: 'b.csv' });
    await store.stageDailyCosts('older', rows('1'));
    await store.stageDailyCosts('newer', rows('2'));
    const replace = (id: string, amount: bigint) =>
      store.replaceSlices({ importId: id, sourceId: 'upload', billingPeriods: ['2024-09-01'], keys: [k], totals: totalsFor('2024-09-01', amount) });
    // The newer import commits first; the older one, finishing later, must not take the slice back.
    await replace('newer', 3000n * moneyFromDecimal('2'));
    await replace('older', 3000n * moneyFromDecimal('1'));
    expect(await total(store)).toBe('6000');
    expect((await store.getImport('older'))?.status).toBe('succeeded');
    expect((await store.getImport('older'))?.billingPeriods).toEqual([]);
    await Promise.all([replace('newer', 3000n * moneyFromDecimal('2')).catch(e => e), replace('older', 3000n * moneyFromDecimal('1'))]);
    expect(await total(store)).toBe('6000');
    await Promise.all([store.discardStaged('older'), store.discardStaged('newer')]);
  });

  it('replaces a slice whole and leaves other periods alone', async () => {
    const { store } = await createStore();
    const k = key({ service: 'a' }, 'component:default/a');
    await importSlice(store, 'sep', '2024-09-01', [k], [daily(k.hash, '2024-09-01', '10'), daily(k.hash, '2024-09-02', '5')]);
    await importSlice(store, 'oct', '2024-10-01', [k], [daily(k.hash, '2024-10-01', '7')]);
    await importSlice(store, 'sep2', '2024-09-01', [k], [daily(k.hash, '2024-09-03', '1.5')]);
    expect(await total(store)).toBe('8.5');
    expect(await total(store, { from: '2024-09-01', to: '2024-10-01' })).toBe('1.5');
    expect((await store.getImport('sep2'))?.status).toBe('succeeded');
    expect((await store.getImport('sep2'))?.billingPeriods).toEqual(['2024-09-01']);
  });

  it('sums rows staged in several parts', async () => {
    const { store } = await createStore();
    const k = key({ service: 'a' }, 'component:default/a');
    const same = daily(k.hash, '2024-09-01', '0.5');
    await importSlice(store, 'parts', '2024-09-01', [k], [same, { ...same }, { ...same, resourceId: 'i-2' }]);
    const sums = await store.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['resource']);
    expect(sums.map(s => [s.dimensions.resource, formatDecimal(s.amount)]).sort()).toEqual([
      ['i-1', '1'],
      ['i-2', '0.5'],
    ]);
  });

  it('stages a part larger than one insert statement, lazily produced, without losing a row', async () => {
    const { store } = await createStore();
    const k = key({ service: 'a' }, 'component:default/a');
    const resources = 25_001;
    function* rows() {
      for (let i = 0; i < resources; i++) {
        yield daily(k.hash, `2024-09-${String((i % 30) + 1).padStart(2, '0')}`, '0.000000000000000001', { resourceId: `r-${i}` });
      }
    }
    await store.createImport({ id: 'big', sourceId: 'upload', fileName: 'f.csv' });
    await store.stageDailyCosts('big', rows());
    const expected = BigInt(resources);
    await store.replaceSlices({ importId: 'big', sourceId: 'upload', billingPeriods: ['2024-09-01'], keys: [k], totals: totalsFor('2024-09-01', expected) });
    const sums = await store.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['resource']);
    expect(sums).toHaveLength(resources);
    expect(await total(store)).toBe(formatDecimal(expected));
    await store.discardStaged('big');
  });

  it('keeps the previous slice when what would be stored does not reconcile', async () => {
    const { store } = await createStore();
    const k = key({ service: 'a' }, 'component:default/a');
    await importSlice(store, 'good', '2024-09-01', [k], [daily(k.hash, '2024-09-01', '10')]);
    const rows = [
      ...Array.from({ length: 1200 }, (_, i) => daily(k.hash, '2024-09-02', '1', { resourceId: `r-${i}` })),
      daily('hash-of-no-key', '2024-09-03', '1'),
    ];
    await expect(importSlice(store, 'bad', '2024-09-01', [k], rows)).rejects.toThrow(/do not reconcile/);
    expect(await total(store)).toBe('10');
    expect((await store.getImport('bad'))?.status).toBe('queued');
    await expect(
      importSlice(store, 'wrong-total', '2024-09-01', [k], [daily(k.hash, '2024-09-04', '2')], totalsFor('2024-09-01', moneyFromDecimal('3'))),
    ).rejects.toThrow(/expected 2024-09-01 USD 3\/6\/3, stored 2024-09-01 USD 2\/4\/2/);
    expect(await total(store)).toBe('10');
  });

  it('discards staging left by imports that are no longer running', async () => {
    const { knex, store } = await createStore();
    const k = key({ service: 'a' });
    await store.createImport({ id: 'alive', sourceId: 'upload', fileName: 'a.csv' });
    await store.createImport({ id: 'dead', sourceId: 'upload', fileName: 'd.csv' });
    await store.stageDailyCosts('alive', [daily(k.hash, '2024-09-01', '1')]);
    await store.stageDailyCosts('dead', [daily(k.hash, '2024-09-01', '1')]);
    await store.failImport('dead', 'died');
    await store.discardAbandonedStaging();
    expect((await knex('finops_import_staging').select('import_id')).map(r => r.import_id)).toEqual(['alive']);
    await Promise.all([store.discardStaged('alive'), store.discardStaged('dead')]);
  });

  it('stores arbitrary tag text safely and attributes by entity', async () => {
    const { store } = await createStore();
    const odd = key({ "it's": '100% _under_ "quotes"', '键': 'ü'.repeat(1000), '%': '_' }, 'component:default/a');
    const other = key({ service: 'b' });
    await importSlice(store, 'i', '2024-09-01', [odd, other], [daily(odd.hash, '2024-09-01', '3'), daily(other.hash, '2024-09-01', '4')]);
    const keys = await store.listCostKeys();
    expect(keys.find(k => k.hash === odd.hash)?.tagsJson).toBe(odd.tagsJson);
    expect(await store.listCostKeys([keys[1].id])).toEqual([keys[1]]);
    expect(await store.listCostKeys([])).toEqual([]);
    expect(await total(store, { entityRefs: ['component:default/a'] })).toBe('3');
    expect(await total(store, { entityRefs: null })).toBe('4');
    const changed = await store.updateAttributions(
      keys.map(k => ({ id: k.id, entityRef: 'component:default/b', rule: 'entityTagKey' as const, detail: 'moved' })),
    );
    expect(changed).toBe(2);
    expect(await store.updateAttributions(keys.map(k => ({ id: k.id, entityRef: 'component:default/b', rule: 'entityTagKey' as const, detail: 'moved' })))).toBe(0);
    expect(await total(store, { entityRefs: ['component:default/b'] })).toBe('7');
    expect(await total(store, { entityRefs: null })).toBe('0');
    expect((await store.costKeysForResource('i-1')).length).toBe(2);
  });

  it('updates each key to its own attribution when keys differ', async () => {
    const { store } = await createStore();
    const keys = ['a', 'b', 'c'].map(service => key({ service }));
    await importSlice(store, 'i', '2024-09-01', keys, keys.map((k, n) => daily(k.hash, '2024-09-01', String(n + 1), { resourceId: `i-${n}` })));
    const stored = await store.listCostKeys();
    const byHash = (hash: string) => stored.find(k => k.hash === hash)!.id;
    const changed = await store.updateAttributions([
      { id: byHash(keys[0].hash), entityRef: 'component:default/x', rule: 'entityTagKey', detail: 'tag "service=a"' },
      { id: byHash(keys[1].hash), entityRef: 'component:default/x', rule: 'entityTagKey', detail: 'tag "service=a"' },
      { id: byHash(keys[2].hash), entityRef: 'group:default/y', rule: 'ownerTagKey', detail: 'owner tag' },
    ]);
    expect(changed).toBe(3);
    const after = new Map((await store.listCostKeys()).map(k => [k.hash, [k.entityRef, k.rule, k.detail]]));
    expect(keys.map(k => after.get(k.hash))).toEqual([
      ['component:default/x', 'entityTagKey', 'tag "service=a"'],
      ['component:default/x', 'entityTagKey', 'tag "service=a"'],
      ['group:default/y', 'ownerTagKey', 'owner tag'],
    ]);
    expect(await total(store, { entityRefs: ['component:default/x'] })).toBe('3');
    expect(await total(store, { entityRefs: ['group:default/y'] })).toBe('3');
  });

  it('groups by dimension and splits large entity lists without losing cost', async () => {
    const { store } = await createStore();
    const keys = Array.from({ length: 1000 }, (_, i) => key({ service: `s${i}` }, `component:default/s${i}`));
    await importSlice(store, 'i', '2024-09-01', keys, keys.map((k, i) => daily(k.hash, '2024-09-01', '0.01', { serviceName: i % 2 ? 'EC2' : 'S3' })));
    const sums = await store.sumCosts(
      { from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost', entityRefs: keys.map(k => k.entityRef!) },
      ['service'],
    );
    expect(sums.map(s => [s.dimensions.service, formatDecimal(s.amount)]).sort()).toEqual([
      ['EC2', '5'],
      ['S3', '5'],
    ]);
    const top = await store.topCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['entity'], 3);
    expect(top).toHaveLength(3);
  });

  it('tracks import status and fails abandoned imports', async () => {
    const { store } = await createStore();
    await store.createImport({ id: 'a', sourceId: 'upload', fileName: 'a.csv', bytesTotal: 10 });
    await store.startImport('a');
    await store.updateImportProgress('a', { bytesRead: 5, rowsRead: 3 });
    expect(await store.getImport('a')).toMatchObject({ status: 'running', bytesRead: 5, rowsRead: 3, bytesTotal: 10 });
    await store.createImport({ id: 'b', sourceId: 'upload', fileName: 'b.csv' });
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(await store.failAbandonedImports('stopped', past)).toBe(0);
    await store.heartbeat(['b']);
    const later = new Date(Date.now() + 1).toISOString();
    expect(await store.failAbandonedImports('stopped', later)).toBe(2);
    expect(await store.getImport('a')).toMatchObject({ status: 'failed', error: 'stopped' });
    expect(await store.failAbandonedImports('stopped', later)).toBe(0);
    expect((await store.listImports(10)).map(i => i.id).sort()).toEqual(['a', 'b']);
  });
});
