import { addDays, formatDecimal, moneyFromDecimal, type Money } from '@backstage-finops/plugin-finops-common';
import { backtest, forecastMonthEnd, forecastMonths, naiveRunRate, type DailyAmount } from './forecast';
import { generateSeries, type SeriesShape } from './syntheticSeries';

const toNumber = (text: string) => Number(moneyFromDecimal(text)) / 1e18;
const sum = (series: DailyAmount[], month: string, through = '9999-12-31'): Money =>
  series.filter(d => d.date.startsWith(month) && d.date <= through).reduce((total, d) => total + d.amount, 0n);
const monthTotal = (series: DailyAmount[], month: string) => Number(sum(series, month)) / 1e18;
const relativeError = (forecast: string, actual: number) => Math.abs(toNumber(forecast) - actual) / actual;
const flat = (from: string, days: number, amount: string): DailyAmount[] =>
  Array.from({ length: days }, (_, i) => ({ date: addDays(from, i), amount: moneyFromDecimal(amount) }));

const BUSINESS_WEEK = [0.6, 1, 1, 1, 1, 1, 0.6];

function shaped(shape: Partial<SeriesShape>): DailyAmount[] {
  return generateSeries({ start: '2025-10-01', end: '2026-09-30', base: 1000, ...shape }).series;
}

