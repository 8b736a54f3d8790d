/**
 * Month-end and monthly cost forecasts over a daily cost series.
 *
 * **Input.** A daily series of one entity's cost (`{ date, amount }`, exact
 * {@link Money}) holding complete days only: the caller passes days up to
 * `dataThrough` (by default the series' last date); a date missing inside
 * the range is a day that cost nothing, and dates after `dataThrough` are
 * ignored. Known one-off charges (a commitment purchase, a support fee) may
 * be given apart: those already in the series are taken out of it before
 * fitting, those still to come are added to the forecast as they are.
 *
 * **Method (`seasonal-trend`)**, refitted at every forecast from the data
 * available then:
 *
 * 1. *Month-start fees.* A charge on the 1st is not trend. The 1st's excess
 *    over its same-weekday neighbours (the median of the days 7 and 14 days
 *    before and after it) counts when it is above 4 robust noise σ and 5 %
 *    of a typical day. The 1st of each month is replaced by that reference
 *    in the fitted data; the latest excess is forecast again on each coming
 *    1st when it recurs: it was also there (0.5–2 × as large) on the
 *    previous 1st, or there is no previous 1st in the history.
 * 2. *Weekly seasonality.* Multiplicative day-of-week factors: for each
 *    7-day block of the fit window (aligned on its last day), each day's
 *    share of the block's mean; a weekday's factor is the median of its
 *    shares, shrunk towards 1 by its standard error (positive-part
 *    James–Stein: noise on a flat series is not a weekly pattern), and the
 *    seven are scaled to average 1.
 * 3. *Trend* on the deseasonalised window (the last `fitWeeks` = 12 weeks):
 *    Theil's robust slope (the median of the slopes between the points half
 *    the window apart) with the level at the last day as the median of the
 *    points moved along it, so spikes and single odd days do not tilt it.
 *    A level shift is fitted as one: when two flat levels split at the best
 *    CUSUM point leave under 0.8 × the absolute residual of the line and
 *    differ by over 10 %, only the days after the shift are fitted (with a
 *    slope once there are 21 of them, flat before), provided at least 7
 *    days follow it, the rule the anomaly detector uses too. The slope is
 *    damped (× `dampingPerDay` = 0.99 a day, half-life ~69 days), so three
 *    months out it adds at most ~99 days of the current slope.
 * 4. *Forecast* of a day: (level + damped slope) × its weekday factor, plus
 *    the fee on a 1st, never below zero for a series that never was.
 *    Amounts: the month-to-date actual, exact, plus the forecast of the
 *    remaining days rounded to 6 decimal places, plus known one-offs.
 * 5. *80 % interval* (`coverage`) from backtests of the same method on the
 *    same series: from up to `backtestOrigins` = 45 earlier origins, every
 *    3 days back (each with at least 28 days of history), the method
 *    forecasts the same span of days ahead (for month-end: the remaining
 *    days) and its relative error against what happened is kept. The
 *    interval is the errors' mean ± Student's t × their standard deviation
 *    × √(1 + 1/n), where n counts the origins as independent only as far as
 *    their spans do not overlap (n = 1 + (origins − 1) × 3 ÷ span), so a
 *    few overlapping backtests do not pass for many; it always holds the
 *    forecast. So the interval widens with the horizon by what the method
 *    missed at that horizon. With fewer than 8 origins, the errors of the
 *    same span moved nearer, or of a shorter one, are used, widened by
 *    √(horizon ratio); with none, ±1.28 × the fit's robust daily σ over the
 *    span plus 1 % per week ahead.
 *
 * **Short history (`run-rate-short-history`).** Under `minHistoryDays` =
 * 14 days there is neither a week-over-week pattern nor a trend to fit:
 * the forecast is the mean day (leaving out a 1st that is over 3 × the
 * median day, forecast again on coming 1sts) times the days left, with a
 * ±50 % interval on the forecast part, × √(days ahead / 30) beyond a month.
 *
 * {@link naiveRunRate} (month-to-date ÷ days elapsed × days in the month,
 * exact) is the baseline the method must beat; {@link backtest} gives for
 * each closed month the forecast made on day 5, 10 and 20 against the
 * actual. A forecast "made on day d" uses the complete days 1 … d−1.
 *
 * Statistics run in floating point (a forecast is an estimate); actuals
 * stay exact bigint sums and every estimate is rounded to 6 decimal places
 * through its decimal text before it meets money.
 *
 * @packageDocumentation
 */
