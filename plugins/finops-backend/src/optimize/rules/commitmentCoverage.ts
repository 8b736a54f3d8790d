/**
 * `commitment-coverage`: steady on-demand instances in an account that
 * already buys commitments, which more commitment would cover.
 *
 * **Fires** per billing account and currency that had committed usage in
 * the last 28 days (usage facts with `PricingCategory` `Committed` or
 * `CommitmentDiscountStatus` `Used`, not `Unused`) at an observed discount
 * above zero, and on-demand instances that ran steadily: usage facts of
 * instance compute (EC2 `BoxUsage`, or compute whose resource type is a
 * virtual machine or instance) with `PricingCategory` `Standard` or empty
 * and no `CommitmentDiscountId`, billed on every one of the 28 days and
 * at least 20 hours a day on average (hours: the quantity of hour-priced
 * rows, else the hours of their charge periods). Instances only: the
 * account's observed rate is that of what reservations and savings plans
 * cover, not of cluster fees or functions. Instances tagged non-production
 * are left out: `non-production-schedule` turns them off instead, and the
 * two tips would count the same hours twice. Silent when the account has
 * no committed usage, or its observed rate is ≤ 0.
 *
 * **Saving** = the steady instances' monthly on-demand effective cost ×
 * the account's own observed commitment discount over the same 28 days,
 * `1 − committed effective cost ÷ committed list cost`:
 * `steady × (L − E) ÷ L ÷ 28 × 365.25 ÷ 12`. Subject: the billing
 * account. Effort medium, risk medium (a one- or three-year obligation).
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
  formatPercent,
  formatQuantity,
  groupBy,
  isInstanceCompute,
  isNonProduction,
  lastDays,
  latestTags,
  monthly,
  resourcesOf,
  runningHours,
  same,
  subjectFor,
  sumCost,
} from './ruleSupport';

/** Average hours a day an instance must run, over the 28 days, to count as steady. */
export const STEADY_HOURS_PER_DAY = 20;

function isCommittedUsage(f: FinopsUsageFact): boolean {
  return (
    f.chargeCategory === 'Usage' &&
    !same(f.commitmentDiscountStatus, 'unused') &&
    (same(f.pricingCategory, 'committed') ||
      same(f.commitmentDiscountStatus, 'used'))
  );
}

function isOnDemandInstance(f: FinopsUsageFact): boolean {
  return (
    f.chargeCategory === 'Usage' &&
    (f.pricingCategory.trim() === '' || same(f.pricingCategory, 'standard')) &&
    f.commitmentDiscountId === '' &&
    isInstanceCompute(f)
  );
}

/** Whether an instance ran every day of the window and ≥ {@link STEADY_HOURS_PER_DAY} hours a day on average. */
function isSteady(facts: readonly FinopsUsageFact[]): boolean {
  const hoursPerDay = new Map<string, number>();
  for (const f of facts) {
    hoursPerDay.set(
      f.usageDate,
      (hoursPerDay.get(f.usageDate) ?? 0) + runningHours(f),
    );
  }
  const days = [...hoursPerDay.values()].filter(h => h > 0);
  const total = days.reduce((a, b) => a + b, 0);
  return (
    days.length >= CURRENT_WINDOW_DAYS &&
    total / CURRENT_WINDOW_DAYS >= STEADY_HOURS_PER_DAY
  );
}

export const commitmentCoverageRule: FinopsTipRule = {
  id: 'commitment-coverage',
  title: 'Commitments for steady on-demand compute',
  evaluate({ facts, to }) {
    const recent = lastDays(facts, to, CURRENT_WINDOW_DAYS);
    const accounts = groupBy(
      recent,
      f => `${f.currency}\u0000${f.billingAccountId}`,
    );
    const currencies = new Map<string, Set<string>>();
    for (const f of recent) {
      const set = currencies.get(f.billingAccountId) ?? new Set<string>();
      set.add(f.currency);
      currencies.set(f.billingAccountId, set);
    }
    const tips: FinopsTip[] = [];
    for (const accountFacts of accounts.values()) {
      const { billingAccountId, currency } = accountFacts[0];
      const committed = accountFacts.filter(isCommittedUsage);
      const list = committed.reduce((n, f) => n + f.listCost, 0n);
      const effective = sumCost(committed);
      if (list <= 0n || list - effective <= 0n) {
        continue;
      }
      const steady = byResource(accountFacts.filter(isOnDemandInstance))
        .filter(of => isSteady(of) && !isNonProduction(latestTags(of)))
        .map(of => ({ facts: of, cost: sumCost(of) }))
        .filter(r => r.cost > 0n)
        .sort((a, b) => {
          if (a.cost === b.cost) {
            return a.facts[0].resourceId < b.facts[0].resourceId ? -1 : 1;
          }
          return a.cost > b.cost ? -1 : 1;
        });
      const steadyCost = steady.reduce((n, r) => n + r.cost, 0n);
      const saving = monthly(
        steadyCost,
        CURRENT_WINDOW_DAYS,
        list - effective,
        list,
      );
      if (saving <= 0n) {
        continue;
      }
      const steadyFacts = steady.flatMap(r => r.facts);
      const hours = steadyFacts.reduce((n, f) => n + runningHours(f), 0);
      tips.push({
        subject: subjectFor(
          billingAccountId,
          currency,
          currencies.get(billingAccountId),
        ),
        title: `Cover ${steady.length} steady on-demand instance${
          steady.length === 1 ? '' : 's'
        } in ${billingAccountId} with commitments`,
        description:
          `${steady.length} instance${
            steady.length === 1 ? '' : 's'
          } ran on demand around the clock on every day of the last ${CURRENT_WINDOW_DAYS} days ` +
          `in billing account ${billingAccountId}, which already buys commitments. ` +
          'Cover this baseline with a savings plan or reservations sized to it.',
        resources: resourcesOf(steadyFacts),
        estimatedMonthlySavings: saving,
        currency,
        method:
          `${formatMoney(
            monthly(steadyCost, CURRENT_WINDOW_DAYS),
            currency,
          )}/month of steady on-demand instance cost ` +
          `(${formatMoney(steadyCost, currency)} and ${formatQuantity(
            hours,
          )} instance-hours over the last ${CURRENT_WINDOW_DAYS} days) × the account's observed commitment discount ` +
          `${formatPercent(list - effective, list)} (1 − ${formatMoney(
            effective,
            currency,
          )} effective ÷ ${formatMoney(
            list,
            currency,
          )} list cost of its committed usage over the same days) = ${formatMoney(
            saving,
            currency,
          )}/month.`,
        effort: 'medium',
        risk: 'medium',
      });
    }
    return tips;
  },
};
