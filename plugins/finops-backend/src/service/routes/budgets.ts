import { InputError } from '@backstage/errors';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { addDays, bucketEnd, finopsBudgetUpdatePermission, formatDecimal, type Money, moneyFromDecimal, todayUtc } from '@backstage-finops/plugin-finops-common';
import { chooseCurrency } from '../../analytics/costReport';
import { readFreshness } from '../../analytics/freshness';
import {
  ANNOTATION_MONTHLY_BUDGET,
  budgetStatus,
  effectiveBudget,
  isMonth,
  parseBudgetAnnotation,
  readBudgetAmount,
} from '../../operate/budgets';
import { forecastMonthEnd } from '../../operate/forecast';
import { credentialsOf, type FinopsRouter, type RouteContext } from './context';
import { readEntityRef } from './params';
import { readReadableRollup, requireEntityChange } from './readableRollup';

/** Days of history the month-end forecast is fitted on: its twelve weeks, and the month so far. */
const FORECAST_HISTORY_DAYS = 7 * 12 + 31;

/** GET, PUT and DELETE /budgets: monthly budgets and where a month stands against one. */
export function addBudgetRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, attribution, settings } = context;

  /** The budgets that apply in `month` to each of these entities: API ones over the annotation's. */
  async function budgetsOf(entityRefs: string[], month: string) {
    const stored = await stores.budgets.listBudgets(entityRefs);
    return new Map(
      entityRefs.map(entityRef => {
        const annotation = attribution.annotationOf(entityRef, ANNOTATION_MONTHLY_BUDGET);
        const parsed = annotation === undefined ? undefined : parseBudgetAnnotation(annotation);
        const own = stored.filter(budget => budget.entityRef === entityRef);
        return [entityRef, effectiveBudget(month, own, parsed?.ok ? parsed.value : undefined)];
      }),
    );
  }

  async function readBudget(credentials: BackstageCredentials, entityRef: string, month: string) {
    const { visible, readable } = await readReadableRollup(context, credentials, entityRef);
    const budgets = await budgetsOf(readable, month);
    const budget = budgets.get(entityRef) ?? null;
    const from = `${month}-01`;
    const to = bucketEnd(from, 'month');
    const filter = { metric: settings.costMetric, entityRefs: readable };
    const freshness = await readFreshness(stores, { ...filter, from, to }, settings.freshness.settleDays);
    const through = freshness.dataThrough && freshness.dataThrough < to ? freshness.dataThrough : addDays(to, -1);
    const daily = await stores.costs.sumCosts({ ...filter, from: addDays(from, -FORECAST_HISTORY_DAYS), to: addDays(through, 1) }, ['usageDate']);
    const { currency } = chooseCurrency(daily, budget?.currency);
    const series = daily.filter(sum => sum.currency === currency).map(sum => ({ date: sum.dimensions.usageDate!, amount: sum.amount }));
    const monthToDate = series.filter(day => day.date >= from && day.date < to).reduce((total, day) => total + day.amount, 0n);
    // A month whose first day is after dataThrough has nothing to forecast from yet.
    const forecast = freshness.dataThrough && from <= addDays(freshness.dataThrough, 1) ? forecastMonthEnd({ series, month, dataThrough: through }) : null;
    const members = readable.flatMap(ref => {
      const member = ref === entityRef ? null : budgets.get(ref);
      return member ? [member] : [];
    });
    const sameCurrency = members.filter(member => member.currency === currency);
    const money = (amount: Money) => ({ amount: formatDecimal(amount), currency });
    return {
      entityRef,
      month,
      budget: budget && { ...budget, amount: formatDecimal(budget.amount) },
      membersBudget: sameCurrency.length > 0 ? money(sameCurrency.reduce((total, member) => total + member.amount, 0n)) : null,
      membersBudgetOtherCurrencies: members.length - sameCurrency.length,
      monthToDate: money(monthToDate),
      forecast: forecast && { method: forecast.method, amount: forecast.amount, low: forecast.low, high: forecast.high },
      status: budget
        ? budgetStatus(budget, { amount: monthToDate, currency }, forecast && { amount: moneyFromDecimal(forecast.amount), currency })
        : null,
      dataThrough: freshness.dataThrough,
      includedEntityRefs: readable,
      hiddenEntityCount: visible.length - readable.length,
    };
  }

  router.get('/budgets', async (req, res) => {
    const month = readMonth(req.query.month ?? todayUtc().slice(0, 7), 'month');
    res.json(await readBudget(credentialsOf(res), readEntityRef(req.query.entityRef), month));
  });

  router.put('/budgets', async (req, res) => {
    const credentials = credentialsOf(res);
    const body = req.body;
    const entityRef = readEntityRef(body.entityRef);
    if (body.month && body.fromMonth) {
      throw new InputError('Give month (that month only) or fromMonth (from that month on), not both');
    }
    const month = readMonth(body.month ?? body.fromMonth ?? todayUtc().slice(0, 7), body.month ? 'month' : 'fromMonth');
    const amount = readBudgetAmount(String(body.amount), body.currency);
    if (!amount.ok) {
      throw new InputError(`amount: ${amount.reason}`);
    }
    await requireEntityChange(context, credentials, entityRef, finopsBudgetUpdatePermission, 'budget');
    const updatedBy = principalName(credentials);
    const scope = body.month ? 'month' : 'from';
    await context.audited(req, 'budget-update', { entityRef, month, scope, amount: formatDecimal(amount.value.amount), currency: amount.value.currency }, async () => ({
      result: await stores.budgets.putBudget({ entityRef, month, scope, ...amount.value, updatedBy, updatedAt: new Date().toISOString() }),
    }));
    res.json(await readBudget(credentials, entityRef, month));
  });

  router.delete('/budgets', async (req, res) => {
    const credentials = credentialsOf(res);
    const entityRef = readEntityRef(req.query.entityRef);
    const month = readMonth(req.query.month, 'month');
    await requireEntityChange(context, credentials, entityRef, finopsBudgetUpdatePermission, 'budget');
    const deleted = await context.audited(req, 'budget-delete', { entityRef, month }, async () => {
      const count = await stores.budgets.deleteBudgets(entityRef, month);
      return { result: count, meta: { deleted: count } };
    });
    res.json({ deleted });
  });
}

function readMonth(text: string, field: string): string {
  if (!isMonth(text)) {
    throw new InputError(`${field} "${text}" is not a month (YYYY-MM)`);
  }
  return text;
}

/** Who asked: a user's entity ref, or `service:<subject>`. */
function principalName(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type?: string; userEntityRef?: string; subject?: string };
  return principal.userEntityRef ?? `${principal.type ?? 'service'}:${principal.subject ?? 'unknown'}`;
}
