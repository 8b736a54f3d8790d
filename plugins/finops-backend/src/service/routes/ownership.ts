import { daysBetween, formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { factsOf } from '../../core';
import { chooseCurrency } from '../../analytics/costReport';
import { readFreshness } from '../../analytics/freshness';
import { ALLOCATION_BANDS, ownershipCoverage } from '../../analytics/ownershipCoverage';
import { policyFindings } from '../../analytics/policyFindings';
import { largestUnallocated } from '../../analytics/unallocated';
import type { FinopsRouter, RouteContext } from './context';
import { readPeriod } from './params';

/**
 * The lowest confidence of a suggestion listed by default: the lowest at
 * which the top suggestion's precision stays at or above 0.8 on the
 * labelled set (`bench/ownership.ts`).
 */
const DEFAULT_MIN_CONFIDENCE = 0.1;

/** GET /ownership/coverage, /findings and /suggestions: how much spend has an owner, what in its tags breaks the policy, and who probably owns the rest. */
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

  router.get('/ownership/suggestions', async (req, res) => {
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const filter = { from, to, metric: settings.costMetric };
    const minConfidence = Number(req.query.minConfidence ?? DEFAULT_MIN_CONFIDENCE);
    const byKey = await stores.costs.sumCosts(filter, ['costKey']);
    const { currency, currencies } = chooseCurrency(byKey, req.query.currency);
    await context.attribution.ensureLoaded();
    const [unallocated, keys] = await Promise.all([
      largestUnallocated(stores, { ...filter, currency, limit: Number(req.query.limit ?? 20) }),
      stores.attribution.listCostKeys(byKey.filter(sum => sum.currency === currency).map(sum => Number(sum.dimensions.costKey))),
    ]);
    const amounts = new Map(byKey.filter(sum => sum.currency === currency).map(sum => [Number(sum.dimensions.costKey), sum.amount]));
    const attributed = keys.flatMap(key =>
      key.entityRef === null ? [] : [{ ...factsOf(key), entityRef: key.entityRef, amount: amounts.get(key.id) ?? 0n }],
    );
    const items = unallocated.map(item => ({
      ...item,
      amount: moneyFromDecimal(item.amount),
      topResources: item.topResources.map(resource => ({ ...resource, amount: moneyFromDecimal(resource.amount) })),
    }));
    res.json({
      from,
      to,
      currency,
      currencies,
      minConfidence,
      items: context.attribution.suggestOwners(items, attributed).map(item => ({
        ...item,
        amount: formatDecimal(item.amount),
        topResources: item.topResources.map(resource => ({ ...resource, amount: formatDecimal(resource.amount) })),
        suggestions: item.suggestions.filter(suggestion => suggestion.confidence >= minConfidence),
      })),
    });
  });
}
