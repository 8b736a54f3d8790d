import { addDays, parseDecimal } from '@backstage-finops/plugin-finops-common';
import { realizedSavings } from './realizedSavings';

const usd = (text: string) => {
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

/** `days` days from `from`, each costing `amount`. */
function days(from: string, count: number, amount: string) {
  return Array.from({ length: count }, (_, i) => ({
    date: addDays(from, i),
    amount: usd(amount),
  }));
}

describe('realizedSavings', () => {
  it('compares the cost per day in the four weeks before the done day with the days after, the done day in neither', () => {
    // $10 a day before, $4 a day after; the done day itself ($7) counts on neither side.
    const series = [
      ...days('2024-08-01', 40, '10'),
      { date: '2024-09-10', amount: usd('7') },
      ...days('2024-09-11', 14, '4'),
    ];
    const result = realizedSavings(series, '2024-09-10', '2024-09-24');
    expect(result).toEqual({
      perDayBefore: usd('10'),
      perDayAfter: usd('4'),
      daysBefore: 28,
      daysAfter: 14,
      // $6 a day × 365.25 / 12 = $182.625 a month.
      monthly: usd('182.625'),
    });
  });

  it('counts days without cost as zero: a deleted resource saved all it cost', () => {
    const result = realizedSavings(
      days('2024-09-01', 9, '3'),
      '2024-09-10',
      '2024-09-30',
    );
    // Before: 9 days from the first day with cost (Sept 1–9) at $3; after: 20 days at $0.
    expect(result).toMatchObject({
      daysBefore: 9,
      daysAfter: 20,
      perDayAfter: 0n,
      monthly: usd('91.3125'),
    });
  });

  it('shows a rise as a negative saving', () => {
    const result = realizedSavings(
      [...days('2024-09-01', 9, '2'), ...days('2024-09-11', 7, '3')],
      '2024-09-10',
      '2024-09-17',
    );
    expect(result?.monthly).toBe(-usd('30.4375'));
  });

  it('waits for a week of data after the done day, and needs cost before it', () => {
    expect(
      realizedSavings(days('2024-09-01', 20, '1'), '2024-09-10', '2024-09-16'),
    ).toBeUndefined();
    expect(
      realizedSavings(days('2024-09-11', 20, '1'), '2024-09-10', '2024-09-30'),
    ).toBeUndefined();
    expect(realizedSavings([], '2024-09-10', '2024-09-30')).toBeUndefined();
  });
});