import { Money, addDays, changeRatio, daysBetween, formatDecimal, isIsoDate, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';

/** One day's amount. */
export interface DailyAmount {
  /** `YYYY-MM-DD`. */
  date: string;
  amount: Money;
}

/** Parameters of the forecast; every one has a default (see the module doc). */
export interface ForecastOptions {
  /** Weeks of history the seasonality and trend are fitted on; default 12. */
  fitWeeks?: number;
  /** Daily damping of the trend, in (0, 1]; default 0.99. */
  dampingPerDay?: number;
  /** Below this many days of history, the run-rate fallback; default 14. */
  minHistoryDays?: number;
  /** Interval coverage; default 0.8. */
  coverage?: number;
  /** Backtest origins the interval is taken from; default 30. */
  backtestOrigins?: number;
}

/** What {@link forecastMonthEnd} and {@link forecastMonths} take. */
export interface ForecastInput {
  /** Complete days, in any order; a date given twice is summed. */
  series: readonly DailyAmount[];
  /** The month to forecast, `YYYY-MM`. */
  month: string;
  /** The last complete day; default the series' last date. Later dates are ignored. */
  dataThrough?: string;
  /** Known one-off charges: taken out of the history, added to the forecast when still to come. */
  oneOffs?: readonly DailyAmount[];
  options?: ForecastOptions;
}

/**
 * How a forecast was made: `seasonal-trend` (the method above),
 * `run-rate-short-history` (under 14 days of history), `actual` (the month
 * is complete) or `no-data` (no history before the forecast).
 */
export type ForecastMethod = 'seasonal-trend' | 'run-rate-short-history' | 'actual' | 'no-data';

/** A month-end forecast: decimal strings. */
export interface MonthEndForecast {
  method: ForecastMethod;
  /** Month-to-date actual plus the forecast of the remaining days. */
  amount: string;
  /** The 80 % interval's bounds. */
  low: string;
  high: string;
}

/** One coming month's forecast: decimal strings. */
export interface MonthForecast {
  /** `YYYY-MM`. */
  month: string;
  amount: string;
  low: string;
  high: string;
}

/** One forecast of {@link backtest} against what the month cost. */
export interface BacktestEntry {
  /** `YYYY-MM`. */
  month: string;
  /** The forecast used the complete days before this day of the month. */
  madeOnDay: number;
  forecast: string;
  actual: string;
  /** (forecast − actual) ÷ actual; null when the month cost nothing. */
  errorRatio: number | null;
}

export const FORECAST_DEFAULTS: Required<ForecastOptions> = {
  fitWeeks: 12,
  dampingPerDay: 0.99,
  minHistoryDays: 14,
  coverage: 0.8,
  backtestOrigins: 45,
};

/** Days the forecasts of {@link backtest} are made on. */
export const BACKTEST_DAYS = [5, 10, 20] as const;

const BACKTEST_STRIDE = 3;
const MIN_ORIGIN_DAYS = 28;
const MIN_BACKTEST_SAMPLES = 8;
const MIN_SHIFT_SEGMENT = 7;
const MIN_TREND_POINTS = 21;
const SHORT_HISTORY_SPREAD = 0.5;

/**
 * Days of history before a forecast's last complete day that
 * {@link forecastMonthEnd} can use with the default options: the month's
 * remaining days ahead of the latest backtest origin, every origin, and the
 * fit's weeks before the earliest. Callers that read this much get the same
 * forecast and interval.
 */
export const MONTH_END_HISTORY_DAYS = 31 + BACKTEST_STRIDE * FORECAST_DEFAULTS.backtestOrigins + Math.max(MIN_ORIGIN_DAYS, 7 * FORECAST_DEFAULTS.fitWeeks);

// ---------------------------------------------------------------------------
// Shared numeric helpers (also used by the anomaly detector).

/** An amount as a float in currency units, for statistics only. */
export function moneyToNumber(amount: Money): number {
  return Number(amount) / 1e18;
}

/** An estimate rounded to `decimals` places through its decimal text: the only way floats become money. */
export function estimateToMoney(value: number, decimals = 6): Money {
  if (!Number.isFinite(value)) {
    throw new RangeError(`not a finite estimate: ${value}`);
  }
  return moneyFromDecimal((Object.is(value, -0) ? 0 : value).toFixed(decimals));
}

let scratch = new Float64Array(512);

/** The numbers sorted in a shared scratch buffer (valid until the next call). */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  if (scratch.length < n) {
    scratch = new Float64Array(2 * n);
  }
  for (let i = 0; i < n; i++) {
    scratch[i] = values[i];
  }
  return scratch.subarray(0, n).sort();
}

