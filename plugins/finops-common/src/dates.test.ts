import { addDays, bucketEnd, bucketStart, bucketStarts, daysBetween, isIsoDate, previousPeriod } from './dates';

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
  });

  it('moves across months and years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('gives the previous period of equal length', () => {
    expect(previousPeriod('2024-09-01', '2024-10-01')).toEqual({ from: '2024-08-02', to: '2024-09-01' });
  });

  it('buckets by ISO week and month', () => {
    expect(bucketStart('2024-09-18', 'week')).toBe('2024-09-16');
    expect(bucketStart('2024-09-16', 'week')).toBe('2024-09-16');
    expect(bucketStart('2024-09-22', 'week')).toBe('2024-09-16');
    expect(bucketStart('2024-09-18', 'month')).toBe('2024-09-01');
    expect(bucketStarts('2024-08-30', '2024-10-02', 'month')).toEqual(['2024-08-01', '2024-09-01', '2024-10-01']);
    expect(bucketStarts('2024-09-01', '2024-09-04', 'day')).toEqual(['2024-09-01', '2024-09-02', '2024-09-03']);
    expect(bucketStarts('2024-09-18', '2024-10-01', 'week')).toEqual(['2024-09-16', '2024-09-23', '2024-09-30']);
    expect(bucketEnd('2024-09-30', 'day')).toBe('2024-10-01');
    expect(bucketEnd('2024-09-16', 'week')).toBe('2024-09-23');
    expect(bucketEnd('2024-01-01', 'month')).toBe('2024-02-01');
    expect(bucketEnd('2024-12-01', 'month')).toBe('2025-01-01');
  });
});
