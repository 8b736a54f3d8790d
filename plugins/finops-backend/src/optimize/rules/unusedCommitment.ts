/**
 * `unused-commitment`: commitments (reservations, savings plans) paid for
 * and not used.
 *
 * **Fires** on facts of the last 28 days whose `CommitmentDiscountStatus`
 * is `Unused` (any case): one tip per commitment (`CommitmentDiscountId`,
 * or the resource id when there is none) and currency; its subject is the
 * commitment id, its resources the facts' resources (the commitment id
 * itself when they have none).
 *
 * **Saving** = the unused facts' effective cost over the 28 days, as a
 * monthly amount: `cost ÷ 28 × 365.25 ÷ 12`. Acting on it (exchanging,
 * selling or modifying the commitment, or moving workloads onto it) turns
 * that waste into covered usage. Effort medium, risk low.
 */
import type {
  FinopsTip,
  FinopsTipRule,
} from '@backstage-finops/plugin-finops-node';
import {
  CURRENT_WINDOW_DAYS,
  formatMoney,
  formatQuantity,
  groupBy,
  lastDays,
  monthly,
  resourcesOf,
  same,
  shortName,
  subjectFor,
  sumCost,
} from './ruleSupport';

export const unusedCommitmentRule: FinopsTipRule = {
  id: 'unused-commitment',
  title: 'Unused commitments',
  evaluate({ facts, to }) {
    const unused = lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(f =>
      same(f.commitmentDiscountStatus, 'unused'),
    );
    const commitmentOf = (f: (typeof unused)[number]) =>
      f.commitmentDiscountId || f.resourceId;
    const currencies = new Map<string, Set<string>>();
    for (const f of unused) {
      const set = currencies.get(commitmentOf(f)) ?? new Set<string>();
      set.add(f.currency);
      currencies.set(commitmentOf(f), set);
    }
    const tips: FinopsTip[] = [];
    for (const group of groupBy(
      unused.filter(f => commitmentOf(f) !== ''),
      f => `${f.currency}\u0000${commitmentOf(f)}`,
    ).values()) {
      const { currency, serviceName, commitmentDiscountType } = group[0];
      const commitment = commitmentOf(group[0]);
      const cost = sumCost(group);
      const saving = monthly(cost, CURRENT_WINDOW_DAYS);
      if (saving <= 0n) {
        continue;
      }
      const resources = resourcesOf(group);
      const days = new Set(group.map(f => f.usageDate)).size;
      const quantities = [...groupBy(group, f => f.pricingUnit)]
        .filter(([unit]) => unit !== '')
        .map(
          ([unit, of]) =>
            `${formatQuantity(
              of.reduce((n, f) => n + f.pricingQuantity, 0),
              2,
            )} ${unit}`,
        );
      const kind = commitmentDiscountType || 'commitment';
      tips.push({
        subject: subjectFor(commitment, currency, currencies.get(commitment)),
        title: `Unused ${kind.toLowerCase()} ${shortName(commitment)}`,
        description:
          `Part of ${kind.toLowerCase()} ${commitment} went unused on ${days} of the last ${CURRENT_WINDOW_DAYS} days. ` +
          'Exchange or modify it to what runs (a convertible reservation, another size in the family), ' +
          'sell it on the Reserved Instance Marketplace, or shift matching workloads onto it.',
        resources: resources.length
          ? resources
          : [{ resourceId: commitment, serviceName }],
        estimatedMonthlySavings: saving,
        currency,
        method:
          `Effective cost of the unused commitment over the last ${CURRENT_WINDOW_DAYS} days, ` +
          `${formatMoney(cost, currency)}${
            quantities.length ? ` (${quantities.join(', ')} unused)` : ''
          }, ÷ ${CURRENT_WINDOW_DAYS} × 365.25 ÷ 12 = ${formatMoney(
            saving,
            currency,
          )}/month.`,
        effort: 'medium',
        risk: 'low',
      });
    }
    return tips;
  },
};
