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
    // Each entity is checked as /costs checks it, with one catalog and one permission round for all of them
    // at once; one the caller cannot see in the catalog is hidden like one they may not read.
    const rollups = new Map(asked.map(entityRef => [entityRef, attribution.rollup(entityRef)]));
    const everyMember = [...new Set([...rollups.values()].flat())];
    const [visibleRefs, permitted] = await Promise.all([
      authorization.visibleEntities(credentials, everyMember),
      authorization.readableEntities(credentials, everyMember),
    ]);
    const visible = new Set(visibleRefs);
    const readable = new Set(permitted.filter(ref => visible.has(ref)));
    const checked = asked.map(entityRef => {
      const rollup = rollups.get(entityRef)!.filter(ref => visible.has(ref));
      const members = rollup.filter(ref => readable.has(ref));
      return { entityRef, rollup, members, readable: members.includes(entityRef) };
    });
    const shown = checked.filter(entry => entry.readable).map(({ entityRef, members }) => ({ entityRef, members }));
    const hiddenEntityCount = checked.reduce(
      (count, entry) => count + (entry.readable ? entry.rollup.length - entry.members.length : 1),
      0,
    );
    if (shown.length === 0) {
      throw new NotAllowedError(`Not allowed to read the cost of ${asked.length === 1 ? asked[0] : `any of ${asked.join(', ')}`}`);
    }
    const filter = { from, to, metric };
    const before = previousPeriod(from, to);
    // One read per entity over its own members, the previous period and the current one together, by source
    // too: each reads its rollup's rows once, and the sources contributing in the period come with them.
    const sums = await Promise.all(
      shown.map(async ({ entityRef, members }) => {
        const both = await stores.costs.sumCosts({ ...filter, from: before.from, entityRefs: members }, ['usageDate', 'source']);
        return {
          entityRef,
          current: both.filter(sum => sum.dimensions.usageDate! >= from),
          previous: both.filter(sum => sum.dimensions.usageDate! < from),
        };
      }),
    );
    const everyShownMember = [...new Set(shown.flatMap(entry => entry.members))];
    const freshness = await readFreshness(
      stores,
      { ...filter, entityRefs: everyShownMember },
      settings.freshness.settleDays,
      sums.flatMap(entry => entry.current),
    );
    const report = buildCompare({
      period: { from, to, granularity: (req.query.granularity ?? 'day') as Granularity },
      costMetric: metric,
      requestedCurrency: req.query.currency,
      shown: sums,
      hiddenEntityCount,
      freshness,
    });
    sendReport(req, res, report, compareCsv, `compare-${from}-${to}.csv`);
  });
}
