/**
 * What the operate evaluation decides between runs, as pure functions: which
 * detected anomalies are new, changed or withdrawn; when a budget's status
 * change or an anomaly is worth a notification; which day's month-end
 * forecast is due to be kept; and the text of the alerts.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { parseEntityRef } from '@backstage/catalog-model';
import { addDays, formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { Anomaly, Contributor } from './anomalies';
import type { BudgetStatus } from './budgets';
import { BACKTEST_DAYS } from './forecast';

/** What a user said about an anomaly. */
export interface AnomalyFeedback {
  verdict: 'expected' | 'unexpected';
  comment: string | null;
  by: string;
  at: string;
}

/** The dimensions an anomaly's contributors are found in, named as the cost API's groupBy names them. */
export const CONTRIBUTOR_DIMENSIONS = ['service', 'account', 'region', 'resource'] as const;

/** A contributor of a kept anomaly. */
export interface AnomalyContributor extends Contributor {
  dimension: (typeof CONTRIBUTOR_DIMENSIONS)[number];
}

/** An anomaly of one entity as detected, with its contributors. */
export interface DetectedAnomaly extends Anomaly {
  id: string;
  metric: string;
  entityRef: string;
  currency: string;
  contributors: AnomalyContributor[];
}

/** An anomaly as kept between runs. */
export interface StoredAnomaly extends DetectedAnomaly {
  detectedAt: string;
  /** When a later evaluation stopped detecting it (a restatement, a new attribution); null while it stands. */
  withdrawnAt: string | null;
  feedback: AnomalyFeedback | null;
  notifiedAt: string | null;
}

/**
 * The id of the anomaly of an entity's day: the same for every evaluation
 * that finds it, so feedback and notifications stay with it.
 */
export function anomalyId(metric: string, entityRef: string, date: string, currency: string): string {
  return createHash('sha256').update(`${metric}\n${entityRef}\n${date}\n${currency}`).digest('hex').slice(0, 32);
}

/** The changes that bring the kept anomalies of an evaluated window in line with those detected in it. */
export interface AnomalyChanges {
  /** Detected and not kept before. */
  added: DetectedAnomaly[];
  /** Kept and detected again with other figures, or detected again after a withdrawal. */
  changed: DetectedAnomaly[];
  /** Kept, standing, and no longer detected. */
  withdrawn: string[];
}

/**
 * Compares the anomalies kept for a window (of the entities evaluated) with
 * those detected in it now. Feedback is never touched: an anomaly that is
 * withdrawn and found again keeps what users said about it.
 */
export function reconcileAnomalies(kept: readonly StoredAnomaly[], detected: readonly DetectedAnomaly[]): AnomalyChanges {
  const keptById = new Map(kept.map(anomaly => [anomaly.id, anomaly]));
  const detectedIds = new Set(detected.map(anomaly => anomaly.id));
  const changes: AnomalyChanges = { added: [], changed: [], withdrawn: [] };
  for (const anomaly of detected) {
    const before = keptById.get(anomaly.id);
    if (!before) {
      changes.added.push(anomaly);
    } else if (before.withdrawnAt !== null || !sameFigures(before, anomaly)) {
      changes.changed.push(anomaly);
    }
  }
  for (const anomaly of kept) {
    if (anomaly.withdrawnAt === null && !detectedIds.has(anomaly.id)) {
      changes.withdrawn.push(anomaly.id);
    }
  }
  return changes;
}

function sameFigures(a: DetectedAnomaly, b: DetectedAnomaly): boolean {
  return (
    a.actual === b.actual &&
    a.expected === b.expected &&
    a.direction === b.direction &&
    JSON.stringify(a.contributors) === JSON.stringify(b.contributors)
  );
}

/**
 * Whether the owning team should hear about an anomaly now: a cost spike
 * (a drop in cost is listed, not alerted on, as AWS's monitors alert on
 * increases), standing, not yet notified, and recent (within `withinDays`
 * of the data's last complete day), so that the first evaluation of a
 * year's history does not send a year of alerts.
 */
export function shouldAlertAnomaly(anomaly: StoredAnomaly, dataThrough: string, withinDays: number): boolean {
  return (
    anomaly.direction === 'spike' &&
    anomaly.withdrawnAt === null &&
    anomaly.notifiedAt === null &&
    anomaly.feedback === null &&
    anomaly.date > addDays(dataThrough, -withinDays)
  );
}

/**
 * Whether a budget's status is alerted now: when it is at-risk or over and
 * the team has not heard of that status yet (it turned so since the last
 * run, or the alert then could not be sent). Back to on-track is kept, not
 * alerted; at-risk then over is two alerts.
 */
export function budgetAlertDue(state: { status: BudgetStatus; notifiedAt: string | null } | undefined, current: BudgetStatus): boolean {
  if (current === 'on-track') {
    return false;
  }
  return state?.status !== current || state.notifiedAt === null;
}

/**
 * The day of `month` whose forecast is due to be kept when the complete
 * data runs through `dataThrough`: the latest of day 5, 10 and 20 whose
 * data (days 1 to the day before) is in. Only the latest, so that a
 * forecast kept as "made on day 5" was made while day 5's data was the
 * newest, not reconstructed weeks later. Null before day 5's data or once
 * the month is complete.
 */
export function dueForecastDay(month: string, dataThrough: string): number | null {
  const first = `${month}-01`;
  const monthEnd = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
  if (dataThrough >= monthEnd) {
    return null;
  }
  let due: number | null = null;
  for (const day of BACKTEST_DAYS) {
    if (dataThrough >= addDays(first, day - 2)) {
      due = day;
    }
  }
  return due;
}

