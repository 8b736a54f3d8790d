import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { finopsPlugin } from './plugin';
import { spec } from './schema/openapi.generated';
import { focusCsv } from './testUtils/focusCsv';

jest.setTimeout(60_000);

const component = (name: string, owner: string, annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production', system: 'payments' },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    { type: 'partOf', targetRef: 'system:default/payments' },
  ],
});

const entities: Entity[] = [
  component('checkout-api', 'team-payments'),
  component('legacy-billing', 'team-payments', { 'finops.backstage.io/cost-tags': 'app=legacy' }),
  { apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 'payments', namespace: 'default' }, spec: { owner: 'team-payments' }, relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }] },
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-payments', namespace: 'default' }, spec: { type: 'team', children: [] } },
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'idle', namespace: 'default' }, spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' } },
];

const sep = (day: number, hour = 0) => `2024-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

const bill = focusCsv([
  { ChargePeriodStart: sep(10), ChargePeriodEnd: sep(10, 1), EffectiveCost: '10.10', Tags: '{"service":"checkout-api"}' },
  { ChargePeriodStart: sep(10, 5), ChargePeriodEnd: sep(10, 6), EffectiveCost: '0.20', Tags: '{"service":"checkout-api"}' },
  { ChargePeriodStart: sep(11), ChargePeriodEnd: sep(11, 1), EffectiveCost: '5', ServiceName: 'Amazon S3', ServiceCategory: 'Storage', Tags: '{"app":"legacy"}' },
  { ChargePeriodStart: sep(11), ChargePeriodEnd: sep(11, 1), EffectiveCost: '2.5', ResourceId: 'vol-untagged', Tags: '' },
  { ChargePeriodStart: sep(12), ChargePeriodEnd: sep(12, 1), EffectiveCost: '-1', ChargeCategory: 'Credit', Tags: '{"service":"checkout-api"}' },
]);

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      finopsPlugin,
      catalogServiceMock.factory({ entities }),
      // Requests without a token are anonymous, as in a real backend.
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      mockServices.rootConfig.factory({ data: { finops: { attribution: { refreshFrequency: { minutes: 60 } } } } }),
    ],
  });
  return server;
}

const asUser = () => mockCredentials.user.header();

async function upload(server: any, body: string | Buffer, contentType = 'text/csv', source?: string) {
  const response = await request(server)
    .post(`/api/finops/imports${source ? `?source=${source}` : ''}`)
    .set('Authorization', asUser())
    .set('Content-Type', contentType)
    .send(body);
  return response;
}

async function waitForImport(server: any, id: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await request(server).get(`/api/finops/imports/${id}`).set('Authorization', asUser());
    if (response.body.status === 'succeeded' || response.body.status === 'failed') {
      return response.body;
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(`import ${id} did not finish`);
}

describe('finops backend plugin', () => {
  it('answers 401 on every route of the OpenAPI spec without credentials', async () => {
    const server = await startBackend();
    const routes = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map(method => ({ method, path: path.replace(/\{(\w+)\}/g, 'x') })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const { method, path } of routes) {
      const response = await (request(server) as any)[method](`/api/finops${path}`);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
  });

  it('imports an upload and serves attributed costs, rollups and coverage', async () => {
    const server = await startBackend();
    const created = await upload(server, bill);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ sourceId: 'upload', status: 'queued' });
    const done = await waitForImport(server, created.body.id);
    expect(done).toMatchObject({ status: 'succeeded', rowsRead: 5, billingPeriods: ['2024-09-01'], progress: 1 });

    const costs = await request(server)
      .get('/api/finops/costs')
      .query({ entityRef: 'component:default/checkout-api', from: '2024-09-10', to: '2024-09-13', groupBy: 'service' })
      .set('Authorization', asUser());
    expect(costs.status).toBe(200);
    expect(costs.body).toMatchObject({
      currency: 'USD',
      total: { amount: '9.3', currency: 'USD' },
      previousTotal: { amount: '0', currency: 'USD' },
      changeRatio: null,
      series: [
        { date: '2024-09-10', amount: '10.3' },
        { date: '2024-09-11', amount: '0' },
        { date: '2024-09-12', amount: '-1' },
      ],
      groups: [{ key: 'Amazon Elastic Compute Cloud', amount: '9.3' }],
      includedEntityRefs: ['component:default/checkout-api'],
    });

    const system = await request(server)
      .get('/api/finops/costs')
      .query({ entityRef: 'system:default/payments', from: '2024-09-01', to: '2024-10-01', granularity: 'month' })
      .set('Authorization', asUser());
    expect(system.body.total.amount).toBe('14.3');
    expect(system.body.series).toEqual([{ date: '2024-09-01', amount: '14.3' }]);

    const group = await request(server)
      .get('/api/finops/costs')
      .query({ entityRef: 'group:default/team-payments', from: '2024-09-01', to: '2024-10-01', groupBy: 'entity' })
      .set('Authorization', asUser());
    expect(group.body.total.amount).toBe('14.3');
    expect(group.body.groups.map((g: any) => [g.key, g.amount])).toEqual([
      ['component:default/checkout-api', '9.3'],
      ['component:default/legacy-billing', '5'],
    ]);

    const empty = await request(server)
      .get('/api/finops/costs')
      .query({ entityRef: 'component:default/idle', from: '2024-09-01', to: '2024-10-01' })
      .set('Authorization', asUser());
    expect(empty.status).toBe(200);
    expect(empty.body.total.amount).toBe('0');

    const coverage = await request(server)
      .get('/api/finops/coverage')
      .query({ from: '2024-09-01', to: '2024-10-01' })
      .set('Authorization', asUser());
    expect(coverage.body).toMatchObject({
      total: { amount: '16.8' },
      allocated: { amount: '14.3' },
      unallocated: { amount: '2.5' },
      unallocatedItems: [{ tags: {}, amount: '2.5', topResources: [{ resourceId: 'vol-untagged', amount: '2.5' }] }],
    });
    expect(coverage.body.allocatedPercent).toBeCloseTo(85.119, 2);

    const explainResource = await request(server)
      .get('/api/finops/explain')
      .query({ resourceId: 'vol-untagged' })
      .set('Authorization', asUser());
    expect(explainResource.body.items).toEqual([
      expect.objectContaining({ allocated: false, entityRef: null, detail: 'untagged, and its account is not mapped to an entity' }),
    ]);
    const explainTags = await request(server)
      .get('/api/finops/explain')
      .query({ tags: JSON.stringify({ App: 'legacy' }) })
      .set('Authorization', asUser());
    expect(explainTags.body.items[0]).toMatchObject({
      allocated: true,
      entityRef: 'component:default/legacy-billing',
      rule: 'costTagsAnnotation',
    });
  });

  it('is idempotent, restates by replacing, and keeps data when an import fails', async () => {
    const server = await startBackend();
    const total = async () =>
      (
        await request(server)
          .get('/api/finops/coverage')
          .query({ from: '2024-09-01', to: '2024-10-01' })
          .set('Authorization', asUser())
      ).body.total.amount;

    await waitForImport(server, (await upload(server, bill)).body.id);
    await waitForImport(server, (await upload(server, gzipSync(bill), 'application/gzip')).body.id);
    expect(await total()).toBe('16.8');

    const restated = focusCsv([{ ChargePeriodStart: sep(3), ChargePeriodEnd: sep(3, 1), EffectiveCost: '1.25' }]);
    await waitForImport(server, (await upload(server, restated)).body.id);
    expect(await total()).toBe('1.25');

    const broken = `${restated}${focusCsv([{ EffectiveCost: 'oops' }]).split('\n')[1]}\n`;
    const failed = await waitForImport(server, (await upload(server, broken)).body.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('upload.csv, line 3, column 13 (EffectiveCost): "oops" is not a decimal number');
    expect(await total()).toBe('1.25');

    const otherSource = await waitForImport(server, (await upload(server, bill, 'text/csv', 'team-upload')).body.id);
    expect(otherSource.sourceId).toBe('team-upload');
    expect(await total()).toBe('18.05');
  });

  it('explains bad requests', async () => {
    const server = await startBackend();
    const get = (path: string, query: Record<string, string>) =>
      request(server).get(`/api/finops${path}`).query(query).set('Authorization', asUser());
    expect((await get('/costs', { entityRef: 'component:default/checkout-api', from: '2024-09-10', to: '2024-09-01' })).body.error.message).toMatch(/must be after from/);
    expect((await get('/costs', { entityRef: 'component:default/checkout-api', from: '2024-02-30', to: '2024-03-01' })).status).toBe(400);
    expect((await get('/costs', { entityRef: 'component:default/nope', from: '2024-09-01', to: '2024-09-02' })).status).toBe(404);
    expect((await get('/costs', { entityRef: 'component:default/checkout-api', from: '2024-09-01', to: '2024-09-02', groupBy: 'colour' })).status).toBe(400);
    expect((await get('/explain', {})).body.error.message).toMatch(/Give resourceId, or tags/);
    expect((await get('/explain', { tags: '[1]' })).status).toBe(400);
    expect((await get('/imports/none', {})).status).toBe(404);
    const noBody = await upload(server, '');
    expect(noBody.status).toBe(400);
    const wrongType = await upload(server, '{}', 'application/json');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/unsupported media type application\/json/);
  });
});