/** The median of numbers (NaN for none); does not reorder its argument. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) {
    return NaN;
  }
  const sorted = sortedCopy(values);
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** 1.4826 × the median absolute deviation from the median: σ for normal data, robust to outliers. */
export function robustSigma(values: ArrayLike<number>): number {
  const center = median(values);
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    deviations[i] = Math.abs(values[i] - center);
  }
  return 1.4826 * median(deviations);
}

/** Theil's robust slope: the median slope between points half the sample apart (t strictly increasing). */
export function theilSlope(t: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = t.length;
  const lag = Math.floor(n / 2);
  if (lag < 1) {
    return 0;
  }
  const slopes = new Float64Array(n - lag);
  for (let k = 0; k + lag < n; k++) {
    slopes[k] = (y[k + lag] - y[k]) / (t[k + lag] - t[k]);
  }
  return median(slopes);
}

/** The z with P(|Z| ≤ z) = coverage for a standard normal Z, by bisection on erf. */
export function twoSidedZ(coverage: number): number {
  let low = 0;
  let high = 8;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (erf(mid / Math.SQRT2) < coverage) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}

/** Student's t quantile (Hill's expansion around the normal one; within 1 % from 2 degrees of freedom). */
export function studentT(p: number, freedom: number): number {
  const z = twoSidedZ(2 * p - 1);
  const v = Math.max(1, freedom);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v ** 3);
}

function erf(x: number): number {
  // Abramowitz and Stegun 7.1.26, |error| < 1.5e-7.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const value = 1 - poly * Math.exp(-x * x);
  return x >= 0 ? value : -value;
}

/** Sunday = 0 … Saturday = 6 of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * Multiplicative day-of-week factors (Sunday = 0) of a dense run of days
 * whose first day is a `firstWeekday`: per 7-day block aligned on the last
 * day, each day's share of its block's mean; a weekday's factor is the
 * median of its shares, shrunk towards 1 by its standard error (so that a
 * noisy flat series keeps flat factors), the seven scaled to average 1. Days
 * where `skip` holds count in neither a block nor a share (a block needs 5
 * days); a weekday without shares stays neutral. All ones with fewer than
 * two blocks.
 */
export function weekdayFactors(values: ArrayLike<number>, firstWeekday: number, skip?: (index: number) => boolean): number[] {
  const blocks = Math.floor(values.length / 7);
  const factors = [1, 1, 1, 1, 1, 1, 1];
  if (blocks < 2) {
    return factors;
  }
  const shares: number[][] = [[], [], [], [], [], [], []];
  for (let b = 0; b < blocks; b++) {
    const end = values.length - 7 * b;
    let sum = 0;
    let count = 0;
    for (let i = end - 7; i < end; i++) {
      if (!skip?.(i)) {
        sum += values[i];
        count++;
      }
    }
    const mean = count >= 5 ? sum / count : 0;
    if (mean <= 0) {
      continue;
    }
    for (let i = end - 7; i < end; i++) {
      if (!skip?.(i)) {
        shares[(firstWeekday + i) % 7].push(values[i] / mean);
      }
    }
  }
  const raw = shares.map(list => (list.length ? median(list) : NaN));
  const deviations: number[] = [];
  shares.forEach((list, d) => list.forEach(share => deviations.push(share - raw[d])));
  // Deviations from a median of `blocks` shares understate the shares' spread by about √((b − 1) / b).
  const sigma = deviations.length ? robustSigma(deviations) * Math.sqrt(blocks / (blocks - 1)) : 0;
  for (let d = 0; d < 7; d++) {
    if (Number.isNaN(raw[d])) {
      continue;
    }
    // Shrunk towards 1 by its standard error (positive-part James–Stein), so noise is not read as a weekly pattern.
    const departure = raw[d] - 1;
    const standardError = (1.2533 * sigma) / Math.sqrt(shares[d].length);
    const keep = departure === 0 ? 0 : Math.max(0, 1 - (standardError * standardError) / (departure * departure));
    factors[d] = Math.max(0, 1 + departure * keep);
  }
  const mean = factors.reduce((a, b) => a + b, 0) / 7;
  return mean > 0 ? factors.map(f => f / mean) : [1, 1, 1, 1, 1, 1, 1];
}

/** A series as a dense run of days from its first date through `through`, exact and as floats. */
export interface DenseSeries {
  /** The first day, `YYYY-MM-DD`. */
  start: string;
  /** Weekday of the first day, Sunday = 0. */
  startWeekday: number;
  /** Exact amount of each day (zero for a day missing from the series). */
  exact: Money[];
  /** The same as floats. */
  values: Float64Array;
  /** Whether no day is negative (a forecast is then never negative). */
  nonNegative: boolean;
  /** Whether day `index` (which may lie beyond the data) is the 1st of a month. */
  isMonthStart(index: number): boolean;
}