/** A notification for the team that owns an entity. */
export interface FinopsAlert {
  /** The group (or user) that receives it. */
  recipientEntityRef: string;
  title: string;
  description: string;
  /** The app path of the entity's Cost tab. */
  link: string;
  severity: 'critical' | 'high' | 'normal' | 'low';
  /** Alerts with one scope replace each other in the recipient's list (the notifications system's `scope`). */
  scope: string;
  topic: string;
}

export const ALERT_TOPIC = 'finops';

/** The app path of an entity's Cost tab. */
export function costTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/cost`;
}

/** Money for people: the decimal to two places, thousands apart, and the currency. */
export function moneyText(amount: string, currency: string): string {
  const value = moneyFromDecimal(amount);
  const negative = value < 0n;
  const cents = ((negative ? -value : value) + 5n * 10n ** 15n) / 10n ** 16n;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative && cents > 0n ? '-' : ''}${whole}.${String(cents % 100n).padStart(2, '0')} ${currency}`;
}

export function anomalyAlert(anomaly: StoredAnomaly, recipientEntityRef: string): FinopsAlert {
  const top = anomaly.contributors.filter(c => c.dimension === 'service' && moneyFromDecimal(c.impact) > 0n).slice(0, 3);
  const percent = anomaly.impactRatio === null ? '' : ` (+${Math.round(anomaly.impactRatio * 100)} %)`;
  const drivers = top.length ? ` Driven by ${top.map(c => `${c.key} ${moneyText(c.impact, anomaly.currency)}`).join(', ')}.` : '';
  return {
    recipientEntityRef,
    title: `Cost anomaly on ${entityTitle(anomaly.entityRef)}: ${moneyText(anomaly.impact, anomaly.currency)} above expected on ${anomaly.date}`,
    description: `${moneyText(anomaly.actual, anomaly.currency)} spent against ${moneyText(anomaly.expected, anomaly.currency)} expected${percent}.${drivers} Mark it expected or unexpected on the Cost tab.`,
    link: costTabLink(anomaly.entityRef),
    severity: 'high',
    scope: `finops:anomaly:${anomaly.id}`,
    topic: ALERT_TOPIC,
  };
}

/** Where a budgeted entity's month stands, as the evaluation sees it. */
export interface BudgetStanding {
  entityRef: string;
  month: string;
  status: BudgetStatus;
  budget: { amount: string; currency: string };
  monthToDate: string;
  forecast: string | null;
}

export function budgetAlert(standing: BudgetStanding, recipientEntityRef: string): FinopsAlert {
  const { currency } = standing.budget;
  const budget = moneyText(standing.budget.amount, currency);
  const spent = moneyText(standing.monthToDate, currency);
  const over = standing.status === 'over';
  return {
    recipientEntityRef,
    title: over
      ? `${entityTitle(standing.entityRef)} is over its ${standing.month} budget`
      : `${entityTitle(standing.entityRef)} is at risk of going over its ${standing.month} budget`,
    description: over
      ? `${spent} spent so far against a budget of ${budget}.`
      : `${spent} spent so far; the month-end forecast is ${standing.forecast === null ? 'unknown' : moneyText(standing.forecast, currency)} against a budget of ${budget}.`,
    link: costTabLink(standing.entityRef),
    severity: over ? 'critical' : 'high',
    // One alert per entity and month: "over" replaces "at risk" in the team's list.
    scope: `finops:budget:${standing.entityRef}:${standing.month}`,
    topic: ALERT_TOPIC,
  };
}

/** A team's week, for its digest. */
export interface TeamWeek {
  groupRef: string;
  /** First and last day of the week. */
  from: string;
  through: string;
  currency: string;
  total: string;
  previousTotal: string;
  /** The members with the largest changes, largest first. */
  movers: Array<{ entityRef: string; change: string }>;
  budget: BudgetStanding | null;
  openAnomalies: number;
}

export function digestAlert(week: TeamWeek): FinopsAlert {
  const change = moneyFromDecimal(week.total) - moneyFromDecimal(week.previousTotal);
  const sign = change >= 0n ? '+' : '';
  const parts = [
    `${moneyText(week.total, week.currency)} from ${week.from} to ${week.through} (${sign}${moneyText(formatDecimal(change), week.currency)} on the week before).`,
  ];
  if (week.movers.length) {
    parts.push(
      `Biggest changes: ${week.movers.map(m => `${entityTitle(m.entityRef)} ${moneyFromDecimal(m.change) >= 0n ? '+' : ''}${moneyText(m.change, week.currency)}`).join(', ')}.`,
    );
  }
  if (week.budget) {
    parts.push(`Budget ${week.budget.month}: ${week.budget.status}, ${moneyText(week.budget.monthToDate, week.budget.budget.currency)} of ${moneyText(week.budget.budget.amount, week.budget.budget.currency)}.`);
  }
  parts.push(week.openAnomalies === 1 ? '1 open anomaly.' : `${week.openAnomalies} open anomalies.`);
  return {
    recipientEntityRef: week.groupRef,
    title: `Weekly cost digest for ${entityTitle(week.groupRef)}`,
    description: parts.join(' '),
    link: costTabLink(week.groupRef),
    severity: 'low',
    scope: `finops:digest:${week.groupRef}:${week.through}`,
    topic: ALERT_TOPIC,
  };
}

function entityTitle(entityRef: string): string {
  return parseEntityRef(entityRef).name;
}
