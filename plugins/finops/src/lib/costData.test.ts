import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import {
  buildBreakdownRows,
  buildChartData,
  changeAmount,
  chartCsvTable,
  isEmptyCost,
  partialBucketsNote,
} from './costData';

function response(overrides: Partial<CostResponse> = {}): CostResponse {
  return {
    entityRef: 'component:default/checkout-api',
    from: '2026-03-01',
    to: '2026-03-04',
    granularity: 'day',
    groupBy: 'service',
    costMetric: 'EffectiveCost',
    currency: 'USD',
    currencies: ['USD'],
    total: { amount: '0.6', currency: 'USD' },
    previousTotal: { amount: '0.3', currency: 'USD' },
    changeRatio: 1,
    series: [
      { date: '2026-03-01', amount: '0.1' },
      { date: '2026-03-02', amount: '0.2' },
      { date: '2026-03-03', amount: '0.3' },
    ],
    groups: [],
    includedEntityRefs: ['component:default/checkout-api'],
    hiddenEntityCount: 0,
    dataThrough: '2026-03-03',
    settlingFrom: '2026-03-02',
    settleDays: 2,
    attributionTagKeys: { entity: ['service'], owner: ['team'] },
    ...overrides,
  };
}

const series = (...amounts: string[]) =>
  amounts.map((amount, index) => ({ date: `2026-03-0${index + 1}`, amount }));

describe('chartCsvTable', () => {
  it('exports each stack of each bucket with its exact amount', () => {
    const groups = ['a', 'b', 'c', 'd', 'e', 'f'].map((key, index) => ({
      key: `component:default/${key}`,
      amount: `0.0${7 - index}`,
      series: series('0.01', '0.01', '0.01'),
    }));
    const table = chartCsvTable(
      response({ groups, series: series('0.1', '0.2', '0.3') }),
      5,
      key => key.toUpperCase(),
    );
    expect(table.header).toEqual([
      'date',
      'series',
      'key',
      'amount',
      'currency',
      'partial',
      'settling',
    ]);
    expect(table.rows).toHaveLength(3 * 6);
    expect(table.rows[0]).toEqual([
      '2026-03-01',
      'COMPONENT:DEFAULT/A',
      'component:default/a',
      '0.01',
      'USD',
      'false',
      'false',
    ]);
    // The rest of the first bucket, exactly: 0.1 - 5 × 0.01.
    expect(table.rows[5]).toEqual([
      '2026-03-01',
      'Other',
      '(other)',
      '0.05',
      'USD',
      'false',
      'false',
    ]);
  });

  it('exports the total when there are no groups', () => {
    expect(chartCsvTable(response()).rows[2]).toEqual([
      '2026-03-03',
      'Cost',
      '',
      '0.3',
      'USD',
      'false',
      'false',
    ]);
  });
});

describe('buildChartData', () => {
  it('names stacks with the label it is given', () => {
    const data = buildChartData(
      response({
        groups: [
          {
            key: 'component:default/a',
            amount: '0.6',
            series: series('0.1', '0.2', '0.3'),
          },
        ],
      }),
      5,
      () => 'Checkout',
    );
    expect(data.series).toEqual([{ dataKey: 'g0', name: 'Checkout' }]);
  });

  it('plots the total when there are no groups', () => {
    const data = buildChartData(response());
    expect(data.series).toEqual([{ dataKey: 'total', name: 'Cost' }]);
    expect(data.rows.map(row => row.total)).toEqual([0.1, 0.2, 0.3]);
  });

  it('stacks the top groups and an exact "Other" remainder', () => {
    const groups = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key, index) => ({
      key,
      amount: `0.0${7 - index}`,
      series: series('0.01', '0.01', `0.0${5 - index > 0 ? 5 - index : 0}`),
    }));
    const data = buildChartData(
      response({
        groups,
        series: series('0.1', '0.2', '0.3'),
      }),
    );
    expect(data.series.map(s => s.name)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'Other',
    ]);
    // 0.1 - 5 × 0.01 = 0.05 exactly, where floats would give 0.04999999999999999.
    expect(data.rows[0].other).toBe(0.05);
    expect(data.rows[1].other).toBe(0.15);
    // 0.3 - (0.05 + 0.04 + 0.03 + 0.02 + 0.01)
    expect(data.rows[2].other).toBe(0.15);
  });

  it('leaves "Other" out when the top groups are everything', () => {
    const data = buildChartData(
      response({
        groups: [
          { key: '', amount: '0.6', series: series('0.1', '0.2', '0.3') },
        ],
      }),
    );
    expect(data.series).toEqual([{ dataKey: 'g0', name: '(none)' }]);
  });
});

describe('buildBreakdownRows', () => {
  it('gives each group its share of the total', () => {
    const rows = buildBreakdownRows(
      response({
        total: { amount: '200', currency: 'USD' },
        groups: [
          { key: 'Amazon EC2', amount: '150', series: [] },
          { key: 'Amazon S3', amount: '50', series: [] },
        ],
      }),
    );
    expect(rows).toEqual([
      { key: 'Amazon EC2', label: 'Amazon EC2', amount: '150', share: 75 },
      { key: 'Amazon S3', label: 'Amazon S3', amount: '50', share: 25 },
    ]);
  });

  it('has no share when the total is zero', () => {
    const rows = buildBreakdownRows(
      response({
        total: { amount: '0', currency: 'USD' },
        groups: [{ key: 'x', amount: '0', series: [] }],
      }),
    );
    expect(rows[0].share).toBeNull();
  });
});

describe('isEmptyCost', () => {
  it('is true for a zero total with an all-zero or empty series', () => {
    expect(
      isEmptyCost(
        response({ total: { amount: '0', currency: 'USD' }, series: [] }),
      ),
    ).toBe(true);
    expect(
      isEmptyCost(
        response({
          total: { amount: '0', currency: 'USD' },
          series: series('0', '0', '0'),
        }),
      ),
    ).toBe(true);
  });

  it('is false when credits cancel out cost', () => {
    expect(
      isEmptyCost(
        response({
          total: { amount: '0', currency: 'USD' },
          series: series('5', '-5', '0'),
        }),
      ),
    ).toBe(false);
  });
});

describe('changeAmount', () => {
  it('subtracts exactly', () => {
    expect(
      changeAmount(
        response({
          total: { amount: '0.3', currency: 'USD' },
          previousTotal: { amount: '0.1', currency: 'USD' },
        }),
      ),
    ).toBe('0.2');
  });
});

describe('partial and settling buckets', () => {
  it('carries the marks onto the chart rows', () => {
    const data = buildChartData(
      response({
        series: [
          { date: '2026-03-01', amount: '0.1' },
          { date: '2026-03-02', amount: '0.2', settling: true },
          { date: '2026-03-03', amount: '0.3', partial: true, settling: true },
        ],
      }),
    );
    expect(data.rows.map(row => [row.partial, row.settling])).toEqual([
      [false, false],
      [false, true],
      [true, true],
    ]);
  });

  it('says what the marks mean, and nothing without them', () => {
    expect(partialBucketsNote(response())).toBeUndefined();
    expect(
      partialBucketsNote(
        response({
          granularity: 'week',
          series: [
            { date: '2026-02-23', amount: '1', partial: true },
            { date: '2026-03-02', amount: '1', partial: true, settling: true },
          ],
        }),
      ),
    ).toBe('Hatched: partial weeks (the period or the data ends within them).');
    expect(
      partialBucketsNote(
        response({
          series: [{ date: '2026-03-03', amount: '1', settling: true }],
        }),
      ),
    ).toBe('Lighter: the last days, whose cost may still change.');
  });
});
