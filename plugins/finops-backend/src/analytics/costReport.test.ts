import { moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import {
  bucketMarks,
  buildCostReport,
  buildCoverageReport,
  chooseCurrency,
  contributingSources,
  freshnessOf,
  largestGroupKeys,
  MAX_GROUPS,
  OTHER_GROUP_KEY,
  otherByDay,
} from './costReport';
import type { CostSum, StoredSlice } from '../core';

const sum = (currency: string, amount: string, dimensions: CostSum['dimensions'] = {}): CostSum => ({
  currency,
  amount: moneyFromDecimal(amount),
  dimensions,
});

const base = {
  entityRef: 'component:default/a',
  includedEntityRefs: ['component:default/a'],
  costMetric: 'EffectiveCost' as const,
  hiddenEntityCount: 0,
  freshness: { dataThrough: null, settlingFrom: null, settleDays: 2 },
  attributionTagKeys: { entity: ['service'], owner: ['team'] },
};

const slice = (sourceId: string, billingPeriod: string, lastUsageDate: string | null): StoredSlice => ({
  sourceId,
  billingPeriod,
  importId: `${sourceId}-${billingPeriod}`,
  importedAt: '2024-10-01T00:00:00Z',
  firstUsageDate: lastUsageDate && billingPeriod,
  lastUsageDate,
});

describe('buildCostReport', () => {
  it('gives each group its amount in the previous period and its change, and (other) the previous amounts of the rest', () => {
    const current = Array.from({ length: 51 }, (_, i) => sum('USD', String(100 - i), { usageDate: '2024-09-01', service: `s${i}` }));
    const previous = [sum('USD', '50', { service: 's0' }), sum('USD', '7', { service: 's50' }), sum('USD', '3', { service: 'gone' })];
    const report = buildCostReport({ ...base, from: '2024-09-01', to: '2024-09-02', granularity: 'day', groupBy: 'service', current, previous });
    expect(report.groups[0]).toMatchObject({ key: 's0', amount: '100', previousAmount: '50', changeRatio: 1 });
    expect(report.groups[1]).toMatchObject({ key: 's1', amount: '99', previousAmount: '0', changeRatio: null });
    expect(report.groups[49]).toMatchObject({ key: '(other)', amount: '101', previousAmount: '10' });
    expect(report.previousTotal.amount).toBe('60');
  });

  it('buckets by week with every bucket present and exact sums', () => {
    const report = buildCostReport({
      ...base,
      from: '2024-09-02',
      to: '2024-09-23',
      granularity: 'week',
      current: [
        sum('USD', '0.1', { usageDate: '2024-09-02' }),
        sum('USD', '0.2', { usageDate: '2024-09-08' }),
        sum('USD', '5', { usageDate: '2024-09-20' }),
      ],
      previous: [sum('USD', '2.65')],
    });
    expect(report.series).toEqual([
      { date: '2024-09-02', amount: '0.3' },
      { date: '2024-09-09', amount: '0' },
      { date: '2024-09-16', amount: '5' },
    ]);
    expect(report.total).toEqual({ amount: '5.3', currency: 'USD' });
    expect(report.changeRatio).toBe(1);
  });

  it(`keeps the ${MAX_GROUPS - 1} largest groups and sums the rest into ${OTHER_GROUP_KEY} exactly`, () => {
    const current = Array.from({ length: MAX_GROUPS + 10 }, (_, i) =>
      sum('USD', `${i + 1}.01`, { usageDate: '2024-09-01', resource: `r-${i}` }),
    );
    const report = buildCostReport({ ...base, from: '2024-09-01', to: '2024-09-02', granularity: 'day', groupBy: 'resource', current, previous: [] });
    expect(report.groups).toHaveLength(MAX_GROUPS);
    expect(report.groups[0]).toMatchObject({ key: `r-${MAX_GROUPS + 9}`, amount: `${MAX_GROUPS + 10}.01` });
    const other = report.groups[MAX_GROUPS - 1];
    expect(other.key).toBe(OTHER_GROUP_KEY);
    // r-0 … r-10 hold 1.01 … 11.01.
    expect(other.amount).toBe('66.11');
    const groupTotal = report.groups.reduce((acc, g) => acc + moneyFromDecimal(g.amount), 0n);
    expect(groupTotal).toBe(moneyFromDecimal(report.total.amount));
  });

  it('reports the same from the largest groups by day and the rest as (other) as from every group by day', () => {
    const days = ['2024-09-01', '2024-09-02', '2024-09-03'];
    const entity = (i: number) => `component:default/c${String(i).padStart(2, '0')}`;
    // 60 entities, some without cost on some days, one tie at the cut, and cost in a second currency.
    const byDayAndEntity = Array.from({ length: MAX_GROUPS + 10 }, (_, i) =>
      days.flatMap((usageDate, d) => ((i + d) % 4 === 0 ? [] : [sum('USD', `${i === 12 ? 49 : i}.${d}00000000000000001`, { usageDate, entity: entity(i) })])),
    ).flat();
    byDayAndEntity.push(sum('EUR', '0.5', { usageDate: days[0], entity: entity(0) }));
    const byDay = [...new Set(byDayAndEntity.map(s => `${s.currency} ${s.dimensions.usageDate}`))].map(id => {
      const [currency, usageDate] = id.split(' ');
      const amount = byDayAndEntity.filter(s => s.currency === currency && s.dimensions.usageDate === usageDate).reduce((acc, s) => acc + s.amount, 0n);
      return { currency, dimensions: { usageDate }, amount };
    });
    const byEntity = byDayAndEntity.map(s => ({ ...s, dimensions: { entity: s.dimensions.entity } }));
    const previous = [sum('USD', '3', { entity: entity(1) }), sum('USD', '4', { entity: entity(59) }), sum('USD', '5', { entity: 'component:default/gone' })];
    const input = { ...base, from: days[0], to: '2024-09-04', granularity: 'day' as const, groupBy: 'entity' as const, previous };

    const { currency } = chooseCurrency([...byDay, ...previous]);
    expect(currency).toBe('USD');
    const largest = largestGroupKeys(byEntity, currency, s => s.dimensions.entity!)!;
    expect(largest).toHaveLength(MAX_GROUPS - 1);
    const shownByDay = byDayAndEntity.filter(s => largest.includes(s.dimensions.entity!));
    const fromLargest = buildCostReport({ ...input, current: [...shownByDay, ...otherByDay(byDay, shownByDay, 'entity')] });
    expect(fromLargest).toEqual(buildCostReport({ ...input, current: byDayAndEntity }));
    expect(fromLargest.groups.at(-1)).toMatchObject({ key: OTHER_GROUP_KEY, previousAmount: '8' });
    expect(largestGroupKeys(byEntity.slice(0, MAX_GROUPS), 'USD', s => s.dimensions.entity!)).toBeUndefined();
  });

  it('never adds currencies: it answers in one and lists the others', () => {
    const current = [sum('USD', '10', { usageDate: '2024-09-01' }), sum('EUR', '30', { usageDate: '2024-09-01' })];
    const report = buildCostReport({ ...base, from: '2024-09-01', to: '2024-09-02', granularity: 'day', current, previous: [] });
    expect(report).toMatchObject({ currency: 'EUR', currencies: ['EUR', 'USD'], total: { amount: '30' } });
    expect(chooseCurrency(current, 'usd').currency).toBe('USD');
    expect(chooseCurrency([]).currency).toBe('USD');
  });
});

describe('buildCoverageReport', () => {
  it('splits the total into allocated and unallocated exactly', () => {
    const report = buildCoverageReport({
      from: '2024-09-01',
      to: '2024-10-01',
      costMetric: 'BilledCost',
      all: [sum('USD', '100.000000000000000001')],
      unallocated: [sum('USD', '0.000000000000000001')],
      unallocatedItems: [],
      freshness: { dataThrough: '2024-09-30', settlingFrom: '2024-09-29', settleDays: 2 },
    });
    expect(report.allocated.amount).toBe('100');
    expect(report.unallocated.amount).toBe('0.000000000000000001');
    expect(report.allocatedPercent).toBeCloseTo(100, 5);
    expect(report).toMatchObject({ dataThrough: '2024-09-30', settlingFrom: '2024-09-29', settleDays: 2 });
  });
});

describe('freshness', () => {
  const slices = [
    slice('aws', '2024-08-01', '2024-08-31'),
    slice('aws', '2024-09-01', '2024-09-20'),
    slice('azure', '2024-09-01', '2024-09-18'),
    slice('gcp', '2024-09-01', '2024-09-25'),
    slice('empty', '2024-09-01', null),
  ];

  it("is the earliest of the contributing sources' last days", () => {
    expect(freshnessOf({ contributing: ['aws', 'gcp'], slices, settleDays: 2 })).toEqual({
      dataThrough: '2024-09-20',
      settlingFrom: '2024-09-19',
      settleDays: 2,
    });
    expect(freshnessOf({ contributing: ['gcp', 'azure', 'aws'], slices, settleDays: 3 }).dataThrough).toBe('2024-09-18');
    expect(freshnessOf({ contributing: ['gcp'], slices, settleDays: 0 })).toEqual({ dataThrough: '2024-09-25', settlingFrom: null, settleDays: 0 });
    expect(freshnessOf({ contributing: [], slices, settleDays: 2 })).toEqual({ dataThrough: null, settlingFrom: null, settleDays: 2 });
    expect(freshnessOf({ contributing: ['empty', 'gone'], slices, settleDays: 2 }).dataThrough).toBeNull();
  });

  it('reads the contributing sources from sums by source', () => {
    expect(contributingSources([sum('USD', '1', { source: 'b' }), sum('EUR', '2', { source: 'a' }), sum('USD', '3', { source: 'b' })])).toEqual(['a', 'b']);
  });

  const fresh = { dataThrough: '2024-09-18', settlingFrom: '2024-09-17', settleDays: 2 };

  it('marks weeks and months the period or the data does not wholly cover', () => {
    const weeks = { from: '2024-09-04', to: '2024-09-30', granularity: 'week' as const };
    expect(bucketMarks('2024-09-02', weeks, fresh)).toEqual({ partial: true }); // starts before from
    expect(bucketMarks('2024-09-09', weeks, fresh)).toEqual({});
    expect(bucketMarks('2024-09-16', weeks, fresh)).toEqual({ partial: true, settling: true }); // beyond the 18th
    expect(bucketMarks('2024-09-23', weeks, fresh)).toEqual({ partial: true });
    const months = { from: '2024-07-01', to: '2024-10-01', granularity: 'month' as const };
    expect(bucketMarks('2024-08-01', months, fresh)).toEqual({});
    expect(bucketMarks('2024-09-01', months, fresh)).toEqual({ partial: true, settling: true });
    expect(bucketMarks('2024-09-01', { ...months, to: '2024-09-15' }, { ...fresh, dataThrough: '2024-09-30', settlingFrom: '2024-09-29' })).toEqual({ partial: true });
  });

  it('marks the days of the settle window and the days after the data', () => {
    const days = { from: '2024-09-15', to: '2024-09-20', granularity: 'day' as const };
    expect(['2024-09-16', '2024-09-17', '2024-09-18', '2024-09-19'].map(day => bucketMarks(day, days, fresh))).toEqual([
      {},
      { settling: true },
      { settling: true },
      { partial: true },
    ]);
    expect(bucketMarks('2024-09-19', days, { dataThrough: null, settlingFrom: null, settleDays: 2 })).toEqual({});
  });

  it('puts the marks on the series and the groups, and dataThrough on the response', () => {
    const report = buildCostReport({
      ...base,
      from: '2024-09-01',
      to: '2024-10-01',
      granularity: 'month',
      groupBy: 'service',
      current: [sum('USD', '1', { usageDate: '2024-09-18', service: 'EC2' })],
      previous: [],
      freshness: fresh,
    });
    expect(report.series).toEqual([{ date: '2024-09-01', amount: '1', partial: true, settling: true }]);
    expect(report.groups[0].series).toEqual(report.series);
    expect(report).toMatchObject(fresh);
  });
});
