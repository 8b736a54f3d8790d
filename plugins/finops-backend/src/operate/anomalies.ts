/**
 * Cost anomaly detection over one entity's daily cost series, and what
 * drove an anomaly.
 *
 * **Baseline.** Each day is judged against what the entity's own history
 * up to the day before says (the detector is causal: a day's verdict never
 * changes when later days arrive). The baseline is a seasonal one over the
 * last `baselineWeeks` = 12 weeks:
 * - multiplicative day-of-week factors: per 7-day block, each day's share
 *   of the block's mean; a weekday's factor is the median of its shares,
 *   shrunk towards 1 by its standard error;
 * - a level: the median of the deseasonalised days, each moved along
 *   Theil's robust slope to the day judged (trend-adjusted; the slope once
 *   there are 21 days, flat before);
 * - a noise σ: 1.4826 × the median absolute deviation of the days' relative
 *   residuals, corrected for the parameters fitted on them and for the error
 *   of the expected value itself (its weekday factor rests on one share per
 *   block).
 *
 * Month starts (1sts) and the days of an event still open are left out of
 * it (an event's days come back once it is over). Expected = level × the
 * day's factor; impact = actual − expected.
 *
 * **Gates.** A day is an anomaly when its impact is more than each of:
 * - `absoluteThreshold` (default 50 in the series' currency), so a $2 blip
 *   on a $4 service is not one;
 * - `relativeThreshold` × expected (default 0.2, 20 %), so a large
 *   service's ordinary wobble is not one;
 * - `noiseThreshold` × σ × expected (default 4 σ), so a noisy service is
 *   held to its own noise: on normal noise 4 σ fires about once in 16 000
 *   days, where 3 σ fires about once a year per service.
 *
 * AWS Cost Anomaly Detection gates its alerts on an absolute and a
 * percentage impact too; the noise gate is what keeps noisy services quiet
 * here, and what the two thresholds alone cannot do.
 *
 * **No noise from:**
 * - *short histories*: nothing is judged before the series has
 *   `minHistoryDays` = 14 days (two of each weekday), nor with fewer than
 *   7 days in the baseline;
 * - *month-start fees*: a 1st whose excess is 0.5–2 × the excess of the
 *   previous 1st (against that day's same-weekday neighbours) is a recurring
 *   fee: not an anomaly, and it neither continues nor ends an event. A
 *   fee's first 1st, or a fee that more than doubles, is reported: it is a
 *   new charge;
 * - *level shifts*: a departure is one event, reported once on its first
 *   day. The days after it that depart in the same direction by at least
 *   half of every gate continue the event and are not reported (one day back
 *   inside is tolerated; two in a row, or a day the other way, close the
 *   event). When an event has lasted `persistenceDays` = 7 such days, it is
 *   a level shift: it becomes the baseline (the baseline is taken only from
 *   its first day on), so the new level is normal from then on and a return
 *   to the old level is a new event. A spike lasting fewer days is reported
 *   once and then forgotten.
 *
 * **Why these defaults**, measured on the labelled benchmark set
 * (`bench/operate.ts`): 12 weeks rather than 8, because the σ of 56 days errs
 * by ~16 %, enough to let ordinary noise through now and then (30 false
 * alarms at 8 weeks, 19 at 12, recall 0.99 both); 4 σ rather than 3.5 or 5
 * (59 false alarms at 3.5 σ; 7 at 5 σ, but recall 0.97); 7 days to persist,
 * the forecast's minimum segment after a shift too, long enough that a
 * multi-day spike is not taken for a new level.
 *
 * **Contributors** ({@link explainAnomaly}): per dimension (service,
 * account, region, resource …), each key's day amount against its baseline
 * scaled so the baselines sum to the anomaly's expected amount; impacts are
 * exact (bigint), the rounding remainder of the scaling goes to the largest
 * contributor, so the impacts of one dimension sum exactly to the anomaly's
 * impact, as AWS's root causes add up to its anomaly. A day amount the keys
 * do not cover is its own contributor, `(unattributed)`; keys beyond a
 * `limit` are summed into `(other)`.
 *
 * Money: actuals are exact; expected is an estimate rounded to 6 decimal
 * places through its decimal text; impact = actual − expected is exact.
 *
 * @packageDocumentation
 */
