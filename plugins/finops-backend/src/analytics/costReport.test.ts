import { moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { buildCostReport, buildCoverageReport, chooseCurrency, MAX_GROUPS, OTHER_GROUP_KEY } from './costReport';
import type { CostSum } from '../database/FinopsStore';

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
};

describe('buildCostReport', () => {
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
    });
    expect(report.allocated.amount).toBe('100');
    expect(report.unallocated.amount).toBe('0.000000000000000001');
    expect(report.allocatedPercent).toBeCloseTo(100, 5);
  });
});
