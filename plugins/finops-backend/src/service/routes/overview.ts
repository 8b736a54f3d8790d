import { type Granularity, previousPeriod } from '@backstage-finops/plugin-finops-common';
import { type OverviewSection, overviewCsv } from '../../analytics/csvExports';
import { readFreshness } from '../../analytics/freshness';
import { buildOverview } from '../../analytics/organisation';
import { nextRunAt } from '../../jobs/FinopsJob';
import type { FinopsRouter, RouteContext } from './context';
import { readUnitCosts } from './metrics';
import { readPeriod } from './params';
import { sendReport } from './respond';

/** Movers listed in each direction. */
const MOVERS_LIMIT = 10;

/** GET /overview: the organisation's spend and how much of it has an owner. */
export function addOverviewRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, attribution, settings } = context;
  const metric = settings.costMetric;

  router.get('/overview', async (req, res) => {
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const filter = { from, to, metric };
    await attribution.ensureLoaded();
    // The teams, movers, the by-category, by-account and by-provider lists and the contributing sources
    // come from one sum by all of these: each entity has few combinations of them.
    const [byDay, unallocatedByDay, byEntityAndMore, previousByEntity, slices] = await Promise.all([
      stores.costs.sumCosts(filter, ['usageDate']),
      stores.costs.sumCosts({ ...filter, entityRefs: null }, ['usageDate']),
      stores.costs.sumCosts(filter, ['entity', 'serviceCategory', 'account', 'provider', 'source']),
      stores.costs.sumCosts({ ...filter, ...previousPeriod(from, to) }, ['entity']),
      stores.slices.listSlices(),
    ]);
    const freshness = await readFreshness(stores, filter, settings.freshness.settleDays, { bySource: byEntityAndMore, slices });
    const scheduled = new Map(context.sources.list().map(source => [source.id, source]));
    const sourceIds = [...new Set(slices.map(slice => slice.sourceId))].sort();
    const sources = await Promise.all(
      sourceIds.map(async sourceId => {
        const own = slices.filter(slice => slice.sourceId === sourceId);
        const latest = (values: Array<string | null>) => values.filter((v): v is string => !!v).sort().pop() ?? null;
        const schedule = scheduled.get(sourceId)?.schedule;
        const lastRun = schedule ? (await stores.imports.lastImport(sourceId))?.createdAt ?? null : null;
        return {
          sourceId,
          dataThrough: latest(own.map(slice => slice.lastUsageDate)),
          lastImportedAt: latest(own.map(slice => slice.importedAt)),
          nextRunAt: schedule && lastRun ? nextRunAt(schedule, lastRun) : null,
        };
      }),
    );
    const report = buildOverview({
      period: { from, to, granularity: (req.query.granularity ?? 'day') as Granularity },
      costMetric: metric,
      requestedCurrency: req.query.currency,
      byDay,
      unallocatedByDay,
      byEntity: byEntityAndMore,
      previousByEntity,
      byServiceCategory: byEntityAndMore,
      byAccount: byEntityAndMore,
      byProvider: byEntityAndMore,
      teamOf: attribution.teamBuckets(),
      movers: { minimum: settings.movers.minimumAmount, limit: MOVERS_LIMIT },
      sources,
      freshness,
    });
    const unitCosts = await readOrganisationUnitCosts(context, { from, to }, report.currency);
    const section = (req.query.section ?? 'series') as OverviewSection;
    sendReport(req, res, { ...report, unitCosts }, r => overviewCsv(r, section), `overview-${section}-${from}-${to}.csv`);
  });
}

/**
 * Each unit metric over every entity that declares it: the organisation's
 * cost per unit, total cost over total units as for a team.
 */
async function readOrganisationUnitCosts(context: RouteContext, period: { from: string; to: string }, currency: string) {
  const byMetric = new Map<string, string[]>();
  for (const { entityRef, metrics } of context.attribution.metricDeclarations()) {
    for (const metric of metrics) {
      byMetric.set(metric, [...(byMetric.get(metric) ?? []), entityRef]);
    }
  }
  return Promise.all(
    [...byMetric].sort(([a], [b]) => a.localeCompare(b)).map(async ([metric, entityRefs]) => {
      const report = await readUnitCosts(context, {
        entityRef: 'organisation',
        metric,
        period: { ...period, granularity: 'month' },
        includedEntityRefs: entityRefs,
        hiddenEntityCount: 0,
        requestedCurrency: currency,
      });
      const { unit, total, previousTotal, changeRatio, costChangeRatio, quantityChangeRatio, uncoveredCost } = report;
      return { metric, unit, entityRefs, total, previousTotal, changeRatio, costChangeRatio, quantityChangeRatio, uncoveredCost };
    }),
  );
}
