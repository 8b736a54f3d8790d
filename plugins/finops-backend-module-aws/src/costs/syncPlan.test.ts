import { addDays } from '@backstage-finops/plugin-finops-common';
import {
  isMonthWhole,
  monthsBefore,
  nextMonth,
  planSlices,
  windowStartOf,
} from './syncPlan';

function fetched(
  from: string,
  to: string,
  on: string,
  into = new Map<string, string>(),
) {
  for (let day = from; day < to; day = addDays(day, 1)) into.set(day, on);
  return into;
}

const plan = (
  today: string,
  fetchedOn: Map<string, string>,
  sliceDays = new Map<string, number>(),
) =>
  planSlices({
    today,
    backfillMonths: 3,
    restatementDays: 5,
    fetchedOn,
    sliceDays,
  }).map(s => `${s.start}..${s.end} ${s.reasons.join('+')}`);

describe('syncPlan', () => {
  it('counts months', () => {
    expect(nextMonth('2025-12-01')).toBe('2026-01-01');
    expect(monthsBefore('2026-02-01', 2)).toBe('2025-12-01');
    expect(monthsBefore('2026-02-01', 14)).toBe('2024-12-01');
    expect(windowStartOf('2026-03-10', 13)).toBe('2025-03-01');
    expect(windowStartOf('2026-03-01', 1)).toBe('2026-03-01');
  });

  it('backfills the window a month per slice, newest first, up to yesterday', () => {
    expect(plan('2026-03-10', new Map())).toEqual([
      '2026-03-01..2026-03-10 backfill',
      '2026-02-01..2026-03-01 backfill',
      '2026-01-01..2026-02-01 backfill',
    ]);
    // On the first of a month the current one has no day yet.
    expect(plan('2026-03-01', new Map())[0]).toBe(
      '2026-02-01..2026-03-01 backfill',
    );
  });

  it('then reads the new days with the trailing restatement days, across a month boundary', () => {
    const stored = fetched('2026-01-01', '2026-03-10', '2026-03-10');
    expect(plan('2026-03-11', stored)).toEqual([
      '2026-03-06..2026-03-11 restatement+backfill',
    ]);
    const lateFeb = fetched('2026-01-01', '2026-03-02', '2026-03-02');
    expect(plan('2026-03-03', lateFeb)).toEqual([
      '2026-03-01..2026-03-03 restatement+backfill',
      '2026-02-26..2026-03-01 restatement',
    ]);
  });

  it('re-reads a closed month once when it leaves the restatement window, never again', () => {
    const stored = fetched('2026-01-01', '2026-03-05', '2026-03-05');
    expect(plan('2026-03-06', stored)).toEqual([
      '2026-03-01..2026-03-06 restatement+backfill',
      '2026-02-01..2026-03-01 month close',
    ]);
    fetched('2026-02-01', '2026-03-06', '2026-03-06', stored);
    expect(plan('2026-03-07', stored)).toEqual([
      '2026-03-02..2026-03-07 restatement+backfill',
    ]);
  });

  it('cuts a month into slices of its slice length, newest first, and fills gaps', () => {
    const stored = fetched('2026-01-01', '2026-02-01', '2026-03-10');
    fetched('2026-02-10', '2026-03-01', '2026-03-10', stored);
    expect(plan('2026-03-10', stored, new Map([['2026-03-01', 4]]))).toEqual([
      '2026-03-06..2026-03-10 backfill',
      '2026-03-02..2026-03-06 backfill',
      '2026-03-01..2026-03-02 backfill',
      '2026-02-01..2026-02-10 backfill',
    ]);
  });

  it('calls a month whole when every day is stored, the current one through its last stored day', () => {
    const stored = fetched('2026-02-01', '2026-03-09', '2026-03-10');
    expect(isMonthWhole('2026-02-01', '2026-03-10', stored)).toBe(true);
    expect(isMonthWhole('2026-03-01', '2026-03-10', stored)).toBe(true);
    stored.delete('2026-02-28');
    expect(isMonthWhole('2026-02-01', '2026-03-10', stored)).toBe(false);
    stored.delete('2026-03-01');
    expect(isMonthWhole('2026-03-01', '2026-03-10', stored)).toBe(false);
    expect(isMonthWhole('2026-01-01', '2026-03-10', stored)).toBe(false);
  });
});
