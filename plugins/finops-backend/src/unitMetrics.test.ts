import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { parseCsv } from '@backstage-finops/plugin-finops-common';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { addDays, todayUtc } from '@backstage-finops/plugin-finops-common';
import { finopsMetricSourcesExtensionPoint } from '@backstage-finops/plugin-finops-node';
import request from 'supertest';
import { focusCsv } from './__testUtils__/focusCsv';
import { type Allow, importFile, startFinopsTestBackend } from './__testUtils__/finopsTestBackend';

jest.setTimeout(60_000);

const component = (name: string, metrics?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: metrics ? { 'finops.backstage.io/unit-metrics': metrics } : {} },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team' }],
});
const entities: Entity[] = [
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team', namespace: 'default' }, spec: { type: 'team', children: [] } },
  component('checkout-api', 'requests, orders'),
  component('search', 'requests'),
  component('batch'),
];

const day = (date: string, service: string, cost: string) => ({
  ChargePeriodStart: `${date}T00:00:00Z`,
  ChargePeriodEnd: `${date}T01:00:00Z`,
  BillingPeriodStart: '2024-09-01T00:00:00Z',
  BillingPeriodEnd: '2024-10-01T00:00:00Z',
  EffectiveCost: cost,
  Tags: JSON.stringify({ service }),
});
// checkout-api: $0.1 + $0.2 on the 10th and 11th; search $9 on the 10th; batch $50 on the 10th.
const bill = focusCsv([
  day('2024-09-10', 'checkout-api', '0.1'),
  day('2024-09-11', 'checkout-api', '0.2'),
  day('2024-09-12', 'checkout-api', '5'),
  day('2024-09-10', 'search', '9'),
  day('2024-09-10', 'batch', '50'),
  day('2024-09-13', 'batch', '1'),
]);

const user = () => mockCredentials.user.header();
const push = (server: any, body: object, authorization = user()) =>
  request(server).post('/api/finops/metrics').set('Authorization', authorization).send(body);
const unitCosts = (server: any, query: Record<string, string>) =>
  request(server)
    .get('/api/finops/unit-costs')
    .query({ from: '2024-09-10', to: '2024-09-14', ...query })
    .set('Authorization', user());
const listMetrics = (server: any, entityRef: string) =>
  request(server).get('/api/finops/metrics').query({ entityRef }).set('Authorization', user());

