/**
 * `idle-address`: public IP addresses paid for while attached to nothing.
 *
 * **Fires** per address (resource) and currency on usage facts of the
 * last 28 days that bill an idle address: `x_UsageType` containing
 * `IdleAddress` (AWS `ElasticIP:IdleAddress`, `PublicIPv4:IdleAddress`),
 * a meter or description of an idle, unused, unattached or unassociated
 * IP or address (Azure and others), or GCP's `Static Ip Charge` (a
 * reserved static address in use by no VM), billed within the last 7
 * days.
 *
 * **Saving** = their whole cost, monthly: `cost ÷ 28 × 365.25 ÷ 12`
 * (releasing the address ends it). Effort low, risk low (check that no
 * DNS record or allow-list still names it).
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
  lastDays,
  monthly,
  resourcesOf,
  shortName,
  sumCost,
} from './ruleSupport';

const IDLE_TEXT =
  /\b(idle|unused|unattached|unassociated)\b[^|]*\b(ips?|ipv4|ipv6|address(es)?)\b/i;

/** Whether a fact bills an idle public address. */
export function isIdleAddress(f: FinopsUsageFact): boolean {
  if (/IdleAddress/i.test(f.usageType)) {
    return true;
  }
  const meter = `${f.skuMeter} | ${f.chargeDescription}`;
  return (
    IDLE_TEXT.test(meter) ||
    (/google|gcp/i.test(f.providerName) && /\bStatic Ip Charge\b/i.test(meter))
  );
}

export const idleAddressRule: FinopsTipRule = {
  id: 'idle-address',
  title: 'Idle public IP addresses',
  evaluate({ facts, to }) {
    const tips: FinopsTip[] = [];
    for (const address of byResource(
      lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(
        f => f.chargeCategory === 'Usage' && isIdleAddress(f),
      ),
    )) {
      if (!billedRecently(address, to)) {
        continue;
      }
      const { currency, resourceId } = address[0];
      const cost = sumCost(address);
      const saving = monthly(cost, CURRENT_WINDOW_DAYS);
      if (saving <= 0n) {
        continue;
      }
      const days = new Set(address.map(f => f.usageDate)).size;
      tips.push({
        title: `Release idle address ${shortName(resourceId)}`,
        description:
          `This public IP address was billed as idle (attached to nothing) on ${days} of the last ${CURRENT_WINDOW_DAYS} days. ` +
          'Release it, or attach it to what should use it; check DNS records and allow-lists first.',
        resources: resourcesOf(address),
        estimatedMonthlySavings: saving,
        currency,
        method: `Its whole idle-address cost over the last ${CURRENT_WINDOW_DAYS} days, ${formatMoney(
          cost,
          currency,
        )}, ÷ ${CURRENT_WINDOW_DAYS} × 365.25 ÷ 12 = ${formatMoney(
          saving,
          currency,
        )}/month.`,
        effort: 'low',
        risk: 'low',
      });
    }
    return tips;
  },
};
