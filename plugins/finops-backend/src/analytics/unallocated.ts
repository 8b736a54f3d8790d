import { formatDecimal, largestFirst, type CoverageResponse } from '@backstage-finops/plugin-finops-common';
import type { FinopsStores } from '../database/FinopsStores';

/** Resources listed under each unallocated item, largest first. */
const TOP_RESOURCES_PER_ITEM = 5;

/** What the list of unallocated spend reads: cost sums, and the keys they name. */
export type UnallocatedReads = {
  costs: Pick<FinopsStores['costs'], 'topCosts' | 'sumCosts'>;
  attribution: Pick<FinopsStores['attribution'], 'listCostKeys'>;
};

/**
 * The largest unallocated cost keys of a period in one currency, each with
 * its tags and account (what an owner would be found by) and its largest
 * resources.
 */
export async function largestUnallocated(
  stores: UnallocatedReads,
  query: { from: string; to: string; metric: 'EffectiveCost' | 'BilledCost'; currency: string; limit: number },
): Promise<CoverageResponse['unallocatedItems']> {
  const filter = { from: query.from, to: query.to, metric: query.metric, entityRefs: null };
  const top = (await stores.costs.topCosts(filter, ['costKey'], query.limit * 2))
    .filter(sum => sum.currency === query.currency)
    .slice(0, query.limit);
  if (top.length === 0) {
    return [];
  }
  const keyIds = top.map(sum => Number(sum.dimensions.costKey));
  const keys = new Map((await stores.attribution.listCostKeys(keyIds)).map(key => [key.id, key]));
  const resources = await stores.costs.sumCosts({ ...filter, costKeyIds: keyIds }, ['costKey', 'resource', 'service']);
  return top.map(sum => {
    const key = keys.get(Number(sum.dimensions.costKey))!;
    const topResources = resources
      .filter(r => r.currency === query.currency && r.dimensions.costKey === sum.dimensions.costKey)
      .sort((a, b) => largestFirst(a.amount, b.amount))
      .slice(0, TOP_RESOURCES_PER_ITEM)
      .map(r => ({
        resourceId: r.dimensions.resource ?? '',
        serviceName: r.dimensions.service ?? '',
        amount: formatDecimal(r.amount),
      }));
    return {
      tags: JSON.parse(key.tagsJson),
      billingAccountId: key.billingAccountId,
      subAccountId: key.subAccountId,
      amount: formatDecimal(sum.amount),
      topResources,
    };
  });
}
