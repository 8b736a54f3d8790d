import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import type { FinopsMetricSource, FinopsMetricSourceReadOptions, FinopsMetricValue } from '@backstage-finops/plugin-finops-node';
import { createFinopsStores } from '../database/FinopsStores';
import { MetricPullJob } from './MetricPullJob';

const declarations = {
  ensureLoaded: async () => {},
  declaredMetrics: (entityRef: string) => ({ 'component:default/a': ['requests'], 'component:default/b': [] } as Record<string, string[]>)[entityRef],
  metricDeclarations: () => [{ entityRef: 'component:default/a', metrics: ['requests'] }],
};

function sourceYielding(values: FinopsMetricValue[], seen: FinopsMetricSourceReadOptions[] = []): FinopsMetricSource {
  return {
    id: 'test-metrics',
    frequency: { hours: 1 },
    lookbackDays: 3,
    describe: () => 'test values',
    async *read(options) {
      seen.push(options);
      yield* values;
    },
  };
}

async function stores() {
  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  return createFinopsStores(knex);
}

describe('MetricPullJob', () => {
  it('reads the last complete days for the declared entities and stores what they declare', async () => {
    const { metrics } = await stores();
    const seen: FinopsMetricSourceReadOptions[] = [];
    const source = sourceYielding(
      [
        { entityRef: 'component:default/a', metric: 'requests', date: '2026-05-08', value: '1.5e3', unit: 'request' },
        { entityRef: 'component:default/a', metric: 'requests', date: '2026-05-09', value: '10' },
        { entityRef: 'component:default/a', metric: 'requests', date: '2026-05-09', value: '12' },
        { entityRef: 'component:default/b', metric: 'requests', date: '2026-05-09', value: '7' },
        { entityRef: 'component:default/elsewhere', metric: 'requests', date: '2026-05-09', value: '7' },
      ],
      seen,
    );
    const job = new MetricPullJob(source, { declarations, store: metrics, logger: mockServices.logger.mock(), today: () => '2026-05-10' });
    expect(job.id).toBe('finops-metrics-test-metrics');
    expect(await job.pull(new AbortController().signal)).toEqual({ written: 2, replaced: 0, skipped: 2 });
    expect(seen[0]).toMatchObject({ from: '2026-05-07', to: '2026-05-10', declarations: declarations.metricDeclarations() });
    const stored = await metrics.readValues({ entityRefs: ['component:default/a'], metric: 'requests', from: '2026-05-01', to: '2026-06-01' });
    expect(stored.map(v => [v.date, formatDecimal(v.quantity), v.source])).toEqual([
      ['2026-05-08', '1500', 'test-metrics'],
      ['2026-05-09', '12', 'test-metrics'],
    ]);
  });

  it('fails the run and writes nothing when a value is wrong in itself', async () => {
    const { metrics } = await stores();
    const source = sourceYielding([
      { entityRef: 'component:default/a', metric: 'requests', date: '2026-05-08', value: '5' },
      { entityRef: 'component:default/a', metric: 'requests', date: '2026-05-09', value: '-1' },
    ]);
    const job = new MetricPullJob(source, { declarations, store: metrics, logger: mockServices.logger.mock(), today: () => '2026-05-10' });
    await expect(job.pull(new AbortController().signal)).rejects.toThrow(
      'Metric source "test-metrics": component:default/a requests on 2026-05-09: -1 is negative',
    );
    expect(await metrics.readValues({ entityRefs: ['component:default/a'], metric: 'requests', from: '2026-05-01', to: '2026-06-01' })).toEqual([]);
  });
});
