import { InputError } from '@backstage/errors';
import { CostGroupBy, Granularity, previousPeriod } from '@backstage-finops/plugin-finops-common';
import { buildCostReport, chooseCurrency, largestGroupKeys, MAX_GROUPS, otherByDay } from '../../analytics/costReport';
import { costReportCsv } from '../../analytics/csvExports';
import { readFreshness } from '../../analytics/freshness';
import type { CostDimension, CostFilter, CostSum } from '../../core';
import { credentialsOf, type FinopsRouter, type RouteContext } from './context';
import { readEntityRef, readPeriod } from './params';
import { readReadableRollup } from './readableRollup';
import { sendReport } from './respond';

/** GET /costs: an entity's cost and what it rolls up, as far as the caller may read it. */
export function addCostRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, attribution, settings } = context;
  const metric = settings.costMetric;

  router.get('/costs', async (req, res) => {
    const credentials = credentialsOf(res);
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const entityRef = readEntityRef(req.query.entityRef);
    const groupBy = req.query.groupBy as CostGroupBy | undefined;
    // Child groups are buckets of entities: summed by entity, then each entity goes to its child group.
    const dimension: CostDimension | undefined = groupBy === 'childGroup' ? 'entity' : groupBy;
    const readSums = async (entityRefs: string[]) => {
      const filter = { from, to, metric, entityRefs };
      const previous = stores.costs.sumCosts({ ...filter, ...previousPeriod(from, to) }, dimension ? [dimension] : []);
      // By source too: the sources contributing in the period come with the sums by day.
      const [{ current, bySource }, before] = await Promise.all([
        groupBy === 'entity' && entityRefs.length > MAX_GROUPS
          ? sumByDayOfLargestEntities(filter, previous, req.query.currency)
          : stores.costs.sumCosts(filter, dimension ? ['usageDate', dimension, 'source'] : ['usageDate', 'source']).then(sums => ({ current: sums, bySource: sums })),
        previous,
      ]);
      return { current, before, freshness: await readFreshness(stores, filter, settings.freshness.settleDays, { bySource }) };
    };
    // The sums over the whole rollup start with the checks, which take as long as they do: most callers
    // may read every part of what they open, and for them the sums are ready when the checks are.
    // Anyone else's are read again over what they may read; nothing read before a check is shown.
    await attribution.ensureLoaded();
    const wholeRollup = attribution.rollup(entityRef);
    const early = readSums(wholeRollup);
    early.catch(() => {});
    const { kind, visible: rollup, readable: includedEntityRefs } = await readReadableRollup(context, credentials, entityRef);
    if (groupBy === 'childGroup' && kind !== 'group') {
      throw new InputError(`groupBy=childGroup breaks down a Group's cost; ${entityRef} is a ${kind}`);
    }
    const childGroupOf = groupBy === 'childGroup' ? attribution.childGroupBuckets(entityRef) : undefined;
    const readsAll = includedEntityRefs.length === wholeRollup.length && includedEntityRefs.every((ref, i) => ref === wholeRollup[i]);
    const { current, before, freshness } = await (readsAll ? early : readSums(includedEntityRefs));
    const report = buildCostReport({
      entityRef,
      includedEntityRefs,
      from,
      to,
      granularity: (req.query.granularity ?? 'day') as Granularity,
      groupBy,
      groupKeyOf: childGroupOf && ((sum: CostSum) => childGroupOf(sum.dimensions.entity ?? '')),
      costMetric: metric,
      requestedCurrency: req.query.currency,
      current,
      previous: before,
      hiddenEntityCount: rollup.length - includedEntityRefs.length,
      freshness,
      attributionTagKeys: { entity: settings.attribution.entityTagKeys, owner: settings.attribution.ownerTagKeys },
    });
    sendReport(req, res, report, costReportCsv, `cost-${entityRef.replace(/[^\w.-]+/g, '_')}-${from}-${to}.csv`);
  });

  /**
   * Sums by day and entity as the report shows them: a rollup of more
   * entities than it shows has only its largest summed by day, and the rest
   * as one `(other)` group, the series by day minus theirs. A team of 200
   * components over 90 days reads 4 500 groups instead of 18 000. The sums
   * by day and source come with them for the freshness.
   */
  async function sumByDayOfLargestEntities(filter: CostFilter & { entityRefs: string[] }, previousSums: Promise<CostSum[]>, requestedCurrency?: string) {
    const [byDay, byEntity, previous] = await Promise.all([
      stores.costs.sumCosts(filter, ['usageDate', 'source']),
      stores.costs.sumCosts(filter, ['entity']),
      previousSums,
    ]);
    const { currency } = chooseCurrency([...byDay, ...previous], requestedCurrency);
    const largest = largestGroupKeys(byEntity, currency, sum => sum.dimensions.entity ?? '');
    const shownByDay = await stores.costs.sumCosts({ ...filter, entityRefs: largest ?? filter.entityRefs }, ['usageDate', 'entity']);
    return { current: largest ? [...shownByDay, ...otherByDay(byDay, shownByDay, 'entity')] : shownByDay, bySource: byDay };
  }
}
