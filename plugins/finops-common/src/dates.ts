/**
 * Calendar-day helpers. Days are `YYYY-MM-DD` strings in UTC; periods are
 * half-open: `from` inclusive, `to` exclusive.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The granularities a cost series can be bucketed by. */
export type Granularity = 'day' | 'week' | 'month';

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) {
    return false;
  }
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.toISOString().slice(0, 10) === text;
}

function toEpochDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative moves back). */
export function addDays(day: string, days: number): string {
  return fromEpochDay(toEpochDay(day) + days);
}

/** Number of days from `from` to `to` (exclusive end). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The period of equal length that ends where this one starts. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  return { from: addDays(from, -daysBetween(from, to)), to: from };
}

/** First day of the bucket `day` falls in: itself, its ISO week's Monday, or its month's 1st. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === 'day') {
    return day;
  }
  if (granularity === 'month') {
    return `${day.slice(0, 8)}01`;
  }
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

/** The day after the last day of the bucket that starts on `start`. */
export function bucketEnd(start: string, granularity: Granularity): string {
  if (granularity === 'day') {
    return addDays(start, 1);
  }
  if (granularity === 'week') {
    return addDays(start, 7);
  }
  // 32 days after the 1st is always in the next month.
  return bucketStart(addDays(start, 32), 'month');
}

/** Every bucket start from the bucket holding `from` up to (not including) `to`. */
export function bucketStarts(from: string, to: string, granularity: Granularity): string[] {
  const starts: string[] = [];
  for (let start = bucketStart(from, granularity); start < to; start = bucketEnd(start, granularity)) {
    starts.push(start);
  }
  return starts;
}

/** Today in UTC as `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