describe('unit metrics and unit costs through the API', () => {
  let server: any;
  beforeAll(async () => {
    server = await startFinopsTestBackend({ entities });
    const imported = await importFile(server, bill);
    if (imported.status !== 'succeeded') {
      throw new Error(`the bill did not import: ${imported.error}`);
    }
  });

  it('writes pushed values idempotently per day and lists what is declared and stored', async () => {
    const first = await push(server, {
      entityRef: 'component:default/checkout-api',
      metric: 'requests',
      unit: 'request',
      values: [
        { date: '2024-09-10', value: 1 },
        { date: '2024-09-11', value: '2' },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ entityRef: 'component:default/checkout-api', metric: 'requests', written: 2, replaced: 0 });
    const again = await push(server, {
      entityRef: 'component:default/checkout-api',
      metric: 'requests',
      unit: 'request',
      values: [
        { date: '2024-09-11', value: 3 },
        { date: '2024-09-12', value: '0.5' },
      ],
    });
    expect(again.body).toMatchObject({ written: 2, replaced: 1 });
    const listed = await listMetrics(server, 'component:default/checkout-api');
    expect(listed.body.metrics).toEqual([
      { metric: 'requests', unit: 'request', entityRefs: ['component:default/checkout-api'], lastDate: '2024-09-12', source: 'api', days: 3 },
      { metric: 'orders', unit: null, entityRefs: ['component:default/checkout-api'], lastDate: null, source: null, days: 0 },
    ]);
  });

  it.each([
    [{ entityRef: 'component:default/nope', metric: 'requests', values: [{ date: '2024-09-10', value: 1 }] }, /entityRef: no entity component:default\/nope/],
    [{ entityRef: 'component:default/batch', metric: 'requests', values: [{ date: '2024-09-10', value: 1 }] }, /does not declare metric "requests".*declares none/],
    [{ entityRef: 'component:default/search', metric: 'requests', values: [{ date: '2024-09-10', value: 1 }, { date: '2024-09-11', value: -2 }] }, /values\[1\]\.value: -2 is negative/],
    [{ entityRef: 'component:default/search', metric: 'requests', values: [{ date: '2024-09-10', value: 'NaN' }] }, /values\[0\]\.value: "NaN" is not a decimal number/],
    [{ entityRef: 'component:default/search', metric: 'requests', values: [{ date: '2024-02-30', value: 1 }] }, /values\[0\]\.date: "2024-02-30" is not a date/],
    [{ entityRef: 'component:default/search', metric: 'requests', values: [{ date: '2999-01-01', value: 1 }] }, /values\[0\]\.date: 2999-01-01 is in the future/],
    [{ entityRef: 'component:default/search', metric: 'requests', values: [{ date: '2024-09-10', value: 1 }, { date: '2024-09-10', value: 2 }] }, /values\[1\]\.date: 2024-09-10 is also values\[0\]/],
  ])('refuses a bad request with a 400 naming the value, and writes none of it: %j', async (body, message) => {
    const response = await push(server, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
    const search = await listMetrics(server, 'component:default/search');
    expect(search.body.metrics[0].days).toBe(0);
  });

  it('needs finops.metrics.write on the entity; a service may push', async () => {
    const allow: Allow = (permission, resourceRef) => permission !== 'finops.metrics.write' || resourceRef !== 'component:default/search';
    const guarded = await startFinopsTestBackend({ entities, allow });
    const body = { entityRef: 'component:default/search', metric: 'requests', values: [{ date: '2024-09-10', value: 1 }] };
    expect((await push(guarded, body)).status).toBe(403);
    expect((await listMetrics(guarded, 'component:default/search')).body.metrics[0].days).toBe(0);
    expect((await push(guarded, { ...body, entityRef: 'component:default/checkout-api' })).status).toBe(200);
    expect((await push(server, body, mockCredentials.service.header())).status).toBe(200);
  });

  it('divides exact cost by units over the days with both, leaving gaps and uncovered cost honest', async () => {
    // checkout-api requests: 1 on the 10th ($0.1), 3 on the 11th ($0.2), 0.5 on the 12th ($5); none on the 13th.
    const response = await unitCosts(server, { entityRef: 'component:default/checkout-api', metric: 'requests' });
    expect(response.status).toBe(200);
    expect(response.body.series.map((p: any) => [p.date, p.cost, p.quantity, p.unitCost])).toEqual([
      ['2024-09-10', '0.1', '1', '0.1'],
      ['2024-09-11', '0.2', '3', '0.0666666666667'],
      ['2024-09-12', '5', '0.5', '10'],
      ['2024-09-13', null, null, null],
    ]);
    expect(response.body.total).toEqual({ cost: '5.3', quantity: '4.5', unitCost: '1.17777777778' });
    expect(response.body).toMatchObject({ unit: 'request', currency: 'USD', includedEntityRefs: ['component:default/checkout-api'] });
  });

  it('rolls a team up over the members that declare the metric: total cost over total units', async () => {
    await push(server, { entityRef: 'component:default/search', metric: 'requests', values: [{ date: '2024-09-10', value: '1000' }] });
    const team = await unitCosts(server, { entityRef: 'group:default/team', metric: 'requests', from: '2024-09-10', to: '2024-09-11' });
    expect(team.status).toBe(200);
    // checkout-api $0.1 / 1 and search $9 / 1000: ($0.1 + $9) / 1001, not the mean of $0.1 and $0.009; batch declares nothing.
    expect(team.body.total).toEqual({ cost: '9.1', quantity: '1001', unitCost: '0.00909090909091' });
    expect([...team.body.includedEntityRefs].sort()).toEqual(['component:default/checkout-api', 'component:default/search']);
    const listed = await listMetrics(server, 'group:default/team');
    expect(listed.body.metrics.map((m: any) => [m.metric, m.entityRefs.length])).toEqual([
      ['requests', 2],
      ['orders', 1],
    ]);
  });

  it("gives the FinOps overview the organisation's cost per unit of each declared metric", async () => {
    const overview = await request(server)
      .get('/api/finops/overview')
      .query({ from: '2024-09-10', to: '2024-09-11' })
      .set('Authorization', user());
    expect(overview.status).toBe(200);
    expect(overview.body.unitCosts.map((u: any) => [u.metric, u.entityRefs.length, u.total])).toEqual([
      ['orders', 1, { cost: '0', quantity: '0', unitCost: null }],
      // As for the team: ($0.1 + $9) over 1 + 1000 requests.
      ['requests', 2, { cost: '9.1', quantity: '1001', unitCost: '0.00909090909091' }],
    ]);
  });

  it('exports CSV that reads back as the JSON series', async () => {
    const json = await unitCosts(server, { entityRef: 'component:default/checkout-api', metric: 'requests' });
    const csv = await unitCosts(server, { entityRef: 'component:default/checkout-api', metric: 'requests', format: 'csv' });
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual(['date', 'cost', 'quantity', 'unitCost', 'uncoveredCost', 'uncoveredQuantity', 'currency', 'unit']);
    expect(rows).toEqual(
      json.body.series.map((p: any) => [p.date, p.cost ?? '', p.quantity ?? '', p.unitCost ?? '', p.uncoveredCost, p.uncoveredQuantity, 'USD', 'request']),
    );
  });

  it('refuses a metric nothing declares', async () => {
    const response = await unitCosts(server, { entityRef: 'component:default/batch', metric: 'requests' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/component:default\/batch does not declare metric "requests"/);
  });

  it('imports a metric CSV through the upload flow, all or nothing, with the line and column of an error', async () => {
    const good = 'date,entityRef,metric,value,unit\n2024-09-10,component:default/checkout-api,orders,2,order\n2024-09-11,component:default/checkout-api,orders,4,order\n';
    const imported = await importFile(server, good);
    expect(imported).toMatchObject({ status: 'succeeded', kind: 'metrics', rowsRead: 2 });
    const orders = await unitCosts(server, { entityRef: 'component:default/checkout-api', metric: 'orders', to: '2024-09-12' });
    expect(orders.body.total).toEqual({ cost: '0.3', quantity: '6', unitCost: '0.05' });

    const bad = 'date,entityRef,metric,value\n2024-09-10,component:default/checkout-api,orders,100\n2024-09-11,component:default/checkout-api,orders,-1\n';
    const failed = await importFile(server, bad);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('upload.csv, line 3, column 4 (value): -1 is negative; a day\'s units are 0 or more');
    const undeclared = await importFile(server, 'metric,value,date,entityRef\nrequests,1,2024-09-10,component:default/batch\n');
    expect(undeclared.error).toMatch(/^upload\.csv, line 2, column 1 \(metric\): component:default\/batch does not declare metric "requests"/);
    // What was stored before stays.
    const after = await unitCosts(server, { entityRef: 'component:default/checkout-api', metric: 'orders', to: '2024-09-12' });
    expect(after.body.total).toEqual(orders.body.total);
  });

  it("lists a module's metric source with the sources, and runs it now on request", async () => {
    const yesterday = addDays(todayUtc(), -1);
    const metricsModule = createBackendModule({
      pluginId: 'finops',
      moduleId: 'test-metrics',
      register(reg) {
        reg.registerInit({
          deps: { metricSources: finopsMetricSourcesExtensionPoint },
          async init({ metricSources }) {
            metricSources.addMetricSource({
              id: 'test-metrics',
              frequency: { days: 1 },
              describe: () => 'test values',
              async *read({ declarations }) {
                for (const { entityRef, metrics } of declarations) {
                  yield { entityRef, metric: metrics[0], date: yesterday, value: '42' };
                }
              },
            });
          },
        });
      },
    });
    const withSource = await startFinopsTestBackend({ entities, features: [metricsModule] });
    const sources = await request(withSource).get('/api/finops/sources').set('Authorization', user());
    expect(sources.body.items).toContainEqual({ id: 'test-metrics', type: 'metrics', description: 'test values' });
    expect((await request(withSource).post('/api/finops/sources/test-metrics/run').set('Authorization', user())).status).toBe(202);
    let search: any;
    for (let attempt = 0; attempt < 200 && !search?.days; attempt++) {
      await new Promise(resolve => setTimeout(resolve, 25));
      search = (await listMetrics(withSource, 'component:default/search')).body.metrics[0];
    }
    expect(search).toMatchObject({ metric: 'requests', lastDate: yesterday, source: 'test-metrics', days: 1 });
  });
});
