import { Knex } from 'knex';
import type { BudgetStatus } from '../operate/budgets';
import type { AnomalyFeedback, DetectedAnomaly, StoredAnomaly } from '../operate/lifecycle';
import { chunk, IN_BATCH } from './knexSupport';

/** A month-end forecast as it was made on a day of the month. */
export interface ForecastSnapshot {
  entityRef: string;
  metric: string;
  month: string;
  madeOnDay: number;
  currency: string;
  method: string;
  amount: string;
  low: string;
  high: string;
  madeAt: string;
}

/** A budgeted entity's last status in a month. */
export interface BudgetState {
  entityRef: string;
  month: string;
  status: BudgetStatus;
  changedAt: string;
  notifiedAt: string | null;
}

/** A finished evaluation run. */
export interface EvaluationRun {
  startedAt: string;
  finishedAt: string;
  dataThrough: string | null;
  summary: Record<string, number>;
}

/** What the operate evaluation keeps: anomalies and their feedback, budget states, forecast snapshots, runs. */
export interface OperateStore {
  /** Anomalies of these entities (all, with `undefined`) from `from` to before `to`, newest first. */
  listAnomalies(filter: { metric: string; entityRefs?: string[]; from: string; to: string; includeWithdrawn?: boolean }): Promise<StoredAnomaly[]>;
  getAnomaly(id: string): Promise<StoredAnomaly | undefined>;
  /** Inserts new anomalies and updates the figures of known ones (standing again); feedback and notification stay. */
  saveAnomalies(anomalies: DetectedAnomaly[], at: string): Promise<void>;
  withdrawAnomalies(ids: string[], at: string): Promise<void>;
  /** Resolves with the anomaly as it now is; undefined when there is none with that id. */
  setAnomalyFeedback(id: string, feedback: AnomalyFeedback): Promise<StoredAnomaly | undefined>;
  markAnomaliesNotified(ids: string[], at: string): Promise<void>;

  listBudgetStates(month: string): Promise<BudgetState[]>;
  putBudgetState(state: BudgetState): Promise<void>;

  listForecastSnapshots(filter: { metric: string; entityRefs: string[]; fromMonth: string }): Promise<ForecastSnapshot[]>;
  /** Keeps snapshots not kept yet; one already kept for the same entity, metric, month and day stays as it was. */
  addForecastSnapshots(snapshots: ForecastSnapshot[]): Promise<void>;

  recordEvaluation(run: EvaluationRun): Promise<void>;
  lastEvaluation(): Promise<EvaluationRun | undefined>;
}

const ANOMALIES = 'finops_anomalies';
const BUDGET_STATES = 'finops_budget_states';
const SNAPSHOTS = 'finops_forecast_snapshots';
const RUNS = 'finops_evaluation_runs';

