import { setImmediate } from 'node:timers/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { addDays, formatDecimal, largestFirst, type Money } from '@backstage-finops/plugin-finops-common';
import { chooseCurrency } from '../analytics/costReport';
import { readFreshness } from '../analytics/freshness';
import type { CostDimension, CostSum } from '../core';
import type { FinopsSettings } from '../config';
import type { FinopsStores } from '../database/FinopsStores';
import type { ForecastSnapshot } from '../database/OperateStore';
import { ANOMALY_DEFAULTS, type AnomalyOptions, detectAnomalies, expectedAmount, explainAnomaly } from '../operate/anomalies';
import { type DailyAmount, forecastMonthEnd, MONTH_END_HISTORY_DAYS } from '../operate/forecast';
import {
  type AnomalyContributor,
  anomalyAlert,
  anomalyId,
  budgetAlert,
  budgetAlertDue,
  type BudgetStanding,
  CONTRIBUTOR_DIMENSIONS,
  type DetectedAnomaly,
  digestAlert,
  dueForecastDay,
  type FinopsAlert,
  reconcileAnomalies,
  shouldAlertAnomaly,
} from '../operate/lifecycle';
import type { AttributionService } from './AttributionService';
import type { BudgetService } from './BudgetService';

/** Daily cost per entity, then per currency, days in order. */
type EntitySeries = Map<string, Map<string, DailyAmount[]>>;

/** Where alerts go: the Backstage notifications system in the plugin. */
export interface AlertSender {
  send(alert: FinopsAlert): Promise<void>;
}

/** What the evaluation detects with and whom it tells. */
export interface OperateSettings {
  anomalies: Pick<AnomalyOptions, 'absoluteThreshold' | 'relativeThreshold' | 'noiseThreshold'>;
  /** Days up to the data's last complete day that each run judges again (restated data is judged anew). */
  evaluationDays: number;
  alerts: {
    enabled: boolean;
    /** Anomalies older than this many days before the last complete day are listed, not alerted. */
    anomalyMaxAgeDays: number;
  };
}

/** What one evaluation did. */
export interface EvaluationSummary {
  dataThrough: string | null;
  entities: number;
  anomaliesAdded: number;
  anomaliesChanged: number;
  anomaliesWithdrawn: number;
  budgets: number;
  forecastsKept: number;
  alertsSent: number;
  alertsFailed: number;
}

/** Keys kept per dimension; the rest are summed into `(other)`. */
const CONTRIBUTORS_PER_DIMENSION = 5;
/** History before the first judged day: the baseline's weeks and a month for an event to settle. */
const LEAD_DAYS = 7 * ANOMALY_DEFAULTS.baselineWeeks + 35;

/**
 * The operate evaluation, run after each import and daily: detects cost
 * anomalies per entity and keeps them (with their contributors), follows
 * each budgeted entity's status this month, keeps the month-end forecast on
 * day 5, 10 and 20, and alerts the owning team once per new anomaly or
 * budget status. {@link sendDigests} sends the weekly digest.
 */
