import { daysBetween } from '@backstage-finops/plugin-finops-common';
import { chooseCurrency } from '../../analytics/costReport';
import { readFreshness } from '../../analytics/freshness';
import { ALLOCATION_BANDS, ownershipCoverage } from '../../analytics/ownershipCoverage';
import { policyFindings } from '../../analytics/policyFindings';
import type { FinopsRouter, RouteContext } from './context';
import { readPeriod } from './params';

/** GET /ownership/coverage and /ownership/findings: how much of the organisation's spend has an owner, and what in its tags breaks the policy. */
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

  router.get('/ownership/findings', async (req, res) => {
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const filter = { from, to, metric: settings.costMetric };
    const byKey = await stores.costs.sumCosts(filter, ['costKey']);
    const { currency, currencies } = chooseCurrency(byKey, req.query.currency);
    const inCurrency = byKey.filter(sum => sum.currency === currency && sum.amount !== 0n);
    const keys = new Map((await stores.attribution.listCostKeys(inCurrency.map(sum => Number(sum.dimensions.costKey)))).map(key => [key.id, key]));
    const { requiredTags } = settings.metadataPolicy;
    res.json({
      from,
      to,
      currency,
      currencies,
      requiredTags: requiredTags.flatMap(({ severity, ...tag }) => (severity === 'off' ? [] : [{ ...tag, severity }])),
      findings: policyFindings({
        keys: inCurrency.flatMap(sum => {
          const key = keys.get(Number(sum.dimensions.costKey));
          return key ? [{ key, amount: sum.amount }] : [];
        }),
        requiredTags,
        ownershipTagKeys: [...settings.attribution.entityTagKeys, ...settings.attribution.ownerTagKeys],
        days: daysBetween(from, to),
      }),
    });
  });
}
