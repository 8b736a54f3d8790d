/**
 * `extended-support`: surcharges for running an engine or Kubernetes
 * version past its end of standard support.
 *
 * **Fires** per resource and currency on usage facts of the last 28 days
 * whose `x_UsageType` contains `ExtendedSupport` (RDS
 * `ExtendedSupport:Yr1-Yr2:MySQL5.7`, EKS `AmazonEKS-Hours:extendedSupport`)
 * or whose meter or description says `Extended Support`, billed within
 * the last 7 days.
 *
 * **Saving** = the surcharge lines' cost, monthly: `cost ÷ 28 × 365.25 ÷
 * 12` (upgrading to a version in standard support ends it; the instance
 * or cluster itself is still paid). Effort medium (an engine or cluster
 * upgrade, tested first), risk medium.
 */
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
import {
  CURRENT_WINDOW_DAYS,
  billedRecently,
  byResource,
  formatMoney,
  formatQuantity,
  lastDays,
  monthly,
  resourcesOf,
  shortName,
  sumCost,
} from './ruleSupport';

/** Whether a fact is an extended-support surcharge. */
export function isExtendedSupport(f: FinopsUsageFact): boolean {
  return (
    /ExtendedSupport/i.test(f.usageType) ||
    /\bextended support\b/i.test(`${f.skuMeter} | ${f.chargeDescription}`)
  );
}

export const extendedSupportRule: FinopsTipRule = {
  id: 'extended-support',
  title: 'Extended-support surcharges',
  evaluate({ facts, to }) {
    const tips: FinopsTip[] = [];
    for (const surcharge of byResource(
      lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(
        f => f.chargeCategory === 'Usage' && isExtendedSupport(f),
      ),
    )) {
      if (!billedRecently(surcharge, to)) {
        continue;
      }
      const { currency, resourceId } = surcharge[0];
      const cost = sumCost(surcharge);
      const saving = monthly(cost, CURRENT_WINDOW_DAYS);
      if (saving <= 0n) {
        continue;
      }
      const usage = [
        ...new Set(surcharge.map(f => f.usageType || f.skuMeter)),
      ].filter(u => u !== '');
      const quantity = surcharge.reduce((n, f) => n + f.pricingQuantity, 0);
      const unit = surcharge[0].pricingUnit;
      tips.push({
        title: `Upgrade ${shortName(resourceId)} out of extended support`,
        description: `This runs a version past its end of standard support and pays an extended-support surcharge${
          usage.length ? ` (${usage.join(', ')})` : ''
        }. Upgrade it to a version in standard support.`,
        resources: resourcesOf(surcharge),
        estimatedMonthlySavings: saving,
        currency,
        method: `The surcharge over the last ${CURRENT_WINDOW_DAYS} days, ${formatMoney(
          cost,
          currency,
        )}${
          unit && quantity > 0
            ? ` (${formatQuantity(quantity, 2)} ${unit})`
            : ''
        }, ÷ ${CURRENT_WINDOW_DAYS} × 365.25 ÷ 12 = ${formatMoney(
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
