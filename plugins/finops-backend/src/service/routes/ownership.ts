import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  checkEntityMetadata,
  daysBetween,
  finopsOrgReadPermission,
  formatDecimal,
  largestFirst,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';
import { type CostColumn, factsOf } from '../../core';
import { chooseCurrency } from '../../analytics/costReport';
import { readFreshness } from '../../analytics/freshness';
import { ALLOCATION_BANDS, ownershipCoverage } from '../../analytics/ownershipCoverage';
import { policyFindings } from '../../analytics/policyFindings';
import { largestUnallocated } from '../../analytics/unallocated';
import { credentialsOf, type FinopsRouter, type RouteContext } from './context';
import { readEntityRef, readPeriod, readRecentPeriod } from './params';
import { readReadableRollup } from './readableRollup';

/**
 * The lowest confidence of a suggestion listed by default: the lowest at
 * which the top suggestion's precision stays at or above 0.8 on the
 * labelled set (`bench/ownership.ts`).
 */
const DEFAULT_MIN_CONFIDENCE = 0.1;

/**
 * GET /ownership/coverage, /findings, /suggestions and /compliance: how much
 * spend has an owner, what in its tags breaks the policy, who probably owns
 * the rest, and how well a team's catalog entries follow the policy.
 */
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

  router.get('/ownership/compliance', async (req, res) => {
    const credentials = credentialsOf(res);
    const entityRef = readEntityRef(req.query.entityRef);
    const { from, to } = readRecentPeriod(req.query.from, req.query.to, 30);
    // A team's own compliance needs the cost of the team; anyone with the organisation's views may see any team's.
    const members = await readReadableRollup(context, credentials, entityRef).then(
      rollup => rollup.readable,
      async error => {
        if (!(error instanceof NotAllowedError) || !(await context.authorization.allows(credentials, finopsOrgReadPermission))) {
          throw error;
        }
        return context.authorization.visibleEntities(credentials, context.attribution.rollup(entityRef));
      },
    );
    const { items } = await context.catalog.getEntitiesByRefs({ entityRefs: members }, { credentials });
    const catalogued = items.filter((entity): entity is Entity => entity !== undefined);
    const ownerRefs = [...new Set(catalogued.flatMap(entity => (entity.relations ?? []).filter(r => r.type === 'ownedBy').map(r => r.targetRef)))];
    const owners = await context.catalog.getEntitiesByRefs({ entityRefs: ownerRefs, fields: ['kind', 'metadata.name', 'metadata.namespace'] }, { credentials });
    const existingOwners = new Set(owners.items.flatMap(owner => (owner && ['group', 'user'].includes(owner.kind.toLowerCase()) ? [stringifyEntityRef(owner)] : [])));
    const entities = catalogued
      .filter(entity => entity.kind.toLowerCase() !== 'group')
      .map(entity => {
        const owner = (entity.relations ?? []).find(r => r.type === 'ownedBy')?.targetRef;
        return { entityRef: stringifyEntityRef(entity), kind: entity.kind, issues: checkEntityMetadata(entity, settings.metadataPolicy, owner ? existingOwners.has(owner) : undefined) };
      })
      .sort((a, b) => b.issues.length - a.issues.length || a.entityRef.localeCompare(b.entityRef));
    const compliant = entities.filter(entity => entity.issues.length === 0).length;
    res.json({
      entityRef,
      from,
      to,
      score: { compliant, total: entities.length, percent: entities.length ? (100 * compliant) / entities.length : null },
      entities,
      unallocatedInAccounts: await unallocatedInTeamAccounts(members, { from, to, metric: settings.costMetric }, req.query.currency),
    });
  });

  /** Unallocated spend in the accounts the team's attributed spend is in: untagged resources it probably owns. */
  async function unallocatedInTeamAccounts(members: string[], filter: { from: string; to: string; metric: CostColumn }, requestedCurrency?: string) {
    const teamAccounts = await stores.costs.sumCosts({ ...filter, entityRefs: members }, ['account']);
    const accounts = new Set(teamAccounts.map(sum => sum.dimensions.account ?? ''));
    const unallocated = (await stores.costs.sumCosts({ ...filter, entityRefs: null }, ['account'])).filter(sum => accounts.has(sum.dimensions.account ?? ''));
    const { currency } = chooseCurrency([...teamAccounts, ...unallocated], requestedCurrency);
    const inCurrency = unallocated.filter(sum => sum.currency === currency && sum.amount !== 0n).sort((a, b) => largestFirst(a.amount, b.amount));
    return {
      currency,
      amount: formatDecimal(inCurrency.reduce((total, sum) => total + sum.amount, 0n)),
      accounts: inCurrency.map(sum => ({ account: sum.dimensions.account ?? '', amount: formatDecimal(sum.amount) })),
    };
  }
}
