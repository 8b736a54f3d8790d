import { ANNOTATION_MONTHLY_BUDGET, addDays, bucketEnd, type Money, moneyFromDecimal, parseBudgetAnnotation } from '@backstage-finops/plugin-finops-common';
import { chooseCurrency } from '../analytics/costReport';
import { readFreshness } from '../analytics/freshness';
import type { FinopsSettings } from '../config';
import type { FinopsStores } from '../database/FinopsStores';
import { budgetStatus, type BudgetStatus, effectiveBudget, type EffectiveBudget } from '../operate/budgets';
import { forecastMonthEnd, MONTH_END_HISTORY_DAYS, type MonthEndForecast } from '../operate/forecast';
import type { AttributionService } from './AttributionService';

/** Where an entity's month stands against its budget, over the entities of its rollup counted. */
export interface BudgetStandingReport {
  budget: EffectiveBudget | null;
  /** The budgets of the counted entities other than the entity itself, those that have one. */
  memberBudgets: Map<string, EffectiveBudget>;
  currency: string;
  monthToDate: Money;
  forecast: MonthEndForecast | null;
  status: BudgetStatus | null;
  dataThrough: string | null;
}

/** Budgets and where a month stands against them: for the API and for the evaluation's alerts alike. */
export class BudgetService {
  constructor(
    private readonly options: {
      stores: Pick<FinopsStores, 'budgets' | 'costs' | 'slices'>;
      attribution: Pick<AttributionService, 'annotationOf' | 'annotatedEntities'>;
      settings: Pick<FinopsSettings, 'costMetric' | 'freshness'>;
    },
  ) {}

  /** The budgets that apply in `month` to each of these entities: API ones over the annotation's. */
  async budgetsOf(entityRefs: string[], month: string): Promise<Map<string, EffectiveBudget | null>> {
    const stored = await this.options.stores.budgets.listBudgets(entityRefs);
    return new Map(
      entityRefs.map(entityRef => {
        const annotation = this.options.attribution.annotationOf(entityRef, ANNOTATION_MONTHLY_BUDGET);
        const parsed = annotation === undefined ? undefined : parseBudgetAnnotation(annotation);
        const own = stored.filter(budget => budget.entityRef === entityRef);
        return [entityRef, effectiveBudget(month, own, parsed?.ok ? parsed.value : undefined)];
      }),
    );
  }

  /** Every entity with a budget from its annotation or the API, in any month. */
  async budgetedEntities(): Promise<string[]> {
    const stored = await this.options.stores.budgets.listAllBudgetedEntities();
    return [...new Set([...this.options.attribution.annotatedEntities(ANNOTATION_MONTHLY_BUDGET), ...stored])].sort();
  }

  /**
   * The month of `entityRef` counted over `counted` (its rollup, or the part
   * of it a caller may read): its budget, month-to-date through the data's
   * last complete day, the month-end forecast and the status. The currency
   * is the budget's, else the one with the most cost.
   */
  async standing(entityRef: string, month: string, counted: string[], currency?: string): Promise<BudgetStandingReport> {
    const { stores, settings } = this.options;
    const budgets = await this.budgetsOf(counted.includes(entityRef) ? counted : [entityRef, ...counted], month);
    const budget = budgets.get(entityRef) ?? null;
    const from = `${month}-01`;
    const to = bucketEnd(from, 'month');
    const filter = { metric: settings.costMetric, entityRefs: counted };
    const freshness = await readFreshness(stores, { ...filter, from, to }, settings.freshness.settleDays);
    const through = freshness.dataThrough && freshness.dataThrough < to ? freshness.dataThrough : addDays(to, -1);
    const daily = await stores.costs.sumCosts({ ...filter, from: addDays(from, -MONTH_END_HISTORY_DAYS), to: addDays(through, 1) }, ['usageDate']);
    const chosen = chooseCurrency(daily, budget?.currency ?? currency).currency;
    const series = daily.filter(sum => sum.currency === chosen).map(sum => ({ date: sum.dimensions.usageDate!, amount: sum.amount }));
    const monthToDate = series.filter(day => day.date >= from && day.date < to).reduce((total, day) => total + day.amount, 0n);
    // A month whose first day is after dataThrough has nothing to forecast from yet.
    const forecast = freshness.dataThrough && from <= addDays(freshness.dataThrough, 1) ? forecastMonthEnd({ series, month, dataThrough: through }) : null;
    const memberBudgets = new Map<string, EffectiveBudget>();
    for (const ref of counted) {
      const member = ref === entityRef ? null : budgets.get(ref);
      if (member) {
        memberBudgets.set(ref, member);
      }
    }
    return {
      budget,
      memberBudgets,
      currency: chosen,
      monthToDate,
      forecast,
      status: budget
        ? budgetStatus(budget, { amount: monthToDate, currency: chosen }, forecast && { amount: moneyFromDecimal(forecast.amount), currency: chosen })
        : null,
      dataThrough: freshness.dataThrough,
    };
  }
}
