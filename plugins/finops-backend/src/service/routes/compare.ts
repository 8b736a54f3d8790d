import { NotAllowedError } from '@backstage/errors';
import { type Granularity, previousPeriod } from '@backstage-finops/plugin-finops-common';
import { compareCsv } from '../../analytics/csvExports';
import { readFreshness } from '../../analytics/freshness';
import { buildCompare } from '../../analytics/organisation';
import { credentialsOf, type FinopsRouter, type RouteContext } from './context';
import { readEntityRef, readPeriod } from './params';
import { sendReport } from './respond';

/** GET /compare: entities side by side, each checked and rolled up as /costs does. */
export function addCompareRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, attribution, authorization, settings } = context;
  const metric = settings.costMetric;

  router.get('/compare', async (req, res) => {
    const credentials = credentialsOf(res);
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const asked = [...new Set([req.query.entityRef].flat().map(readEntityRef))];
    await attribution.ensureLoaded();
    let hiddenEntityCount = 0;
    const shown: Array<{ entityRef: string; members: string[] }> = [];
    for (const entityRef of asked) {
      // An entity the caller cannot see in the catalog is hidden like one they may not read.
      const entity = await context.catalog.getEntityByRef(entityRef, { credentials });
      const rollup = entity ? await authorization.visibleEntities(credentials, attribution.rollup(entityRef)) : [];
      const members = await authorization.readableEntities(credentials, rollup);
      if (!members.includes(entityRef)) {
        hiddenEntityCount += 1;
        continue;
      }
      hiddenEntityCount += rollup.length - members.length;
      shown.push({ entityRef, members });
    }
    if (shown.length === 0) {
      throw new NotAllowedError(`Not allowed to read the cost of ${asked.length === 1 ? asked[0] : `any of ${asked.join(', ')}`}`);
    }
    const union = [...new Set(shown.flatMap(entry => entry.members))];
    const filter = { from, to, metric, entityRefs: union };
    const [current, previous, freshness] = await Promise.all([
      union.length ? stores.costs.sumCosts(filter, ['usageDate', 'entity']) : [],
      union.length ? stores.costs.sumCosts({ ...filter, ...previousPeriod(from, to) }, ['entity']) : [],
      readFreshness(stores, filter, settings.freshness.settleDays),
    ]);
    const report = buildCompare({
      period: { from, to, granularity: (req.query.granularity ?? 'day') as Granularity },
      costMetric: metric,
      requestedCurrency: req.query.currency,
      shown,
      current,
      previous,
      hiddenEntityCount,
      freshness,
    });
    sendReport(req, res, report, compareCsv, `compare-${from}-${to}.csv`);
  });
}
