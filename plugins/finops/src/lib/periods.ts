import {
  addDays,
  Granularity,
  todayUtc,
} from '@backstage-finops/plugin-finops-common';

/** The periods the Cost tab offers. */
export const PERIOD_IDS = ['30d', '90d', '6m', '12m'] as const;

/** One of {@link PERIOD_IDS}. */
export type PeriodId = (typeof PERIOD_IDS)[number];

/**
 * A period choice: its length in days and the granularity it is charted in.
 * Its label is the message `periods.<id>` of the translation ref.
 */
export interface PeriodOption {
  id: PeriodId;
  days: number;
  granularity: Granularity;
}

export const PERIOD_OPTIONS: readonly PeriodOption[] = [
  { id: '30d', days: 30, granularity: 'day' },
  { id: '90d', days: 90, granularity: 'day' },
  { id: '6m', days: 182, granularity: 'week' },
  { id: '12m', days: 365, granularity: 'month' },
];

export const DEFAULT_PERIOD: PeriodId = '30d';

/** The granularities a chart can be switched to. */
export const GRANULARITY_IDS = [
  'day',
  'week',
  'month',
] as const satisfies readonly Granularity[];

/** Whether a text (e.g. from the URL) is one of {@link PERIOD_IDS}. */
export function isPeriodId(text: string | null | undefined): text is PeriodId {
  return PERIOD_IDS.includes(text as PeriodId);
}

/** Whether a text (e.g. from the URL) is a granularity. */
export function isGranularity(
  text: string | null | undefined,
): text is Granularity {
  return GRANULARITY_IDS.includes(text as Granularity);
}

/** A half-open period: `from` inclusive, `to` exclusive. */
export interface CostPeriod {
  from: string;
  to: string;
  granularity: Granularity;
}

export function periodOption(id: PeriodId): PeriodOption {
  return PERIOD_OPTIONS.find(option => option.id === id) ?? PERIOD_OPTIONS[0];
}

/** The period of a choice whose last day is `lastDay`. */
export function periodThrough(
  id: PeriodId,
  lastDay: string,
  granularity?: Granularity,
): CostPeriod {
  const option = periodOption(id);
  const to = addDays(lastDay, 1);
  return {
    from: addDays(to, -option.days),
    to,
    granularity: granularity ?? option.granularity,
  };
}

/**
 * The period of a choice ending with today (UTC), as of `now`: what is asked
 * first, before the data's last day (`dataThrough`) is known. The Cost tab and
 * card then ask again for the period that ends at `dataThrough`.
 */
export function resolvePeriod(
  id: PeriodId,
  now: Date = new Date(),
  granularity?: Granularity,
): CostPeriod {
  return periodThrough(id, todayUtc(now), granularity);
}

/** A day (`YYYY-MM-DD`) as the user's locale writes it, e.g. `Mar 15, 2026`. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    return day;
  }
  return date.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
