import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { storeDatabases, key, daily, importSlice, total } from '../__testUtils__/storeTesting';

jest.setTimeout(60_000);

const databases = storeDatabases();

describe.each(databases.ids)('CostQueryStore on %s', databaseId => {
  const createStores = () => databases.createStores(databaseId);

  it('sums exactly where floats and 2^53 would round', async () => {
    const stores = await createStores();
    const k = key({ service: 'a' }, 'component:default/a');
    const amounts = ['0.1', '0.2', '0.000000000000000001', '2000000000.999999999999999998', '2000000000.5', '-0.3'];
    await importSlice(stores, 'i1', '2024-09-01', [k], amounts.map((a, i) => daily(k.hash, `2024-09-0${i + 1}`, a)));
    expect(await total(stores)).toBe('4000000001.499999999999999999');
    expect(await total(stores, { metric: 'BilledCost' })).toBe('8000000002.999999999999999998');
  });

  it('stores and sums amounts of large currencies exactly: a month of IDR, an upfront fee, the largest accepted amount', async () => {
    const stores = await createStores();
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
    await importSlice(stores, 'idr', '2024-09-01', [a, b], month, [
      { billingPeriod: '2024-09-01', currency: 'IDR', rows: month.length, effectiveCost: idr, billedCost: idr * 2n, listCost: idr },
    ]);
    // Expected figures summed independently with Python's decimal module.
    expect(await total(stores, { entityRefs: ['component:default/a'] })).toBe('123000435221.20370367');
    expect(await total(stores, { entityRefs: ['component:default/b'] })).toBe('148000435221.70370367');
    expect(await total(stores, { metric: 'BilledCost' })).toBe('542001740885.81481468');

    const largest = `${'9'.repeat(30)}.${'9'.repeat(18)}`;
    const c = key({ service: 'c' }, 'component:default/c');
    const huge = [1, 2, 3].map(day => daily(c.hash, `2024-10-0${day}`, largest, { currency: 'VND' }));
    huge.push(daily(c.hash, '2024-10-03', `-${largest}`, { currency: 'VND', resourceId: 'refund' }));
    huge.push(daily(c.hash, '2024-10-04', '0.000000000000000001', { currency: 'VND' }));
    const vnd = huge.reduce((sum, row) => sum + row.effectiveCost, 0n);
    await importSlice(stores, 'vnd', '2024-10-01', [c], huge, [
      { billingPeriod: '2024-10-01', currency: 'VND', rows: huge.length, effectiveCost: vnd, billedCost: vnd * 2n, listCost: vnd },
    ]);
    expect(await total(stores, { entityRefs: ['component:default/c'] })).toBe('1999999999999999999999999999999.999999999999999999');
    const byDay = await stores.costs.sumCosts({ from: '2024-10-01', to: '2024-11-01', metric: 'EffectiveCost' }, ['usageDate']);
    expect(byDay.map(s => [s.dimensions.usageDate, formatDecimal(s.amount)]).sort()).toEqual([
      ['2024-10-01', largest],
      ['2024-10-02', largest],
      ['2024-10-03', '0'],
      ['2024-10-04', '0.000000000000000001'],
    ]);
  });

  it('sums the keys of one entity or one account as one group, by day as well, with and without an entity filter', async () => {
    const stores = await createStores();
    const web = key({ service: 'web' }, 'component:default/shop');
    const worker = key({ service: 'worker' }, 'component:default/shop');
    const other = key({ service: 'other' }, 'component:default/other');
    const untagged = key({ team: 'x' });
    const rows = [
      daily(web.hash, '2024-09-01', '1.000000000000000001'),
      daily(worker.hash, '2024-09-01', '2.5'),
      daily(worker.hash, '2024-09-02', '0.25', { currency: 'EUR' }),
      daily(other.hash, '2024-09-02', '7'),
      daily(untagged.hash, '2024-09-02', '100'),
    ];
    const totals = ['EUR', 'USD'].map(currency => {
      const own = rows.filter(row => row.currency === currency);
      const effectiveCost = own.reduce((sum, row) => sum + row.effectiveCost, 0n);
      return { billingPeriod: '2024-09-01', currency, rows: own.length, effectiveCost, billedCost: effectiveCost * 2n, listCost: effectiveCost };
    });
    await importSlice(stores, 'i', '2024-09-01', [web, worker, other, untagged], rows, totals);
    const period = { from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' as const };
    const shown = (sums: Awaited<ReturnType<typeof stores.costs.sumCosts>>) =>
      sums.map(s => [s.currency, ...Object.values(s.dimensions), formatDecimal(s.amount)].join(' ')).sort();
    expect(shown(await stores.costs.sumCosts(period, ['entity']))).toEqual([
      'EUR component:default/shop 0.25',
      'USD  100',
      'USD component:default/other 7',
      'USD component:default/shop 3.500000000000000001',
    ]);
    expect(shown(await stores.costs.sumCosts({ ...period, entityRefs: ['component:default/shop', 'component:default/none'] }, ['usageDate', 'entity']))).toEqual([
      'EUR 2024-09-02 component:default/shop 0.25',
      'USD 2024-09-01 component:default/shop 3.500000000000000001',
    ]);
    expect(shown(await stores.costs.sumCosts({ ...period, entityRefs: ['component:default/none'] }, ['entity']))).toEqual([]);
    expect(shown(await stores.costs.sumCosts(period, ['account']))).toEqual(['EUR 222 0.25', 'USD 222 110.500000000000000001']);
    expect(shown(await stores.costs.sumCosts({ ...period, entityRefs: null }, ['usageDate']))).toEqual(['USD 2024-09-02 100']);
  });

  it('groups by dimension and splits large entity lists without losing cost', async () => {
    const stores = await createStores();
    const keys = Array.from({ length: 1000 }, (_, i) => key({ service: `s${i}` }, `component:default/s${i}`));
    await importSlice(stores, 'i', '2024-09-01', keys, keys.map((k, i) => daily(k.hash, '2024-09-01', '0.01', { serviceName: i % 2 ? 'EC2' : 'S3' })));
    const sums = await stores.costs.sumCosts(
      { from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost', entityRefs: keys.map(k => k.entityRef!) },
      ['service'],
    );
    expect(sums.map(s => [s.dimensions.service, formatDecimal(s.amount)]).sort()).toEqual([
      ['EC2', '5'],
      ['S3', '5'],
    ]);
    // By entity and day the daily summary answers, by service the daily rows: the same money either way.
    const fromSummary = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['usageDate', 'entity']);
    expect(fromSummary).toHaveLength(1000);
    expect(formatDecimal(fromSummary.reduce((acc, x) => acc + x.amount, 0n))).toBe('10');
    const top = await stores.costs.topCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, ['entity'], 3);
    expect(top).toHaveLength(3);
  });
});
