import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { focusCsv } from './__testUtils__/focusCsv';
import { type Allow, importFile, startFinopsTestBackend } from './__testUtils__/finopsTestBackend';

jest.setTimeout(60_000);

const component = (name: string, budget?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: budget ? { 'finops.backstage.io/monthly-budget': budget } : {} },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team' }],
});
const entities: Entity[] = [
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team', namespace: 'default' }, spec: { type: 'team', children: [] } },
  component('api', '100 USD'),
  component('worker', '50 EUR'),
  component('web'),
  component('eu-only', '100 EUR'),
];

// api: $10 a day from 1 to 20 September 2024 (the data runs through the 20th); web $1 a day.
const rows = Array.from({ length: 20 }, (_, i) => {
  const day = String(i + 1).padStart(2, '0');
  const charge = (service: string, cost: string) => ({
    ChargePeriodStart: `2024-09-${day}T00:00:00Z`,
    ChargePeriodEnd: `2024-09-${day}T01:00:00Z`,
    BillingPeriodStart: '2024-09-01T00:00:00Z',
    BillingPeriodEnd: '2024-10-01T00:00:00Z',
    EffectiveCost: cost,
    Tags: JSON.stringify({ service }),
  });
  return [charge('api', '10'), charge('web', '1')];
}).flat();

const user = () => mockCredentials.user.header();
const getBudget = (server: any, entityRef: string, month = '2024-09') =>
  request(server).get('/api/finops/budgets').query({ entityRef, month }).set('Authorization', user());
const putBudget = (server: any, body: object) => request(server).put('/api/finops/budgets').set('Authorization', user()).send(body);

