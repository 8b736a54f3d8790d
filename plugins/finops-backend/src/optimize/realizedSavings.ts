import { addDays } from '@backstage-finops/plugin-finops-common';

/** Days compared on each side of the day a tip was marked done. */
export const REALIZED_SAVINGS_WEEKS = 4;
/** Days of data after the tip was done before a realized saving is shown. */
export const MIN_DAYS_AFTER = 7;

/** What acting on a tip saved: its resources' daily cost after against before, as a monthly amount. */
export interface RealizedSavings {
  /** Saving per month at the daily difference: (before − after) per day × 365.25 / 12; negative when cost rose. */
  monthly: bigint;
  perDayBefore: bigint;
  perDayAfter: bigint;
  daysBefore: number;
  daysAfter: number;
}

function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) /
      86_400_000,
  );
}

/**
 * Compares the resources' cost per day in the weeks before the day a tip was
 * marked done with the days after it (that day itself is in neither: the
 * change happened during it), up to {@link REALIZED_SAVINGS_WEEKS} weeks
 * each. A day without cost counts as zero: a deleted resource costs nothing.
 * The weeks before start no earlier than the first day with cost. Undefined
 * until {@link MIN_DAYS_AFTER} days of data follow the done day, or without
 * cost before it.
 */
export function realizedSavings(
  dailyCost: Array<{ date: string; amount: bigint }>,
  doneDate: string,
  dataThrough: string,
): RealizedSavings | undefined {
  const window = REALIZED_SAVINGS_WEEKS * 7;
  const daysAfter = Math.min(window, daysBetween(doneDate, dataThrough));
  const firstDay = dailyCost.reduce<string | undefined>(
    (first, day) => (!first || day.date < first ? day.date : first),
    undefined,
  );
  if (daysAfter < MIN_DAYS_AFTER || !firstDay || firstDay >= doneDate) {
    return undefined;
  }
  const beforeFrom = [addDays(doneDate, -window), firstDay].sort()[1];
  const daysBefore = daysBetween(beforeFrom, doneDate);
  const afterTo = addDays(doneDate, daysAfter);
  let before = 0n;
  let after = 0n;
  for (const day of dailyCost) {
    if (day.date >= beforeFrom && day.date < doneDate) {
      before += day.amount;
    } else if (day.date > doneDate && day.date <= afterTo) {
      after += day.amount;
    }
  }
  const days = BigInt(daysBefore) * BigInt(daysAfter);
  return {
    // (before/daysBefore − after/daysAfter) × 365.25/12, rounded once.
    monthly:
      ((before * BigInt(daysAfter) - after * BigInt(daysBefore)) * 36525n) /
      (days * 1200n),
    perDayBefore: before / BigInt(daysBefore),
    perDayAfter: after / BigInt(daysAfter),
    daysBefore,
    daysAfter,
  };
}