/** Dense days from the series' first date through `through` (or its last date); undefined for no days. */
export function densify(series: readonly DailyAmount[], through?: string): DenseSeries | undefined {
  let first: string | undefined;
  let last: string | undefined;
  for (const { date } of series) {
    if (!isIsoDate(date)) {
      throw new TypeError(`not a YYYY-MM-DD date: ${date}`);
    }
    if (through !== undefined && date > through) {
      continue;
    }
    if (first === undefined || date < first) {
      first = date;
    }
    if (last === undefined || date > last) {
      last = date;
    }
  }
  if (first === undefined || last === undefined) {
    return undefined;
  }
  const end = through ?? last;
  const length = daysBetween(first, end) + 1;
  const exact = new Array<Money>(length).fill(0n);
  for (const { date, amount } of series) {
    if (date <= end) {
      exact[daysBetween(first, date)] += amount;
    }
  }
  const values = new Float64Array(length);
  let nonNegative = true;
  for (let i = 0; i < length; i++) {
    values[i] = moneyToNumber(exact[i]);
    nonNegative &&= exact[i] >= 0n;
  }
  // Day of the month of day 0; day i is a 1st when (offset + i) lands on a month's start.
  const monthStarts = new Set<number>();
  const startTime = Date.parse(`${first}T00:00:00Z`);
  const monthStartIndex = (year: number, month: number) => Math.round((Date.UTC(year, month, 1) - startTime) / 86_400_000);
  const firstDate = new Date(startTime);
  let y = firstDate.getUTCFullYear();
  let m = firstDate.getUTCMonth();
  let cachedUpTo = -1;
  const extend = (index: number) => {
    while (cachedUpTo < index) {
      const at = monthStartIndex(y, m);
      if (at >= 0) {
        monthStarts.add(at);
      }
      cachedUpTo = monthStartIndex(y, m + 1) - 1;
      m += 1;
      if (m === 12) {
        m = 0;
        y += 1;
      }
    }
  };
  return {
    start: first,
    startWeekday: weekdayOf(first),
    exact,
    values,
    nonNegative,
    isMonthStart(index: number) {
      if (index < 0) {
        return false;
      }
      extend(index);
      return monthStarts.has(index);
    },
  };
}

// ---------------------------------------------------------------------------
// The model.

/** The fitted model at an origin (the last day it saw). */
interface Fit {
  origin: number;
  shortHistory: boolean;
  level: number;
  slope: number;
  factors: number[];
  /** Recurring month-start amount, forecast on each coming 1st. */
  fee: number;
  /** Robust σ of the fit's daily residuals relative to its fitted values. */
  relativeSigma: number;
}

type Resolved = Required<ForecastOptions>;

function resolve(options: ForecastOptions | undefined): Resolved {
  return { ...FORECAST_DEFAULTS, ...options };
}

/** Same-weekday reference of a month's 1st: the median of the days 7 and 14 before and after it that exist by `origin`. */
function monthStartReference(s: DenseSeries, x: ArrayLike<number>, index: number, origin: number): number {
  const neighbours: number[] = [];
  for (const offset of [-14, -7, 7, 14]) {
    const j = index + offset;
    if (j >= 0 && j <= origin && !s.isMonthStart(j)) {
      neighbours.push(x[j]);
    }
  }
  return neighbours.length ? median(neighbours) : NaN;
}

interface MonthStartScan {
  /** Index → reference value for the 1sts whose excess is significant. */
  replaced: Map<number, number>;
  fee: number;
}

/** The significant month-start excesses among days from … origin, and the recurring fee. */
function scanMonthStarts(s: DenseSeries, x: ArrayLike<number>, from: number, origin: number): MonthStartScan {
  const differences: number[] = [];
  const levels: number[] = [];
  for (let i = from; i <= origin; i++) {
    if (!s.isMonthStart(i)) {
      levels.push(x[i]);
      if (i - 7 >= from && !s.isMonthStart(i - 7)) {
        differences.push(x[i] - x[i - 7]);
      }
    }
  }
  const noise = differences.length >= 7 ? robustSigma(differences) / Math.SQRT2 : 0;
  const typical = levels.length ? Math.abs(median(levels)) : 0;
  const gate = Math.max(4 * noise, 0.05 * typical, 1e-9);
  const replaced = new Map<number, number>();
  const excesses: Array<{ index: number; excess: number; significant: boolean }> = [];
  for (let i = from; i <= origin; i++) {
    if (!s.isMonthStart(i)) {
      continue;
    }
    const reference = monthStartReference(s, x, i, origin);
    if (Number.isNaN(reference)) {
      continue;
    }
    const excess = x[i] - reference;
    const significant = excess > gate;
    if (significant) {
      replaced.set(i, reference);
    }
    excesses.push({ index: i, excess, significant });
  }
  let fee = 0;
  const latest = excesses[excesses.length - 1];
  if (latest?.significant) {
    const previous = excesses[excesses.length - 2];
    const recurs = previous === undefined || (previous.significant && previous.excess >= 0.5 * latest.excess && previous.excess <= 2 * latest.excess);
    if (recurs) {
      fee = latest.excess;
    }
  }
  return { replaced, fee };
}

