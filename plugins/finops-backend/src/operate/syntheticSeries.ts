/**
 * Deterministic labelled daily cost series, for the tests and the benchmark
 * of forecasting and anomaly detection.
 *
 * A series is drawn from a {@link SeriesShape}: a daily level (`base`, the
 * weekly mean at the start) × a weekly pattern × a compounded monthly trend
 * × the factors of its level shifts, with multiplicative Gaussian noise
 * (σ = `noise`), a fee on each month's 1st, injected spikes and dips
 * (multiplying one or a few days), and unlabelled `blips` (an amount added
 * to a day). Amounts are rounded to 4 decimal places, as a bill would be.
 * The same shape and seed give the same series on every machine (a
 * mulberry32 PRNG; `@backstage-finops/demo-data` is not a dependency of
 * this plugin).
 *
 * **Labels** are the events a detector should report, one per event on the
 * day it starts: each spike and dip (`spike`, `dip`, however many days it
 * lasts), each level shift (`level-shift`, on its first day, with the
 * direction of the change), and a month-start fee's first 1st when the
 * series had at least {@link LABEL_MIN_HISTORY_DAYS} days before it
 * (`new-fee`: a new charge; its repetitions are not events). Blips and
 * everything on a series' first 14 days are not labelled.
 *
 * **The benchmark set** ({@link generateLabelledSet}, 240 series × 13
 * months by default) mixes: levels from 100 to 5 000 a day (and 12 % tiny
 * services of 0.5 to 10 a day that only get blips), flat, business-week,
 * autoscaled and irregular weekly patterns, trends from −3 % to +15 % a
 * month, noise from 0 to 15 %, month-start fees of 2 to 10 days' cost on a
 * quarter of the others, a level shift (×1.5–2.2 or ×0.4–0.65, and at
 * least 6 noise σ, on a day it changes by 75 or more) on a fifth, new
 * services starting during the year and short histories (5 to 13 days)
 * at the end. Injected spikes and dips are clear anomalies by construction:
 * their impact is at least 75 (1.5 × the detector's default absolute
 * threshold of 50), at least 40 % of the day and at least 6 noise σ; they
 * lie 10 days or more from each other, 14 days or more after a level shift
 * and never on or beside a 1st. Distractors that must not be reported are
 * also injected: blips on tiny services (+100 to +300 % of a day, at
 * most 40) and 8–12 % bumps on the others.
 *
 * @packageDocumentation
 */
