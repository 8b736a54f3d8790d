/**
 * `untagged-resources`: spend that reaches no catalog entity, which no
 * owner sees.
 *
 * **Fires** per billing account and currency with usage facts of the last
 * 28 days that have a resource, no `entityRef` (unallocated) and cost:
 * the resources costing more than 0 over the 28 days, the top
 * {@link MAX_LISTED_RESOURCES} by cost listed. Subject: the billing
 * account.
 *
 * **"Saving"**: not a saving. A tip's estimate must be positive, and this
 * one is honest about what it is: the monthly spend with no owner (all
 * its unallocated resources' cost, `cost ÷ 28 × 365.25 ÷ 12`), which
 * ownership makes reviewable; the method says so. Effort low (tags or a
 * catalog annotation), risk low.
 */
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
import {
  CURRENT_WINDOW_DAYS,
  byResource,
  formatMoney,
  groupBy,
  lastDays,
  monthly,
  subjectFor,
  sumCost,
} from './ruleSupport';

/** Resources a tip lists at most, the costliest first. */
export const MAX_LISTED_RESOURCES = 20;

/** Where the app shows what is unallocated and how to allocate it. */
export const OWNERSHIP_PATH = '/finops?tab=ownership';

export const untaggedResourcesRule: FinopsTipRule = {
  id: 'untagged-resources',
  title: 'Unallocated resources',
  evaluate({ facts, to }) {
    const unallocated = lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(
      f =>
        f.chargeCategory === 'Usage' &&
        f.resourceId !== '' &&
        f.entityRef === undefined,
    );
    const currencies = new Map<string, Set<string>>();
    for (const f of unallocated) {
      const set = currencies.get(f.billingAccountId) ?? new Set<string>();
      set.add(f.currency);
      currencies.set(f.billingAccountId, set);
    }
    const tips: FinopsTip[] = [];
    for (const accountFacts of groupBy(
      unallocated,
      f => `${f.currency}\u0000${f.billingAccountId}`,
    ).values()) {
      const { billingAccountId, currency } = accountFacts[0];
      const resources = byResource(accountFacts)
        .map((of: FinopsUsageFact[]) => ({
          resourceId: of[0].resourceId,
          serviceName: of[0].serviceName,
          cost: sumCost(of),
        }))
        .filter(r => r.cost > 0n)
        .sort((a, b) => {
          if (a.cost === b.cost) {
            return a.resourceId < b.resourceId ? -1 : 1;
          }
          return a.cost > b.cost ? -1 : 1;
        });
      const cost = resources.reduce((n, r) => n + r.cost, 0n);
      const spend = monthly(cost, CURRENT_WINDOW_DAYS);
      if (spend <= 0n) {
        continue;
      }
      const listed = resources.slice(0, MAX_LISTED_RESOURCES);
      const listedCost = listed.reduce((n, r) => n + r.cost, 0n);
      tips.push({
        subject: subjectFor(
          billingAccountId,
          currency,
          currencies.get(billingAccountId),
        ),
        title: `Give ${resources.length} unallocated resource${
          resources.length === 1 ? '' : 's'
        } in ${billingAccountId} an owner`,
        description:
          `${resources.length} resource${
            resources.length === 1 ? '' : 's'
          } in billing account ${billingAccountId} cost money but reach no catalog entity, so no team sees or reviews that spend. ` +
          `Tag them with their component or team, or claim them with a catalog annotation; the Ownership tab (${OWNERSHIP_PATH}) shows what is unallocated.`,
        resources: listed.map(({ resourceId, serviceName }) => ({
          resourceId,
          serviceName,
        })),
        estimatedMonthlySavings: spend,
        currency,
        method:
          `Not a saving: the monthly spend with no owner, which ownership makes reviewable. ` +
          `${formatMoney(
            cost,
            currency,
          )} of unallocated usage over the last ${CURRENT_WINDOW_DAYS} days on ${
            resources.length
          } resource${
            resources.length === 1 ? '' : 's'
          }, ÷ ${CURRENT_WINDOW_DAYS} × 365.25 ÷ 12 = ${formatMoney(
            spend,
            currency,
          )}/month` +
          `${
            resources.length > listed.length
              ? `; the ${listed.length} listed cost ${formatMoney(
                  monthly(listedCost, CURRENT_WINDOW_DAYS),
                  currency,
                )}/month`
              : ''
          }.`,
        effort: 'low',
        risk: 'low',
      });
    }
    return tips;
  },
};