/** The run-rate model of a short history: the mean day, a 1st over 3 × the median day set apart as a fee. */
function fitShortHistory(s: DenseSeries, x: ArrayLike<number>, origin: number): Fit {
  const days = Array.from({ length: origin + 1 }, (_, i) => x[i]);
  let fee = 0;
  let sum = days.reduce((a, b) => a + b, 0);
  let count = days.length;
  for (let i = 0; i <= origin; i++) {
    if (s.isMonthStart(i) && days.length >= 4) {
      const others = days.filter((_, j) => j !== i);
      const typical = median(others);
      if (x[i] > 3 * typical && x[i] > 0) {
        fee = x[i] - typical;
        sum -= x[i];
        count -= 1;
      }
    }
  }
  return { origin, shortHistory: true, level: count ? sum / count : 0, slope: 0, factors: [1, 1, 1, 1, 1, 1, 1], fee, relativeSigma: NaN };
}

/** Fits the model on days 0 … origin of `x` (the series with known one-offs taken out). */
function fitModel(s: DenseSeries, x: ArrayLike<number>, origin: number, options: Resolved, withSigma: boolean): Fit {
  const available = origin + 1;
  if (available < options.minHistoryDays) {
    return fitShortHistory(s, x, origin);
  }
  const width = Math.min(options.fitWeeks * 7, available);
  const from = origin - width + 1;
  // Month starts, looked at over the fit window and the month before it.
  const scan = scanMonthStarts(s, x, Math.max(0, from - 35), origin);
  const window = new Float64Array(width);
  for (let i = 0; i < width; i++) {
    window[i] = scan.replaced.get(from + i) ?? x[from + i];
  }
  const firstWeekday = (s.startWeekday + from) % 7;
  const factors = weekdayFactors(window, firstWeekday);
  // Deseasonalised points, leaving out days whose weekday carries (almost) nothing.
  const t: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < width; i++) {
    const factor = factors[(firstWeekday + i) % 7];
    if (factor >= 0.05) {
      t.push(from + i);
      y.push(window[i] / factor);
    }
  }
  const { level, slope, fitFrom } = fitTrend(t, y, origin);
  const residuals: number[] = [];
  for (let k = withSigma ? fitFrom : t.length; k < t.length; k++) {
    const fitted = level + slope * (t[k] - origin);
    if (Math.abs(fitted) > 1e-12) {
      residuals.push(y[k] / fitted - 1);
    }
  }
  return {
    origin,
    shortHistory: false,
    level,
    slope,
    factors,
    fee: scan.fee,
    relativeSigma: withSigma ? robustSigmaOrZero(residuals) : NaN,
  };
}

function robustSigmaOrZero(values: number[]): number {
  return values.length ? robustSigma(values) : 0;
}

