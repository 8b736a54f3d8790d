import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { addDays } from '@backstage-finops/plugin-finops-common';
import knexFactory from 'knex';
import { readFinopsSettings } from '../config';
import { createFinopsStores, type FinopsStores } from '../database/FinopsStores';
import type { FinopsAlert } from '../operate/lifecycle';
import { daily, importSlice, key } from '../__testUtils__/storeTesting';
import { AttributionService } from './AttributionService';
import { BudgetService } from './BudgetService';
import { OperateEvaluator } from './OperateEvaluator';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default', annotations: { 'finops.backstage.io/monthly-budget': '5000 USD' } },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', namespace: 'default', annotations: { 'finops.backstage.io/monthly-budget': '2500 USD' } },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'website', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

const apiKey = key({ service: 'api' }, 'component:default/api');
const webKey = key({ service: 'web' }, 'component:default/web');

/** Imports each month from `from` through `through`: api at `amount(day)`, web at $10 a day. */
async function importDays(stores: FinopsStores, from: string, through: string, amount: (day: string) => string) {
  const byMonth = new Map<string, ReturnType<typeof daily>[]>();
  for (let day = from; day <= through; day = addDays(day, 1)) {
    const rows = byMonth.get(day.slice(0, 7)) ?? [];
    rows.push(daily(apiKey.hash, day, amount(day)), daily(webKey.hash, day, '10', { serviceName: 'S3', resourceId: 'bucket' }));
    byMonth.set(day.slice(0, 7), rows);
  }
  for (const [month, rows] of byMonth) {
    await importSlice(stores, `${month}-${through}`, `${month}-01`, [apiKey, webKey], rows);
  }
}

async function setup() {
  const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
  const stores = await createFinopsStores(knex);
  const settings = readFinopsSettings(new ConfigReader({}));
  const logger = mockServices.logger.mock();
  const attribution = new AttributionService({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    store: stores.attribution,
    settings: settings.attribution,
    logger,
  });
  const sent: FinopsAlert[] = [];
  let failures = 0;
  const evaluator = new OperateEvaluator({
    stores,
    attribution,
    budgets: new BudgetService({ stores, attribution, settings }),
    settings,
    logger,
    sender: {
      send: async alert => {
        if (failures > 0) {
          failures--;
          throw new Error('notifications backend unavailable');
        }
        sent.push(alert);
      },
    },
  });
  return { knex, stores, evaluator, sent, failNext: (count: number) => (failures = count) };
}

describe('OperateEvaluator', () => {
  it('alerts a budget at risk once, retries an alert that failed, and alerts again when it goes over', async () => {
    const { knex, stores, evaluator, sent, failNext } = await setup();
    // $100 a day for 12 weeks to 10 August: about $3,100 forecast for August against $2,500.
    await importDays(stores, '2024-05-20', '2024-08-10', () => '100');
    failNext(1);
    // The team's $5,000 is on track.
    expect(await evaluator.evaluate()).toMatchObject({ dataThrough: '2024-08-10', budgets: 2, alertsSent: 0, alertsFailed: 1 });
    expect(await evaluator.evaluate()).toMatchObject({ alertsSent: 1, alertsFailed: 0 });
    expect(sent.map(alert => alert.title)).toEqual(['api is at risk of going over its 2024-08 budget']);
    expect(await evaluator.evaluate()).toMatchObject({ alertsSent: 0 });

    await importDays(stores, '2024-08-01', '2024-08-26', () => '100');
    await evaluator.evaluate();
    expect(sent.map(alert => [alert.recipientEntityRef, alert.title, alert.severity])).toEqual([
      ['group:default/payments', 'api is at risk of going over its 2024-08 budget', 'high'],
      ['group:default/payments', 'api is over its 2024-08 budget', 'critical'],
    ]);
    const states = await stores.operate.listBudgetStates('2024-08');
    expect(states.map(state => [state.entityRef, state.status]).sort()).toEqual([
      ['component:default/api', 'over'],
      ['group:default/payments', 'on-track'],
    ]);
    await knex.destroy();
  });

  it('keeps the forecast of the day due, once, for each entity whose rollup has cost', async () => {
    const { knex, stores, evaluator } = await setup();
    await importDays(stores, '2024-05-20', '2024-08-10', () => '100');
    expect((await evaluator.evaluate()).forecastsKept).toBe(3);
    expect((await evaluator.evaluate()).forecastsKept).toBe(0);
    const kept = await stores.operate.listForecastSnapshots({
      metric: 'EffectiveCost',
      entityRefs: ['component:default/api', 'component:default/web', 'group:default/payments'],
      fromMonth: '2024-08',
    });
    // Made on day 10 from 1–9 August: api about $3,100, the team about $3,410.
    expect(kept.map(k => [k.entityRef, k.madeOnDay, Math.round(Number(k.amount))]).sort()).toEqual([
      ['component:default/api', 10, 3100],
      ['component:default/web', 10, 310],
      ['group:default/payments', 10, 3410],
    ]);
    await knex.destroy();
  });

  it("sends each team its week: total, change, movers, budget and open anomalies", async () => {
    const { knex, stores, evaluator, sent } = await setup();
    // api doubles from $100 to $200 a day in the last week of data (through 20 August).
    await importDays(stores, '2024-05-20', '2024-08-20', day => (day >= '2024-08-14' ? '200' : '100'));
    await evaluator.evaluate();
    sent.length = 0;
    expect(await evaluator.sendDigests()).toEqual({ sent: 1, failed: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ recipientEntityRef: 'group:default/payments', title: 'Weekly cost digest for payments', severity: 'low' });
    // 7 × $200 + 7 × $10 against 7 × $100 + 7 × $10; api's level shift is one anomaly, on its first day.
    expect(sent[0].description).toMatch(
      /^1,470\.00 USD from 2024-08-14 to 2024-08-20 \(\+700\.00 USD on the week before\)\. Biggest changes: api \+700\.00 USD\. Budget 2024-08: (on-track|at-risk), 2,900\.00 USD of 5,000\.00 USD\. 1 open anomaly\.$/,
    );
    await knex.destroy();
  });
});
