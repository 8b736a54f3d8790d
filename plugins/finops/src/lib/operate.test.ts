import {
  anomaly,
  budgetResponse,
  forecastResponse,
} from '../components/__testUtils__/fixtures';
import {
  accuracyRows,
  anomaliesByBucket,
  budgetBar,
  budgetMargin,
  forecastBand,
  forecastPoints,
  formatMonth,
  isBudgetAmount,
  medianAbsoluteError,
  nextMonth,
  shortResourceId,
  topContributors,
} from './operate';

describe('budgets', () => {
  it('says exactly what each status rests on', () => {
    // 3000 - 2600.1, not 399.90000000000009
    expect(budgetMargin(budgetResponse())).toBe('399.9');
    expect(
      budgetMargin(
        budgetResponse({
          status: 'at-risk',
          forecast: {
            method: 'seasonal-trend',
            amount: '3000.3',
            low: '2900',
            high: '3100',
          },
        }),
      ),
    ).toBe('0.3');
    expect(
      budgetMargin(
        budgetResponse({
          status: 'over',
          monthToDate: { amount: '3000.1', currency: 'USD' },
        }),
      ),
    ).toBe('0.1');
    expect(
      budgetMargin(budgetResponse({ forecast: null, status: 'on-track' })),
    ).toBe('1765.5');
    expect(
      budgetMargin(budgetResponse({ budget: null, status: null })),
    ).toBeUndefined();
    expect(
      budgetMargin(
        budgetResponse({
          status: null,
          monthToDate: { amount: '10', currency: 'EUR' },
        }),
      ),
    ).toBeUndefined();
  });

  it('places month-to-date, the budget and the forecast on a bar past the largest', () => {
    const bar = budgetBar(budgetResponse())!;
    // The scale is 3000 × 1.08 = 3240.
    expect(bar.budget).toBeCloseTo(92.59, 1);
    expect(bar.monthToDate).toBeCloseTo(38.1, 1);
    expect(bar.forecast!.amount).toBeCloseTo(80.25, 1);
    expect(bar.forecast!.low).toBeLessThan(bar.forecast!.amount);
    expect(bar.forecast!.high).toBeGreaterThan(bar.forecast!.amount);
    const over = budgetBar(
      budgetResponse({ monthToDate: { amount: '6000', currency: 'USD' } }),
    )!;
    expect(over.monthToDate).toBeCloseTo(92.59, 1);
    expect(over.budget).toBeCloseTo(46.3, 1);
    expect(budgetBar(budgetResponse({ budget: null }))).toBeUndefined();
  });

  it('takes positive decimal amounts only', () => {
    expect(isBudgetAmount('1200')).toBe(true);
    expect(isBudgetAmount(' 1200.50 ')).toBe(true);
    expect(isBudgetAmount('0')).toBe(false);
    expect(isBudgetAmount('-5')).toBe(false);
    expect(isBudgetAmount('1e3')).toBe(false);
    expect(isBudgetAmount('12,00')).toBe(false);
    expect(isBudgetAmount('')).toBe(false);
  });

  it('names months', () => {
    expect(formatMonth('2026-12')).toMatch(/December 2026/);
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-03')).toBe('2026-04');
  });
});

describe('forecast accuracy', () => {
  it('puts errors in the FinOps bands: run under 5 %, walk under 10 %, crawl under 20 %', () => {
    expect(forecastBand(0.0499)).toBe('run');
    expect(forecastBand(-0.05)).toBe('walk');
    expect(forecastBand(0.0999)).toBe('walk');
    expect(forecastBand(0.1)).toBe('crawl');
    expect(forecastBand(-0.1999)).toBe('crawl');
    expect(forecastBand(0.2)).toBe('below');
  });

  it('groups the backtest by month, newest first, and takes medians of absolute errors', () => {
    const { backtest } = forecastResponse();
    const rows = accuracyRows(backtest);
    expect(rows.map(row => row.month)).toEqual(['2026-02', '2026-01']);
    expect(rows[0].actual).toBe('2300');
    expect(rows[0].byDay[20]?.recorded).toBe(false);
    expect(rows[1].byDay[5]?.errorRatio).toBe(0.25);
    expect(medianAbsoluteError(backtest, 10)).toBeCloseTo(0.0326, 3);
    expect(medianAbsoluteError(backtest, 15)).toBeNull();
  });
});

