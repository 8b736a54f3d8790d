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
    // As in /costs, the sums over the whole rollups start with the checks and are used only when the
    // caller may read all of every one.
    const early = readSums(asked.map(entityRef => ({ entityRef, members: rollups.get(entityRef)! })), { from, to });
    early.catch(() => {});
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
    // Members are a rollup less what the caller may not see or read: the same length, nothing left out.
    const readsAll = shown.length === asked.length && shown.every(entry => entry.members.length === rollups.get(entry.entityRef)!.length);
    const sums = await (readsAll ? early : readSums(shown, { from, to }));
    const everyShownMember = [...new Set(shown.flatMap(entry => entry.members))];
    const freshness = await readFreshness(
      stores,
      { from, to, metric, entityRefs: everyShownMember },
      settings.freshness.settleDays,
      { bySource: sums.flatMap(entry => entry.current) },
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

  /** One read per entity over its members, the previous period and the current one together, by source too. */
  function readSums(shown: Array<{ entityRef: string; members: string[] }>, period: { from: string; to: string }) {
    const before = previousPeriod(period.from, period.to);
    return Promise.all(
      shown.map(async ({ entityRef, members }) => {
        const both = await stores.costs.sumCosts({ ...period, metric, from: before.from, entityRefs: members }, ['usageDate', 'source']);
        return {
          entityRef,
          current: both.filter(sum => sum.dimensions.usageDate! >= period.from),
          previous: both.filter(sum => sum.dimensions.usageDate! < period.from),
        };
      }),
    );
  }
}
