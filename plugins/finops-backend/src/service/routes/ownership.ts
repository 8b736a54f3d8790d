import { chooseCurrency } from '../../analytics/costReport';
import { readFreshness } from '../../analytics/freshness';
import { ALLOCATION_BANDS, ownershipCoverage } from '../../analytics/ownershipCoverage';
import type { FinopsRouter, RouteContext } from './context';
import { readPeriod } from './params';

/** GET /ownership/coverage: how much of the organisation's spend has an owner, over time and where. */
export function addOwnershipRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, settings } = context;

  router.get('/ownership/coverage', async (req, res) => {
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const granularity = req.query.granularity ?? 'month';
    const groupBy = req.query.groupBy ?? 'provider';
    const filter = { from, to, metric: settings.costMetric };
    const dimensions = ['usageDate' as const, groupBy];
    const [all, unallocated, freshness] = await Promise.all([
      stores.costs.sumCosts(filter, dimensions),
      stores.costs.sumCosts({ ...filter, entityRefs: null }, dimensions),
      readFreshness(stores, filter, settings.freshness.settleDays),
    ]);
    const { currency, currencies } = chooseCurrency(all, req.query.currency);
    res.json({
      from,
      to,
      granularity,
      groupBy,
      currency,
      currencies,
      ...ownershipCoverage({ all, unallocated, currency, from, to, granularity, groupOf: sum => sum.dimensions[groupBy] ?? '' }),
      bands: ALLOCATION_BANDS.map(band => ({ ...band })),
      dataThrough: freshness.dataThrough,
    });
  });
}
