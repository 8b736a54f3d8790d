/**
 * `idle-network`: NAT gateways and load balancers billed by the hour that
 * carry next to no traffic.
 *
 * **Fires** per resource and currency whose hourly line was billed within
 * the last 7 days and, over the last 28 days:
 * - a NAT gateway (`x_UsageType` containing `NatGateway-Hours`; without a
 *   usage type, resource type `NAT Gateway` priced in hours) that
 *   processed under 1 GB a day on average (`NatGateway-Bytes` lines, or
 *   GB-priced lines, of the same resource);
 * - a load balancer (`LoadBalancerUsage`; without a usage type, resource
 *   type `Load Balancer` priced in hours) with under 1 LCU-hour a day on
 *   average (`LCUUsage` lines) and under 1 GB a day (`…Bytes` lines).
 * Silent when the traffic is real.
 *
 * **Saving** = the resource's whole cost over the 28 days (hours and
 * what little it processed), monthly: `cost ÷ 28 × 365.25 ÷ 12`. Effort
 * low, risk medium (check route tables, DNS and listeners before
 * deleting).
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
  isHourUnit,
  lastDays,
  monthly,
  quantityOf,
  resourcesOf,
  shortName,
  sumCost,
} from './ruleSupport';

/** Average traffic a day under which a NAT gateway or load balancer counts as idle. */
export const IDLE_GB_PER_DAY = 1;
export const IDLE_LCU_HOURS_PER_DAY = 1;

const hourly = (f: FinopsUsageFact) => isHourUnit(quantityOf(f).unit);

function isNatHours(f: FinopsUsageFact): boolean {
  return f.usageType !== ''
    ? /NatGateway-Hours/i.test(f.usageType)
    : /\bnat gateway\b/i.test(f.resourceType) && hourly(f);
}

function isLoadBalancerHours(f: FinopsUsageFact): boolean {
  return f.usageType !== ''
    ? /LoadBalancerUsage/i.test(f.usageType)
    : /\bload ?balancer\b/i.test(f.resourceType) && hourly(f);
}

function isBytes(f: FinopsUsageFact): boolean {
  return f.usageType !== ''
    ? /Bytes/i.test(f.usageType)
    : /^\s*(GB|GiB|gigabytes?)\s*$/i.test(quantityOf(f).unit);
}

function isLcu(f: FinopsUsageFact): boolean {
  return /LCUUsage/i.test(f.usageType) || /\bLCU/i.test(quantityOf(f).unit);
}

const quantity = (facts: readonly FinopsUsageFact[]) =>
  facts.reduce((n, f) => n + quantityOf(f).quantity, 0);

export const idleNetworkRule: FinopsTipRule = {
  id: 'idle-network',
  title: 'Idle NAT gateways and load balancers',
  evaluate({ facts, to }) {
    const tips: FinopsTip[] = [];
    for (const resource of byResource(
      lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(
        f => f.chargeCategory === 'Usage',
      ),
    )) {
      const natHours = resource.filter(isNatHours);
      const lbHours = resource.filter(isLoadBalancerHours);
      const hours = natHours.length ? natHours : lbHours;
      if (!hours.length || !billedRecently(hours, to)) {
        continue;
      }
      const gbPerDay = quantity(resource.filter(isBytes)) / CURRENT_WINDOW_DAYS;
      const lcuPerDay = quantity(resource.filter(isLcu)) / CURRENT_WINDOW_DAYS;
      const isNat = natHours.length > 0;
      const idle = isNat
        ? gbPerDay < IDLE_GB_PER_DAY
        : gbPerDay < IDLE_GB_PER_DAY && lcuPerDay < IDLE_LCU_HOURS_PER_DAY;
      if (!idle) {
        continue;
      }
      const { currency, resourceId } = resource[0];
      const cost = sumCost(resource);
      const saving = monthly(cost, CURRENT_WINDOW_DAYS);
      if (saving <= 0n) {
        continue;
      }
      const kind = isNat ? 'NAT gateway' : 'load balancer';
      const traffic = isNat
        ? `processed ${formatQuantity(gbPerDay, 2)} GB a day`
        : `used ${formatQuantity(lcuPerDay, 2)} LCU-hours and ${formatQuantity(
            gbPerDay,
            2,
          )} GB a day`;
      tips.push({
        title: `Remove idle ${kind} ${shortName(resourceId)}`,
        description:
          `This ${kind} is billed every hour but ${traffic} on average over the last ${CURRENT_WINDOW_DAYS} days. ` +
          `Delete it, or consolidate it with a busy one, once nothing routes through it.`,
        resources: resourcesOf(resource),
        estimatedMonthlySavings: saving,
        currency,
        method: `It ${traffic} on average over the last ${CURRENT_WINDOW_DAYS} days (idle: under ${IDLE_GB_PER_DAY} GB${
          isNat ? '' : ` and ${IDLE_LCU_HOURS_PER_DAY} LCU-hour`
        } a day); its whole cost, ${formatMoney(
          cost,
          currency,
        )}, ÷ ${CURRENT_WINDOW_DAYS} × 365.25 ÷ 12 = ${formatMoney(
          saving,
          currency,
        )}/month.`,
        effort: 'low',
        risk: 'medium',
      });
    }
    return tips;
  },
};