/** {@link OperateStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexOperateStore implements OperateStore {
  constructor(private readonly knex: Knex) {}

  async listAnomalies(filter: { metric: string; entityRefs?: string[]; from: string; to: string; includeWithdrawn?: boolean }): Promise<StoredAnomaly[]> {
    const query = (refs?: string[]) => {
      const q = this.knex(ANOMALIES)
        .where('metric', filter.metric)
        .where('usage_date', '>=', filter.from)
        .where('usage_date', '<', filter.to);
      if (refs) {
        q.whereIn('entity_ref', refs);
      }
      if (!filter.includeWithdrawn) {
        q.whereNull('withdrawn_at');
      }
      return q;
    };
    const rows = filter.entityRefs ? (await Promise.all(chunk(filter.entityRefs, IN_BATCH).map(query))).flat() : await query();
    // Newest first, then by entity.
    return rows.map(toAnomaly).sort((a, b) => b.date.localeCompare(a.date) || a.entityRef.localeCompare(b.entityRef));
  }

  async getAnomaly(id: string): Promise<StoredAnomaly | undefined> {
    const row = await this.knex(ANOMALIES).where({ id }).first();
    return row ? toAnomaly(row) : undefined;
  }

  async saveAnomalies(anomalies: DetectedAnomaly[], at: string): Promise<void> {
    for (const part of chunk(anomalies, 200)) {
      await this.knex(ANOMALIES)
        .insert(part.map(anomaly => ({ ...figures(anomaly), id: anomaly.id, metric: anomaly.metric, entity_ref: anomaly.entityRef, usage_date: anomaly.date, currency: anomaly.currency, detected_at: at })))
        .onConflict('id')
        .merge(['actual', 'expected', 'impact', 'impact_ratio', 'direction', 'contributors', 'withdrawn_at']);
    }
  }

  async withdrawAnomalies(ids: string[], at: string): Promise<void> {
    for (const part of chunk(ids, IN_BATCH)) {
      await this.knex(ANOMALIES).whereIn('id', part).update({ withdrawn_at: at });
    }
  }

  async setAnomalyFeedback(id: string, feedback: AnomalyFeedback): Promise<StoredAnomaly | undefined> {
    await this.knex(ANOMALIES).where({ id }).update({
      verdict: feedback.verdict,
      verdict_comment: feedback.comment,
      verdict_by: feedback.by,
      verdict_at: feedback.at,
    });
    return this.getAnomaly(id);
  }

  async markAnomaliesNotified(ids: string[], at: string): Promise<void> {
    for (const part of chunk(ids, IN_BATCH)) {
      await this.knex(ANOMALIES).whereIn('id', part).update({ notified_at: at });
    }
  }

  async listBudgetStates(month: string): Promise<BudgetState[]> {
    const rows = await this.knex(BUDGET_STATES).where({ month });
    return rows.map(row => ({ entityRef: row.entity_ref, month: row.month, status: row.status, changedAt: row.changed_at, notifiedAt: row.notified_at }));
  }

  async putBudgetState(state: BudgetState): Promise<void> {
    await this.knex(BUDGET_STATES)
      .insert({ entity_ref: state.entityRef, month: state.month, status: state.status, changed_at: state.changedAt, notified_at: state.notifiedAt })
      .onConflict(['entity_ref', 'month'])
      .merge(['status', 'changed_at', 'notified_at']);
  }

  async listForecastSnapshots(filter: { metric: string; entityRefs: string[]; fromMonth: string }): Promise<ForecastSnapshot[]> {
    const parts = await Promise.all(
      chunk(filter.entityRefs, IN_BATCH).map(refs =>
        this.knex(SNAPSHOTS).where('metric', filter.metric).where('month', '>=', filter.fromMonth).whereIn('entity_ref', refs),
      ),
    );
    return parts.flat().map(row => ({
      entityRef: row.entity_ref,
      metric: row.metric,
      month: row.month,
      madeOnDay: Number(row.made_on_day),
      currency: row.currency,
      method: row.method,
      amount: row.amount,
      low: row.low,
      high: row.high,
      madeAt: row.made_at,
    }));
  }

  async addForecastSnapshots(snapshots: ForecastSnapshot[]): Promise<void> {
    for (const part of chunk(snapshots, 200)) {
      await this.knex(SNAPSHOTS)
        .insert(
          part.map(s => ({
            entity_ref: s.entityRef,
            metric: s.metric,
            month: s.month,
            made_on_day: s.madeOnDay,
            currency: s.currency,
            method: s.method,
            amount: s.amount,
            low: s.low,
            high: s.high,
            made_at: s.madeAt,
          })),
        )
        .onConflict(['entity_ref', 'metric', 'month', 'made_on_day'])
        .ignore();
    }
  }

  async recordEvaluation(run: EvaluationRun): Promise<void> {
    await this.knex(RUNS).insert({ started_at: run.startedAt, finished_at: run.finishedAt, data_through: run.dataThrough, summary: JSON.stringify(run.summary) });
    // The last hundred runs tell enough.
    const keep = this.knex(RUNS).select('id').orderBy('id', 'desc').limit(100);
    await this.knex(RUNS).whereNotIn('id', keep).delete();
  }

  async lastEvaluation(): Promise<EvaluationRun | undefined> {
    const row = await this.knex(RUNS).orderBy('id', 'desc').first();
    return row ? { startedAt: row.started_at, finishedAt: row.finished_at, dataThrough: row.data_through, summary: JSON.parse(row.summary) } : undefined;
  }
}

function figures(anomaly: DetectedAnomaly) {
  return {
    actual: anomaly.actual,
    expected: anomaly.expected,
    impact: anomaly.impact,
    impact_ratio: anomaly.impactRatio,
    direction: anomaly.direction,
    contributors: JSON.stringify(anomaly.contributors),
    withdrawn_at: null,
  };
}

function toAnomaly(row: any): StoredAnomaly {
  return {
    id: row.id,
    metric: row.metric,
    entityRef: row.entity_ref,
    date: row.usage_date,
    currency: row.currency,
    actual: row.actual,
    expected: row.expected,
    impact: row.impact,
    impactRatio: row.impact_ratio === null ? null : Number(row.impact_ratio),
    direction: row.direction,
    contributors: JSON.parse(row.contributors),
    detectedAt: row.detected_at,
    withdrawnAt: row.withdrawn_at,
    feedback: row.verdict ? { verdict: row.verdict, comment: row.verdict_comment, by: row.verdict_by, at: row.verdict_at } : null,
    notifiedAt: row.notified_at,
  };
}
