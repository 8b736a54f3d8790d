import { moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { parseBudgetAnnotation, readBudgetAmount } from '@backstage-finops/plugin-finops-common';
import { budgetStatus, effectiveBudget, isMonth, type StoredBudget } from './budgets';

const usd = (amount: string) => ({ amount: moneyFromDecimal(amount), currency: 'USD' });
const stored = (month: string, scope: 'month' | 'from', amount: string): StoredBudget => ({
  entityRef: 'component:default/a',
  month,
  scope,
  ...usd(amount),
  updatedBy: 'user:default/alice',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('budgets', () => {
  it('reads the annotation and API amounts, refusing what is not a positive amount in a currency', () => {
    expect(parseBudgetAnnotation(' 1200.50  usd ')).toEqual({ ok: true, value: usd('1200.5') });
    expect(parseBudgetAnnotation('1200')).toMatchObject({ ok: false, reason: expect.stringMatching(/"<amount> <currency>"/) });
    expect(parseBudgetAnnotation('$1200 USD')).toMatchObject({ ok: false });
    expect(readBudgetAmount('0', 'USD')).toMatchObject({ ok: false, reason: 'a budget must be more than 0, not 0' });
    expect(readBudgetAmount('10', 'dollars')).toMatchObject({ ok: false, reason: '"dollars" is not a currency code such as USD' });
    expect([isMonth('2026-12'), isMonth('2026-13'), isMonth('2026-1')]).toEqual([true, false, false]);
  });

  it('takes a month\'s own API budget, else the latest from-month one before it, else the annotation', () => {
    const rows = [stored('2026-03', 'from', '500'), stored('2026-06', 'from', '700'), stored('2026-07', 'month', '50')];
    const annotation = usd('1000');
    expect(effectiveBudget('2026-02', rows, annotation)).toMatchObject({ ...annotation, source: 'annotation', updatedBy: null });
    expect(effectiveBudget('2026-03', rows, annotation)).toMatchObject({ ...usd('500'), source: 'api', updatedBy: 'user:default/alice' });
    expect(effectiveBudget('2026-05', rows, annotation)).toMatchObject(usd('500'));
    expect(effectiveBudget('2026-06', rows, annotation)).toMatchObject(usd('700'));
    expect(effectiveBudget('2026-07', rows, annotation)).toMatchObject(usd('50'));
    expect(effectiveBudget('2026-08', rows, annotation)).toMatchObject(usd('700'));
    expect(effectiveBudget('2026-02', rows, undefined)).toBeNull();
  });

  it('is over past the budget, at risk when the forecast passes it, on track otherwise', () => {
    expect(budgetStatus(usd('100'), usd('100.000000000000000001'), usd('150'))).toBe('over');
    expect(budgetStatus(usd('100'), usd('100'), usd('100.01'))).toBe('at-risk');
    expect(budgetStatus(usd('100'), usd('40'), usd('100'))).toBe('on-track');
    expect(budgetStatus(usd('100'), usd('40'), null)).toBe('on-track');
    expect(budgetStatus(usd('100'), { amount: 1n, currency: 'EUR' }, null)).toBeNull();
  });
});