export class OperateEvaluator {
  constructor(
    private readonly options: {
      stores: Pick<FinopsStores, 'costs' | 'slices' | 'operate'>;
      attribution: Pick<AttributionService, 'ensureLoaded' | 'entityRefs' | 'rollup' | 'ownerOf' | 'kindOf'>;
      budgets: BudgetService;
      settings: Pick<FinopsSettings, 'costMetric' | 'freshness'> & { operate: OperateSettings };
      /** Absent: nothing is sent, and nothing is marked as sent. */
      sender?: AlertSender;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** The last complete day of all the cost data. */
  private async dataThrough(): Promise<string | null> {
    const { stores, settings } = this.options;
    const all = { metric: settings.costMetric, from: '0000-01-01', to: '9999-12-31' };
    return (await readFreshness(stores, all, settings.freshness.settleDays)).dataThrough;
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  async evaluate(): Promise<EvaluationSummary> {
    const { stores, attribution } = this.options;
    const startedAt = this.now();
    await attribution.ensureLoaded();
    const summary: EvaluationSummary = {
      dataThrough: null,
      entities: 0,
      anomaliesAdded: 0,
      anomaliesChanged: 0,
      anomaliesWithdrawn: 0,
      budgets: 0,
      forecastsKept: 0,
      alertsSent: 0,
      alertsFailed: 0,
    };
    const dataThrough = await this.dataThrough();
    if (dataThrough) {
      summary.dataThrough = dataThrough;
      const series = await this.entitySeries(dataThrough);
      summary.entities = series.size;
      await this.evaluateAnomalies(series, dataThrough, summary);
      await this.evaluateBudgets(dataThrough, summary);
      await this.keepForecasts(series, dataThrough, summary);
    }
    const { dataThrough: _through, ...counts } = summary;
    await stores.operate.recordEvaluation({ startedAt, finishedAt: this.now(), dataThrough, summary: counts });
    this.options.logger.info(
      `FinOps evaluation through ${dataThrough ?? 'no data'}: ${summary.entities} entities, anomalies ${summary.anomaliesAdded} new, ${summary.anomaliesChanged} changed, ${summary.anomaliesWithdrawn} withdrawn; ${summary.budgets} budgets; ${summary.forecastsKept} forecasts kept; ${summary.alertsSent} alerts sent, ${summary.alertsFailed} failed`,
    );
    return summary;
  }

  /** Each attributed entity's daily cost, per currency, from the lead days before the window to dataThrough. */
  private async entitySeries(dataThrough: string): Promise<EntitySeries> {
    // Enough for detection over the judged days, and for the month-end forecasts kept (the same as GET /forecast's).
    const from = addDays(dataThrough, 1 - Math.max(this.options.settings.operate.evaluationDays + LEAD_DAYS, MONTH_END_HISTORY_DAYS));
    const sums = await this.options.stores.costs.sumCosts(
      { metric: this.options.settings.costMetric, from, to: addDays(dataThrough, 1) },
      ['entity', 'usageDate'],
    );
    const series: EntitySeries = new Map();
    for (const sum of sums) {
      const entityRef = sum.dimensions.entity;
      if (!entityRef) {
        continue; // unallocated cost has no owner to judge it for
      }
      const currencies = series.get(entityRef) ?? new Map<string, DailyAmount[]>();
      const days = currencies.get(sum.currency) ?? [];
      days.push({ date: sum.dimensions.usageDate!, amount: sum.amount });
      currencies.set(sum.currency, days);
      series.set(entityRef, currencies);
    }
    for (const currencies of series.values()) {
      for (const days of currencies.values()) {
        days.sort((a, b) => (a.date < b.date ? -1 : 1));
      }
    }
    return series;
  }

  private async evaluateAnomalies(series: EntitySeries, dataThrough: string, summary: EvaluationSummary) {
    const { stores, settings } = this.options;
    const metric = settings.costMetric;
    const windowFrom = addDays(dataThrough, 1 - settings.operate.evaluationDays);
    const to = addDays(dataThrough, 1);
    const kept = await stores.operate.listAnomalies({ metric, from: windowFrom, to, includeWithdrawn: true });
    const keptById = new Map(kept.map(anomaly => [anomaly.id, anomaly]));
    const detected: DetectedAnomaly[] = [];
    for (const [entityRef, currencies] of series) {
      for (const [currency, days] of currencies) {
        // ~10 ms of detection per series: the event loop serves requests between them.
        await setImmediate();
        for (const anomaly of detectAnomalies(days, { ...settings.operate.anomalies, from: windowFrom, to })) {
          const id = anomalyId(metric, entityRef, anomaly.date, currency);
          const before = keptById.get(id);
          // Contributors take a query: found again only when the day's figures changed.
          const contributors =
            before && before.actual === anomaly.actual && before.expected === anomaly.expected
              ? before.contributors
              : await this.contributorsOf(entityRef, currency, anomaly.date, anomaly.actual, anomaly.expected);
          detected.push({ ...anomaly, id, metric, entityRef, currency, contributors });
        }
      }
    }
    const changes = reconcileAnomalies(kept, detected);
    const at = this.now();
    await stores.operate.saveAnomalies([...changes.added, ...changes.changed], at);
    await stores.operate.withdrawAnomalies(changes.withdrawn, at);
    summary.anomaliesAdded = changes.added.length;
    summary.anomaliesChanged = changes.changed.length;
    summary.anomaliesWithdrawn = changes.withdrawn.length;

    const maxAge = settings.operate.alerts.anomalyMaxAgeDays;
    const recent = await stores.operate.listAnomalies({ metric, from: addDays(dataThrough, 1 - maxAge), to });
    const notified: string[] = [];
    for (const anomaly of recent.filter(a => shouldAlertAnomaly(a, dataThrough, maxAge))) {
      if (await this.alert(summary, anomaly.entityRef, owner => anomalyAlert(anomaly, owner))) {
        notified.push(anomaly.id);
      }
    }
    await stores.operate.markAnomaliesNotified(notified, this.now());
  }

  /** What drove an anomaly: per dimension, each key's day against its own baseline. */
  private async contributorsOf(entityRef: string, currency: string, date: string, actual: string, expected: string): Promise<AnomalyContributor[]> {
    const sums = await this.options.stores.costs.sumCosts(
      { metric: this.options.settings.costMetric, entityRefs: [entityRef], from: addDays(date, -7 * ANOMALY_DEFAULTS.baselineWeeks), to: addDays(date, 1) },
      ['usageDate', ...CONTRIBUTOR_DIMENSIONS],
    );
    const inCurrency = sums.filter(sum => sum.currency === currency);
    // explainAnomaly keeps the dimension names it is given: these.
    return explainAnomaly({
      actual,
      expected,
      limit: CONTRIBUTORS_PER_DIMENSION,
      dimensions: CONTRIBUTOR_DIMENSIONS.map(dimension => ({ dimension, items: breakdownItems(inCurrency, dimension, date) })),
    }) as AnomalyContributor[];
  }

  private async evaluateBudgets(dataThrough: string, summary: EvaluationSummary) {
    const { stores, budgets } = this.options;
    const month = addDays(dataThrough, 1).slice(0, 7);
    const states = new Map((await stores.operate.listBudgetStates(month)).map(state => [state.entityRef, state]));
    for (const entityRef of await budgets.budgetedEntities()) {
      const standing = await this.budgetStanding(entityRef, month);
      if (!standing) {
        continue;
      }
      summary.budgets += 1;
      const state = states.get(entityRef);
      const changed = state?.status !== standing.status;
      let notifiedAt = changed ? null : (state?.notifiedAt ?? null);
      if (budgetAlertDue(state, standing.status) && (await this.alert(summary, entityRef, owner => budgetAlert(standing, owner)))) {
        notifiedAt = this.now();
      }
      if (changed || notifiedAt !== (state?.notifiedAt ?? null)) {
        await stores.operate.putBudgetState({
          entityRef,
          month,
          status: standing.status,
          changedAt: changed ? this.now() : state!.changedAt,
          notifiedAt,
        });
      }
    }
  }

  private async budgetStanding(entityRef: string, month: string): Promise<BudgetStanding | null> {
    const report = await this.options.budgets.standing(entityRef, month, this.options.attribution.rollup(entityRef));
    if (!report.budget || !report.status) {
      return null;
    }
    return {
      entityRef,
      month,
      status: report.status,
      budget: { amount: formatDecimal(report.budget.amount), currency: report.budget.currency },
      monthToDate: formatDecimal(report.monthToDate),
      forecast: report.forecast?.amount ?? null,
    };
  }

  /** Keeps, for every entity whose rollup has cost, the month-end forecast of the day due (5, 10 or 20). */
  private async keepForecasts(series: EntitySeries, dataThrough: string, summary: EvaluationSummary) {
    const { stores, attribution, settings } = this.options;
    const month = addDays(dataThrough, 1).slice(0, 7);
    const day = dueForecastDay(month, dataThrough);
    if (day === null) {
      return;
    }
    const madeThrough = addDays(`${month}-01`, day - 2);
    const entityRefs = attribution.entityRefs();
    const kept = new Set(
      (await stores.operate.listForecastSnapshots({ metric: settings.costMetric, entityRefs, fromMonth: month }))
        .filter(snapshot => snapshot.month === month && snapshot.madeOnDay === day)
        .map(snapshot => snapshot.entityRef),
    );
    const snapshots: ForecastSnapshot[] = [];
    const madeAt = this.now();
    for (const entityRef of entityRefs) {
      if (kept.has(entityRef)) {
        continue;
      }
      await setImmediate();
      const rolled = rollupSeries(attribution.rollup(entityRef), series, madeThrough);
      if (!rolled) {
        continue;
      }
      const forecast = forecastMonthEnd({ series: rolled.days, month, dataThrough: madeThrough });
      snapshots.push({ entityRef, metric: settings.costMetric, month, madeOnDay: day, currency: rolled.currency, madeAt, ...forecast });
    }
    await stores.operate.addForecastSnapshots(snapshots);
    summary.forecastsKept = snapshots.length;
  }

  /**
   * Sends each team (a group whose rollup has cost) its week: the last seven
   * complete days against the seven before, the members that changed most,
   * its budget status and its open anomalies.
   */
  async sendDigests(): Promise<{ sent: number; failed: number }> {
    const { stores, attribution, settings } = this.options;
    await attribution.ensureLoaded();
    const counts: Pick<EvaluationSummary, 'alertsSent' | 'alertsFailed'> = { alertsSent: 0, alertsFailed: 0 };
    const metric = settings.costMetric;
    const through = await this.dataThrough();
    if (!through) {
      return { sent: 0, failed: 0 };
    }
    const from = addDays(through, -6);
    const previousFrom = addDays(from, -7);
    for (const groupRef of attribution.entityRefs().filter(ref => attribution.kindOf(ref) === 'group')) {
      const members = attribution.rollup(groupRef);
      const sums = await stores.costs.sumCosts({ metric, entityRefs: members, from: previousFrom, to: addDays(through, 1) }, ['entity', 'usageDate']);
      if (sums.length === 0) {
        continue;
      }
      const { currency } = chooseCurrency(sums);
      const change = new Map<string, Money>();
      let total = 0n;
      let previousTotal = 0n;
      for (const sum of sums.filter(s => s.currency === currency)) {
        const current = sum.dimensions.usageDate! >= from;
        const ref = sum.dimensions.entity!;
        change.set(ref, (change.get(ref) ?? 0n) + (current ? sum.amount : -sum.amount));
        if (current) {
          total += sum.amount;
        } else {
          previousTotal += sum.amount;
        }
      }
      const movers = [...change]
        .filter(([, amount]) => amount !== 0n)
        .sort(([, a], [, b]) => largestFirst(a < 0n ? -a : a, b < 0n ? -b : b))
        .slice(0, 3)
        .map(([entityRef, amount]) => ({ entityRef, change: formatDecimal(amount) }));
      const open = await stores.operate.listAnomalies({ metric, entityRefs: members, from, to: addDays(through, 1) });
      const alert = digestAlert({
        groupRef,
        from,
        through,
        currency,
        total: formatDecimal(total),
        previousTotal: formatDecimal(previousTotal),
        movers,
        budget: await this.budgetStanding(groupRef, addDays(through, 1).slice(0, 7)),
        openAnomalies: open.filter(anomaly => anomaly.feedback === null).length,
      });
      await this.alert(counts, groupRef, () => alert);
    }
    return { sent: counts.alertsSent, failed: counts.alertsFailed };
  }

  /** Sends an alert to the entity's owner; whether it went. */
  private async alert(
    summary: Pick<EvaluationSummary, 'alertsSent' | 'alertsFailed'>,
    entityRef: string,
    build: (owner: string) => FinopsAlert,
  ): Promise<boolean> {
    const { sender, attribution, logger, settings } = this.options;
    const owner = attribution.ownerOf(entityRef);
    if (!sender || !settings.operate.alerts.enabled || !owner) {
      return false;
    }
    const alert = build(owner);
    try {
      await sender.send(alert);
      summary.alertsSent += 1;
      return true;
    } catch (error) {
      summary.alertsFailed += 1;
      logger.warn(`FinOps alert "${alert.title}" to ${owner} was not sent (it is tried again next run): ${error}`);
      return false;
    }
  }
}

/** One dimension's keys on the anomaly's day, each with its own baseline from the days before. */
function breakdownItems(sums: CostSum[], dimension: CostDimension, date: string) {
  const byKey = new Map<string, Map<string, Money>>();
  for (const sum of sums) {
    const key = sum.dimensions[dimension] || '(none)';
    const days = byKey.get(key) ?? new Map<string, Money>();
    const day = sum.dimensions.usageDate!;
    days.set(day, (days.get(day) ?? 0n) + sum.amount);
    byKey.set(key, days);
  }
  return [...byKey].map(([key, days]) => {
    const history = [...days].map(([day, amount]) => ({ date: day, amount })).sort((a, b) => (a.date < b.date ? -1 : 1));
    return { key, actual: days.get(date) ?? 0n, baseline: expectedAmount(history, date) ?? 0n };
  });
}

/** The exact sum of these entities' series through `through`, in the currency with the most cost; undefined with none. */
function rollupSeries(entityRefs: string[], byEntity: EntitySeries, through: string) {
  const byCurrency = new Map<string, Map<string, Money>>();
  for (const ref of entityRefs) {
    for (const [currency, days] of byEntity.get(ref) ?? []) {
      const sums = byCurrency.get(currency) ?? new Map<string, Money>();
      for (const day of days) {
        if (day.date <= through) {
          sums.set(day.date, (sums.get(day.date) ?? 0n) + day.amount);
        }
      }
      byCurrency.set(currency, sums);
    }
  }
  let best: { currency: string; total: Money; days: DailyAmount[] } | undefined;
  for (const [currency, sums] of byCurrency) {
    const total = [...sums.values()].reduce((a, b) => a + b, 0n);
    if (sums.size > 0 && (!best || total > best.total)) {
      best = { currency, total, days: [...sums].map(([date, amount]) => ({ date, amount })) };
    }
  }
  return best && { currency: best.currency, days: best.days };
}
