import fc from 'fast-check';
import { daysBetween, formatDecimal, moneyFromDecimal, type Money } from '@backstage-finops/plugin-finops-common';
import { detectAnomalies, expectedAmount, explainAnomaly, type Anomaly } from './anomalies';
import { generateLabelledSet, generateSeries, type SeriesShape } from './syntheticSeries';

const BUSINESS_WEEK = [0.6, 1, 1, 1, 1, 1, 0.6];

function series(shape: Partial<SeriesShape>) {
  return generateSeries({ start: '2025-10-01', end: '2026-09-30', base: 1000, weekly: BUSINESS_WEEK, noise: 0.05, ...shape });
}

const dates = (anomalies: Anomaly[]) => anomalies.map(a => `${a.date} ${a.direction}`);

describe('detectAnomalies', () => {
  it('finds injected spikes and dips on a seasonal, trending, noisy series and nothing else', () => {
    const { series: days, labels } = series({
      trendPerMonth: 0.04,
      spikes: [
        { date: '2026-02-11', factor: 1.6 },
        { date: '2026-06-24', factor: 3 },
      ],
      dips: [
        { date: '2026-04-08', factor: 0.5 },
        { date: '2026-08-19', factor: 0.2 },
      ],
    });
    expect(labels).toHaveLength(4);
    expect(dates(detectAnomalies(days))).toEqual(['2026-02-11 spike', '2026-04-08 dip', '2026-06-24 spike', '2026-08-19 dip']);
  });

  it('reports actual, expected and impact = actual − expected exactly, as decimal strings', () => {
    const { series: days } = series({ noise: 0, weekly: undefined, spikes: [{ date: '2026-03-10', factor: 2 }] });
    const [anomaly] = detectAnomalies(days);
    const actual = days.find(d => d.date === '2026-03-10')!.amount;
    expect(anomaly.actual).toBe(formatDecimal(actual));
    expect(moneyFromDecimal(anomaly.impact)).toBe(actual - moneyFromDecimal(anomaly.expected));
    expect(anomaly.expected).toMatch(/^\d+(\.\d{1,6})?$/);
    expect(Number(anomaly.expected)).toBeCloseTo(Number(anomaly.actual) / 2, 0);
    expect(anomaly.impactRatio).toBeCloseTo(1, 3);
  });

  it('stays silent on a tiny service whose blips are under the absolute threshold, unless the threshold is lowered', () => {
    const { series: days } = series({ base: 4, noise: 0.02, blips: [{ date: '2026-03-10', amount: 8 }, { date: '2026-07-02', amount: 10 }] });
    expect(detectAnomalies(days)).toEqual([]);
    expect(dates(detectAnomalies(days, { absoluteThreshold: '5' }))).toEqual(['2026-03-10 spike', '2026-07-02 spike']);
  });

  it('stays silent on a large service whose departure is under the relative threshold', () => {
    const { series: days } = series({ base: 20000, noise: 0.01, blips: [{ date: '2026-03-10', amount: 3000 }] });
    // +3 000 is far above 50 and 10 σ, but 15 % of the day.
    expect(detectAnomalies(days)).toEqual([]);
    expect(dates(detectAnomalies(days, { relativeThreshold: 0.1 }))).toEqual(['2026-03-10 spike']);
  });

  it('holds a noisy service to its own noise', () => {
    const { series: days } = series({ noise: 0.15 });
    expect(detectAnomalies(days)).toEqual([]);
    // The same series judged by the two thresholds alone raises alarms all year.
    expect(detectAnomalies(days, { noiseThreshold: 0 }).length).toBeGreaterThan(20);
  });

  it('judges nothing before 14 days of history', () => {
    const { series: days } = generateSeries({ start: '2026-09-01', end: '2026-09-13', base: 1000, spikes: [{ date: '2026-09-10', factor: 5 }] });
    expect(detectAnomalies(days)).toEqual([]);
    expect(dates(detectAnomalies(days, { minHistoryDays: 7 }))).toEqual(['2026-09-10 spike']);
  });

  it('raises nothing for a recurring month-start fee, but reports its first 1st as a new charge', () => {
    const { series: days } = series({ start: '2025-10-10', monthStartFee: 4000 });
    expect(dates(detectAnomalies(days))).toEqual(['2025-11-01 spike']);
    const { series: fromTheStart } = series({ monthStartFee: 4000 });
    expect(detectAnomalies(fromTheStart)).toEqual([]);
  });

  it('reports a level shift once, at its start, then takes the new level as the baseline', () => {
    const { series: days } = series({
      levelShifts: [{ date: '2026-03-17', factor: 1.8 }],
      spikes: [{ date: '2026-05-13', factor: 1.5 }],
    });
    // The spike is +50 % of the new level: it is measured against it, not against the old one (+170 %).
    const found = detectAnomalies(days);
    expect(dates(found)).toEqual(['2026-03-17 spike', '2026-05-13 spike']);
    expect(found[1].impactRatio).toBeGreaterThan(0.35);
    expect(found[1].impactRatio).toBeLessThan(0.65);
  });

  it('reports a return to the old level after a shift as one new event', () => {
    const { series: days } = series({
      levelShifts: [
        { date: '2026-03-17', factor: 0.4 },
        { date: '2026-06-09', factor: 2.5 },
      ],
    });
    expect(dates(detectAnomalies(days))).toEqual(['2026-03-17 dip', '2026-06-09 spike']);
  });

  it('reports a spike lasting a few days once and then forgets it', () => {
    const { series: days } = series({ spikes: [{ date: '2026-03-17', factor: 3, days: 4 }, { date: '2026-04-15', factor: 2 }] });
    expect(dates(detectAnomalies(days))).toEqual(['2026-03-17 spike', '2026-04-15 spike']);
  });

  it('reports only in the window asked for, judging it with the history before it', () => {
    const { series: days } = series({ spikes: [{ date: '2026-02-11', factor: 2 }, { date: '2026-06-24', factor: 2 }] });
    expect(dates(detectAnomalies(days, { from: '2026-06-01', to: '2026-07-01' }))).toEqual(['2026-06-24 spike']);
  });

  it("does not change a day's verdict when later days arrive", () => {
    const { series: days } = series({ noise: 0.08, spikes: [{ date: '2026-02-11', factor: 2 }], dips: [{ date: '2026-05-20', factor: 0.4 }] });
    const all = detectAnomalies(days);
    const untilMay = detectAnomalies(days.filter(d => d.date <= '2026-05-31'));
    expect(untilMay).toEqual(all.filter(a => a.date <= '2026-05-31'));
  });
});

