import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { storeDatabases, key, daily, totalsFor, importSlice, total } from '../__testUtils__/storeTesting';

jest.setTimeout(60_000);

const databases = storeDatabases();

describe.each(databases.ids)('SliceStore on %s', databaseId => {
  const createStores = () => databases.createStores(databaseId);

  it('keeps no rows of replaced or failed imports, and lists each slice with its days', async () => {
    const { knex, ...stores } = await createStores();
    const k = key({ service: 'a' }, 'component:default/a');
    await importSlice(stores, 'v1', '2024-09-01', [k], [daily(k.hash, '2024-09-01', '1'), daily(k.hash, '2024-09-02', '1')]);
    await importSlice(stores, 'v2', '2024-09-01', [k], [daily(k.hash, '2024-09-03', '2'), daily(k.hash, '2024-09-28', '2')]);
    await expect(
      importSlice(stores, 'v3', '2024-09-01', [k], [daily(k.hash, '2024-09-04', '2')], totalsFor('2024-09-01', moneyFromDecimal('5'))),
    ).rejects.toThrow(/do not reconcile/);
    expect(await total(stores)).toBe('4');
    const [{ rows }] = await knex('finops_daily_costs').count({ rows: '*' });
    expect(Number(rows)).toBe(2);
    // The daily summary keeps only the held generation's two days too.
    const summary = await knex('finops_daily_key_costs').select('usage_date').orderBy('usage_date');
    expect(summary.map(row => row.usage_date)).toEqual(['2024-09-03', '2024-09-28']);
    expect(await stores.slices.listSlices()).toEqual([
      expect.objectContaining({ sourceId: 'upload', billingPeriod: '2024-09-01', importId: 'v2', firstUsageDate: '2024-09-03', lastUsageDate: '2024-09-28' }),
    ]);
  });

  it('lets concurrent imports of one source both finish, the newer one holding the slice', async () => {
    const stores = await createStores();
    const k = key({ service: 'a' }, 'component:default/a');
    const rows = (amount: string) => Array.from({ length: 3000 }, (_, i) => daily(k.hash, `2024-09-${String((i % 28) + 1).padStart(2, '0')}`, amount, { resourceId: `r-${i}` }));
    await stores.imports.createImport({ id: 'older', sourceId: 'upload', fileName: 'a.csv' });
    await new Promise(resolve => setTimeout(resolve, 5));
    await stores.imports.createImport({ id: 'newer', sourceId: 'upload', fileName: 'b.csv' });
    await stores.slices.stageDailyCosts('older', rows('1'));
    await stores.slices.stageDailyCosts('newer', rows('2'));
    const replace = (id: string, amount: bigint) =>
      stores.slices.replaceSlices({ importId: id, sourceId: 'upload', billingPeriods: ['2024-09-01'], keys: [k], totals: totalsFor('2024-09-01', amount) });
    // The newer import commits first; the older one, finishing later, must not take the slice back.
    await replace('newer', 3000n * moneyFromDecimal('2'));
    await replace('older', 3000n * moneyFromDecimal('1'));
    expect(await total(stores)).toBe('6000');
    expect((await stores.imports.getImport('older'))?.status).toBe('succeeded');
    expect((await stores.imports.getImport('older'))?.billingPeriods).toEqual([]);
    await Promise.all([replace('newer', 3000n * moneyFromDecimal('2')).catch(e => e), replace('older', 3000n * moneyFromDecimal('1'))]);
    expect(await total(stores)).toBe('6000');
    await Promise.all([stores.slices.discardStaged('older'), stores.slices.discardStaged('newer')]);
  });

  it('replaces a slice whole and leaves other periods alone', async () => {
    const stores = await createStores();
    const k = key({ service: 'a' }, 'component:default/a');
    await importSlice(stores, 'sep', '2024-09-01', [k], [daily(k.hash, '2024-09-01', '10'), daily(k.hash, '2024-09-02', '5')]);
    await importSlice(stores, 'oct', '2024-10-01', [k], [daily(k.hash, '2024-10-01', '7')]);
    await importSlice(stores, 'sep2', '2024-09-01', [k], [daily(k.hash, '2024-09-03', '1.5')]);
    expect(await total(stores)).toBe('8.5');
    expect(await total(stores, { from: '2024-09-01', to: '2024-10-01' })).toBe('1.5');
    expect((await stores.imports.getImport('sep2'))?.status).toBe('succeeded');
    expect((await stores.imports.getImport('sep2'))?.billingPeriods).toEqual(['2024-09-01']);
  });

  it('sums rows staged in several parts', async () => {
    const stores = await createStores();
    const k = key({ service: 'a' }, 'component:default/a');
    const same = daily(k.hash, '2024-09-01', '0.5');
    await importSlice(stores, 'parts', '2024-09-01', [k], [same, { ...same }, { ...same, resourceId: 'i-2' }]);
    const sums = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['resource']);
    expect(sums.map(s => [s.dimensions.resource, formatDecimal(s.amount)]).sort()).toEqual([
      ['i-1', '1'],
      ['i-2', '0.5'],
    ]);
  });

  it('stages a part larger than one insert statement, lazily produced, without losing a row', async () => {
    const stores = await createStores();
    const k = key({ service: 'a' }, 'component:default/a');
    const resources = 25_001;
    function* rows() {
      for (let i = 0; i < resources; i++) {
        yield daily(k.hash, `2024-09-${String((i % 30) + 1).padStart(2, '0')}`, '0.000000000000000001', { resourceId: `r-${i}` });
      }
    }
    await stores.imports.createImport({ id: 'big', sourceId: 'upload', fileName: 'f.csv' });
    await stores.slices.stageDailyCosts('big', rows());
    const expected = BigInt(resources);
    await stores.slices.replaceSlices({ importId: 'big', sourceId: 'upload', billingPeriods: ['2024-09-01'], keys: [k], totals: totalsFor('2024-09-01', expected) });
    const sums = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['resource']);
    expect(sums).toHaveLength(resources);
    expect(await total(stores)).toBe(formatDecimal(expected));
    await stores.slices.discardStaged('big');
  });

  it('keeps the previous slice when what would be stored does not reconcile', async () => {
    const stores = await createStores();
    const k = key({ service: 'a' }, 'component:default/a');
    await importSlice(stores, 'good', '2024-09-01', [k], [daily(k.hash, '2024-09-01', '10')]);
    const rows = [
      ...Array.from({ length: 1200 }, (_, i) => daily(k.hash, '2024-09-02', '1', { resourceId: `r-${i}` })),
      daily('hash-of-no-key', '2024-09-03', '1'),
    ];
    await expect(importSlice(stores, 'bad', '2024-09-01', [k], rows)).rejects.toThrow(/do not reconcile/);
    expect(await total(stores)).toBe('10');
    expect((await stores.imports.getImport('bad'))?.status).toBe('queued');
    await expect(
      importSlice(stores, 'wrong-total', '2024-09-01', [k], [daily(k.hash, '2024-09-04', '2')], totalsFor('2024-09-01', moneyFromDecimal('3'))),
    ).rejects.toThrow(/expected 2024-09-01 USD 3\/6\/3, stored 2024-09-01 USD 2\/4\/2/);
    expect(await total(stores)).toBe('10');
  });

  it('discards staging left by imports that are no longer running', async () => {
    const { knex, ...stores } = await createStores();
    const k = key({ service: 'a' });
    await stores.imports.createImport({ id: 'alive', sourceId: 'upload', fileName: 'a.csv' });
    await stores.imports.createImport({ id: 'dead', sourceId: 'upload', fileName: 'd.csv' });
    await stores.slices.stageDailyCosts('alive', [daily(k.hash, '2024-09-01', '1')]);
    await stores.slices.stageDailyCosts('dead', [daily(k.hash, '2024-09-01', '1')]);
    await stores.imports.failImport('dead', 'died');
    await stores.slices.discardAbandonedStaging();
    expect((await knex('finops_import_staging').select('import_id')).map(r => r.import_id)).toEqual(['alive']);
    await Promise.all([stores.slices.discardStaged('alive'), stores.slices.discardStaged('dead')]);
  });
});
