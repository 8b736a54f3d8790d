import { moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { CostSum, StoredMetricValue } from '../core';
import { buildUnitCostReport, type UnitCostInput } from './unitCosts';

const A = 'component:default/a';
const B = 'component:default/b';

const cost = (date: string, entity: string, amount: string, currency = 'USD'): CostSum => ({
  currency,
  dimensions: { usageDate: date, entity },
  amount: moneyFromDecimal(amount),
});
const units = (date: string, entityRef: string, quantity: string, unit: string | null = 'request'): StoredMetricValue => ({
  entityRef,
  metric: 'requests',
  date,
  quantity: moneyFromDecimal(quantity),
  unit,
  source: 'api',
});

function report(overrides: Partial<UnitCostInput> & Pick<UnitCostInput, 'current'>) {
  return buildUnitCostReport({
    entityRef: A,
    metric: 'requests',
    period: { from: '2026-03-01', to: '2026-03-04', granularity: 'day' },
    includedEntityRefs: [A],
    hiddenEntityCount: 0,
    previous: { costs: [], values: [] },
    freshness: { dataThrough: '2026-03-31', settlingFrom: null, settleDays: 0 },
    ...overrides,
  });
}

describe('buildUnitCostReport', () => {
  it('divides exact cost by exact units per day and over the period', () => {
    const result = report({
      current: {
        costs: [cost('2026-03-01', A, '0.1'), cost('2026-03-02', A, '0.2'), cost('2026-03-03', A, '0.3')],
        values: [units('2026-03-01', A, '3'), units('2026-03-02', A, '3'), units('2026-03-03', A, '30000000')],
      },
    });
    expect(result.series.map(p => [p.date, p.cost, p.quantity, p.unitCost])).toEqual([
      ['2026-03-01', '0.1', '3', '0.0333333333333'],
      ['2026-03-02', '0.2', '3', '0.0666666666667'],
      ['2026-03-03', '0.3', '30000000', '0.00000001'],
    ]);
    // 0.1 + 0.2 + 0.3 is 0.6 exactly, not 0.6000000000000001.
    expect(result.total).toEqual({ cost: '0.6', quantity: '30000006', unitCost: '0.000000019999996' });
    expect(result).toMatchObject({ unit: 'request', currency: 'USD', uncoveredCost: '0', uncoveredQuantity: '0' });
  });

  it('leaves a day without a value as a gap, its cost uncovered, never a zero', () => {
    const result = report({
      current: {
        costs: [cost('2026-03-01', A, '10'), cost('2026-03-02', A, '10'), cost('2026-03-03', A, '10')],
        values: [units('2026-03-01', A, '100'), units('2026-03-03', A, '50')],
      },
    });
    expect(result.series[1]).toEqual({ date: '2026-03-02', cost: null, quantity: null, unitCost: null, uncoveredCost: '10', uncoveredQuantity: '0' });
    expect(result.total).toEqual({ cost: '20', quantity: '150', unitCost: '0.133333333333' });
    expect(result.uncoveredCost).toBe('10');
  });

  it('counts a day with units and no cost rows as zero cost, up to dataThrough; after it the units wait', () => {
    const result = report({
      current: {
        costs: [cost('2026-03-01', A, '6'), cost('2026-03-03', A, '4')],
        values: [units('2026-03-01', A, '3'), units('2026-03-02', A, '3'), units('2026-03-03', A, '3')],
      },
      freshness: { dataThrough: '2026-03-02', settlingFrom: null, settleDays: 0 },
    });
    expect(result.series.map(p => [p.cost, p.quantity, p.unitCost, p.partial ?? false])).toEqual([
      ['6', '3', '2', false],
      ['0', '3', '0', false],
      [null, null, null, true],
    ]);
    expect(result.series[2]).toMatchObject({ uncoveredCost: '4', uncoveredQuantity: '3' });
    expect(result.total).toEqual({ cost: '6', quantity: '6', unitCost: '1' });
    expect(result.uncoveredQuantity).toBe('3');
  });

  it('has no unit cost without cost data at all, or with zero units', () => {
    const noCostData = report({
      current: { costs: [], values: [units('2026-03-01', A, '3')] },
      freshness: { dataThrough: null, settlingFrom: null, settleDays: 0 },
    });
    expect(noCostData.total.unitCost).toBeNull();
    expect(noCostData.series.every(p => p.unitCost === null)).toBe(true);
    const zeroUnits = report({ current: { costs: [cost('2026-03-01', A, '5')], values: [units('2026-03-01', A, '0')] } });
    expect(zeroUnits.series[0]).toMatchObject({ cost: '5', quantity: '0', unitCost: null });
  });

  it('weights a rollup by its members: total cost over total units, not the average of their ratios', () => {
    const result = report({
      includedEntityRefs: [A, B],
      current: {
        // A: $90 for 10 units ($9 each); B: $10 for 990 units (~$0.0101 each).
        costs: [cost('2026-03-01', A, '90'), cost('2026-03-01', B, '10')],
        values: [units('2026-03-01', A, '10'), units('2026-03-01', B, '990')],
      },
    });
    expect(result.total).toEqual({ cost: '100', quantity: '1000', unitCost: '0.1' });
    // A member's day without a value leaves that member's cost out, not the others'.
    const gapForB = report({
      includedEntityRefs: [A, B],
      current: { costs: [cost('2026-03-01', A, '90'), cost('2026-03-01', B, '10')], values: [units('2026-03-01', A, '10')] },
    });
    expect(gapForB.series[0]).toMatchObject({ cost: '90', quantity: '10', unitCost: '9', uncoveredCost: '10' });
  });

  it('buckets by week and month over the pairs each bucket holds', () => {
    const result = report({
      period: { from: '2026-03-01', to: '2026-04-01', granularity: 'month' },
      current: {
        costs: [cost('2026-03-01', A, '1'), cost('2026-03-15', A, '2'), cost('2026-03-20', A, '7')],
        values: [units('2026-03-01', A, '1'), units('2026-03-15', A, '1')],
      },
    });
    expect(result.series).toEqual([
      { date: '2026-03-01', cost: '3', quantity: '2', unitCost: '1.5', uncoveredCost: '7', uncoveredQuantity: '0' },
    ]);
  });

  it('compares with the previous period: unit cost, cost and units change', () => {
    const result = report({
      current: { costs: [cost('2026-03-01', A, '120')], values: [units('2026-03-01', A, '150')] },
      previous: { costs: [cost('2026-02-26', A, '100')], values: [units('2026-02-26', A, '100')] },
    });
    // Cost up 20 %, volume up 50 %: each unit costs 20 % less.
    expect(result.costChangeRatio).toBeCloseTo(0.2, 8);
    expect(result.quantityChangeRatio).toBeCloseTo(0.5, 8);
    expect(result.changeRatio).toBeCloseTo(-0.2, 8);
    expect(result.previousTotal).toEqual({ cost: '100', quantity: '100', unitCost: '1' });
    // A current period with a day not covered yet compares per covered day: the day's absence is no fall.
    const shorter = report({
      current: { costs: [cost('2026-03-01', A, '60'), cost('2026-03-02', A, '999')], values: [units('2026-03-01', A, '75')] },
      previous: {
        costs: [cost('2026-02-26', A, '50'), cost('2026-02-27', A, '50')],
        values: [units('2026-02-26', A, '50'), units('2026-02-27', A, '50')],
      },
    });
    expect(shorter.costChangeRatio).toBeCloseTo(0.2, 8);
    expect(shorter.quantityChangeRatio).toBeCloseTo(0.5, 8);
    expect(shorter.changeRatio).toBeCloseTo(-0.2, 8);
    const noPrevious = report({ current: { costs: [cost('2026-03-01', A, '1')], values: [units('2026-03-01', A, '1')] } });
    expect([noPrevious.changeRatio, noPrevious.costChangeRatio, noPrevious.quantityChangeRatio]).toEqual([null, null, null]);
  });

  it('counts one currency, the largest or the one asked for, and lists the others', () => {
    const input = {
      current: {
        costs: [cost('2026-03-01', A, '10', 'USD'), cost('2026-03-01', A, '1000', 'JPY')],
        values: [units('2026-03-01', A, '10')],
      },
    };
    expect(report(input)).toMatchObject({ currency: 'JPY', currencies: ['JPY', 'USD'], total: { unitCost: '100' } });
    expect(report({ ...input, requestedCurrency: 'usd' })).toMatchObject({ currency: 'USD', total: { unitCost: '1' } });
  });
});