describe('forecastMonthEnd', () => {
  it('forecasts a clean series with a weekly pattern and a trend within 1 % of what it cost', () => {
    const clean = shaped({ weekly: BUSINESS_WEEK, trendPerMonth: 0.05 });
    for (const month of ['2026-02', '2026-05', '2026-09']) {
      const forecast = forecastMonthEnd({ series: clean, month, dataThrough: `${month}-09` });
      expect(forecast.method).toBe('seasonal-trend');
      expect(relativeError(forecast.amount, monthTotal(clean, month))).toBeLessThan(0.01);
    }
  });

  it('is the month-to-date actual, exactly, plus an estimate of the remaining days rounded to 6 places', () => {
    const odd = flat('2025-09-01', 200, '10.123456789012345678');
    const forecast = forecastMonthEnd({ series: odd, month: '2026-02', dataThrough: '2026-02-10' });
    const monthToDate = sum(odd, '2026-02', '2026-02-10');
    const rest = moneyFromDecimal(forecast.amount) - monthToDate;
    expect(formatDecimal(rest)).toMatch(/^\d+(\.\d{1,6})?$/);
    // 18 days of a flat 10.123456789… a day.
    expect(Math.abs(Number(rest) / 1e18 - 18 * 10.123456789)).toBeLessThan(1e-4);
    // Its backtests never missed: the interval is the forecast.
    expect(forecast.low).toBe(forecast.amount);
    expect(forecast.high).toBe(forecast.amount);
    // With too little history to backtest 18 days ahead, ±1 % a week ahead beyond the (nil) noise.
    const younger = forecastMonthEnd({ series: odd.filter(d => d.date >= '2026-01-01'), month: '2026-02', dataThrough: '2026-02-10' });
    expect(younger.amount).toBe(forecast.amount);
    expect(toNumber(younger.high) - toNumber(younger.amount)).toBeCloseTo(18 * 10.123456789 * 0.01 * (18 / 7), 4);
  });

  it('gives the exact actual once the month is complete', () => {
    const odd = flat('2026-01-01', 60, '10.123456789012345678');
    expect(forecastMonthEnd({ series: odd, month: '2026-01' })).toEqual({
      method: 'actual',
      amount: formatDecimal(sum(odd, '2026-01')),
      low: formatDecimal(sum(odd, '2026-01')),
      high: formatDecimal(sum(odd, '2026-01')),
    });
  });

  it('does not extrapolate a month-start fee as trend, and forecasts it again on the next 1sts', () => {
    const fee = shaped({ base: 100, monthStartFee: 3000 });
    const forecast = forecastMonthEnd({ series: fee, month: '2026-06', dataThrough: '2026-06-09' });
    // 3000 on the 1st and 100 a day: 6000, where the naive run-rate makes (3000 + 900) ÷ 9 × 30 = 13 000.
    expect(relativeError(forecast.amount, 6000)).toBeLessThan(0.005);
    expect(relativeError(naiveRunRate({ series: fee, month: '2026-06', dataThrough: '2026-06-09' }).amount, 13000)).toBeLessThan(0.005);
    const coming = forecastMonths({ series: fee, month: '2026-09' }, 3);
    expect(coming.map(m => m.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(coming.map(m => Math.round(toNumber(m.amount)))).toEqual([6100, 6000, 6100]);
  });

  it('takes known one-offs out of the history and adds those to come as they are', () => {
    const steady = flat('2026-01-01', 100, '100');
    const purchase = { date: '2026-03-15', amount: moneyFromDecimal('50000') };
    steady.find(d => d.date === purchase.date)!.amount += purchase.amount;
    const renewal = { date: '2026-04-20', amount: moneyFromDecimal('1234.56') };
    const forecast = forecastMonthEnd({ series: steady, month: '2026-04', dataThrough: '2026-04-09', oneOffs: [purchase, renewal] });
    expect(toNumber(forecast.amount)).toBeCloseTo(3000 + 1234.56, 4);
    // Without being told, the purchase is one robust outlier, not trend either.
    expect(toNumber(forecastMonthEnd({ series: steady, month: '2026-04', dataThrough: '2026-04-09' }).amount)).toBeCloseTo(3000, 4);
  });

  it('counts a date missing inside the range as a day that cost nothing', () => {
    const gappy = flat('2026-01-01', 90, '100').filter(d => !['2026-03-05', '2026-03-06', '2026-03-07'].includes(d.date));
    const forecast = forecastMonthEnd({ series: gappy, month: '2026-03', dataThrough: '2026-03-31' });
    expect(forecast.method).toBe('actual');
    expect(toNumber(forecast.amount)).toBe(2800);
  });

  it('fits the level after a shift rather than a trend through it', () => {
    const shifted = shaped({ weekly: BUSINESS_WEEK, levelShifts: [{ date: '2026-05-12', factor: 1.8 }] });
    const forecast = forecastMonthEnd({ series: shifted, month: '2026-06', dataThrough: '2026-06-09' });
    expect(relativeError(forecast.amount, monthTotal(shifted, '2026-06'))).toBeLessThan(0.01);
  });

  it('falls back to a run-rate with a wide interval under 14 days of history, and says so', () => {
    const young = flat('2026-06-01', 9, '100');
    const forecast = forecastMonthEnd({ series: young, month: '2026-06' });
    expect(forecast.method).toBe('run-rate-short-history');
    expect(toNumber(forecast.amount)).toBeCloseTo(3000, 6);
    expect(toNumber(forecast.low)).toBeCloseTo(900 + 2100 * 0.5, 6);
    expect(toNumber(forecast.high)).toBeCloseTo(900 + 2100 * 1.5, 6);
    expect(forecastMonthEnd({ series: [], month: '2026-06' })).toEqual({ method: 'no-data', amount: '0', low: '0', high: '0' });
  });

  it('covers the actual with its 80 % interval about 80 % of the time on noisy series', () => {
    let covered = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const noisy = shaped({ seed, weekly: seed % 2 ? BUSINESS_WEEK : undefined, noise: 0.05 + (seed % 5) * 0.02, trendPerMonth: (seed % 7) / 100 - 0.02 });
      for (const month of ['2026-06', '2026-09']) {
        const forecast = forecastMonthEnd({ series: noisy, month, dataThrough: `${month}-09` });
        const actual = monthTotal(noisy, month);
        expect(toNumber(forecast.low)).toBeLessThanOrEqual(toNumber(forecast.amount));
        expect(toNumber(forecast.high)).toBeGreaterThanOrEqual(toNumber(forecast.amount));
        total++;
        if (actual >= toNumber(forecast.low) && actual <= toNumber(forecast.high)) {
          covered++;
        }
      }
    }
    expect(covered / total).toBeGreaterThanOrEqual(0.65);
    expect(covered / total).toBeLessThanOrEqual(0.95);
  });
});

describe('forecastMonths', () => {
  it('forecasts the coming months of a trending series, its interval widening further out', () => {
    const growing = shaped({ weekly: BUSINESS_WEEK, trendPerMonth: 0.03, noise: 0.05, end: '2026-06-30' });
    const truth = shaped({ weekly: BUSINESS_WEEK, trendPerMonth: 0.03, end: '2026-09-30' });
    const coming = forecastMonths({ series: growing, month: '2026-06' }, 3);
    expect(coming.map(m => m.month)).toEqual(['2026-07', '2026-08', '2026-09']);
    const widths = coming.map(m => (toNumber(m.high) - toNumber(m.low)) / toNumber(m.amount));
    expect(widths[2]).toBeGreaterThan(widths[0]);
    coming.forEach(m => expect(relativeError(m.amount, monthTotal(truth, m.month))).toBeLessThan(0.05));
  });
});

describe('naiveRunRate', () => {
  it('is month-to-date ÷ days elapsed × days in the month, exactly', () => {
    const days = flat('2026-02-01', 3, '1').map((d, i) => ({ ...d, amount: moneyFromDecimal(['1', '2', '0.000000000000000001'][i]) }));
    // (3.000000000000000001 ÷ 3) × 28 = 28.000000000000000009333… → …009.
    expect(naiveRunRate({ series: days, month: '2026-02' })).toEqual({ method: 'naive-run-rate', amount: '28.000000000000000009' });
    expect(naiveRunRate({ series: days, month: '2026-03' }).amount).toBe('0');
  });
});

describe('backtest', () => {
  it('gives for each closed month the forecasts made on days 5, 10 and 20 against the actual', () => {
    const history = shaped({ weekly: BUSINESS_WEEK, noise: 0.03, end: '2026-07-15' });
    const entries = backtest(history, 3);
    expect(entries.map(e => `${e.month}/${e.madeOnDay}`)).toEqual(['2026-04/5', '2026-04/10', '2026-04/20', '2026-05/5', '2026-05/10', '2026-05/20', '2026-06/5', '2026-06/10', '2026-06/20']);
    for (const entry of entries) {
      expect(entry.actual).toBe(formatDecimal(sum(history, entry.month)));
      expect(entry.errorRatio).toBeCloseTo((toNumber(entry.forecast) - toNumber(entry.actual)) / toNumber(entry.actual), 6);
      expect(Math.abs(entry.errorRatio!)).toBeLessThan(0.05);
    }
  });

  it('makes the forecast of day d from the days before it only', () => {
    const history = shaped({ noise: 0.03, end: '2026-07-31' });
    const changed = history.map(d => (d.date >= '2026-06-10' && d.date.startsWith('2026-06') ? { ...d, amount: d.amount * 3n } : d));
    const before = backtest(history, 2).filter(e => e.month === '2026-06');
    const after = backtest(changed, 2).filter(e => e.month === '2026-06');
    expect(after.map(e => e.forecast).slice(0, 2)).toEqual(before.map(e => e.forecast).slice(0, 2));
    expect(after[2].forecast).not.toBe(before[2].forecast);
  });
});
