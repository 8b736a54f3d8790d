import {
  addDays,
  Granularity,
  todayUtc,
} from '@backstage-finops/plugin-finops-common';

/** The periods the Cost tab offers. */
export type PeriodId = '30d' | '90d' | '6m' | '12m';

/** A period choice: its label, length in days and the granularity it is charted in. */
export interface PeriodOption {
  id: PeriodId;
  label: string;
  days: number;
  granularity: Granularity;
}

export const PERIOD_OPTIONS: readonly PeriodOption[] = [
  { id: '30d', label: 'Last 30 days', days: 30, granularity: 'day' },
  { id: '90d', label: 'Last 90 days', days: 90, granularity: 'day' },
  { id: '6m', label: 'Last 6 months', days: 182, granularity: 'week' },
  { id: '12m', label: 'Last 12 months', days: 365, granularity: 'month' },
];

export const DEFAULT_PERIOD: PeriodId = '30d';

/** The half-open period ending with today (UTC): `to` is tomorrow, so today's cost is included. */
export interface CostPeriod {
  from: string;
  to: string;
  granularity: Granularity;
}

export function periodOption(id: PeriodId): PeriodOption {
  return PERIOD_OPTIONS.find(option => option.id === id) ?? PERIOD_OPTIONS[0];
}

/** The `from`/`to`/granularity to request for a period choice, as of `now`. */
export function resolvePeriod(
  id: PeriodId,
  now: Date = new Date(),
): CostPeriod {
  const option = periodOption(id);
  const to = addDays(todayUtc(now), 1);
  return {
    from: addDays(to, -option.days),
    to,
    granularity: option.granularity,
  };
}
