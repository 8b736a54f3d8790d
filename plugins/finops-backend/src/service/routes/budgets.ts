import { InputError } from '@backstage/errors';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { finopsBudgetUpdatePermission, formatDecimal, type Money, readBudgetAmount, todayUtc } from '@backstage-finops/plugin-finops-common';
import { isMonth } from '../../operate/budgets';
import { credentialsOf, type FinopsRouter, principalName, type RouteContext } from './context';
import { readEntityRef } from './params';
import { readReadableRollup, requireEntityChange } from './readableRollup';

/** GET, PUT and DELETE /budgets: monthly budgets and where a month stands against one. */
export function addBudgetRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, budgets } = context;

  async function readBudget(credentials: BackstageCredentials, entityRef: string, month: string, includeMembers = false) {
    const { visible, readable } = await readReadableRollup(context, credentials, entityRef);
    const standing = await budgets.standing(entityRef, month, readable);
    const { currency } = standing;
    const members = [...standing.memberBudgets.values()];
    const sameCurrency = members.filter(member => member.currency === currency);
    const money = (amount: Money) => ({ amount: formatDecimal(amount), currency });
    return {
      entityRef,
      month,
      budget: standing.budget && { ...standing.budget, amount: formatDecimal(standing.budget.amount) },
      membersBudget: sameCurrency.length > 0 ? money(sameCurrency.reduce((total, member) => total + member.amount, 0n)) : null,
      membersBudgetOtherCurrencies: members.length - sameCurrency.length,
      monthToDate: money(standing.monthToDate),
      forecast: standing.forecast && { method: standing.forecast.method, amount: standing.forecast.amount, low: standing.forecast.low, high: standing.forecast.high },
      status: standing.status,
      dataThrough: standing.dataThrough,
      includedEntityRefs: readable,
      hiddenEntityCount: visible.length - readable.length,
      ...(includeMembers ? { members: await memberStandings(entityRef, month, readable, [...standing.memberBudgets.keys()]) } : {}),
    };
  }

  /** Each budgeted member's own month, over the part of its rollup the caller may read. */
  async function memberStandings(entityRef: string, month: string, readable: string[], budgeted: string[]) {
    const readableSet = new Set(readable);
    const rows = await Promise.all(
      budgeted.map(async memberRef => {
        const counted = context.attribution.rollup(memberRef).filter(ref => readableSet.has(ref));
        const member = await budgets.standing(memberRef, month, counted);
        if (!member.budget || !member.status) {
          return [];
        }
        return [
          {
            entityRef: memberRef,
            budget: { amount: formatDecimal(member.budget.amount), currency: member.budget.currency },
            monthToDate: { amount: formatDecimal(member.monthToDate), currency: member.currency },
            forecast: member.forecast?.amount ?? null,
            status: member.status,
          },
        ];
      }),
    );
    return rows.flat().filter(row => row.entityRef !== entityRef);
  }

  router.get('/budgets', async (req, res) => {
    const month = readMonth(req.query.month ?? todayUtc().slice(0, 7), 'month');
    res.json(await readBudget(credentialsOf(res), readEntityRef(req.query.entityRef), month, req.query.includeMembers === true || String(req.query.includeMembers) === 'true'));
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