describe('the forecast on the trend chart', () => {
  const month = (amount: string) => ({ date: '', amount });

  it('by month: the month of the data and the months after it', () => {
    const points = forecastPoints(
      {
        series: [
          { ...month('2000'), date: '2026-02-01' },
          { ...month('1234.5'), date: '2026-03-01' },
        ],
        granularity: 'month',
        currency: 'USD',
        dataThrough: '2026-03-15',
      },
      forecastResponse(),
    );
    expect(points.map(point => point.date)).toEqual([
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
    ]);
    expect(points[0]).toEqual({
      date: '2026-03-01',
      amount: 2600.1,
      low: 2400,
      high: 2800.2,
    });
  });

  it("by day: the rest of the month, the rest of the month's forecast spread over it", () => {
    const series = [
      { date: '2026-02-28', amount: '500' },
      ...Array.from({ length: 15 }, (_, i) => ({
        date: `2026-03-${String(i + 1).padStart(2, '0')}`,
        amount: '80.3',
      })),
    ];
    const points = forecastPoints(
      {
        series,
        granularity: 'day',
        currency: 'USD',
        dataThrough: '2026-03-15',
      },
      forecastResponse(),
    );
    // 15 × 80.3 = 1204.5 so far; (2600.1 − 1204.5) / 16 days left.
    expect(points).toHaveLength(16);
    expect(points[0].date).toBe('2026-03-16');
    expect(points[15].date).toBe('2026-03-31');
    expect(points[0].amount).toBeCloseTo(87.225, 6);
    expect(points[0].low).toBeCloseTo((2400 - 1204.5) / 16, 6);
    expect(points[0].high).toBeCloseTo((2800.2 - 1204.5) / 16, 6);
  });

  it('draws nothing by week, in another currency, or on a chart that does not reach the data', () => {
    const series = [{ date: '2026-03-15', amount: '80' }];
    const chart = {
      series,
      granularity: 'day' as const,
      currency: 'USD',
      dataThrough: '2026-03-15',
    };
    expect(
      forecastPoints({ ...chart, granularity: 'week' }, forecastResponse()),
    ).toEqual([]);
    expect(
      forecastPoints(chart, forecastResponse({ currency: 'EUR' })),
    ).toEqual([]);
    // The chart does not start by the 1st: month-to-date is unknown.
    expect(forecastPoints(chart, forecastResponse())).toEqual([]);
    expect(
      forecastPoints(
        { ...chart, series: [{ date: '2026-03-01', amount: '80' }] },
        forecastResponse(),
      ),
    ).toEqual([]);
    expect(forecastPoints(chart, undefined)).toEqual([]);
  });
});

describe('anomalies on the chart', () => {
  it('go to the bucket that holds their day', () => {
    const spike = anomaly({ id: 'a', date: '2026-03-13' });
    const early = anomaly({ id: 'b', date: '2026-01-02' });
    expect([
      ...anomaliesByBucket(['2026-03-12', '2026-03-13', '2026-03-14'], 'day', [
        spike,
        early,
      ]).keys(),
    ]).toEqual(['2026-03-13']);
    expect(
      anomaliesByBucket(['2026-03-02', '2026-03-09'], 'week', [spike])
        .get('2026-03-09')
        ?.map(a => a.id),
    ).toEqual(['a']);
    expect(
      anomaliesByBucket(['2026-02-01', '2026-03-01'], 'month', [spike, early])
        .get('2026-03-01')
        ?.map(a => a.id),
    ).toEqual(['a']);
  });

  it('are explained by their largest contributors per dimension', () => {
    const top = topContributors(anomaly(), 2);
    expect(top.map(entry => entry.dimension)).toEqual([
      'service',
      'account',
      'region',
      'resource',
    ]);
    expect(top[0].items.map(item => item.key)).toEqual([
      'Amazon DynamoDB',
      'Amazon EC2',
    ]);
    // (other)'s 0.20 of 371.10 is under 1 %: left out.
    expect(top[0].items.map(item => item.impact)).toEqual(['360.5', '10.4']);
    expect(top[3].items.map(item => item.key)).toEqual([
      'arn:aws:dynamodb:us-east-1:482916301754:table/checkout-api-orders',
      'i-0548bcf12adebc98f',
    ]);
    expect(topContributors(anomaly(), 3)[0].items).toHaveLength(2);
  });

  it('shortens resource ids for the table', () => {
    expect(
      shortResourceId(
        'arn:aws:dynamodb:us-east-1:482916301754:table/checkout-api-orders',
      ),
    ).toBe('table/checkout-api-orders');
    expect(
      shortResourceId('arn:aws:lambda:us-east-1:482916301754:function:x:live'),
    ).toBe('function:x:live');
    expect(
      shortResourceId(
        '/subscriptions/0b6f/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/search-1',
      ),
    ).toBe('virtualMachines/search-1');
    expect(shortResourceId('i-0548bcf12adebc98f')).toBe('i-0548bcf12adebc98f');
  });
});
