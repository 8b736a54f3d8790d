import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import request from 'supertest';
import { focusCsv } from './__testUtils__/focusCsv';
import { importFile, startFinopsTestBackend } from './__testUtils__/finopsTestBackend';

jest.setTimeout(60_000);

/**
 * A team of more components than a report shows on their own: the route
 * sums only the largest by day and derives (other); the answer must be the
 * one summing every component by day would give.
 */
const COMPONENTS = 56;
const name = (i: number) => `c${String(i).padStart(2, '0')}`;
const entities: Entity[] = [
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'big', namespace: 'default' }, spec: { type: 'team', children: [] } },
  ...Array.from({ length: COMPONENTS }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: name(i), namespace: 'default' },
    spec: { type: 'service', owner: 'big', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/big' }],
  })),
];
const row = (day: string, service: string, cost: string) => ({
  ChargePeriodStart: `2024-09-${day}T00:00:00Z`,
  ChargePeriodEnd: `2024-09-${day}T01:00:00Z`,
  EffectiveCost: cost,
  BilledCost: cost,
  Tags: JSON.stringify({ service }),
});
// Component i costs i + 0.01 on the 10th and, for every third, 1 more on the 11th; c00 is hidden from the caller.
const charges = Array.from({ length: COMPONENTS }, (_, i) => [
  row('10', name(i), `${i}.01`),
  ...(i % 3 === 0 ? [row('11', name(i), '1.000000000000000001')] : []),
]).flat();
const costOf = (i: number) => moneyFromDecimal(`${i}.01`) + (i % 3 === 0 ? moneyFromDecimal('1.000000000000000001') : 0n);

it('breaks a team of many components down by the largest, the rest as (other), exactly as summing each would', async () => {
  const server = await startFinopsTestBackend({ entities, allow: (_permission, resourceRef) => resourceRef !== 'component:default/c00' });
  expect(await importFile(server, focusCsv(charges))).toMatchObject({ status: 'succeeded' });

  const response = await request(server)
    .get('/api/finops/costs?entityRef=group:default/big&groupBy=entity&from=2024-09-10&to=2024-09-12')
    .set('Authorization', mockCredentials.user.header());
  expect(response.status).toBe(200);
  const { groups, series, total, hiddenEntityCount, dataThrough } = response.body;
  expect(hiddenEntityCount).toBe(1);
  expect(dataThrough).toBe('2024-09-11');
  const readable = Array.from({ length: COMPONENTS }, (_, i) => i).filter(i => i > 0);
  const largestFirst = [...readable].sort((a, b) => Number(costOf(b) - costOf(a)) || a - b);
  const shown = largestFirst.slice(0, 49);
  expect(groups.slice(0, 49).map((g: any) => [g.key, g.amount])).toEqual(shown.map(i => [`component:default/${name(i)}`, formatDecimal(costOf(i))]));
  const rest = largestFirst.slice(49);
  expect(groups[49].key).toBe('(other)');
  expect(groups[49].amount).toBe(formatDecimal(rest.reduce((acc, i) => acc + costOf(i), 0n)));
  expect(groups[49].series.map((p: any) => p.amount)).toEqual([
    formatDecimal(rest.reduce((acc, i) => acc + moneyFromDecimal(`${i}.01`), 0n)),
    formatDecimal(rest.filter(i => i % 3 === 0).reduce(acc => acc + moneyFromDecimal('1.000000000000000001'), 0n)),
  ]);
  expect(total.amount).toBe(formatDecimal(readable.reduce((acc, i) => acc + costOf(i), 0n)));
  for (const [day, point] of series.entries()) {
    expect(formatDecimal(groups.reduce((acc: bigint, g: any) => acc + moneyFromDecimal(g.series[day].amount), 0n))).toBe(point.amount);
  }
});
