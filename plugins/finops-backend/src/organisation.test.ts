import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { formatDecimal, moneyFromDecimal, parseCsv } from '@backstage-finops/plugin-finops-common';
import request from 'supertest';
import { finopsPlugin } from './plugin';
import { focusCsv } from './__testUtils__/focusCsv';

jest.setTimeout(60_000);

/**
 * An organisation: org ⊃ {platform, payments ⊃ {checkout-team}}. payments
 * owns the payments system and the billing component, which is part of the
 * system too: reachable two ways, it must count once.
 */
const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parent ? [{ type: 'childOf', targetRef: `group:default/${parent}` }] : [],
});
const component = (name: string, owner: string, system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [
    { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ...(system ? [{ type: 'partOf', targetRef: `system:default/${system}` }] : []),
  ],
});
const entities: Entity[] = [
  group('org'),
  group('platform', 'org'),
  group('payments', 'org'),
  group('checkout-team', 'payments'),
  component('checkout-api', 'checkout-team', 'payments'),
  component('billing', 'payments', 'payments'),
  component('infra', 'platform'),
  component('tiny', 'platform'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

const row = (month: '08' | '09', service: string, cost: string, extra: Record<string, string> = {}) => ({
  ChargePeriodStart: `2024-${month}-10T00:00:00Z`,
  ChargePeriodEnd: `2024-${month}-10T01:00:00Z`,
  BillingPeriodStart: `2024-${month}-01T00:00:00Z`,
  BillingPeriodEnd: month === '08' ? '2024-09-01T00:00:00Z' : '2024-10-01T00:00:00Z',
  EffectiveCost: cost,
  BilledCost: cost,
  Tags: service ? JSON.stringify({ service }) : '',
  ...extra,
});
// September against August: checkout-api +400, billing -150, infra +0.1 (below no minimum), tiny 3 → 9.
const bill = focusCsv([
  row('08', 'checkout-api', '600'),
  row('09', 'checkout-api', '1000.000000000000000001', { ServiceName: '=SUM(A1)', ServiceCategory: 'Compute' }),
  row('08', 'billing', '400'),
  row('09', 'billing', '250', { ServiceCategory: 'Databases', ProviderName: 'Microsoft', SubAccountId: 'sub-b' }),
  row('08', 'infra', '300'),
  row('09', 'infra', '300.1', { ServiceCategory: 'Networking' }),
  row('08', 'tiny', '3'),
  row('09', 'tiny', '9'),
  row('09', '', '40.5', { ResourceId: 'vol-untagged', SubAccountId: 'sub-c' }),
]);

async function startBackend(allow: (permission: string, resourceRef?: string) => boolean = () => true) {
  const { server } = await startTestBackend({
    features: [
      finopsPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.mock({
        authorize: async (requests: any[]) =>
          requests.map(r => ({ result: allow(r.permission.name, r.resourceRef) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY })),
      } as any).factory,
      mockServices.rootConfig.factory({
        data: {
          finops: {
            attribution: { refreshFrequency: { minutes: 60 } },
            metadataPolicy: { requiredTags: [{ key: 'environment', values: ['prod', 'dev'], severity: 'error' }] },
          },
        },
      }),
    ],
  });
  const uploaded = await request(server)
    .post('/api/finops/imports')
    .set('Authorization', mockCredentials.user.header())
    .set('Content-Type', 'text/csv')
    .send(bill);
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = (await request(server).get(`/api/finops/imports/${uploaded.body.id}`).set('Authorization', mockCredentials.user.header())).body.status;
    if (status === 'succeeded') {
      return server;
    }
    if (status === 'failed') {
      throw new Error('import failed');
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error('import did not finish');
}

const get = (server: any, path: string) => request(server).get(`/api/finops${path}`).set('Authorization', mockCredentials.user.header());
const september = 'from=2024-09-01&to=2024-10-01';
const sum = (amounts: string[]) => formatDecimal(amounts.reduce((acc, a) => acc + moneyFromDecimal(a), 0n));

describe('team and organisation views', () => {
  let server: any;
  beforeAll(async () => {
    server = await startBackend();
  });

  it('breaks a group down by child group, counting an entity reachable two ways once, the groups summing to the total', async () => {
    const payments = await get(server, `/costs?entityRef=group:default/payments&groupBy=childGroup&${september}`);
    expect(payments.status).toBe(200);
    expect(payments.body.total.amount).toBe('1250.000000000000000001');
    expect(payments.body.groups.map((g: any) => [g.key, g.amount, g.previousAmount])).toEqual([
      ['group:default/checkout-team', '1000.000000000000000001', '600'],
      ['group:default/payments', '250', '400'],
    ]);
    expect(sum(payments.body.groups.map((g: any) => g.amount))).toBe(payments.body.total.amount);

    const org = await get(server, `/costs?entityRef=group:default/org&groupBy=childGroup&${september}`);
    expect(org.body.groups.map((g: any) => [g.key, g.amount])).toEqual([
      ['group:default/payments', '1250.000000000000000001'],
      ['group:default/platform', '309.1'],
    ]);
    expect(sum(org.body.groups.map((g: any) => g.amount))).toBe(org.body.total.amount);

    const notAGroup = await get(server, `/costs?entityRef=component:default/billing&groupBy=childGroup&${september}`);
    expect(notAGroup.status).toBe(400);
    expect(notAGroup.body.error.message).toMatch(/childGroup breaks down a Group/);
  });

  it('compares entities side by side, each rolled up, leaving out and counting what the caller may not read', async () => {
    const compare = await get(server, `/compare?entityRef=group:default/payments&entityRef=group:default/platform&${september}&granularity=month`);
    expect(compare.status).toBe(200);
    expect(compare.body.entities.map((e: any) => [e.entityRef, e.total.amount, e.previousTotal.amount, e.series])).toEqual([
      ['group:default/payments', '1250.000000000000000001', '1000', [{ date: '2024-09-01', amount: '1250.000000000000000001', partial: true, settling: true }]],
      ['group:default/platform', '309.1', '303', [{ date: '2024-09-01', amount: '309.1', partial: true, settling: true }]],
    ]);
    expect(compare.body.hiddenEntityCount).toBe(0);

    const denyingPlatform = await startBackend((name, ref) => name !== 'finops.cost.read' || !ref?.includes('platform'));
    const partly = await get(denyingPlatform, `/compare?entityRef=group:default/payments&entityRef=group:default/platform&${september}`);
    expect(partly.body.entities.map((e: any) => e.entityRef)).toEqual(['group:default/payments']);
    expect(partly.body.hiddenEntityCount).toBe(1);
    const none = await get(denyingPlatform, `/compare?entityRef=group:default/platform&${september}`);
    expect(none.status).toBe(403);
  });

  it('sums the organisation by team, category, account and provider exactly to the total, with movers above the minimum', async () => {
    const overview = await get(server, `/overview?${september}&granularity=month`);
    expect(overview.status).toBe(200);
    const body = overview.body;
    expect(body.total.amount).toBe('1599.600000000000000001');
    expect(body.previousTotal.amount).toBe('1303');
    for (const list of ['byTeam', 'byServiceCategory', 'byAccount', 'byProvider']) {
      expect({ list, total: sum(body[list].map((e: any) => e.amount)) }).toEqual({ list, total: body.total.amount });
    }
    expect(body.byTeam).toEqual([
      { key: 'group:default/payments', amount: '1250.000000000000000001' },
      { key: 'group:default/platform', amount: '309.1' },
      { key: '(unowned)', amount: '40.5' },
    ]);
    expect(body.byProvider).toEqual([
      { key: 'AWS', amount: '1349.600000000000000001' },
      { key: 'Microsoft', amount: '250' },
    ]);
    expect(body.movers.minimumAmount).toBe('100');
    expect(body.movers.increases.map((m: any) => [m.entityRef, m.change])).toEqual([
      ['component:default/checkout-api', '400.000000000000000001'],
      ['component:default/infra', '0.1'],
    ]);
    expect(body.movers.decreases).toEqual([
      { entityRef: 'component:default/billing', amount: '250', previousAmount: '400', change: '-150', changeRatio: -0.375 },
    ]);
    expect(body.coverage.monthly).toEqual([
      { month: '2024-09-01', total: '1599.600000000000000001', allocated: '1559.100000000000000001', allocatedPercent: expect.closeTo(97.468, 2) },
    ]);
    expect(body.sources).toEqual([{ sourceId: 'upload', dataThrough: '2024-09-10', lastImportedAt: expect.any(String), nextRunAt: null }]);
  });

  it('gives allocation coverage per month and day, per provider and account, reconciling exactly with /coverage', async () => {
    const coverage = (await get(server, '/coverage?from=2024-08-01&to=2024-10-01')).body;
    const byProvider = await get(server, '/ownership/coverage?from=2024-08-01&to=2024-10-01');
    expect(byProvider.status).toBe(200);
    const body = byProvider.body;
    expect({ total: body.total, allocated: body.allocated }).toEqual({ total: coverage.total.amount, allocated: coverage.allocated.amount });
    expect(body.total).toBe('2902.600000000000000001');
    expect(body.series.map((p: any) => [p.date, p.total, p.allocated])).toEqual([
      ['2024-08-01', '1303', '1303'],
      ['2024-09-01', '1599.600000000000000001', '1559.100000000000000001'],
    ]);
    expect(body.groups.map((g: any) => [g.key, g.total, g.allocated])).toEqual([
      ['AWS', '2652.600000000000000001', '2612.100000000000000001'],
      ['Microsoft', '250', '250'],
    ]);
    expect(sum(body.groups.map((g: any) => g.allocated))).toBe(body.allocated);
    // What is allocated is what the organisation's top group rolls up, as /costs counts it.
    const septemberCoverage = body.series.find((p: any) => p.date === '2024-09-01');
    const org = (await get(server, '/costs?entityRef=group:default/org&from=2024-09-01&to=2024-10-01')).body;
    expect(org.total.amount).toBe(septemberCoverage.allocated);
    expect(body.bands).toEqual([
      { stage: 'crawl', minPercent: 70, inclusive: true },
      { stage: 'walk', minPercent: 85, inclusive: true },
      { stage: 'run', minPercent: 90, inclusive: false },
    ]);

    const daily = (await get(server, '/ownership/coverage?from=2024-09-09&to=2024-09-12&granularity=day&groupBy=account')).body;
    expect(daily.series.map((p: any) => [p.date, p.total, p.allocatedPercent])).toEqual([
      ['2024-09-09', '0', null],
      ['2024-09-10', '1599.600000000000000001', expect.closeTo(97.468, 2)],
      ['2024-09-11', '0', null],
    ]);
    const untaggedAccount = daily.groups.find((g: any) => g.key === 'sub-c');
    expect(untaggedAccount).toMatchObject({ total: '40.5', allocated: '0', allocatedPercent: 0 });
    expect(sum(daily.groups.map((g: any) => g.total))).toBe(daily.total);
  });

  it('holds the tagging policy against the spend: every tag set without the required environment tag, with its cost', async () => {
    const response = await get(server, `/ownership/findings?${september}`);
    expect(response.status).toBe(200);
    expect(response.body.requiredTags).toEqual([{ key: 'environment', values: ['prod', 'dev'], severity: 'error' }]);
    expect(response.body.findings).toHaveLength(1);
    const [missing] = response.body.findings;
    expect(missing).toMatchObject({
      kind: 'missing-tag',
      severity: 'error',
      tagKey: 'environment',
      value: null,
      amount: '1599.600000000000000001',
      monthlyAmount: '1599.600000000000000001',
      costKeys: 5,
    });
    expect(missing.examples[0]).toEqual({ tags: { service: 'checkout-api' }, billingAccountId: '111111111111', subAccountId: '222222222222', amount: '1000.000000000000000001' });
  });

  it('exports CSV that reads back as the JSON, with formulas escaped', async () => {
    const json = (await get(server, `/costs?entityRef=group:default/payments&groupBy=service&${september}&granularity=month`)).body;
    const csv = await get(server, `/costs?entityRef=group:default/payments&groupBy=service&${september}&granularity=month&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="cost-group_default_payments-2024-09-01-2024-10-01.csv"/);
    expect(csv.text).toContain("'=SUM(A1)");
    expect(parseCsv(csv.text)).toEqual([
      ['date', 'group', 'amount', 'currency'],
      ...json.groups.flatMap((g: any) => g.series.map((p: any) => [p.date, g.key, p.amount, 'USD'])),
    ]);
    expect(json.groups.map((g: any) => g.key)).toContain('=SUM(A1)');

    const accepted = await get(server, `/compare?entityRef=group:default/payments&${september}&granularity=month`).set('Accept', 'text/csv');
    expect(parseCsv(accepted.text)).toEqual([
      ['entityRef', 'date', 'amount', 'currency'],
      ['group:default/payments', '2024-09-01', '1250.000000000000000001', 'USD'],
    ]);

    const overview = (await get(server, `/overview?${september}`)).body;
    const movers = parseCsv((await get(server, `/overview?${september}&format=csv&section=movers`)).text);
    expect(movers.slice(1)).toEqual([
      ...overview.movers.increases.map((m: any) => ['increase', m.entityRef, m.amount, m.previousAmount, m.change, String(m.changeRatio), 'USD']),
      ...overview.movers.decreases.map((m: any) => ['decrease', m.entityRef, m.amount, m.previousAmount, m.change, String(m.changeRatio), 'USD']),
    ]);
    const byTeam = parseCsv((await get(server, `/overview?${september}&format=csv&section=byTeam`)).text);
    expect(byTeam).toEqual([['key', 'amount', 'currency'], ...overview.byTeam.map((e: any) => [e.key, e.amount, 'USD'])]);

    const coverage = (await get(server, `/coverage?${september}`)).body;
    const coverageCsv = parseCsv((await get(server, `/coverage?${september}&format=csv`)).text);
    expect(coverageCsv).toEqual([
      ['tags', 'billingAccountId', 'subAccountId', 'amount', 'currency'],
      ...coverage.unallocatedItems.map((item: any) => [JSON.stringify(item.tags), item.billingAccountId, item.subAccountId, item.amount, 'USD']),
    ]);
    expect(coverageCsv).toHaveLength(2);
  });
});
