import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { gzipSync } from 'node:zlib';
import { finopsPlugin } from './plugin';
import { spec } from './schema/openapi/generated/router';
import { focusCsv } from './__testUtils__/focusCsv';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { ServiceFactory } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readFinopsSettings } from './config';
import { createFinopsStores } from './database/FinopsStores';
import { AttributionService } from './service/AttributionService';
import { ImportService } from './service/ImportService';
import { TipService } from './service/TipService';
import { createRouter } from './service/router';
import { OPERATION_PERMISSIONS, operationOf } from './service/operationPermissions';

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
  component('checkout-api', 'team-payments', { 'finops.backstage.io/unit-metrics': 'requests' }),
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

const sourceDir = mkdtempSync(join(tmpdir(), 'finops-source-'));
writeFileSync(join(sourceDir, 'bill.csv'), bill);

type Allow = (permission: string, resourceRef?: string, userEntityRef?: string) => boolean;

/** A permission service that decides by permission name, resource and user. */
function permissionsDeciding(allow: Allow) {
  return mockServices.permissions.mock({
    authorize: async (requests: any[], options: any) =>
      requests.map(r => ({
        result: allow(r.permission.name, r.resourceRef, options?.credentials?.principal?.userEntityRef)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  } as any).factory;
}

/** The test catalog, in which users cannot see `hidden`; services see everything. */
function catalogHidingFromUsers(hidden: string) {
  const all = catalogServiceMock({ entities });
  const isUser = (options: any) => options?.credentials?.principal?.type === 'user';
  return catalogServiceMock.mock({
    streamEntities: (query, options) => all.streamEntities(query, options),
    getEntityByRef: async (ref, options) =>
      isUser(options) && ref === hidden ? undefined : all.getEntityByRef(ref, options),
    getEntitiesByRefs: async (query, options) => {
      const { items } = await all.getEntitiesByRefs(query, options);
      return { items: items.map((item, i) => (isUser(options) && query.entityRefs[i] === hidden ? undefined : item)) };
    },
  }).factory;
}

async function startBackend(
  options: { allow?: Allow; catalog?: ServiceFactory; sources?: Array<{ id: string; path: string }>; auditor?: ServiceFactory } = {},
) {
  const { server } = await startTestBackend({
    features: [
      finopsPlugin,
      ...(options.auditor ? [options.auditor] : []),
      options.catalog ?? catalogServiceMock.factory({ entities }),
      // Requests without a token are anonymous, as in a real backend.
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      permissionsDeciding(options.allow ?? (() => true)),
      mockServices.rootConfig.factory({
        data: {
          finops: {
            sources: (options.sources ?? [{ id: 'nightly', path: sourceDir }]).map(source => ({
              ...source,
              type: 'focus-directory',
              frequency: { hours: 24 },
            })),
            attribution: { refreshFrequency: { minutes: 60 } },
          },
        },
      }),
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
  /**
   * Every operation of the OpenAPI spec, how to call it, the permission it
   * needs and what it answers when allowed. A new route without a row here
   * fails the first test.
   */
  const ROUTES: Record<string, { call: (server: any, importId: string) => request.Test; permission: string; ok: number; denied?: number }> = {
    'get /costs': {
      call: server => request(server).get('/api/finops/costs').query({ entityRef: 'component:default/checkout-api', from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.cost.read',
      ok: 200,
    },
    'get /compare': {
      call: server =>
        request(server).get('/api/finops/compare?entityRef=component:default/checkout-api&entityRef=group:default/team-payments&from=2024-09-01&to=2024-10-01'),
      permission: 'finops.cost.read',
      ok: 200,
    },
    'get /overview': {
      call: server => request(server).get('/api/finops/overview').query({ from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.org.read',
      ok: 200,
    },
    'get /coverage': {
      call: server => request(server).get('/api/finops/coverage').query({ from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.org.read',
      ok: 200,
    },
    'get /ownership/coverage': {
      call: server => request(server).get('/api/finops/ownership/coverage').query({ from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.org.read',
      ok: 200,
    },
    'get /ownership/findings': {
      call: server => request(server).get('/api/finops/ownership/findings').query({ from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.org.read',
      ok: 200,
    },
    'get /ownership/suggestions': {
      call: server => request(server).get('/api/finops/ownership/suggestions').query({ from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.org.read',
      ok: 200,
    },
    // Without finops.cost.read on the team, finops.org.read still shows it: ownership.test.ts checks both ways.
    'get /ownership/compliance': {
      call: server => request(server).get('/api/finops/ownership/compliance').query({ entityRef: 'group:default/team-payments' }),
      permission: 'finops.cost.read',
      ok: 200,
      denied: 200,
    },
    'get /explain': {
      call: server => request(server).get('/api/finops/explain').query({ tags: '{"service":"checkout-api"}' }),
      permission: 'finops.org.read',
      ok: 200,
    },
    'post /imports': {
      call: server => request(server).post('/api/finops/imports').set('Content-Type', 'text/csv').send(bill),
      permission: 'finops.import.create',
      ok: 202,
    },
    'get /imports': {
      call: server => request(server).get('/api/finops/imports'),
      permission: 'finops.sources.admin',
      ok: 200,
    },
    'get /imports/{id}': {
      call: (server, importId) => request(server).get(`/api/finops/imports/${importId}`),
      permission: 'finops.import.create',
      ok: 200,
    },
    'get /sources': {
      call: server => request(server).get('/api/finops/sources'),
      permission: 'finops.sources.admin',
      ok: 200,
    },
    'post /sources/{id}/run': {
      call: server => request(server).post('/api/finops/sources/nightly/run'),
      permission: 'finops.sources.admin',
      ok: 202,
    },
    'get /metrics': {
      call: server => request(server).get('/api/finops/metrics').query({ entityRef: 'component:default/checkout-api' }),
      permission: 'finops.cost.read',
      ok: 200,
    },
    'post /metrics': {
      call: server =>
        request(server)
          .post('/api/finops/metrics')
          .send({ entityRef: 'component:default/checkout-api', metric: 'requests', values: [{ date: '2024-09-10', value: 100 }] }),
      permission: 'finops.metrics.write',
      ok: 200,
    },
    'get /budgets': {
      call: server => request(server).get('/api/finops/budgets').query({ entityRef: 'component:default/checkout-api', month: '2024-09' }),
      permission: 'finops.cost.read',
      ok: 200,
    },
    'put /budgets': {
      call: server =>
        request(server).put('/api/finops/budgets').send({ entityRef: 'component:default/checkout-api', amount: '100', currency: 'USD', month: '2024-09' }),
      permission: 'finops.budget.update',
      ok: 200,
    },
    'delete /budgets': {
      call: server => request(server).delete('/api/finops/budgets').query({ entityRef: 'component:default/checkout-api', month: '2024-09' }),
      permission: 'finops.budget.update',
      ok: 200,
    },
    'get /forecast': {
      call: server => request(server).get('/api/finops/forecast').query({ entityRef: 'component:default/checkout-api' }),
      permission: 'finops.cost.read',
      ok: 200,
    },
    'get /anomalies': {
      call: server => request(server).get('/api/finops/anomalies').query({ entityRef: 'group:default/team-payments', from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.cost.read',
      ok: 200,
    },
    // This bill has no anomaly: the permission is on the anomaly's entity, so an unknown id is 404 either
    // way. anomalies.test.ts checks the 403 on a detected anomaly.
    'post /anomalies/{id}/feedback': {
      call: server => request(server).post('/api/finops/anomalies/0123456789abcdef0123456789abcdef/feedback').send({ verdict: 'expected' }),
      permission: 'finops.anomaly.feedback',
      ok: 404,
      denied: 404,
    },
    'get /tips': {
      call: server => request(server).get('/api/finops/tips').query({ entityRef: 'group:default/team-payments' }),
      permission: 'finops.cost.read',
      ok: 200,
    },
    // As with anomaly feedback, the permission is on the tip's entity: an unknown id is 404 either way.
    // tips.test.ts checks the 403 on a found tip.
    'patch /tips/{id}': {
      call: server => request(server).patch('/api/finops/tips/0123456789abcdef01234567').send({ status: 'done' }),
      permission: 'finops.tips.update',
      ok: 404,
      denied: 404,
    },
    'get /unit-costs': {
      call: server =>
        request(server)
          .get('/api/finops/unit-costs')
          .query({ entityRef: 'component:default/checkout-api', metric: 'requests', from: '2024-09-01', to: '2024-10-01' }),
      permission: 'finops.cost.read',
      ok: 200,
    },
  };

  it('has a permission case for every operation of the OpenAPI spec, expecting the permission the router applies', () => {
    const operations = Object.entries(spec.paths).flatMap(([path, item]) => Object.keys(item).map(method => `${method} ${path}`));
    expect(Object.keys(ROUTES).sort()).toEqual(operations.sort());
    for (const [route, { permission }] of Object.entries(ROUTES)) {
      const [method, path] = route.split(' ');
      const operationId = operationOf(method, path.replace(/\{[^}]+\}/g, 'x'))!;
      expect({ route, permission: OPERATION_PERMISSIONS[operationId].permission.name }).toEqual({ route, permission });
    }
  });

  it('answers 401 without identity, 403 without permission, and serves users and services with it', async () => {
    const allowAll = await startBackend();
    const importId = (await upload(allowAll, bill)).body.id;
    await waitForImport(allowAll, importId);
    for (const [route, { call, permission, ok, denied: deniedStatus = 403 }] of Object.entries(ROUTES)) {
      expect({ route, status: (await call(allowAll, importId)).status }).toEqual({ route, status: 401 });
      expect({ route, status: (await call(allowAll, importId).set('Authorization', asUser())).status }).toEqual({ route, status: ok });
      const denied = await startBackend({ allow: name => name !== permission });
      expect({ route, status: (await call(denied, importId).set('Authorization', asUser())).status }).toEqual({ route, status: deniedStatus });
    }
    const asService = await ROUTES['get /coverage'].call(allowAll, importId).set('Authorization', mockCredentials.service.header());
    expect(asService.status).toBe(200);
  });

  it('leaves out of a rollup what the caller may not read, and says how much', async () => {
    const server = await startBackend({
      allow: (name, ref) => name !== 'finops.cost.read' || ref !== 'component:default/legacy-billing',
    });
    await waitForImport(server, (await upload(server, bill)).body.id);
    const group = await request(server)
      .get('/api/finops/costs')
      .query({ entityRef: 'group:default/team-payments', from: '2024-09-01', to: '2024-10-01' })
      .set('Authorization', asUser());
    expect(group.status).toBe(200);
    expect(group.body.total.amount).toBe('9.3');
    expect(group.body.hiddenEntityCount).toBe(1);
    expect(group.body.includedEntityRefs).not.toContain('component:default/legacy-billing');
    const hidden = await request(server)
      .get('/api/finops/costs')
      .query({ entityRef: 'component:default/legacy-billing', from: '2024-09-01', to: '2024-10-01' })
      .set('Authorization', asUser());
    expect(hidden.status).toBe(403);
  });

  it('neither lists nor counts in a rollup the entities the caller cannot see in the catalog', async () => {
    const server = await startBackend({ catalog: catalogHidingFromUsers('component:default/legacy-billing') });
    await waitForImport(server, (await upload(server, bill)).body.id);
    const costs = (authorization: string) =>
      request(server)
        .get('/api/finops/costs')
        .query({ entityRef: 'group:default/team-payments', from: '2024-09-01', to: '2024-10-01' })
        .set('Authorization', authorization);
    const user = await costs(asUser());
    expect(user.status).toBe(200);
    expect(user.body.includedEntityRefs).toEqual([
      'component:default/checkout-api',
      'group:default/team-payments',
      'system:default/payments',
    ]);
    expect(user.body.hiddenEntityCount).toBe(0);
    expect(user.body.total.amount).toBe('9.3');
    // A service sees the whole catalog, so the same rollup includes it.
    const service = await costs(mockCredentials.service.header());
    expect(service.body.includedEntityRefs).toContain('component:default/legacy-billing');
    expect(service.body.total.amount).toBe('14.3');
  });

  it('shows the server paths of an import only to source admins', async () => {
    const root = mkdtempSync(join(tmpdir(), 'finops-paths-'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'a.csv'), bill);
    writeFileSync(join(root, 'sub', 'b.csv'), focusCsv([{ ChargePeriodStart: '2024-08-05T00:00:00Z', ChargePeriodEnd: '2024-08-05T01:00:00Z', BillingPeriodStart: '2024-08-01T00:00:00Z', BillingPeriodEnd: '2024-09-01T00:00:00Z' }]));
    const admin = 'user:default/admin';
    const server = await startBackend({
      sources: [{ id: 'nightly', path: root }],
      allow: (name, _ref, user) => name !== 'finops.sources.admin' || user === admin,
    });
    const asAdmin = mockCredentials.user.header(admin);
    expect((await request(server).post('/api/finops/sources/nightly/run').set('Authorization', asAdmin)).status).toBe(202);
    let last: any;
    for (let attempt = 0; attempt < 200 && last?.status !== 'succeeded'; attempt++) {
      await new Promise(resolve => setTimeout(resolve, 25));
      last = (await request(server).get('/api/finops/sources').set('Authorization', asAdmin)).body.items[0].lastImport;
    }
    expect(last).toMatchObject({ status: 'succeeded', fileName: `2 files in ${root}` });
    const byId = (authorization: string) => request(server).get(`/api/finops/imports/${last.id}`).set('Authorization', authorization);
    expect((await byId(asAdmin)).body.fileName).toBe(`2 files in ${root}`);
    const other = await byId(mockCredentials.user.header('user:default/uploader'));
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ id: last.id, status: 'succeeded', rowsRead: 6 });
    expect(other.body.fileName).toBe(`2 files in ${root.split('/').pop()}`);
    expect(JSON.stringify(other.body)).not.toContain(tmpdir());
  });

  it('lists sources and imports a scheduled source on demand', async () => {
    const server = await startBackend();
    const run = await request(server).post('/api/finops/sources/nightly/run').set('Authorization', asUser());
    expect(run.status).toBe(202);
    let sources: any;
    for (let attempt = 0; attempt < 200; attempt++) {
      sources = (await request(server).get('/api/finops/sources').set('Authorization', asUser())).body;
      if (sources.items[0].lastImport?.status === 'succeeded') break;
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    expect(sources.items).toEqual([
      expect.objectContaining({ id: 'nightly', type: 'focus-directory', lastImport: expect.objectContaining({ status: 'succeeded', rowsRead: 5 }) }),
    ]);
    expect((await request(server).post('/api/finops/sources/nope/run').set('Authorization', asUser())).status).toBe(404);
    const uploadToScheduled = await upload(server, bill, 'text/csv', 'nightly');
    expect(uploadToScheduled.status).toBe(400);
  });

  it('records uploads and source runs, with their outcome, in the audit log', async () => {
    const events: Array<{ eventId: string; meta?: object; outcome?: string; error?: string; done?: object }> = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async ({ eventId, meta }) => {
        const event: (typeof events)[number] = { eventId, meta };
        events.push(event);
        return {
          success: async options => {
            event.outcome = 'success';
            event.done = options?.meta;
          },
          fail: async ({ error }) => {
            event.outcome = 'fail';
            event.error = error.message;
          },
        };
      },
    });
    const server = await startBackend({ auditor: auditor.factory });
    const created = await upload(server, bill);
    await waitForImport(server, created.body.id);
    expect((await upload(server, bill, 'text/csv', 'nightly')).status).toBe(400);
    expect((await request(server).post('/api/finops/sources/nightly/run').set('Authorization', asUser())).status).toBe(202);
    expect(events).toEqual([
      {
        eventId: 'cost-import',
        meta: { queryType: 'upload', sourceId: 'upload' },
        outcome: 'success',
        done: { importId: created.body.id, fileName: 'upload.csv', bytes: Buffer.byteLength(bill) },
      },
      { eventId: 'cost-import', meta: { queryType: 'upload', sourceId: 'nightly' }, outcome: 'fail', error: expect.stringMatching(/is a scheduled source/) },
      { eventId: 'source-run', meta: { sourceId: 'nightly' }, outcome: 'success', done: undefined },
    ]);
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
      dataThrough: '2024-09-12',
      settlingFrom: '2024-09-11',
      settleDays: 2,
    });
    expect(costs.body.series.map((p: any) => [p.date, Boolean(p.partial), Boolean(p.settling)])).toEqual([
      ['2024-09-10', false, false],
      ['2024-09-11', false, true],
      ['2024-09-12', false, true],
    ]);

    const system = await request(server)
      .get('/api/finops/costs')
      .query({ entityRef: 'system:default/payments', from: '2024-09-01', to: '2024-10-01', granularity: 'month' })
      .set('Authorization', asUser());
    expect(system.body.total.amount).toBe('14.3');
    // September's data ends on the 12th: the month is partial, its last two days may still change.
    expect(system.body.series).toEqual([{ date: '2024-09-01', amount: '14.3', partial: true, settling: true }]);
    expect(system.body.dataThrough).toBe('2024-09-12');

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
    expect(empty.body).toMatchObject({ dataThrough: null, settlingFrom: null });

    const coverage = await request(server)
      .get('/api/finops/coverage')
      .query({ from: '2024-09-01', to: '2024-10-01' })
      .set('Authorization', asUser());
    expect(coverage.body).toMatchObject({
      total: { amount: '16.8' },
      allocated: { amount: '14.3' },
      unallocated: { amount: '2.5' },
      dataThrough: '2024-09-12',
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

  it('keeps currencies apart and answers in the one asked for', async () => {
    const server = await startBackend();
    const mixed = focusCsv([
      { EffectiveCost: '10', BillingCurrency: 'USD' },
      { EffectiveCost: '3', BillingCurrency: 'EUR', BillingAccountId: 'azure-1', ResourceId: 'vm-1' },
    ]);
    await waitForImport(server, (await upload(server, mixed)).body.id);
    const costs = (currency?: string) =>
      request(server)
        .get('/api/finops/costs')
        .query({ entityRef: 'component:default/checkout-api', from: '2024-09-01', to: '2024-10-01', ...(currency ? { currency } : {}) })
        .set('Authorization', asUser());
    expect((await costs()).body).toMatchObject({ currency: 'USD', currencies: ['EUR', 'USD'], total: { amount: '10', currency: 'USD' } });
    expect((await costs('EUR')).body).toMatchObject({ currency: 'EUR', total: { amount: '3', currency: 'EUR' } });
  });

  it('treats hostile strings as data', async () => {
    const server = await startBackend();
    const hostile = { "it's": "'; DROP TABLE finops_daily_costs; --", '%_': '100%_off', '键': 'ü'.repeat(1024) };
    await waitForImport(server, (await upload(server, focusCsv([{ Tags: JSON.stringify(hostile), ResourceId: "r'1%_" }]))).body.id);
    const byResource = await request(server).get('/api/finops/explain').query({ resourceId: "r'1%_" }).set('Authorization', asUser());
    expect(byResource.body.items).toEqual([expect.objectContaining({ tags: hostile })]);
    const wildcard = await request(server).get('/api/finops/explain').query({ resourceId: '%' }).set('Authorization', asUser());
    expect(wildcard.status).toBe(404);
  });

  it('writes an upload named like a path only as a generated file in the upload directory', async () => {
    // base/a/b/uploads: "../../x" from the upload directory would land in base/a.
    const base = mkdtempSync(join(tmpdir(), 'finops-traversal-'));
    const uploadDir = join(base, 'a', 'b', 'uploads');
    const absoluteTarget = join(mkdtempSync(join(tmpdir(), 'finops-absolute-')), 'planted.csv');
    const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    const stores = await createFinopsStores(knex);
    const logger = mockServices.logger.mock();
    const catalog = catalogServiceMock({ entities });
    const settings = readFinopsSettings(new ConfigReader({}));
    const attribution = new AttributionService({ catalog, auth: mockServices.auth(), store: stores.attribution, settings: settings.attribution, logger });
    const imports = new ImportService({ stores, attribution, logger });
    const app = express();
    app.use(
      '/api/finops',
      await createRouter({
        auditor: mockServices.auditor.mock(),
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions.mock({
          authorize: async (requests: any[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        } as any),
        sources: { list: () => [], run: async () => {} },
        catalog,
        stores,
        attribution,
        imports,
        tips: new TipService({ stores, rules: [], settings, logger }),
        settings,
        uploadDir,
      }),
    );
    app.use(MiddlewareFactory.create({ config: new ConfigReader({}), logger }).error());
    const tree = (dir: string, prefix = ''): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const path = `${prefix}${entry.name}`;
        return entry.isDirectory() ? [`${path}/`, ...tree(join(dir, entry.name), `${path}/`)] : [path];
      });
    try {
      for (const fileName of ['../../etc/passwd', '../../planted.csv', absoluteTarget, 'bill\0.csv/../../x', '..\\..\\win.csv']) {
        const response = await request(app)
          .post('/api/finops/imports')
          .query({ fileName })
          .set('Authorization', asUser())
          .set('Content-Type', 'text/csv')
          .send(bill);
        expect({ fileName, status: response.status }).toEqual({ fileName, status: 202 });
        expect(response.body.fileName).not.toMatch(/[\/\\\0]/);
        const done = await waitForImport(app, response.body.id);
        expect(done).toMatchObject({ status: 'succeeded', rowsRead: 5, fileName: response.body.fileName });
        // Nothing but the directory chain and generated upload files, which are removed once read.
        const files = tree(base).filter(path => !path.endsWith('/'));
        expect(tree(base).filter(path => path.endsWith('/'))).toEqual(['a/', 'a/b/', 'a/b/uploads/']);
        expect(files.every(path => /^a\/b\/uploads\/[0-9a-f-]{36}\.upload$/.test(path))).toBe(true);
      }
      expect(readdirSync(join(absoluteTarget, '..'))).toEqual([]);
      expect(readdirSync(join(base, 'a'))).toEqual(['b']);
      expect(readdirSync(join(tmpdir()))).not.toContain('planted.csv');
    } finally {
      await knex.destroy();
    }
  });

  it('answers 413 for uploads over the limit and 429 when too many are pending', async () => {
    const { server } = await startTestBackend({
      features: [
        finopsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: { finops: { uploads: { maxBytes: 1000, maxPending: 1 } } } }),
      ],
    });
    const big = await upload(server, focusCsv(Array.from({ length: 20 }, () => ({}))));
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/larger than the limit of 1000 bytes/);
    const small = focusCsv([{}]);
    const statuses = await Promise.all([upload(server, small), upload(server, small), upload(server, small)]);
    expect(statuses.map(r => r.status)).toContain(429);
    expect(statuses.find(r => r.status === 429)!.body.error.message).toMatch(/maxPending/);
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
