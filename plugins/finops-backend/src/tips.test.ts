import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { addDays } from '@backstage-finops/plugin-finops-common';
import request from 'supertest';
import { DEFAULT_COLUMNS, focusCsv } from './__testUtils__/focusCsv';
import { type Allow, importFile, startFinopsTestBackend } from './__testUtils__/finopsTestBackend';

jest.setTimeout(90_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', namespace: 'default' },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
];

const USAGE_COLUMNS = ['x_UsageType', 'x_Operation', 'PricingQuantity', 'PricingUnit', 'ConsumedQuantity', 'ConsumedUnit', 'ResourceType'];

/**
 * September 2024: api's 100 GiB gp2 volume at $1 a day (100/30 GB-Mo a
 * day), and an untagged idle Elastic IP at $0.12 a day.
 */
function bill(volumeType = 'gp2') {
  const rows = [];
  for (let day = '2024-09-01'; day <= '2024-09-30'; day = addDays(day, 1)) {
    const charge = { ChargePeriodStart: `${day}T00:00:00Z`, ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`, ServiceName: 'Amazon Elastic Compute Cloud' };
    rows.push(
      {
        ...charge,
        EffectiveCost: '1',
        BilledCost: '1',
        ListCost: '1',
        ServiceCategory: 'Storage',
        ResourceId: 'vol-1',
        ResourceType: 'Volume',
        Tags: '{"service":"api"}',
        x_UsageType: `USE1-EBS:VolumeUsage.${volumeType}`,
        x_Operation: 'CreateVolume',
        PricingQuantity: String(100 / 30),
        PricingUnit: 'GB-Mo',
        ConsumedQuantity: String(100 / 30),
        ConsumedUnit: 'GB-Mo',
      },
      {
        ...charge,
        EffectiveCost: '0.12',
        BilledCost: '0.12',
        ListCost: '0.12',
        ServiceCategory: 'Networking',
        ResourceId: 'eipalloc-1',
        ResourceType: 'Elastic IP',
        Tags: '',
        x_UsageType: 'USE1-ElasticIP:IdleAddress',
        x_Operation: 'AssociateAddress',
        PricingQuantity: '24',
        PricingUnit: 'Hrs',
        ConsumedQuantity: '24',
        ConsumedUnit: 'Hrs',
      },
    );
  }
  return focusCsv(rows, [...DEFAULT_COLUMNS, ...USAGE_COLUMNS]);
}

const user = () => mockCredentials.user.header();

async function tipsOf(server: any, query: Record<string, string> = {}) {
  const response = await request(server).get('/api/finops/tips').query(query).set('Authorization', user());
  return response;
}

async function waitForTips(server: any, after: string | null = null) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await tipsOf(server);
    if (response.body.evaluatedAt && response.body.evaluatedAt !== after) {
      return response.body;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error('the tips were not evaluated');
}

describe('optimization tips', () => {
  it('finds tips in imported usage, attributes them, and keeps decisions with who and when across re-evaluations', async () => {
    const server = await startFinopsTestBackend({ entities });
    await importFile(server, bill());
    const all = await waitForTips(server);
    const gp2 = all.tips.find((tip: any) => tip.rule === 'gp2-to-gp3');
    const address = all.tips.find((tip: any) => tip.rule === 'idle-address');
    // 20 % of $1 a day, monthly: 0.2 × 365.25 / 12.
    expect(gp2).toMatchObject({
      entityRef: 'component:default/api',
      resources: [{ resourceId: 'vol-1', serviceName: 'Amazon Elastic Compute Cloud' }],
      estimatedMonthlySavings: { amount: '6.0875', currency: 'USD' },
      status: 'open',
      decision: null,
      active: true,
    });
    // The whole cost of the idle address, monthly: 0.12 × 365.25 / 12; it has no owner.
    expect(address).toMatchObject({ entityRef: null, estimatedMonthlySavings: { amount: '3.6525', currency: 'USD' } });

    // The team sees its component's tips, not the organisation's unallocated ones.
    const team = (await tipsOf(server, { entityRef: 'group:default/payments' })).body;
    expect(team.tips.map((tip: any) => tip.rule)).toEqual(['gp2-to-gp3']);
    expect(team.totalEstimatedMonthlySavings).toEqual({ amount: '6.0875', currency: 'USD' });

    const patch = (id: string, body: object) => request(server).patch(`/api/finops/tips/${id}`).set('Authorization', user()).send(body);
    expect((await patch(gp2.id, { status: 'dismissed' })).status).toBe(400);
    expect((await patch(gp2.id, { status: 'snoozed', until: '2020-01-01' })).status).toBe(400);
    const dismissed = await patch(gp2.id, { status: 'dismissed', reason: 'volume is deleted next sprint' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', decision: { reason: 'volume is deleted next sprint', by: 'user:default/mock' } });
    expect((await tipsOf(server, { entityRef: 'group:default/payments', status: 'open' })).body.tips).toEqual([]);

    // A restated month is evaluated again: the tip keeps its id and the decision.
    await importFile(server, bill());
    const again = await waitForTips(server, all.evaluatedAt);
    expect(again.tips.find((tip: any) => tip.id === gp2.id)).toMatchObject({ status: 'dismissed', active: true });

    // Once the volume is gp3, the finding is gone; a done tip stays listed (for what it saved), an open one does not.
    expect((await patch(gp2.id, { status: 'done' })).body).toMatchObject({ status: 'done' });
    await importFile(server, bill('gp3'));
    const after = await waitForTips(server, again.evaluatedAt);
    expect(after.tips.find((tip: any) => tip.id === gp2.id)).toMatchObject({ status: 'done', active: false });
    expect(after.tips.filter((tip: any) => tip.rule === 'gp2-to-gp3')).toHaveLength(1);
  });

  it('checks finops.tips.update on the tip’s entity, and finops.org.read for the organisation’s tips', async () => {
    const denyUpdate: Allow = permission => permission !== 'finops.tips.update';
    const server = await startFinopsTestBackend({ entities, allow: denyUpdate });
    await importFile(server, bill());
    const { tips } = await waitForTips(server);
    for (const tip of tips) {
      const response = await request(server).patch(`/api/finops/tips/${tip.id}`).set('Authorization', user()).send({ status: 'done' });
      expect({ rule: tip.rule, status: response.status }).toEqual({ rule: tip.rule, status: 403 });
    }
    const noOrg = await startFinopsTestBackend({ entities, allow: permission => permission !== 'finops.org.read' });
    expect((await tipsOf(noOrg)).status).toBe(403);
    expect((await tipsOf(noOrg, { entityRef: 'component:default/api' })).status).toBe(200);
  });
});
