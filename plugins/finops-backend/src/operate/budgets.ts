import type { BudgetAmount } from '@backstage-finops/plugin-finops-common';

/**
 * A budget set through the API: for one month (`month`), or from a month on
 * (`fromMonth`) until a later `fromMonth` row.
 */
export interface StoredBudget extends BudgetAmount {
  entityRef: string;
  /** YYYY-MM. */
  month: string;
  /** `month`: that month only; `from`: that month and every later one until the next `from`. */
  scope: 'month' | 'from';
  updatedBy: string;
  updatedAt: string;
}

/** The budget that applies to an entity in a month, and where it comes from. */
export interface EffectiveBudget extends BudgetAmount {
  source: 'annotation' | 'api';
  updatedBy: string | null;
  updatedAt: string | null;
}

/** Where a month stands against its budget. */
export type BudgetStatus = 'on-track' | 'at-risk' | 'over';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month, YYYY-MM. */
export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/**
 * The budget of `month`: an API budget for that month; else the API budget
 * from the latest `fromMonth` on or before it; else the annotation's.
 */
export function effectiveBudget(month: string, stored: StoredBudget[], annotation: BudgetAmount | undefined): EffectiveBudget | null {
  const own = stored.find(budget => budget.scope === 'month' && budget.month === month);
  const from = stored
    .filter(budget => budget.scope === 'from' && budget.month <= month)
    .sort((a, b) => b.month.localeCompare(a.month))[0];
  const api = own ?? from;
  if (api) {
    return { amount: api.amount, currency: api.currency, source: 'api', updatedBy: api.updatedBy, updatedAt: api.updatedAt };
  }
  return annotation ? { ...annotation, source: 'annotation', updatedBy: null, updatedAt: null } : null;
}

/**
 * `over` once month-to-date exceeds the budget; `at-risk` when the month-end
 * forecast does; `on-track` otherwise. Amounts in another currency than the
 * budget's cannot be compared: null.
 */
export function budgetStatus(budget: BudgetAmount, monthToDate: BudgetAmount, forecast: BudgetAmount | null): BudgetStatus | null {
  if (monthToDate.currency !== budget.currency) {
    return null;
  }
  if (monthToDate.amount > budget.amount) {
    return 'over';
  }
  if (forecast && forecast.currency === budget.currency && forecast.amount > budget.amount) {
    return 'at-risk';
  }
  return 'on-track';
}
