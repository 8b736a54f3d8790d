import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CostGroupBy, Granularity, previousPeriod } from '@backstage-finops/plugin-finops-common';
import { buildCostReport } from '../../analytics/costReport';
import { readFreshness } from '../../analytics/freshness';
import { credentialsOf, type FinopsRouter, type RouteContext } from './context';
import { readEntityRef, readPeriod } from './params';

/** GET /costs: an entity's cost and what it rolls up, as far as the caller may read it. */
export function addCostRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, attribution, authorization, settings } = context;
  const metric = settings.costMetric;

  router.get('/costs', async (req, res) => {
    const credentials = credentialsOf(res);
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const entityRef = readEntityRef(req.query.entityRef);
    const entity = await context.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await attribution.ensureLoaded();
    // Only what the caller can see in the catalog is counted, hidden or not.
    const rollup = await authorization.visibleEntities(credentials, attribution.rollup(entityRef));
    const includedEntityRefs = await authorization.readableEntities(credentials, rollup);
    if (!includedEntityRefs.includes(entityRef)) {
      throw new NotAllowedError(`Not allowed to read the cost of ${entityRef}`);
    }
    const groupBy = req.query.groupBy as CostGroupBy | undefined;
    const filter = { from, to, metric, entityRefs: includedEntityRefs };
    const [current, before, freshness] = await Promise.all([
      stores.costs.sumCosts(filter, groupBy ? ['usageDate', groupBy] : ['usageDate']),
      stores.costs.sumCosts({ ...filter, ...previousPeriod(from, to) }, []),
      readFreshness(stores, filter, settings.freshness.settleDays),
    ]);
    res.json(
      buildCostReport({
        entityRef,
        includedEntityRefs,
        from,
        to,
        granularity: (req.query.granularity ?? 'day') as Granularity,
        groupBy,
        costMetric: metric,
        requestedCurrency: req.query.currency,
        current,
        previous: before,
        hiddenEntityCount: rollup.length - includedEntityRefs.length,
        freshness,
        attributionTagKeys: { entity: settings.attribution.entityTagKeys, owner: settings.attribution.ownerTagKeys },
      }),
    );
  });
}