/** A robust line through the points, or through those after a level shift when a step fits far better. */
function fitTrend(t: number[], y: number[], origin: number): { level: number; slope: number; fitFrom: number } {
  const line = (from: number) => {
    const tt = t.slice(from);
    const yy = y.slice(from);
    const slope = tt.length >= MIN_TREND_POINTS ? theilSlope(tt, yy) : 0;
    const level = median(yy.map((v, k) => v + slope * (origin - tt[k])));
    return { level, slope };
  };
  const n = y.length;
  if (n === 0) {
    return { level: 0, slope: 0, fitFrom: 0 };
  }
  const whole = line(0);
  if (n < 2 * MIN_SHIFT_SEGMENT) {
    return { ...whole, fitFrom: 0 };
  }
  // Winsorise at 5 σ so that a spike does not pass for a step.
  const center = median(y);
  const sigma = robustSigma(y);
  const clipped = sigma > 0 ? y.map(v => Math.min(center + 5 * sigma, Math.max(center - 5 * sigma, v))) : y;
  const prefix = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    prefix[k + 1] = prefix[k] + clipped[k];
  }
  let best = -1;
  let bestStat = 0;
  for (let k = MIN_SHIFT_SEGMENT; k <= n - MIN_SHIFT_SEGMENT; k++) {
    const before = prefix[k] / k;
    const after = (prefix[n] - prefix[k]) / (n - k);
    const stat = Math.abs(after - before) * Math.sqrt((k * (n - k)) / n);
    if (stat > bestStat) {
      bestStat = stat;
      best = k;
    }
  }
  if (best < 0) {
    return { ...whole, fitFrom: 0 };
  }
  const before = median(clipped.slice(0, best));
  const after = median(clipped.slice(best));
  let stepResidual = 0;
  let lineResidual = 0;
  for (let k = 0; k < n; k++) {
    stepResidual += Math.abs(clipped[k] - (k < best ? before : after));
    lineResidual += Math.abs(clipped[k] - (whole.level + whole.slope * (t[k] - origin)));
  }
  const shift = Math.abs(after - before) > 0.1 * Math.max(Math.abs(before), Math.abs(after));
  if (shift && stepResidual < 0.8 * lineResidual) {
    return { ...line(best), fitFrom: best };
  }
  return { ...whole, fitFrom: 0 };
}

/** Σ φ^j for j = 1 … h. */
function dampedSteps(h: number, phi: number): number {
  return phi >= 1 ? h : (phi * (1 - phi ** h)) / (1 - phi);
}

function predictDay(s: DenseSeries, fit: Fit, index: number, options: Resolved): number {
  const h = index - fit.origin;
  const base = fit.level + fit.slope * dampedSteps(h, options.dampingPerDay);
  let value = base * fit.factors[(s.startWeekday + index) % 7];
  if (s.isMonthStart(index)) {
    value += fit.fee;
  }
  return s.nonNegative ? Math.max(0, value) : value;
}

function predictSum(s: DenseSeries, fit: Fit, from: number, to: number, options: Resolved): number {
  let sum = 0;
  for (let i = from; i <= to; i++) {
    sum += predictDay(s, fit, i, options);
  }
  return sum;
}

/** A forecaster for one series at one `dataThrough`, caching the fits of its backtest origins. */
class Forecaster {
  private readonly fits = new Map<number, Fit>();
  /** The series with past known one-offs taken out. */
  private readonly x: Float64Array;
  readonly last: number;

  constructor(
    readonly s: DenseSeries,
    readonly options: Resolved,
    oneOffs: readonly DailyAmount[],
  ) {
    this.last = s.values.length - 1;
    this.x = Float64Array.from(s.values);
    for (const { date, amount } of oneOffs) {
      const index = daysBetween(s.start, date);
      if (index >= 0 && index <= this.last) {
        this.x[index] -= moneyToNumber(amount);
      }
    }
  }

  fit(origin: number): Fit {
    let fit = this.fits.get(origin);
    if (!fit) {
      fit = fitModel(this.s, this.x, origin, this.options, origin === this.last);
      this.fits.set(origin, fit);
    }
    return fit;
  }

  /** The forecast of days last+a … last+b (1 ≤ a ≤ b) and its interval, as floats. */
  span(a: number, b: number): { method: ForecastMethod; amount: number; low: number; high: number } {
    const fit = this.fit(this.last);
    const amount = predictSum(this.s, fit, this.last + a, this.last + b, this.options);
    if (fit.shortHistory) {
      const spread = SHORT_HISTORY_SPREAD * Math.sqrt(Math.max(1, b / 30));
      return { method: 'run-rate-short-history', amount, low: this.floor(amount * (1 - spread)), high: amount * (1 + spread) };
    }
    const { lowError, highError } = this.errorBand(a, b, fit);
    return { method: 'seasonal-trend', amount, low: this.floor(amount * (1 + lowError)), high: amount * (1 + highError) };
  }

  private floor(value: number): number {
    return this.s.nonNegative ? Math.max(0, value) : value;
  }

  /** Relative errors of the method forecasting days o+a … o+b from earlier origins o. */
  private backtestErrors(a: number, b: number): number[] {
    const errors: number[] = [];
    for (let j = 0; j < this.options.backtestOrigins; j++) {
      const origin = this.last - b - j * BACKTEST_STRIDE;
      if (origin + 1 < MIN_ORIGIN_DAYS) {
        break;
      }
      const fit = this.fit(origin);
      const forecast = predictSum(this.s, fit, origin + a, origin + b, this.options);
      let actual = 0;
      for (let i = origin + a; i <= origin + b; i++) {
        actual += this.x[i];
      }
      const scale = Math.abs(forecast);
      if (scale > 1e-9) {
        errors.push((actual - forecast) / scale);
      } else {
        // Nothing forecast: a miss of 100 % when something came, none when nothing did.
        errors.push(Math.abs(actual) > 1e-9 ? Math.sign(actual) : 0);
      }
    }
    return errors;
  }

