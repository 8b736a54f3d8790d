/**
 * `gp2-to-gp3`: EBS gp2 volumes, which gp3 stores for 20 % less with at
 * least the same baseline performance.
 *
 * **Fires** per volume and currency on usage facts of the last 28 days of
 * gp2 storage (`x_UsageType` containing `VolumeUsage.gp2`, or, without a
 * usage type, `gp2` in `SkuPriceDetails`, `ChargeDescription` or
 * `SkuMeter`), billed within the last 7 days and with a size that can be
 * inferred. Silent for gp3 and other volume types.
 *
 * **Size.** A provider bills a volume of S GiB S ÷ (days in the month)
 * GB-Mo a day, so the size on a day is its GB-Mo (pricing quantity, else
 * consumed quantity, in a per-month unit) × the days of its month; S is
 * the average over the days billed. Without a per-month quantity the size
 * is unknown and the rule stays silent.
 *
 * **Saving.** gp3 costs 20 % less per GB-month (us-east-1: 0.08 vs 0.10
 * USD). gp2 gives 3 IOPS per GiB (at most 16 000); gp3 includes 3 000, so
 * a volume above 1 000 GiB needs `extra = min(16 000, 3 × S) − 3 000`
 * provisioned IOPS at 0.005 USD per IOPS-month, 1⁄20 of gp2's GB-month
 * price. Taken relative to the volume's own storage cost C (so it holds
 * in every region and currency): `saving = 20 % × C − C × extra ÷ (20 ×
 * S) = C × (4 S − extra) ÷ (20 S)`, monthly (`÷ 28 × 365.25 ÷ 12`);
 * silent when ≤ 0. gp2's burst above its baseline and its throughput above
 * gp3's included 125 MiB/s (up to 250 MiB/s on gp2 volumes over 170 GiB,
 * 0.04 USD per MiB/s-month on gp3) are not priced in. Effort low (an
 * online modification), risk low.
 */
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
import {
  CURRENT_WINDOW_DAYS,
  averageMonthlyLevel,
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

/** gp3's included IOPS. */
export const GP3_INCLUDED_IOPS = 3000;
/** gp2's baseline IOPS per GiB, and its maximum. */
export const GP2_IOPS_PER_GIB = 3;
export const GP2_MAX_IOPS = 16000;

/** Whether a fact is gp2 storage. */
export function isGp2Storage(f: FinopsUsageFact): boolean {
  if (f.usageType !== '') {
    return /VolumeUsage\.gp2\b/i.test(f.usageType);
  }
  return /\bgp2\b/i.test(
    `${f.skuPriceDetails} ${f.chargeDescription} ${f.skuMeter}`,
  );
}

/** The extra provisioned IOPS a gp3 volume of `sizeGiB` needs to match gp2's baseline. */
export function extraIopsForGp3(sizeGiB: number): number {
  const baseline = Math.min(GP2_MAX_IOPS, GP2_IOPS_PER_GIB * sizeGiB);
  return Math.max(0, baseline - GP3_INCLUDED_IOPS);
}

export const gp2ToGp3Rule: FinopsTipRule = {
  id: 'gp2-to-gp3',
  title: 'gp2 volumes to gp3',
  evaluate({ facts, to }) {
    const tips: FinopsTip[] = [];
    for (const volume of byResource(
      lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(
        f => f.chargeCategory === 'Usage' && isGp2Storage(f),
      ),
    )) {
      const averageSize = averageMonthlyLevel(volume);
      if (
        averageSize === undefined ||
        averageSize <= 0 ||
        !billedRecently(volume, to)
      ) {
        continue;
      }
      const size = Math.max(1, Math.round(averageSize));
      const extra = extraIopsForGp3(size);
      const { currency, resourceId } = volume[0];
      const cost = sumCost(volume);
      const storage = monthly(cost, CURRENT_WINDOW_DAYS);
      const saving = monthly(
        cost,
        CURRENT_WINDOW_DAYS,
        BigInt(4 * size - extra),
        BigInt(20 * size),
      );
      if (saving <= 0n) {
        continue;
      }
      const capped = GP2_IOPS_PER_GIB * size > GP2_MAX_IOPS;
      let iopsText = ` (${formatQuantity(
        size,
      )} GiB: gp2's baseline IOPS fit in gp3's included ${formatQuantity(
        GP3_INCLUDED_IOPS,
      )})`;
      if (extra > 0) {
        const iopsCost = monthly(
          cost,
          CURRENT_WINDOW_DAYS,
          BigInt(extra),
          BigInt(20 * size),
        );
        iopsText =
          `, less ${formatQuantity(extra)} IOPS above gp3's included 3 000 ` +
          `to match gp2's baseline of 3 IOPS/GiB × ${formatQuantity(size)} GiB${
            capped ? ' (at most 16 000)' : ''
          } ` +
          "at 0.005 USD/IOPS-month, 1/20 of gp2's 0.10 USD/GB-month, " +
          `so storage × ${formatQuantity(extra)} ÷ (20 × ${formatQuantity(
            size,
          )}) = ${formatMoney(iopsCost, currency)}`;
      }
      const keepBaseline =
        extra > 0
          ? `; provision ${formatQuantity(
              extra + GP3_INCLUDED_IOPS,
            )} IOPS to keep gp2's baseline`
          : '';
      tips.push({
        title: `Change ${shortName(resourceId)} from gp2 to gp3`,
        description:
          'Modify this gp2 volume to gp3 (online, no detach): gp3 costs 20 % less per GB-month ' +
          `and includes 3 000 IOPS and 125 MiB/s${keepBaseline}.`,
        resources: resourcesOf(volume),
        estimatedMonthlySavings: saving,
        currency,
        method:
          `20 % of ${formatMoney(
            storage,
            currency,
          )}/month gp2 storage (${formatMoney(
            cost,
            currency,
          )} over the last ${CURRENT_WINDOW_DAYS} days; size ${formatQuantity(
            size,
          )} GiB from its GB-Mo × days in the month)` +
          `${iopsText} = ${formatMoney(saving, currency)}/month.`,
        effort: 'low',
        risk: 'low',
      });
    }
    return tips;
  },
};
