import { NotFoundError } from '@backstage/errors';
import { finopsAnomalyFeedbackPermission } from '@backstage-finops/plugin-finops-common';
import type { StoredAnomaly } from '../../operate/lifecycle';
import { credentialsOf, type FinopsRouter, principalName, type RouteContext } from './context';
import { readEntityRef, readRecentPeriod } from './params';
import { readReadableRollup, requireEntityChange } from './readableRollup';

/** Days listed when the request gives no `from`. */
const DEFAULT_DAYS = 90;

/** GET /anomalies and POST /anomalies/{id}/feedback: detected anomalies, and what users say about them. */
export function addAnomalyRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, settings } = context;

  router.get('/anomalies', async (req, res) => {
    const entityRef = readEntityRef(req.query.entityRef);
    const { visible, readable } = await readReadableRollup(context, credentialsOf(res), entityRef);
    const { from, to } = readRecentPeriod(req.query.from, req.query.to, DEFAULT_DAYS);
    const [anomalies, lastRun] = await Promise.all([
      stores.operate.listAnomalies({ metric: settings.costMetric, entityRefs: readable, from, to }),
      stores.operate.lastEvaluation(),
    ]);
    res.json({
      entityRef,
      anomalies: anomalies.map(toApiAnomaly).filter(anomaly => !req.query.status || anomaly.status === req.query.status),
      hiddenEntityCount: visible.length - readable.length,
      evaluatedAt: lastRun?.finishedAt ?? null,
    });
  });

  router.post('/anomalies/:id/feedback', async (req, res) => {
    const credentials = credentialsOf(res);
    const { id } = req.params;
    const anomaly = await stores.operate.getAnomaly(id);
    // An anomaly of an entity the caller cannot see is one they cannot know of.
    if (!anomaly || !(await context.catalog.getEntityByRef(anomaly.entityRef, { credentials }))) {
      throw new NotFoundError(`No anomaly ${id}`);
    }
    await requireEntityChange(context, credentials, anomaly.entityRef, finopsAnomalyFeedbackPermission, 'anomaly feedback');
    const { verdict, comment } = req.body;
    const updated = await context.audited(req, 'anomaly-feedback', { anomalyId: id, entityRef: anomaly.entityRef, date: anomaly.date, verdict }, async () => ({
      result: await stores.operate.setAnomalyFeedback(id, { verdict, comment: comment ?? null, by: principalName(credentials), at: new Date().toISOString() }),
    }));
    res.json(toApiAnomaly(updated!));
  });
}

/** An anomaly as the API shows it: its status is the verdict, or `open`; what only the evaluation needs stays out. */
function toApiAnomaly({ metric: _metric, withdrawnAt: _withdrawnAt, notifiedAt: _notifiedAt, ...anomaly }: StoredAnomaly) {
  return { ...anomaly, status: anomaly.feedback?.verdict ?? ('open' as const) };
}