  private errorBand(a: number, b: number, fit: Fit): { lowError: number; highError: number } {
    const tail = (1 - this.options.coverage) / 2;
    // The span asked for; when too few origins reach that far, the same span moved nearer, then shorter ones.
    for (let end = b; ; end = Math.max(7, end - 7)) {
      const from = Math.max(1, a - (b - end));
      const errors = this.backtestErrors(from, end);
      const n = errors.length;
      if (n >= MIN_BACKTEST_SAMPLES) {
        // Origins closer together than the span forecast share most of their days: they count as fewer.
        const independent = Math.min(n, 1 + ((n - 1) * BACKTEST_STRIDE) / (end - from + 1));
        const mean = errors.reduce((sum, e) => sum + e, 0) / n;
        const sd = Math.sqrt(errors.reduce((sum, e) => sum + (e - mean) ** 2, 0) / (n - 1));
        const half = studentT(1 - tail, Math.max(1, independent - 1)) * sd * Math.sqrt(1 + 1 / independent) * Math.sqrt(b / end);
        return { lowError: Math.min(0, mean - half), highError: Math.max(0, mean + half) };
      }
      if (end <= 7) {
        break;
      }
    }
    const z = twoSidedZ(this.options.coverage);
    const days = b - a + 1;
    const sigma = Number.isFinite(fit.relativeSigma) ? fit.relativeSigma : SHORT_HISTORY_SPREAD;
    const half = z * sigma * Math.sqrt(1 / days + 2 / Math.max(1, this.options.fitWeeks * 7)) + 0.01 * (b / 7);
    return { lowError: -half, highError: half };
  }
}

// ---------------------------------------------------------------------------
// The API.

function monthBounds(month: string): { first: string; last: string; days: number } {
  if (!/^\d{4}-\d{2}$/.test(month) || !isIsoDate(`${month}-01`)) {
    throw new TypeError(`not a YYYY-MM month: ${month}`);
  }
  const first = `${month}-01`;
  const next = addDays(first, 32).slice(0, 7);
  const last = addDays(`${next}-01`, -1);
  return { first, last, days: Number(last.slice(8)) };
}

function nextMonth(month: string, by = 1): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The exact sum of the days of [first, last] that are in the dense series. */
function actualBetween(s: DenseSeries | undefined, first: string, last: string): Money {
  if (!s) {
    return 0n;
  }
  let sum = 0n;
  const from = Math.max(0, daysBetween(s.start, first));
  const to = Math.min(s.exact.length - 1, daysBetween(s.start, last));
  for (let i = from; i <= to; i++) {
    sum += s.exact[i];
  }
  return sum;
}

function oneOffsBetween(oneOffs: readonly DailyAmount[] | undefined, after: string, last: string, first: string): Money {
  let sum = 0n;
  for (const { date, amount } of oneOffs ?? []) {
    if (date > after && date >= first && date <= last) {
      sum += amount;
    }
  }
  return sum;
}

interface PeriodForecast {
  method: ForecastMethod;
  amount: Money;
  low: Money;
  high: Money;
}

function forecastPeriod(input: ForecastInput, first: string, last: string, state?: { forecaster?: Forecaster; dense?: DenseSeries | null; through?: string }): PeriodForecast {
  const cache = state ?? {};
  if (cache.dense === undefined) {
    const through = input.dataThrough ?? latestDate(input.series);
    cache.through = through;
    cache.dense = through === undefined ? null : densify(input.series, through) ?? null;
  }
  const through = cache.through;
  const dense = cache.dense ?? undefined;
  const actual = actualBetween(dense, first, last);
  if (through === undefined || through >= last) {
    return { method: through === undefined ? 'no-data' : 'actual', amount: actual, low: actual, high: actual };
  }
  const known = actual + oneOffsBetween(input.oneOffs, through, last, first);
  if (!dense) {
    return { method: 'no-data', amount: known, low: known, high: known };
  }
  cache.forecaster ??= new Forecaster(dense, resolve(input.options), input.oneOffs ?? []);
  const forecaster = cache.forecaster;
  const a = Math.max(1, daysBetween(through, first));
  const b = daysBetween(through, last);
  const span = forecaster.span(a, b);
  return {
    method: span.method,
    amount: known + estimateToMoney(span.amount),
    low: known + estimateToMoney(span.low),
    high: known + estimateToMoney(span.high),
  };
}

