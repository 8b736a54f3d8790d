import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { MetricValue } from '../core';
import { storeDatabases } from '../__testUtils__/storeTesting';

jest.setTimeout(60_000);

const databases = storeDatabases();

const value = (date: string, quantity: string, entityRef = 'component:default/a', metric = 'requests'): MetricValue => ({
  entityRef,
  metric,
  date,
  quantity: moneyFromDecimal(quantity),
  unit: 'request',
});

describe.each(databases.ids)('MetricStore on %s', databaseId => {
  const createStores = () => databases.createStores(databaseId);

  it('keeps one exact value per entity, metric and day: writing a day again replaces it', async () => {
    const { metrics } = await createStores();
    expect(await metrics.writeValues([value('2026-01-01', '10'), value('2026-01-02', '0.000000000000000001')], 'api')).toEqual({
      written: 2,
      replaced: 0,
    });
    expect(await metrics.writeValues([value('2026-01-02', '123456789012345678901234.5'), value('2026-01-03', '7')], 'prom')).toEqual({
      written: 2,
      replaced: 1,
    });
    const stored = await metrics.readValues({ entityRefs: ['component:default/a'], metric: 'requests', from: '2026-01-01', to: '2026-01-03' });
    expect(stored.map(v => [v.date, formatDecimal(v.quantity), v.source]).sort()).toEqual([
      ['2026-01-01', '10', 'api'],
      ['2026-01-02', '123456789012345678901234.5', 'prom'],
    ]);
  });

  it('writes nothing of a write that fails', async () => {
    const { metrics } = await createStores();
    await metrics.writeValues([value('2026-01-01', '10')], 'api');
    await expect(metrics.writeValues([value('2026-01-01', '11'), value('2026-01-01', '12')], 'api')).rejects.toThrow(/twice/);
    // The database refuses a row of the second statement: the first statement's rows go too.
    const many = Array.from({ length: 600 }, (_, i) => value(new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), '99'));
    many[550] = { ...many[550], metric: null as unknown as string };
    // Caught by hand: the SQLite driver's errors fail jest's Error check when the whole suite runs.
    const failure = await metrics.writeValues(many, 'api').then(() => 'written', (error: unknown) => String(error));
    expect(failure).toMatch(/NOT NULL|null value/i);
    const stored = await metrics.readValues({ entityRefs: ['component:default/a'], metric: 'requests', from: '2026-01-01', to: '2026-02-01' });
    expect(stored.map(v => formatDecimal(v.quantity))).toEqual(['10']);
  });

  it('commits an import with its values, and summarizes the newest day per entity and metric', async () => {
    const stores = await createStores();
    await stores.imports.createImport({ id: 'm1', sourceId: 'upload', fileName: 'metrics.csv', kind: 'metrics' });
    await stores.metrics.writeValues([value('2026-01-05', '1', 'component:default/b', 'orders')], 'api');
    const outcome = await stores.metrics.commitMetricImport(
      'm1',
      [value('2026-01-01', '5'), value('2026-01-04', '6'), { ...value('2026-01-03', '1', 'component:default/b', 'orders'), unit: null }],
      3,
    );
    expect(outcome).toEqual({ written: 3, replaced: 0 });
    expect(await stores.imports.getImport('m1')).toMatchObject({ status: 'succeeded', kind: 'metrics', rowsRead: 3, billingPeriods: [] });
    const summaries = await stores.metrics.summarize(['component:default/a', 'component:default/b', 'component:default/none']);
    expect(summaries.sort((x, y) => x.entityRef.localeCompare(y.entityRef))).toEqual([
      { entityRef: 'component:default/a', metric: 'requests', unit: 'request', lastDate: '2026-01-04', source: 'import', days: 2 },
      { entityRef: 'component:default/b', metric: 'orders', unit: 'request', lastDate: '2026-01-05', source: 'api', days: 2 },
    ]);
  });

  it('writes and reads more values than one statement binds', async () => {
    const { metrics } = await createStores();
    const days = Array.from({ length: 1200 }, (_, i) => new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10));
    expect(await metrics.writeValues(days.map((d, i) => value(d, String(i))), 'api')).toEqual({ written: 1200, replaced: 0 });
    expect(await metrics.writeValues(days.map(d => value(d, '1')), 'api')).toEqual({ written: 1200, replaced: 1200 });
    const stored = await metrics.readValues({ entityRefs: ['component:default/a'], metric: 'requests', from: '2000-01-01', to: '2100-01-01' });
    expect(stored).toHaveLength(1200);
  });
});
