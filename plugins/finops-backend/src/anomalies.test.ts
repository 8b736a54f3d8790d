import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { addDays, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import request from 'supertest';
import { focusCsv } from './__testUtils__/focusCsv';
import { type Allow, importFile, startFinopsTestBackend } from './__testUtils__/finopsTestBackend';

jest.setTimeout(90_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
    // The mock user is the team's member: the notifications backend delivers the team's alerts to them.
    relations: [{ type: 'hasMember', targetRef: 'user:default/mock' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mock', namespace: 'default' },
    spec: { memberOf: ['payments'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', namespace: 'default', annotations: { 'finops.backstage.io/monthly-budget': '2000 USD' } },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

/** api: EC2 $80 and S3 $20 a day from 1 July 2024; EC2 costs $380 on `spikeOn`. */
function bill(through: string, spikeOn: string, s3 = '20') {
  const rows = [];
  for (let day = '2024-07-01'; day <= through; day = addDays(day, 1)) {
    const period = `${day.slice(0, 7)}-01T00:00:00Z`;
    const charge = (ServiceName: string, cost: string, ResourceId: string) => ({
      ChargePeriodStart: `${day}T00:00:00Z`,
      ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
      BillingPeriodStart: period,
      BillingPeriodEnd: `${addDays(`${day.slice(0, 7)}-28`, 7).slice(0, 7)}-01T00:00:00Z`,
      EffectiveCost: cost,
      ServiceName,
      ResourceId,
      Tags: '{"service":"api"}',
    });
    rows.push(charge('Amazon EC2', day === spikeOn ? '380' : '80', 'i-1'), charge('Amazon S3', s3, 'bucket-1'));
  }
  return focusCsv(rows);
}

const user = () => mockCredentials.user.header();

async function waitForEvaluation(server: any, after: string | null) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await request(server)
      .get('/api/finops/anomalies')
      .query({ entityRef: 'group:default/payments', from: '2024-05-01', to: '2024-10-01' })
      .set('Authorization', user());
    if (response.body.evaluatedAt && response.body.evaluatedAt !== after) {
      return response.body;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('the evaluation did not run');
}

/** The FinOps alerts the team's member has, as the real notifications backend lists them. */
async function notificationsOf(server: any): Promise<Array<{ title: string; link: string; scope: string; severity: string }>> {
  const response = await request(server).get('/api/notifications/notifications').set('Authorization', user());
  expect(response.status).toBe(200);
  return response.body.notifications.map((n: any) => ({ title: n.payload.title, link: n.payload.link, scope: n.payload.scope, severity: n.payload.severity }));
}

const notificationsBackend = [notificationsPlugin];

describe('anomalies, budget alerts and kept forecasts through the API', () => {
  let server: any;
  let first: any;
  beforeAll(async () => {
    server = await startFinopsTestBackend({ entities, features: notificationsBackend, config: { app: { baseUrl: 'http://localhost:3000' } } });
    const imported = await importFile(server, bill('2024-08-20', '2024-08-18'));
    if (imported.status !== 'succeeded') {
      throw new Error(`the bill did not import: ${imported.error}`);
    }
    first = await waitForEvaluation(server, null);
  });

  it('detects the spike after the import, on the group too, with contributors that add up to its impact', () => {
    expect(first.anomalies).toHaveLength(1);
    const [anomaly] = first.anomalies;
    expect(anomaly).toMatchObject({
      entityRef: 'component:default/api',
      date: '2024-08-18',
      currency: 'USD',
      actual: '400',
      expected: '100',
      impact: '300',
      impactRatio: 3,
      direction: 'spike',
      status: 'open',
      feedback: null,
    });
    for (const dimension of ['service', 'account', 'region', 'resource']) {
      const impacts = anomaly.contributors.filter((c: any) => c.dimension === dimension).map((c: any) => moneyFromDecimal(c.impact));
      expect(impacts.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(300n * 10n ** 18n);
    }
    expect(anomaly.contributors.filter((c: any) => c.dimension === 'service')).toEqual([
      { dimension: 'service', key: 'Amazon EC2', impact: '300' },
      { dimension: 'service', key: 'Amazon S3', impact: '0' },
    ]);
  });

  it("alerts the owning team's members once about the anomaly and once about the budget, each linking to the Cost tab", async () => {
    const received = await notificationsOf(server);
    expect(received).toEqual(
      expect.arrayContaining([
        {
          title: 'Cost anomaly on api: 300.00 USD above expected on 2024-08-18',
          link: '/catalog/default/component/api/cost',
          scope: `finops:anomaly:${first.anomalies[0].id}`,
          severity: 'high',
        },
        {
          // $2,300 spent by the 20th against $2,000.
          title: 'api is over its 2024-08 budget',
          link: '/catalog/default/component/api/cost',
          scope: 'finops:budget:component:default/api:2024-08',
          severity: 'critical',
        },
      ]),
    );
    expect(received).toHaveLength(2);
  });

  it('keeps feedback with who and when, filters by it, and refuses a bad one', async () => {
    const id = first.anomalies[0].id;
    const feedback = await request(server)
      .post(`/api/finops/anomalies/${id}/feedback`)
      .set('Authorization', user())
      .send({ verdict: 'expected', comment: 'load test' });
    expect(feedback.status).toBe(200);
    expect(feedback.body).toMatchObject({ id, status: 'expected', feedback: { verdict: 'expected', comment: 'load test', by: 'user:default/mock' } });
    const list = (status: string) =>
      request(server)
        .get('/api/finops/anomalies')
        .query({ entityRef: 'component:default/api', from: '2024-08-01', to: '2024-09-01', status })
        .set('Authorization', user());
    expect((await list('expected')).body.anomalies.map((a: any) => a.id)).toEqual([id]);
    expect((await list('open')).body.anomalies).toEqual([]);

    expect((await request(server).post('/api/finops/anomalies/nope/feedback').set('Authorization', user()).send({ verdict: 'expected' })).status).toBe(404);
    const bad = await request(server).post(`/api/finops/anomalies/${id}/feedback`).set('Authorization', user()).send({ verdict: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/verdict/);

  });

  it('sends nothing again when the same data is evaluated again, keeps the feedback, and withdraws what a restatement removes', async () => {
    const before = (await notificationsOf(server)).length;
    const evaluatedAt = (await waitForEvaluation(server, null)).evaluatedAt;
    await importFile(server, bill('2024-08-20', '2024-08-18'));
    const again = await waitForEvaluation(server, evaluatedAt);
    expect(again.anomalies).toMatchObject([{ date: '2024-08-18', status: 'expected' }]);
    expect((await notificationsOf(server)).length).toBe(before);

    // August restated without the spike: the anomaly is withdrawn and no longer listed.
    await importFile(server, bill('2024-08-20', 'never'));
    const restated = await waitForEvaluation(server, again.evaluatedAt);
    expect(restated.anomalies).toEqual([]);
  });

  it('keeps the forecast made on day 20 and shows it, not a recomputed one, once the month has closed', async () => {
    // Once September's data is in, August is closed; S3 cost restated to $40 a day changes what a
    // forecast recomputed now would say, but not the one kept on the 20th.
    const evaluatedAt = (await waitForEvaluation(server, null)).evaluatedAt;
    await importFile(server, bill('2024-09-06', 'never', '40'));
    await waitForEvaluation(server, evaluatedAt);
    const response = await request(server).get('/api/finops/forecast').query({ entityRef: 'component:default/api' }).set('Authorization', user());
    expect(response.status).toBe(200);
    const august = response.body.backtest.filter((entry: any) => entry.month === '2024-08');
    expect(august.map((entry: any) => [entry.madeOnDay, entry.recorded])).toEqual([
      [5, false],
      [10, false],
      [20, true],
    ]);
    const [day5, , day20] = august;
    // Kept from $100 days: about $3,100 (or $3,400 with the spike); recomputed from $120 days: about $3,720.
    expect(Number(day20.forecast)).toBeLessThan(3500);
    expect(Number(day5.forecast)).toBeGreaterThan(3600);
    expect(day20.actual).toBe('3720');
  });

  // Last: a second backend in this process shares the scheduler's task table, and may take the first one's runs.
  it('needs finops.anomaly.feedback on the entity for feedback', async () => {
    const allow: Allow = permission => permission !== 'finops.anomaly.feedback';
    const guarded = await startFinopsTestBackend({ entities, allow, features: notificationsBackend, config: { app: { baseUrl: 'http://localhost:3000' } } });
    await importFile(guarded, bill('2024-08-20', '2024-08-18'));
    const [anomaly] = (await waitForEvaluation(guarded, null)).anomalies;
    const refused = await request(guarded).post(`/api/finops/anomalies/${anomaly.id}/feedback`).set('Authorization', user()).send({ verdict: 'unexpected' });
    expect(refused.status).toBe(403);
  });
});