describe('budgets through the API', () => {
  let server: any;
  beforeAll(async () => {
    server = await startFinopsTestBackend({ entities });
    const imported = await importFile(server, focusCsv(rows));
    if (imported.status !== 'succeeded') {
      throw new Error(`the bill did not import: ${imported.error}`);
    }
  });

  it('reads the annotation budget, month-to-date through dataThrough, the forecast and the status', async () => {
    const response = await getBudget(server, 'component:default/api');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      entityRef: 'component:default/api',
      month: '2024-09',
      budget: { amount: '100', currency: 'USD', source: 'annotation', updatedBy: null, updatedAt: null },
      monthToDate: { amount: '200', currency: 'USD' },
      // $200 spent of $100: over, whatever the forecast.
      status: 'over',
      dataThrough: '2024-09-20',
    });
    // $10 a day for 20 days, 10 days to come: about $300 at month end.
    expect(Number(response.body.forecast.amount)).toBeGreaterThan(250);
    expect(Number(response.body.forecast.amount)).toBeLessThan(350);
  });

  it('lets an API budget override the annotation, for a month or from a month on, keeping who and when', async () => {
    const fromSeptember = await putBudget(server, { entityRef: 'component:default/api', amount: '1000', currency: 'usd', fromMonth: '2024-09' });
    expect(fromSeptember.status).toBe(200);
    expect(fromSeptember.body.budget).toMatchObject({ amount: '1000', currency: 'USD', source: 'api', updatedBy: 'user:default/mock' });
    expect(fromSeptember.body.status).toBe('on-track');
    // The forecast (~$300) passes a $250 budget set for September alone: at risk.
    const september = await putBudget(server, { entityRef: 'component:default/api', amount: 250, currency: 'USD', month: '2024-09' });
    expect(september.body).toMatchObject({ budget: { amount: '250' }, status: 'at-risk' });
    expect((await getBudget(server, 'component:default/api', '2024-10')).body.budget).toMatchObject({ amount: '1000', source: 'api' });
    expect((await getBudget(server, 'component:default/api', '2024-08')).body.budget).toMatchObject({ amount: '100', source: 'annotation' });
    const deleted = await request(server)
      .delete('/api/finops/budgets')
      .query({ entityRef: 'component:default/api', month: '2024-09' })
      .set('Authorization', user());
    expect(deleted.body).toEqual({ deleted: 2 });
    expect((await getBudget(server, 'component:default/api')).body.budget).toMatchObject({ source: 'annotation' });
  });

  it("shows a group's own budget beside the sum of its members', in the group's currency", async () => {
    const team = await getBudget(server, 'group:default/team');
    expect(team.body).toMatchObject({
      budget: null,
      status: null,
      membersBudget: { amount: '100', currency: 'USD' },
      membersBudgetOtherCurrencies: 2,
      monthToDate: { amount: '220', currency: 'USD' },
    });
    await putBudget(server, { entityRef: 'group:default/team', amount: '150', currency: 'EUR', month: '2024-09' });
    const inEuros = await getBudget(server, 'group:default/team');
    expect(inEuros.body).toMatchObject({ budget: { amount: '150', currency: 'EUR' }, membersBudget: { amount: '150', currency: 'EUR' }, membersBudgetOtherCurrencies: 1 });
    // Nothing is spent in euros: no comparison with dollars, on track in its own currency.
    expect(inEuros.body.monthToDate).toEqual({ amount: '0', currency: 'EUR' });
  });

  it('has no status without a budget, and nothing to forecast for a month after the data', async () => {
    expect((await getBudget(server, 'component:default/web')).body).toMatchObject({ budget: null, status: null, monthToDate: { amount: '20' } });
    const december = (await getBudget(server, 'component:default/api', '2024-12')).body;
    expect(december).toMatchObject({ monthToDate: { amount: '0' }, forecast: null, status: 'on-track' });
  });

  it.each([
    [{ entityRef: 'component:default/api', amount: '0', currency: 'USD' }, /amount: a budget must be more than 0/],
    [{ entityRef: 'component:default/api', amount: '1,000', currency: 'USD' }, /amount: "1,000" is not a decimal number/],
    [{ entityRef: 'component:default/api', amount: '10', currency: 'dollars' }, /"dollars" is not a currency code/],
    [{ entityRef: 'component:default/api', amount: '10', currency: 'USD', month: '2024-13' }, /month "2024-13" is not a month/],
    [{ entityRef: 'component:default/api', amount: '10', currency: 'USD', month: '2024-09', fromMonth: '2024-09' }, /not both/],
    [{ entityRef: 'component:default/nope', amount: '10', currency: 'USD' }, /no entity component:default\/nope/],
  ])('refuses a bad budget with a 400 naming it: %j', async (body, message) => {
    const response = await putBudget(server, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('needs finops.budget.update on the entity to change it, not to read it', async () => {
    const allow: Allow = (permission, resourceRef) => permission !== 'finops.budget.update' || resourceRef !== 'component:default/api';
    const guarded = await startFinopsTestBackend({ entities, allow });
    expect((await putBudget(guarded, { entityRef: 'component:default/api', amount: '5', currency: 'USD' })).status).toBe(403);
    expect((await getBudget(guarded, 'component:default/api')).body.budget).toMatchObject({ source: 'annotation' });
    expect((await putBudget(guarded, { entityRef: 'component:default/web', amount: '5', currency: 'USD' })).status).toBe(200);
  });

  it('forecasts the month of dataThrough and the months after it, with intervals', async () => {
    const response = await request(server)
      .get('/api/finops/forecast')
      .query({ entityRef: 'component:default/api', months: 2 })
      .set('Authorization', user());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ entityRef: 'component:default/api', currency: 'USD', dataThrough: '2024-09-20' });
    expect(response.body.months.map((m: any) => m.month)).toEqual(['2024-09', '2024-10', '2024-11']);
    const [september] = response.body.months;
    // 20 days at $10 with too short a history for the seasonal method: about $300, inside its interval.
    expect(Number(september.amount)).toBeGreaterThan(250);
    expect(Number(september.amount)).toBeLessThan(350);
    expect(Number(september.low)).toBeLessThanOrEqual(Number(september.amount));
    expect(Number(september.high)).toBeGreaterThanOrEqual(Number(september.amount));
    expect(response.body.backtest).toEqual([]);
  });

  it("lists a group's budgeted members with their own status, for the team table", async () => {
    const response = await request(server)
      .get('/api/finops/budgets')
      .query({ entityRef: 'group:default/team', month: '2024-09', includeMembers: true })
      .set('Authorization', user());
    expect(response.status).toBe(200);
    const members = [...response.body.members].sort((a: any, b: any) => a.entityRef.localeCompare(b.entityRef));
    expect(members.map((m: any) => [m.entityRef, m.budget, m.monthToDate, m.status])).toEqual([
      ['component:default/api', { amount: '100', currency: 'USD' }, { amount: '200', currency: 'USD' }, 'over'],
      ['component:default/eu-only', { amount: '100', currency: 'EUR' }, { amount: '0', currency: 'EUR' }, 'on-track'],
      ['component:default/worker', { amount: '50', currency: 'EUR' }, { amount: '0', currency: 'EUR' }, 'on-track'],
    ]);
    const plain = await request(server).get('/api/finops/budgets').query({ entityRef: 'group:default/team', month: '2024-09' }).set('Authorization', user());
    expect(plain.body.members).toBeUndefined();
  });
});
