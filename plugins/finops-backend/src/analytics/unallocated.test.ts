import { moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { CostSum, StoredCostKey } from '../core';
import { largestUnallocated, UnallocatedReads } from './unallocated';

const key = (id: number, service: string): StoredCostKey => ({
  id,
  hash: `h${id}`,
  tagsJson: JSON.stringify({ service }),
  billingAccountId: '111',
  subAccountId: '222',
  entityRef: null,
  rule: null,
  detail: 'unallocated',
});

const sum = (currency: string, amount: string, dimensions: CostSum['dimensions']): CostSum => ({
  currency,
  amount: moneyFromDecimal(amount),
  dimensions,
});

/** Unallocated spend of three keys, one of them in EUR, as the store would sum it. */
const costs: UnallocatedReads['costs'] = {
  topCosts: async () => [
    sum('USD', '300', { costKey: '1' }),
    sum('EUR', '250', { costKey: '3' }),
    sum('USD', '100', { costKey: '2' }),
  ],
  sumCosts: async filter => {
    expect(filter).toMatchObject({ entityRefs: null, costKeyIds: [1, 2] });
    return [
      ...Array.from({ length: 7 }, (_, i) => sum('USD', `${i + 1}0`, { costKey: '1', resource: `i-${i}`, service: 'EC2' })),
      sum('USD', '100', { costKey: '2', resource: 'bucket', service: 'S3' }),
    ];
  },
};
const reads: UnallocatedReads = {
  costs,
  attribution: {
    listCostKeys: async ids => [key(1, 'checkout'), key(2, 'search'), key(3, 'eu')].filter(k => ids!.includes(k.id)),
  },
};

describe('largestUnallocated', () => {
  it('lists the largest unallocated keys in the currency asked for, each with its five largest resources', async () => {
    const items = await largestUnallocated(reads, { from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost', currency: 'USD', limit: 2 });
    expect(items.map(item => [item.tags.service, item.amount])).toEqual([
      ['checkout', '300'],
      ['search', '100'],
    ]);
    expect(items[0].topResources.map(r => r.resourceId)).toEqual(['i-6', 'i-5', 'i-4', 'i-3', 'i-2']);
    expect(items[1]).toMatchObject({ billingAccountId: '111', subAccountId: '222', topResources: [{ resourceId: 'bucket', serviceName: 'S3', amount: '100' }] });
  });

  it('lists nothing, and reads no resources, when nothing is unallocated', async () => {
    const empty: UnallocatedReads = {
      ...reads,
      costs: { topCosts: async () => [], sumCosts: async () => { throw new Error('not read'); } },
    };
    expect(await largestUnallocated(empty, { from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost', currency: 'USD', limit: 5 })).toEqual([]);
  });
});