import { Money, addDays, changeRatio, daysBetween, formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { DailyAmount, DenseSeries, densify, estimateToMoney, median, moneyToNumber, robustSigma, theilSlope, weekdayFactors } from './forecast';

/** Parameters of {@link detectAnomalies}; each has a default (see the module doc). */
export interface AnomalyOptions {
  /** Minimum |impact| in currency units, as a decimal string or exact amount; default '50'. */
  absoluteThreshold?: string | Money;
  /** Minimum |impact| ÷ expected; default 0.2. */
  relativeThreshold?: number;
  /** Minimum |impact| in robust σ of the entity's relative residuals; default 4. */
  noiseThreshold?: number;
  /** Days of history before any day is judged; default 14. */
  minHistoryDays?: number;
  /** Weeks of history in the baseline; default 12. */
  baselineWeeks?: number;
  /** Days an event lasts before it becomes the baseline (a level shift); default 7. */
  persistenceDays?: number;
  /** Report only anomalies on or after this day (earlier days still build the baseline). */
  from?: string;
  /** Report only anomalies before this day (exclusive). */
  to?: string;
}

/** A day that departs from the entity's baseline; money as decimal strings. */
export interface Anomaly {
  date: string;
  actual: string;
  expected: string;
  /** actual − expected, exactly. */
  impact: string;
  /** impact ÷ expected; null when nothing was expected. */
  impactRatio: number | null;
  direction: 'spike' | 'dip';
}

export const ANOMALY_DEFAULTS = {
  absoluteThreshold: '50',
  relativeThreshold: 0.2,
  noiseThreshold: 4,
  minHistoryDays: 14,
  baselineWeeks: 12,
  persistenceDays: 7,
} as const;

const MIN_BASELINE_DAYS = 7;
const MIN_TREND_POINTS = 21;
/** Continuation of an event needs this share of each gate. */
const CONTINUATION_SHARE = 0.5;
/** Days back inside the gates that close an event. */
const CLOSING_DAYS = 2;

interface Resolved {
  absolute: number;
  relative: number;
  noise: number;
  minHistoryDays: number;
  baselineDays: number;
  persistenceDays: number;
}

function resolve(options: AnomalyOptions): Resolved {
  const threshold = options.absoluteThreshold ?? ANOMALY_DEFAULTS.absoluteThreshold;
  return {
    absolute: moneyToNumber(typeof threshold === 'bigint' ? threshold : moneyFromDecimal(threshold)),
    relative: options.relativeThreshold ?? ANOMALY_DEFAULTS.relativeThreshold,
    noise: options.noiseThreshold ?? ANOMALY_DEFAULTS.noiseThreshold,
    minHistoryDays: options.minHistoryDays ?? ANOMALY_DEFAULTS.minHistoryDays,
    baselineDays: 7 * (options.baselineWeeks ?? ANOMALY_DEFAULTS.baselineWeeks),
    persistenceDays: options.persistenceDays ?? ANOMALY_DEFAULTS.persistenceDays,
  };
}

interface Baseline {
  expected: number;
  /** Robust σ of the relative residuals. */
  sigma: number;
}

/**
 * The baseline of day `t` from days [max(from, t − window), t − 1] that are
 * not left out; undefined with fewer than 7 of them.
 */
function baselineAt(s: DenseSeries, t: number, from: number, windowDays: number, leftOut: (index: number) => boolean): Baseline | undefined {
  const factorFrom = Math.max(0, t - windowDays);
  const levelFrom = Math.max(from, factorFrom);
  const x = s.values;
  const factors = weekdayFactors(x.subarray(factorFrom, t), (s.startWeekday + factorFrom) % 7, i => leftOut(factorFrom + i));
  const times: number[] = [];
  const points: number[] = [];
  for (let i = levelFrom; i < t; i++) {
    if (leftOut(i)) {
      continue;
    }
    const factor = factors[(s.startWeekday + i) % 7];
    if (factor >= 0.05) {
      times.push(i);
      points.push(x[i] / factor);
    }
  }
  if (points.length < MIN_BASELINE_DAYS) {
    return undefined;
  }
  const slope = points.length >= MIN_TREND_POINTS ? theilSlope(times, points) : 0;
  const level = median(points.map((y, k) => y + slope * (t - times[k])));
  const residuals: number[] = [];
  for (let k = 0; k < points.length; k++) {
    const fitted = level - slope * (t - times[k]);
    if (Math.abs(fitted) > 1e-9) {
      residuals.push(points[k] / fitted - 1);
    }
  }
  let expected = level * factors[(s.startWeekday + t) % 7];
  if (s.nonNegative) {
    expected = Math.max(0, expected);
  }
  // The residuals' spread understates the noise by the parameters fitted on them (a level, a slope, seven
  // factors), and the day's expected value has its own error (its factor from one share per block, the level
  // from all days): the σ a day is judged by includes both.
  const fitted = factors.some(f => f !== 1) ? 9 : 2;
  const blocks = Math.max(1, Math.floor((t - factorFrom) / 7));
  const m = residuals.length;
  const sigma = m ? robustSigma(residuals) * Math.sqrt(m / Math.max(1, m - fitted)) * Math.sqrt(1 + 1.57 / blocks + 1.57 / m) : 0;
  return { expected, sigma };
}

/** Same-weekday reference of day `index` from the days 7 and 14 before and after it, before `t`. */
function neighbourReference(s: DenseSeries, index: number, t: number): number | undefined {
  const values: number[] = [];
  for (const offset of [-14, -7, 7, 14]) {
    const j = index + offset;
    if (j >= 0 && j < t && !s.isMonthStart(j)) {
      values.push(s.values[j]);
    }
  }
  return values.length ? median(values) : undefined;
}

interface OpenEvent {
  start: number;
  sign: 1 | -1;
  days: number;
  quiet: number;
}

/** The anomalies of one entity's daily series (complete days only; a missing date is a zero day). */
export function detectAnomalies(series: readonly DailyAmount[], options: AnomalyOptions = {}): Anomaly[] {
  const s = densify(series);
  if (!s) {
    return [];
  }
  const o = resolve(options);
  const n = s.values.length;
  const eventDay = new Uint8Array(n);
  const leftOut = (i: number) => eventDay[i] === 1 || s.isMonthStart(i);
  const anomalies: Anomaly[] = [];
  let baselineFrom = 0;
  let open: OpenEvent | undefined;
  for (let t = o.minHistoryDays; t < n; t++) {
    const baseline = baselineAt(s, t, baselineFrom, o.baselineDays, leftOut);
    if (!baseline) {
      continue;
    }
    const actual = s.values[t];
    const deviation = actual - baseline.expected;
    const size = Math.abs(deviation);
    const scale = Math.abs(baseline.expected);
    const beyond = (share: number) => size > share * o.absolute && size > share * o.relative * scale && size > share * o.noise * baseline.sigma * scale;
    if (deviation > 0 && s.isMonthStart(t) && beyond(1) && isRecurringMonthStart(s, t, deviation)) {
      // A recurring fee: neither an anomaly nor a day that continues or ends an event.
      continue;
    }
    if (open) {
      if (Math.sign(deviation) === open.sign && beyond(CONTINUATION_SHARE)) {
        open.days += 1;
        open.quiet = 0;
        eventDay[t] = 1;
        if (open.days >= o.persistenceDays) {
          // A level shift: the new level is the baseline from its first day on.
          baselineFrom = open.start;
          eventDay.fill(0, open.start, t + 1);
          open = undefined;
        }
        continue;
      }
      open.quiet += 1;
      if (open.quiet >= CLOSING_DAYS || Math.sign(deviation) === -open.sign) {
        // Over before it persisted: its days go back into the baseline (robust to them), so that a false
        // alarm cannot starve its weekday of data and raise the next one.
        eventDay.fill(0, open.start, t);
        open = undefined;
      }
    }
    if (!beyond(1)) {
      continue;
    }
    open = { start: t, sign: deviation > 0 ? 1 : -1, days: 1, quiet: 0 };
    eventDay[t] = 1;
    const date = addDays(s.start, t);
    if ((options.from !== undefined && date < options.from) || (options.to !== undefined && date >= options.to)) {
      continue;
    }
    const expected = estimateToMoney(baseline.expected);
    const exactActual = s.exact[t];
    anomalies.push({
      date,
      actual: formatDecimal(exactActual),
      expected: formatDecimal(expected),
      impact: formatDecimal(exactActual - expected),
      impactRatio: changeRatio(exactActual, expected),
      direction: deviation > 0 ? 'spike' : 'dip',
    });
  }
  return anomalies;
}

/** Whether the excess of the 1st `t` recurs: the previous 1st had 0.5–2 × as much over its same-weekday neighbours. */
function isRecurringMonthStart(s: DenseSeries, t: number, excess: number): boolean {
  for (let p = t - 1; p >= 0 && p >= t - 31; p--) {
    if (s.isMonthStart(p)) {
      const reference = neighbourReference(s, p, t);
      if (reference === undefined) {
        return false;
      }
      const previous = s.values[p] - reference;
      return previous >= 0.5 * excess && previous <= 2 * excess;
    }
  }
  return false;
}

/**
 * The amount the detector's baseline expects on `date` from the series'
 * days before it, for the per-key baselines of {@link explainAnomaly}: the
 * same baseline, without the detector's state (no event days left out, no
 * level shift taken as the new baseline). Null with fewer than 7 days
 * before it. Rounded to 6 decimal places.
 */
export function expectedAmount(series: readonly DailyAmount[], date: string, options: AnomalyOptions = {}): Money | null {
  const before = series.filter(day => day.date < date);
  const s = densify(before, addDays(date, -1));
  if (!s) {
    return null;
  }
  const o = resolve(options);
  const t = daysBetween(s.start, date);
  const baseline = baselineAt(s, t, 0, o.baselineDays, i => s.isMonthStart(i));
  return baseline ? estimateToMoney(baseline.expected) : null;
}

/** One key of a dimension on the anomaly's day. */
export interface BreakdownItem {
  key: string;
  /** The key's amount on the day. */
  actual: Money;
  /** The key's baseline amount (any scale: it is scaled to the anomaly's expected amount). */
  baseline: Money;
}

/** What {@link explainAnomaly} takes. */
export interface AnomalyBreakdown {
  /** The anomaly's actual amount (exact, or its decimal string). */
  actual: Money | string;
  /** The anomaly's expected amount. */
  expected: Money | string;
  /** Per dimension (service, account, region, resource …), the keys of the day. */
  dimensions: ReadonlyArray<{ dimension: string; items: readonly BreakdownItem[] }>;
  /** Keys kept per dimension; the rest are summed into `(other)`. Default: all. */
  limit?: number;
}

/** A key's share of an anomaly's impact. */
export interface Contributor {
  dimension: string;
  key: string;
  /** Decimal string; a dimension's impacts sum exactly to the anomaly's impact. */
  impact: string;
}

const abs = (value: bigint) => (value < 0n ? -value : value);

/**
 * The contributors of an anomaly, per dimension in the order given, ranked
 * by how much each key pushed in the anomaly's direction. Within a
 * dimension, the baselines are scaled to sum to `expected` (proportionally
 * to each key's baseline, or to its actual when no key has a baseline),
 * each key's impact is its actual less its scaled baseline, the remainder
 * of the scaling goes to the largest contributor, so the impacts sum
 * exactly to actual − expected.
 */
export function explainAnomaly(breakdown: AnomalyBreakdown): Contributor[] {
  const actual = typeof breakdown.actual === 'bigint' ? breakdown.actual : moneyFromDecimal(breakdown.actual);
  const expected = typeof breakdown.expected === 'bigint' ? breakdown.expected : moneyFromDecimal(breakdown.expected);
  const direction = actual >= expected ? 1n : -1n;
  const contributors: Contributor[] = [];
  for (const { dimension, items } of breakdown.dimensions) {
    const keys = items.map(item => ({ ...item }));
    const covered = keys.reduce((sum, item) => sum + item.actual, 0n);
    if (covered !== actual || keys.length === 0) {
      keys.push({ key: '(unattributed)', actual: actual - covered, baseline: 0n });
    }
    let weights = keys.map(item => item.baseline);
    let total = weights.reduce((a, b) => a + b, 0n);
    if (total === 0n) {
      weights = keys.map(item => item.actual);
      total = weights.reduce((a, b) => a + b, 0n);
    }
    const scaled = keys.map((_, k) => (total === 0n ? 0n : (expected * weights[k]) / total));
    const impacts = keys.map((item, k) => item.actual - scaled[k]);
    const remainder = expected - scaled.reduce((a, b) => a + b, 0n);
    let largest = 0;
    for (let k = 1; k < keys.length; k++) {
      if (abs(impacts[k]) > abs(impacts[largest])) {
        largest = k;
      }
    }
    impacts[largest] -= remainder;
    const ranked = keys
      .map((item, k) => ({ key: item.key, impact: impacts[k] }))
      .sort((a, b) => {
        const left = a.impact * direction;
        const right = b.impact * direction;
        if (left !== right) {
          return left > right ? -1 : 1;
        }
        return a.key < b.key ? -1 : Number(a.key > b.key);
      });
    const limit = breakdown.limit ?? ranked.length;
    const kept = ranked.length > limit ? ranked.slice(0, Math.max(0, limit)) : ranked;
    for (const { key, impact } of kept) {
      contributors.push({ dimension, key, impact: formatDecimal(impact) });
    }
    if (kept.length < ranked.length) {
      const rest = ranked.slice(kept.length).reduce((sum, item) => sum + item.impact, 0n);
      contributors.push({ dimension, key: '(other)', impact: formatDecimal(rest) });
    }
  }
  return contributors;
}
