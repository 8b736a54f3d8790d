import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { generateLabelledSet, generateSeries, mulberry32, underlyingLevels } from './syntheticSeries';

describe('generateSeries', () => {
  it('draws the shape: weekly pattern, trend, level shift, fee, spikes and dips, amounts to 4 places', () => {
    const { series, labels } = generateSeries({
      start: '2026-01-05',
      end: '2026-03-31',
      base: 100,
      weekly: [0.5, 1, 1, 1, 1, 1, 0.5],
      monthStartFee: 1000,
      levelShifts: [{ date: '2026-03-02', factor: 2 }],
      spikes: [{ date: '2026-02-10', factor: 3, days: 2 }],
      dips: [{ date: '2026-01-10', factor: 0.5 }],
    });
    const day = (date: string) => Number(formatDecimal(series.find(d => d.date === date)!.amount));
    // Weekdays are 1 ÷ (5/7 + 1/7) = 7/6 of the base, Sundays half of that.
    expect(day('2026-01-06')).toBeCloseTo(116.6667, 4);
    expect(day('2026-01-11')).toBeCloseTo(58.3333, 4);
    expect(day('2026-02-10')).toBeCloseTo(350, 4);
    expect(day('2026-02-11')).toBeCloseTo(350, 4);
    expect(day('2026-02-01')).toBeCloseTo(1058.3333, 4);
    expect(day('2026-03-03')).toBeCloseTo(233.3333, 4);
    expect(series.every(d => /^\d+(\.\d{1,4})?$/.test(formatDecimal(d.amount)))).toBe(true);
    // The dip lies in the first 14 days: not labelled. The fee's first 1st had 27 days before it: a new charge.
    expect(labels).toEqual([
      { date: '2026-02-01', kind: 'new-fee', direction: 'spike' },
      { date: '2026-02-10', kind: 'spike', direction: 'spike' },
      { date: '2026-03-02', kind: 'level-shift', direction: 'spike' },
    ]);
  });

  it('is deterministic and its noise has the σ asked for', () => {
    const shape = { start: '2025-01-01', end: '2025-12-31', base: 1000, noise: 0.1, seed: 42 };
    expect(generateSeries(shape).series).toEqual(generateSeries(shape).series);
    expect(generateSeries({ ...shape, seed: 43 }).series).not.toEqual(generateSeries(shape).series);
    const levels = underlyingLevels(shape);
    const relative = generateSeries(shape).series.map((d, i) => Number(formatDecimal(d.amount)) / levels[i] - 1);
    const sd = Math.sqrt(relative.reduce((sum, r) => sum + r * r, 0) / relative.length);
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
    const random = mulberry32(1);
    expect([random(), random()]).toEqual([0.6270739405881613, 0.002735721180215478]);
  });
});

describe('generateLabelledSet', () => {
  const set = generateLabelledSet();

  it('holds at least 200 series over 13 months, with every shape the benchmark needs', () => {
    expect(set.length).toBeGreaterThanOrEqual(200);
    const longest = set.reduce((max, s) => Math.max(max, s.series.length), 0);
    // 2025-10-01 to 2026-10-31.
    expect(longest).toBe(396);
    expect(set.filter(s => s.series.length === longest).length).toBeGreaterThan(150);
    expect(new Set(set.map(s => `${s.series[0].date} ${s.series[s.series.length - 1].date}`)).has('2025-10-01 2026-10-31')).toBe(true);
    for (const tag of ['tiny', 'short', 'new', 'fee', 'shift', 'noisy', 'clean', 'flat', 'business', 'autoscaled', 'irregular']) {
      expect(set.filter(s => s.tags.includes(tag)).length).toBeGreaterThan(3);
    }
    const kinds = new Set(set.flatMap(s => s.labels.map(l => l.kind)));
    expect([...kinds].sort()).toEqual(['dip', 'level-shift', 'new-fee', 'spike']);
    expect(set.reduce((n, s) => n + s.labels.length, 0)).toBeGreaterThan(300);
  });

  it('labels nothing on tiny services and short histories, whose blips stay under the absolute threshold', () => {
    for (const entity of set.filter(s => s.tags.includes('tiny') || s.tags.includes('short'))) {
      expect(entity.labels).toEqual([]);
      for (const blip of entity.shape.blips ?? []) {
        expect(blip.amount).toBeLessThanOrEqual(40);
      }
    }
  });

  it('is the same set every time', () => {
    expect(generateLabelledSet({ count: 5 })).toEqual(set.slice(0, 5));
  });
});
