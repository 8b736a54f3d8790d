import { InputError } from '@backstage/errors';
import {
  ANNOTATION_UNIT_METRICS,
  finopsMetricsWritePermission,
  type Granularity,
  isMetricName,
  parseUnitMetrics,
  previousPeriod,
  todayUtc,
  type UnitCostResponse,
} from '@backstage-finops/plugin-finops-common';
import { buildUnitCostReport, type UnitCostInput } from '../../analytics/unitCosts';
import { unitCostCsv } from '../../analytics/csvExports';
import { readFreshness } from '../../analytics/freshness';
import { checkMetricValue, METRIC_SOURCE_API, type MetricSummary, type MetricValue } from '../../core';
import { credentialsOf, type FinopsRouter, type RouteContext } from './context';
import { readEntityRef, readPeriod } from './params';
import { readReadableRollup, requireEntityChange } from './readableRollup';
import { sendReport } from './respond';

/** GET and POST /metrics, GET /unit-costs: business metrics and the cost of one unit of them. */
export function addMetricRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, attribution } = context;

  /** The members of a readable rollup that declare metrics, with what they declare. */
  const declaringMembers = (readable: string[]) =>
    readable.flatMap(entityRef => {
      const metrics = attribution.declaredMetrics(entityRef) ?? [];
      return metrics.length > 0 ? [{ entityRef, metrics }] : [];
    });

  router.get('/metrics', async (req, res) => {
    const entityRef = readEntityRef(req.query.entityRef);
    const { readable } = await readReadableRollup(context, credentialsOf(res), entityRef);
    const declaring = declaringMembers(readable);
    const summaries = await stores.metrics.summarize(declaring.map(member => member.entityRef));
    const names = [...new Set(declaring.flatMap(member => member.metrics))];
    res.json({
      entityRef,
      metrics: names.map(metric => {
        const entityRefs = declaring.filter(member => member.metrics.includes(metric)).map(member => member.entityRef);
        return { metric, entityRefs, ...combineSummaries(summaries.filter(s => s.metric === metric && entityRefs.includes(s.entityRef))) };
      }),
    });
  });

  router.post('/metrics', async (req, res) => {
    const credentials = credentialsOf(res);
    const body = req.body;
    const entityRef = readEntityRef(body.entityRef);
    const entity = await requireEntityChange(context, credentials, entityRef, finopsMetricsWritePermission, 'metrics');
    const declared = parseUnitMetrics(entity.metadata.annotations?.[ANNOTATION_UNIT_METRICS]);
    const rules = { declaredMetrics: (ref: string) => (ref === entityRef ? declared : undefined), today: todayUtc() };
    const values: MetricValue[] = [];
    const firstIndexOfDay = new Map<string, number>();
    body.values.forEach((input, index) => {
      const checked = checkMetricValue({ entityRef, metric: body.metric, date: input.date, value: input.value, unit: body.unit }, rules);
      if (!checked.ok) {
        const field = checked.field === 'value' || checked.field === 'date' ? `values[${index}].${checked.field}` : checked.field;
        throw new InputError(`${field}: ${checked.reason}`);
      }
      const earlier = firstIndexOfDay.get(input.date);
      if (earlier !== undefined) {
        throw new InputError(`values[${index}].date: ${input.date} is also values[${earlier}]; send each day once`);
      }
      firstIndexOfDay.set(input.date, index);
      values.push(checked.value);
    });
    const outcome = await context.audited(req, 'metrics-write', { entityRef, metric: body.metric, days: values.length }, async () => {
      const written = await stores.metrics.writeValues(values, METRIC_SOURCE_API);
      return { result: written, meta: { ...written } };
    });
    res.json({ entityRef, metric: body.metric, ...outcome });
  });

  router.get('/unit-costs', async (req, res) => {
    const credentials = credentialsOf(res);
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const entityRef = readEntityRef(req.query.entityRef);
    const metric = req.query.metric;
    if (!isMetricName(metric)) {
      throw new InputError(`metric "${metric}" is not a metric name (a letter, then letters, digits, _ . -)`);
    }
    const { visible, readable } = await readReadableRollup(context, credentials, entityRef);
    const includedEntityRefs = declaringMembers(readable)
      .filter(member => member.metrics.includes(metric))
      .map(member => member.entityRef);
    if (includedEntityRefs.length === 0) {
      const who = readable.length > 1 ? `Nothing ${entityRef} rolls up declares` : `${entityRef} does not declare`;
      throw new InputError(`${who} metric "${metric}" in ${ANNOTATION_UNIT_METRICS}`);
    }
    const report = await readUnitCosts(context, {
      entityRef,
      metric,
      period: { from, to, granularity: (req.query.granularity ?? 'day') as Granularity },
      includedEntityRefs,
      hiddenEntityCount: visible.length - readable.length,
      requestedCurrency: req.query.currency,
    });
    sendReport(req, res, report, unitCostCsv, `unit-cost-${metric}-${entityRef.replace(/[^\w.-]+/g, '_')}-${from}-${to}.csv`);
  });
}

/** Reads what a unit-cost report needs over the entities counted, and builds it. */
export async function readUnitCosts(
  context: Pick<RouteContext, 'stores' | 'settings'>,
  input: Pick<UnitCostInput, 'entityRef' | 'metric' | 'period' | 'includedEntityRefs' | 'hiddenEntityCount' | 'requestedCurrency'>,
): Promise<UnitCostResponse> {
  const { stores, settings } = context;
  const { from, to } = input.period;
  const entityRefs = input.includedEntityRefs;
  const costFilter = { from, to, metric: settings.costMetric, entityRefs };
  const before = previousPeriod(from, to);
  const [costs, previousCosts, values, previousValues, freshness] = await Promise.all([
    stores.costs.sumCosts(costFilter, ['usageDate', 'entity']),
    stores.costs.sumCosts({ ...costFilter, ...before }, ['usageDate', 'entity']),
    stores.metrics.readValues({ entityRefs, metric: input.metric, from, to }),
    stores.metrics.readValues({ entityRefs, metric: input.metric, ...before }),
    readFreshness(stores, costFilter, settings.freshness.settleDays),
  ]);
  return buildUnitCostReport({
    ...input,
    current: { costs, values },
    previous: { costs: previousCosts, values: previousValues },
    freshness,
  });
}

/** One metric over several entities: the newest day (its unit and source) and all the days. */
function combineSummaries(summaries: MetricSummary[]) {
  const newest = summaries.reduce<MetricSummary | undefined>((best, s) => (!best || s.lastDate > best.lastDate ? s : best), undefined);
  return {
    unit: newest?.unit ?? null,
    lastDate: newest?.lastDate ?? null,
    source: newest?.source ?? null,
    days: summaries.reduce((sum, s) => sum + s.days, 0),
  };
}
