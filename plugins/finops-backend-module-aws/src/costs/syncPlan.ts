import { addDays } from '@backstage-finops/plugin-finops-common';
import type { DaySlice } from './fetchSlice';

/** `2026-03-17` → `2026-03-01`. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month after the one `month` starts. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  return index === 12
    ? `${year + 1}-01-01`
    : `${year}-${String(index + 1).padStart(2, '0')}-01`;
}

/** The first day of the month `count` months before the one `month` starts. */
export function monthsBefore(month: string, count: number): string {
  const year = Number(month.slice(0, 4));
  const zeroBased = year * 12 + Number(month.slice(5, 7)) - 1 - count;
  return `${Math.floor(zeroBased / 12)}-${String((zeroBased % 12) + 1).padStart(
    2,
    '0',
  )}-01`;
}

/** What the planner needs to know. */
export interface SyncPlanInput {
  /** Today, UTC: the exclusive end of what is read. */
  today: string;
  backfillMonths: number;
  restatementDays: number;
  /** Each stored day and the day (UTC) it was fetched on. */
  fetchedOn: Map<string, string>;
  /** The most days one slice of a month may span, where smaller than the month. */
  sliceDays: Map<string, number>;
}

/** Why a slice is read, for the logs. */
export type SliceReason = 'backfill' | 'restatement' | 'month close';

/** One slice a run should fetch: days of one month, `end` exclusive. */
export interface PlannedSlice extends DaySlice {
  month: string;
  reasons: SliceReason[];
}

/** The first day read: the first of the month `backfillMonths - 1` months before today's. */
export function windowStartOf(today: string, backfillMonths: number): string {
  return monthsBefore(monthOf(today), backfillMonths - 1);
}

/**
 * The slices a run fetches, newest month first. A day of the window
 * (`backfillMonths` months up to yesterday) is read when
 * - it was never fetched (backfill),
 * - it is one of the last `restatementDays` days (restatement), or
 * - its month closed at least `restatementDays` days ago and the day was
 *   fetched before then (the month-close re-read, once per month: after it
 *   the day was fetched late enough).
 * The days to read of one month become contiguous slices (days between two
 * that are read are read too: the pages are the same), each at most the
 * month's slice length, the newest first; slices with days never fetched
 * come before the others.
 */
export function planSlices(input: SyncPlanInput): PlannedSlice[] {
  const { today, restatementDays } = input;
  const windowStart = windowStartOf(today, input.backfillMonths);
  const restatementStart = addDays(today, -restatementDays);
  const slices: PlannedSlice[] = [];
  for (
    let month = monthOf(addDays(today, -1));
    month >= windowStart;
    month = monthsBefore(month, 1)
  ) {
    const monthEnd = nextMonth(month);
    const end = monthEnd < today ? monthEnd : today;
    const settledOn = addDays(monthEnd, restatementDays);
    const needed: Array<{ day: string; reason: SliceReason }> = [];
    for (let day = month; day < end; day = addDays(day, 1)) {
      const fetched = input.fetchedOn.get(day);
      if (fetched === undefined) {
        needed.push({ day, reason: 'backfill' });
      } else if (day >= restatementStart) {
        needed.push({ day, reason: 'restatement' });
      } else if (today >= settledOn && fetched < settledOn) {
        needed.push({ day, reason: 'month close' });
      }
    }
    if (needed.length === 0) {
      continue;
    }
    const first = needed[0].day;
    const last = needed[needed.length - 1].day;
    const length = Math.max(1, input.sliceDays.get(month) ?? 31);
    // Newest first: a month whose backfill stopped half way then lacks its
    // first days, so that it is not whole until they are read.
    const afterLast = addDays(last, 1);
    for (let sliceEnd = afterLast; sliceEnd > first; ) {
      const start =
        addDays(sliceEnd, -length) > first ? addDays(sliceEnd, -length) : first;
      const reasons = [
        ...new Set(
          needed
            .filter(n => n.day >= start && n.day < sliceEnd)
            .map(n => n.reason),
        ),
      ];
      slices.push({ month, start, end: sliceEnd, reasons });
      sliceEnd = start;
    }
  }
  // Backfill first: a run whose cap cuts it short still makes progress, and
  // the restatement of days already stored can wait a run.
  const rank = (slice: PlannedSlice) =>
    slice.reasons.includes('backfill') ? 0 : 1;
  return slices.sort((a, b) => rank(a) - rank(b));
}

/**
 * Whether a month's stored days are whole: every day of a closed month, or
 * for the current month every day from its first to its last stored one
 * (the newest days may not be available yet). A month without stored days
 * is not whole.
 */
export function isMonthWhole(
  month: string,
  today: string,
  fetchedOn: Map<string, string>,
): boolean {
  const monthEnd = nextMonth(month);
  const end = monthEnd < today ? monthEnd : today;
  let sawMissing = false;
  let stored = 0;
  for (let day = month; day < end; day = addDays(day, 1)) {
    if (fetchedOn.has(day)) {
      if (sawMissing) {
        return false;
      }
      stored++;
    } else {
      sawMissing = true;
    }
  }
  if (stored === 0) {
    return false;
  }
  // A closed month must have every day; the current one may lack its newest.
  return monthEnd <= today ? !sawMissing : true;
}
