import { formatDay, periodThrough, resolvePeriod } from './periods';

describe('resolvePeriod', () => {
  const now = new Date('2026-03-15T23:30:00Z');

  it('ends tomorrow (UTC) so that today is included', () => {
    expect(resolvePeriod('30d', now)).toEqual({
      from: '2026-02-14',
      to: '2026-03-16',
      granularity: 'day',
    });
  });

  it('picks the granularity from the period length', () => {
    expect(resolvePeriod('90d', now)).toEqual({
      from: '2025-12-16',
      to: '2026-03-16',
      granularity: 'day',
    });
    expect(resolvePeriod('6m', now)).toEqual({
      from: '2025-09-15',
      to: '2026-03-16',
      granularity: 'week',
    });
    expect(resolvePeriod('12m', now)).toEqual({
      from: '2025-03-16',
      to: '2026-03-16',
      granularity: 'month',
    });
  });

  it('uses the UTC date, not the local one', () => {
    expect(resolvePeriod('30d', new Date('2026-03-15T00:30:00+02:00')).to).toBe(
      '2026-03-15',
    );
  });
});

describe('periodThrough', () => {
  it('ends with the given day, as long as the choice', () => {
    expect(periodThrough('30d', '2026-03-12')).toEqual({
      from: '2026-02-11',
      to: '2026-03-13',
      granularity: 'day',
    });
    expect(periodThrough('12m', '2026-02-28')).toEqual({
      from: '2025-03-01',
      to: '2026-03-01',
      granularity: 'month',
    });
  });
});

describe('formatDay', () => {
  it('writes the calendar day, whatever the local zone', () => {
    expect(formatDay('2026-03-12')).toBe(
      new Date(Date.UTC(2026, 2, 12)).toLocaleDateString(undefined, {
        month: 'short',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      }),
    );
    expect(formatDay('nonsense')).toBe('nonsense');
  });
});
