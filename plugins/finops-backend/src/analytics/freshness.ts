import type { CostFilter, CostSum, StoredSlice } from '../core';
import type { FinopsStores } from '../database/FinopsStores';
import { contributingSources, type Freshness, freshnessOf } from './costReport';

/**
 * dataThrough of the sources with cost under the filter in its period, or,
 * when none had any there, of those with cost under it at any time.
 * What a caller read anyway spares a read: `bySource`, the filter's sums
 * grouped by source (among other dimensions), and the stored `slices`.
 */
export async function readFreshness(
  stores: { costs: Pick<FinopsStores['costs'], 'sumCosts'>; slices: Pick<FinopsStores['slices'], 'listSlices'> },
  filter: CostFilter,
  settleDays: number,
  known: { bySource?: CostSum[]; slices?: StoredSlice[] } = {},
): Promise<Freshness> {
  const [inPeriod, slices] = await Promise.all([
    known.bySource ?? stores.costs.sumCosts(filter, ['source']),
    known.slices ?? stores.slices.listSlices(),
  ]);
  let contributing = contributingSources(inPeriod);
  if (contributing.length === 0) {
    contributing = contributingSources(await stores.costs.sumCosts({ ...filter, from: '0000-01-01', to: '9999-12-31' }, ['source']));
  }
  return freshnessOf({ contributing, slices, settleDays });
}
