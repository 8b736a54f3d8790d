import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { focusCsv } from './__testUtils__/focusCsv';
import { type Allow, importFile, startFinopsTestBackend } from './__testUtils__/finopsTestBackend';

jest.setTimeout(60_000);

const entity = (kind: string, name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: owner ? { type: 'service', owner, lifecycle: 'production' } : { type: 'team', children: [] },
  relations: owner ? [{ type: 'ownedBy', targetRef: `group:default/${owner}` }] : [],
});
const entities = [entity('Group', 'payments'), entity('Component', 'checkout-api', 'payments'), entity('Component', 'ledger', 'payments')];
// ledger says how its cost is found, and declares a budget that is not one.
entities[2].metadata.annotations = { 'finops.backstage.io/cloud-accounts': 'ledger-account', 'finops.backstage.io/monthly-budget': 'a lot' };

const charge = (tags: Record<string, string>, cost: string, extra: Record<string, string> = {}) => ({
  EffectiveCost: cost,
  BilledCost: cost,
  Tags: JSON.stringify(tags),
  ...extra,
});

describe('GET /ownership/suggestions', () => {
  it('suggests who owns the largest unallocated spend, with evidence and confidence, most likely first', async () => {
    const server = await startFinopsTestBackend({ entities });
    const imported = await importFile(
      server,
      focusCsv([
        charge({ service: 'checkout-api' }, '100'),
        charge({ service: 'ledger' }, '50', { SubAccountId: 'ledger-account' }),
        // A near-miss of checkout-api's name: not attributed, but surely its.
        charge({ service: 'Checkout_API' }, '30', { ResourceId: 'i-checkout' }),
        // Nothing names an owner, in an account no attributed spend is in.
        charge({ purpose: 'experiment' }, '7', { BillingAccountId: '999999999999', SubAccountId: 'sandbox', ResourceId: 'i-sandbox' }),
      ]),
    );
    expect(imported.status).toBe('succeeded');
    const response = await request(server)
      .get('/api/finops/ownership/suggestions')
      .query({ from: '2024-09-01', to: '2024-10-01' })
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ currency: 'USD', minConfidence: 0.1 });
    const [nearMiss, experiment] = response.body.items;
    expect(nearMiss).toMatchObject({ tags: { service: 'Checkout_API' }, amount: '30', topResources: [{ resourceId: 'i-checkout', amount: '30' }] });
    expect(nearMiss.suggestions[0]).toMatchObject({ entityRef: 'component:default/checkout-api', evidence: expect.arrayContaining([expect.objectContaining({ kind: 'tagValue' })]) });
    expect(nearMiss.suggestions[0].confidence).toBeGreaterThan(0.5);
    expect(experiment).toMatchObject({ tags: { purpose: 'experiment' }, amount: '7', suggestions: [] });
    expect(response.body.items).toHaveLength(2);

    const strict = await request(server)
      .get('/api/finops/ownership/suggestions')
      .query({ from: '2024-09-01', to: '2024-10-01', minConfidence: 1, limit: 1 })
      .set('Authorization', mockCredentials.user.header());
    expect(strict.body.items).toHaveLength(1);
    expect(strict.body.items[0].suggestions.every((s: any) => s.confidence >= 1)).toBe(true);
  });
});

describe('GET /ownership/compliance', () => {
  const bill = focusCsv([
    charge({ service: 'checkout-api' }, '100'),
    charge({}, '12.5', { SubAccountId: '222222222222', ResourceId: 'vol-untagged' }),
    charge({}, '99', { BillingAccountId: '999999999999', SubAccountId: 'elsewhere' }),
  ]);
  const compliance = (server: any) =>
    request(server).get('/api/finops/ownership/compliance').query({ entityRef: 'group:default/payments', from: '2024-09-01', to: '2024-10-01' }).set('Authorization', mockCredentials.user.header());

  it("scores a team's entities against the policy, with each issue and its fix, and the unallocated spend in its accounts", async () => {
    const server = await startFinopsTestBackend({ entities, finopsConfig: { metadataPolicy: { costSource: { severity: 'error', kinds: ['Component'] } } } });
    await importFile(server, bill);
    const response = await compliance(server);
    expect(response.status).toBe(200);
    expect(response.body.score).toEqual({ compliant: 0, total: 2, percent: 0 });
    expect(response.body.entities).toEqual([
      {
        entityRef: 'component:default/checkout-api',
        kind: 'Component',
        issues: [expect.objectContaining({ rule: 'cost-source', severity: 'error', fix: "metadata:\n  annotations:\n    finops.backstage.io/cost-tags: 'service=checkout-api'" })],
      },
      { entityRef: 'component:default/ledger', kind: 'Component', issues: [expect.objectContaining({ rule: 'annotation', severity: 'error', message: expect.stringMatching(/monthly-budget/) })] },
    ]);
    // The untagged volume in the team's account, not the spend in an account the team has nothing in.
    expect(response.body.unallocatedInAccounts).toEqual({ currency: 'USD', amount: '12.5', accounts: [{ account: '222222222222', amount: '12.5' }] });
  });

  it("shows a team its own compliance, and anyone with finops.org.read any team's", async () => {
    const forbid = (...names: string[]): Allow => permission => !names.includes(permission);
    for (const [allow, status] of [
      [forbid('finops.org.read'), 200],
      [forbid('finops.cost.read'), 200],
      [forbid('finops.cost.read', 'finops.org.read'), 403],
    ] as const) {
      const server = await startFinopsTestBackend({ entities, allow });
      expect((await compliance(server)).status).toBe(status);
    }
  });
});