import { addDays, daysBetween, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { DailyAmount } from './forecast';

/** Days of history a labelled event needs before it (the detector's default minimum). */
export const LABEL_MIN_HISTORY_DAYS = 14;

/** A multiplicative event over one or more days. */
export interface InjectedEvent {
  /** First day, `YYYY-MM-DD`. */
  date: string;
  /** The day's cost is multiplied by this (3 = a ×3 spike, 0.3 = a 70 % dip). */
  factor: number;
  /** Days it lasts; default 1. */
  days?: number;
}

/** What a generated series looks like. */
export interface SeriesShape {
  id?: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day (inclusive). */
  end: string;
  /** Mean daily cost over the first week, in currency units. */
  base: number;
  /** Weekday factors, Sunday first; default flat. Scaled to average 1. */
  weekly?: readonly number[];
  /** Relative growth every 30 days, compounded daily; default 0. */
  trendPerMonth?: number;
  /** σ of the multiplicative Gaussian noise; default 0. */
  noise?: number;
  /** An amount added on every 1st of a month. */
  monthStartFee?: number;
  spikes?: readonly InjectedEvent[];
  dips?: readonly InjectedEvent[];
  /** From its date on, every day is multiplied by the factor. */
  levelShifts?: ReadonlyArray<{ date: string; factor: number }>;
  /** Unlabelled amounts added to single days (distractors). */
  blips?: ReadonlyArray<{ date: string; amount: number }>;
  /** Seeds the noise; default 1. */
  seed?: number;
}

/** An event a detector should report. */
export interface AnomalyLabel {
  date: string;
  kind: 'spike' | 'dip' | 'level-shift' | 'new-fee';
  direction: 'spike' | 'dip';
}

/** A generated series with its labels. */
export interface LabelledSeries {
  id: string;
  shape: SeriesShape;
  series: DailyAmount[];
  labels: AnomalyLabel[];
  /** Tags of the shape, for breaking figures down: `tiny`, `short`, `fee`, `shift`, `noisy`, `clean`, `new`. */
  tags: string[];
}

/** mulberry32: a small fast seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function normalisedWeekly(weekly: readonly number[] | undefined): number[] {
  const pattern = weekly && weekly.length === 7 ? [...weekly] : [1, 1, 1, 1, 1, 1, 1];
  const mean = pattern.reduce((a, b) => a + b, 0) / 7;
  return pattern.map(f => f / mean);
}

/** The noise-free value of each day of a shape, before spikes, dips, blips and the fee. */
export function underlyingLevels(shape: SeriesShape): number[] {
  const days = daysBetween(shape.start, shape.end) + 1;
  const weekly = normalisedWeekly(shape.weekly);
  const firstWeekday = new Date(`${shape.start}T00:00:00Z`).getUTCDay();
  const growth = Math.pow(1 + (shape.trendPerMonth ?? 0), 1 / 30);
  const shifts = (shape.levelShifts ?? []).map(s => ({ index: daysBetween(shape.start, s.date), factor: s.factor }));
  const levels: number[] = [];
  for (let i = 0; i < days; i++) {
    let value = shape.base * Math.pow(growth, i) * weekly[(firstWeekday + i) % 7];
    for (const shift of shifts) {
      if (i >= shift.index) {
        value *= shift.factor;
      }
    }
    levels.push(value);
  }
  return levels;
}

/** Draws the series of a shape and labels its events. */
export function generateSeries(shape: SeriesShape): LabelledSeries {
  const random = mulberry32(shape.seed ?? 1);
  const levels = underlyingLevels(shape);
  const multipliers = levels.map(() => 1);
  const labels: AnomalyLabel[] = [];
  const indexOf = (date: string) => daysBetween(shape.start, date);
  const labelled = (index: number) => index >= LABEL_MIN_HISTORY_DAYS && index < levels.length;
  for (const [events, kind] of [
    [shape.spikes ?? [], 'spike'],
    [shape.dips ?? [], 'dip'],
  ] as const) {
    for (const event of events) {
      const first = indexOf(event.date);
      for (let d = 0; d < (event.days ?? 1); d++) {
        if (first + d >= 0 && first + d < levels.length) {
          multipliers[first + d] *= event.factor;
        }
      }
      if (labelled(first)) {
        labels.push({ date: event.date, kind, direction: kind });
      }
    }
  }
  for (const shift of shape.levelShifts ?? []) {
    if (labelled(indexOf(shift.date))) {
      labels.push({ date: shift.date, kind: 'level-shift', direction: shift.factor > 1 ? 'spike' : 'dip' });
    }
  }
  const blips = new Map<number, number>();
  for (const blip of shape.blips ?? []) {
    blips.set(indexOf(blip.date), (blips.get(indexOf(blip.date)) ?? 0) + blip.amount);
  }
  const series: DailyAmount[] = [];
  let feeSeen = false;
  for (let i = 0; i < levels.length; i++) {
    const date = addDays(shape.start, i);
    const noise = shape.noise ? Math.max(-0.95, shape.noise * gaussian(random)) : 0;
    let value = Math.max(0, levels[i] * multipliers[i] * (1 + noise)) + (blips.get(i) ?? 0);
    if (shape.monthStartFee && date.endsWith('-01')) {
      value += shape.monthStartFee;
      if (!feeSeen && labelled(i)) {
        labels.push({ date, kind: 'new-fee', direction: 'spike' });
      }
      feeSeen = true;
    }
    series.push({ date, amount: moneyFromDecimal(value.toFixed(4)) });
  }
  labels.sort((a, b) => (a.date < b.date ? -1 : Number(a.date > b.date)));
  return { id: shape.id ?? 'series', shape, series, labels, tags: [] };
}

/** Options of {@link generateLabelledSet}. */
export interface LabelledSetOptions {
  /** Series; default 240. */
  count?: number;
  /** Calendar months, ending with the month of `end`; default 13. */
  months?: number;
  /** The last day, `YYYY-MM-DD`; default 2026-10-31. */
  end?: string;
  /** Default 1. */
  seed?: number;
}

const WEEKLY_PATTERNS = {
  flat: () => [1, 1, 1, 1, 1, 1, 1],
  business: (r: () => number) => {
    const weekend = 0.55 + 0.2 * r();
    return [weekend, 1, 1, 1, 1, 1, weekend];
  },
  autoscaled: (r: () => number) => {
    const weekend = 0.15 + 0.2 * r();
    return [weekend, 1, 1, 1, 1, 0.95, weekend];
  },
  irregular: (r: () => number) => Array.from({ length: 7 }, () => 0.85 + 0.3 * r()),
};

/** The benchmark's labelled set (see the module doc for its mix). */
export function generateLabelledSet(options: LabelledSetOptions = {}): LabelledSeries[] {
  const count = options.count ?? 240;
  const months = options.months ?? 13;
  const end = options.end ?? '2026-10-31';
  const random = mulberry32(options.seed ?? 1);
  const between = (low: number, high: number) => low + (high - low) * random();
  const chance = (p: number) => random() < p;
  const endMonth = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)) - 1 - (months - 1);
  const rangeStart = `${Math.floor(endMonth / 12)}-${String((endMonth % 12) + 1).padStart(2, '0')}-01`;
  const rangeDays = daysBetween(rangeStart, end) + 1;
  const result: LabelledSeries[] = [];
  for (let n = 0; n < count; n++) {
    const tags: string[] = [];
    const tiny = chance(0.12);
    let start = rangeStart;
    const startKind = random();
    if (startKind < 0.06) {
      start = addDays(end, -Math.floor(between(5, 14)));
      tags.push('short');
    } else if (startKind < 0.16) {
      start = addDays(rangeStart, Math.floor(between(20, rangeDays - 120)));
      tags.push('new');
    }
    const patternKey = (['flat', 'business', 'autoscaled', 'irregular'] as const)[pick(random, [0.35, 0.35, 0.2, 0.1])];
    const shape: SeriesShape = {
      id: `series-${String(n).padStart(3, '0')}`,
      start,
      end,
      base: tiny ? between(0.5, 10) : Math.exp(between(Math.log(100), Math.log(5000))),
      weekly: WEEKLY_PATTERNS[patternKey](random),
      trendPerMonth: chance(0.15) ? between(0.06, 0.15) : between(-0.03, 0.06),
      noise: [between(0, 0.02), between(0.02, 0.08), between(0.08, 0.15)][pick(random, [0.3, 0.5, 0.2])],
      seed: Math.floor(random() * 2 ** 31),
    };
    tags.push(patternKey);
    if (tiny) {
      tags.push('tiny');
    }
    if (shape.noise! >= 0.08) {
      tags.push('noisy');
    } else {
      tags.push(shape.noise! < 0.02 ? 'clean' : 'moderate');
    }
    const days = daysBetween(start, end) + 1;
    if (!tiny && chance(0.25)) {
      shape.monthStartFee = Number((shape.base * between(2, 10)).toFixed(2));
      tags.push('fee');
    }
    const busy = new Set<number>();
    const reserve = (index: number, before: number, after: number) => {
      for (let i = index - before; i <= index + after; i++) {
        busy.add(i);
      }
    };
    const isFirstOrBeside = (index: number) => [-1, 0, 1].some(d => addDays(start, index + d).endsWith('-01'));
    const sigma = shape.noise ?? 0;
    if (!tiny && days > 80 && chance(0.2)) {
      const up = chance(0.5);
      const change = up ? Math.max(between(0.5, 1.2), 6 * sigma) : Math.max(between(0.35, 0.6), 6 * sigma);
      const before = underlyingLevels(shape);
      for (let attempt = 0; attempt < 20 && change <= 0.9; attempt++) {
        const index = Math.floor(between(35, days - 21));
        // On a day where the change itself is a clear anomaly, as for spikes and dips.
        if (!isFirstOrBeside(index) && before[index] * change >= 75) {
          shape.levelShifts = [{ date: addDays(start, index), factor: up ? 1 + change : 1 - change }];
          reserve(index, 3, 14);
          tags.push('shift');
          break;
        }
      }
    }
    const levels = underlyingLevels(shape);
    const spikes: InjectedEvent[] = [];
    const dips: InjectedEvent[] = [];
    const blips: Array<{ date: string; amount: number }> = [];
    if (tiny) {
      for (let k = 0; k < 4 && days > 20; k++) {
        const index = Math.floor(between(0, days));
        blips.push({ date: addDays(start, index), amount: Number(Math.min(40, levels[index] * between(1, 3)).toFixed(2)) });
      }
    } else if (days >= 28) {
      const wanted = Math.floor(between(0, 4.5));
      for (let k = 0, attempts = 0; k < wanted && attempts < 60; attempts++) {
        const index = Math.floor(between(28, days - 4));
        if (busy.has(index) || isFirstOrBeside(index)) {
          continue;
        }
        const spike = chance(0.6);
        const level = levels[index];
        const length = chance(0.75) ? 1 : Math.floor(between(2, 4));
        const relative = Math.max(spike ? between(0.5, 2.5) : between(0.4, 0.8), 0.4, 6 * sigma, 75 / level);
        if (spike ? relative > 4 : relative > 0.9) {
          continue;
        }
        if ([...Array(length).keys()].some(d => busy.has(index + d) || isFirstOrBeside(index + d))) {
          continue;
        }
        // A dip lasting several days must clear the bar on each of them.
        if (!spike && [...Array(length).keys()].some(d => relative * levels[index + d] < 75)) {
          continue;
        }
        (spike ? spikes : dips).push({ date: addDays(start, index), factor: spike ? 1 + relative : 1 - relative, days: length });
        reserve(index, 10, 10 + length);
        k++;
      }
      for (let k = 0; k < 3; k++) {
        const index = Math.floor(between(0, days));
        if (!busy.has(index) && !isFirstOrBeside(index)) {
          blips.push({ date: addDays(start, index), amount: Number((levels[index] * between(0.08, 0.12)).toFixed(2)) });
          reserve(index, 2, 2);
        }
      }
    }
    shape.spikes = spikes;
    shape.dips = dips;
    shape.blips = blips;
    const generated = generateSeries(shape);
    generated.tags = tags;
    result.push(generated);
  }
  return result;
}

function pick(random: () => number, weights: number[]): number {
  let u = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) {
      return i;
    }
  }
  return weights.length - 1;
}