function latestDate(series: readonly DailyAmount[]): string | undefined {
  let last: string | undefined;
  for (const { date } of series) {
    if (last === undefined || date > last) {
      last = date;
    }
  }
  return last;
}

/** The month-end forecast of `input.month`: month-to-date actual plus the forecast of the remaining days, with its 80 % interval. */
export function forecastMonthEnd(input: ForecastInput): MonthEndForecast {
  const { first, last } = monthBounds(input.month);
  const result = forecastPeriod(input, first, last);
  return { method: result.method, amount: formatDecimal(result.amount), low: formatDecimal(result.low), high: formatDecimal(result.high) };
}

/** Forecasts of the `months` whole months after `input.month`, each with its 80 % interval (wider further out). */
export function forecastMonths(input: ForecastInput, months: number): MonthForecast[] {
  monthBounds(input.month);
  const state = {};
  const result: MonthForecast[] = [];
  for (let k = 1; k <= months; k++) {
    const month = nextMonth(input.month, k);
    const { first, last } = monthBounds(month);
    const forecast = forecastPeriod(input, first, last, state);
    result.push({ month, amount: formatDecimal(forecast.amount), low: formatDecimal(forecast.low), high: formatDecimal(forecast.high) });
  }
  return result;
}

/**
 * The naive month-end run-rate: month-to-date ÷ days elapsed × days in the
 * month, exact (rounded to the nearest atto-unit). Days elapsed are the
 * month's days through `dataThrough`; before the month has a day, the
 * amount is zero.
 */
export function naiveRunRate(input: Pick<ForecastInput, 'series' | 'month' | 'dataThrough'>): { method: 'naive-run-rate'; amount: string } {
  const { first, last, days } = monthBounds(input.month);
  const through = input.dataThrough ?? latestDate(input.series);
  if (through === undefined || through < first) {
    return { method: 'naive-run-rate', amount: '0' };
  }
  const end = through < last ? through : last;
  let sum = 0n;
  for (const { date, amount } of input.series) {
    if (date >= first && date <= end) {
      sum += amount;
    }
  }
  const elapsed = BigInt(daysBetween(first, end) + 1);
  const scaled = sum * BigInt(days);
  const quotient = scaled / elapsed;
  const remainder = scaled - quotient * elapsed;
  const rounded = 2n * (remainder < 0n ? -remainder : remainder) >= elapsed ? quotient + (scaled < 0n ? -1n : 1n) : quotient;
  return { method: 'naive-run-rate', amount: formatDecimal(rounded) };
}

/**
 * For each of the last `months` closed months (a month is closed when the
 * series' last date, or `options.dataThrough`, is its last day or later),
 * the month-end forecast made on day 5, 10 and 20 (from the complete days
 * before it) against the month's actual. A forecast with no history before
 * it is left out.
 */
export function backtest(series: readonly DailyAmount[], months = 12, options: { dataThrough?: string; oneOffs?: readonly DailyAmount[]; days?: readonly number[]; forecast?: ForecastOptions } = {}): BacktestEntry[] {
  const through = options.dataThrough ?? latestDate(series);
  if (through === undefined) {
    return [];
  }
  const firstDate = series.reduce<string | undefined>((first, { date }) => (first === undefined || date < first ? date : first), undefined)!;
  let month = through.slice(0, 7);
  if (monthBounds(month).last > through) {
    month = nextMonth(month, -1);
  }
  const closed: string[] = [];
  for (let k = 0; k < months && monthBounds(month).last >= firstDate; k++) {
    closed.unshift(month);
    month = nextMonth(month, -1);
  }
  const entries: BacktestEntry[] = [];
  const dense = densify(series, through);
  for (const m of closed) {
    const { first, last } = monthBounds(m);
    const actual = actualBetween(dense, first, last);
    for (const day of options.days ?? BACKTEST_DAYS) {
      const dataThrough = addDays(first, day - 2);
      if (dataThrough < firstDate) {
        continue;
      }
      const forecast = moneyFromDecimal(forecastMonthEnd({ series, month: m, dataThrough, oneOffs: options.oneOffs, options: options.forecast }).amount);
      entries.push({ month: m, madeOnDay: day, forecast: formatDecimal(forecast), actual: formatDecimal(actual), errorRatio: changeRatio(forecast, actual) });
    }
  }
  return entries;
}