describe('expectedAmount', () => {
  it('is the baseline the detector judges the day by', () => {
    const { series: days } = series({ noise: 0, spikes: [{ date: '2026-03-10', factor: 2 }] });
    const [anomaly] = detectAnomalies(days);
    expect(formatDecimal(expectedAmount(days, '2026-03-10')!)).toBe(anomaly.expected);
    expect(expectedAmount(days, '2025-10-05')).toBeNull();
  });
});

describe('explainAnomaly', () => {
  const m = (text: string) => moneyFromDecimal(text);

  it("ranks each dimension's keys by what they added, scaled so they sum exactly to the impact", () => {
    const contributors = explainAnomaly({
      actual: '1500',
      expected: '1000',
      dimensions: [
        {
          dimension: 'service',
          items: [
            { key: 'Amazon EC2', actual: m('1100'), baseline: m('600') },
            { key: 'Amazon S3', actual: m('300'), baseline: m('300') },
            { key: 'AWS Lambda', actual: m('100'), baseline: m('150') },
          ],
        },
        {
          dimension: 'region',
          items: [{ key: 'us-east-1', actual: m('1400'), baseline: m('1000') }],
        },
      ],
    });
    // Baselines (sum 1050) scaled to 1000 and floored at 10^-18: EC2 571.428571428571428571, S3 285.714285714285714285,
    // Lambda 142.857142857142857142; the 2 × 10^-18 left over go to EC2, the largest contributor.
    expect(contributors).toEqual([
      { dimension: 'service', key: 'Amazon EC2', impact: '528.571428571428571427' },
      { dimension: 'service', key: 'Amazon S3', impact: '14.285714285714285715' },
      { dimension: 'service', key: 'AWS Lambda', impact: '-42.857142857142857142' },
      { dimension: 'region', key: 'us-east-1', impact: '400' },
      { dimension: 'region', key: '(unattributed)', impact: '100' },
    ]);
    for (const dimension of ['service', 'region']) {
      const total = contributors.filter(c => c.dimension === dimension).reduce((sum, c) => sum + m(c.impact), 0n);
      expect(formatDecimal(total)).toBe('500');
    }
  });

  it('ranks a dip by what fell most and folds keys beyond the limit into (other)', () => {
    const contributors = explainAnomaly({
      actual: m('400'),
      expected: m('1000'),
      limit: 1,
      dimensions: [
        {
          dimension: 'account',
          items: [
            { key: 'a', actual: m('100'), baseline: m('200') },
            { key: 'b', actual: m('0'), baseline: m('500') },
            { key: 'c', actual: m('300'), baseline: m('300') },
          ],
        },
      ],
    });
    expect(contributors).toEqual([
      { dimension: 'account', key: 'b', impact: '-500' },
      { dimension: 'account', key: '(other)', impact: '-100' },
    ]);
  });

  it('sums exactly to the impact in every dimension, whatever the amounts', () => {
    const amount = fc.bigInt({ min: -(10n ** 22n), max: 10n ** 24n });
    const items = fc.array(fc.record({ actual: amount, baseline: amount }), { minLength: 0, maxLength: 8 });
    fc.assert(
      fc.property(items, amount, fc.boolean(), fc.integer({ min: 1, max: 4 }), (keys, expected, covered, limit) => {
        const actual = keys.reduce((sum, k) => sum + k.actual, 0n) + (covered ? 0n : 7n);
        const contributors = explainAnomaly({
          actual,
          expected,
          limit,
          dimensions: [{ dimension: 'resource', items: keys.map((k, i) => ({ key: `r${i}`, ...k })) }],
        });
        const total = contributors.reduce((sum, c) => sum + moneyFromDecimal(c.impact), 0n as Money);
        expect(total).toBe(actual - expected);
        expect(contributors.length).toBeLessThanOrEqual(limit + 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the detector on the labelled generated set', () => {
  it('finds nearly every labelled event of a small set and raises few alarms beside them', () => {
    const set = generateLabelledSet({ count: 24, seed: 7 });
    let labels = 0;
    let found = 0;
    let reports = 0;
    let matched = 0;
    for (const entity of set) {
      const anomalies = detectAnomalies(entity.series);
      reports += anomalies.length;
      labels += entity.labels.length;
      found += entity.labels.filter(l => anomalies.some(a => Math.abs(daysBetween(l.date, a.date)) <= 1)).length;
      matched += anomalies.filter(a => entity.labels.some(l => Math.abs(daysBetween(l.date, a.date)) <= 1)).length;
    }
    expect(labels).toBeGreaterThan(20);
    expect(found / labels).toBeGreaterThanOrEqual(0.9);
    expect(matched / reports).toBeGreaterThanOrEqual(0.8);
  });
});
