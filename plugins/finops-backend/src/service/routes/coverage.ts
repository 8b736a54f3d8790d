import { buildCoverageReport } from '../../analytics/costReport';
import { coverageCsv } from '../../analytics/csvExports';
import { readFreshness } from '../../analytics/freshness';
import { largestUnallocated } from '../../analytics/unallocated';
import type { FinopsRouter, RouteContext } from './context';
import { readPeriod } from './params';
import { sendReport } from './respond';

/** GET /coverage: how much spend is attributed, and the largest that is not. */
export function addCoverageRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, settings } = context;

  router.get('/coverage', async (req, res) => {
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const filter = { from, to, metric: settings.costMetric };
    const [all, unallocated, freshness] = await Promise.all([
      stores.costs.sumCosts(filter, []),
      stores.costs.sumCosts({ ...filter, entityRefs: null }, []),
      readFreshness(stores, filter, settings.freshness.settleDays),
    ]);
    const report = buildCoverageReport({
      from,
      to,
      costMetric: settings.costMetric,
      requestedCurrency: req.query.currency,
      all,
      unallocated,
      unallocatedItems: [],
      freshness,
    });
    report.unallocatedItems = await largestUnallocated(stores, {
      ...filter,
      currency: report.currency,
      limit: Number(req.query.limit ?? 20),
    });
    sendReport(req, res, report, coverageCsv, `unallocated-${from}-${to}.csv`);
  });
}
