/**
 * `io-to-gp3`: EBS io1/io2 (provisioned IOPS) volumes whose IOPS gp3 can
 * provide for much less.
 *
 * **Fires** per volume and currency with io1/io2 storage facts in the last
 * 28 days (`x_UsageType` containing `VolumeUsage.piops`, `VolumeUsage.io1`
 * or `VolumeUsage.io2`; without a usage type, `io1`/`io2` in the SKU text
 * with a per-month unit) billed within the last 7 days, whose provisioned
 * IOPS are at most 16 000 (gp3's maximum) and size at most 16 384 GiB.
 * IOPS come from the same volume's IOPS lines (`VolumeP-IOPS.piops`,
 * `VolumeP-IOPS.io2…`, IOPS-Mo): IOPS-Mo a day × the days of its month,
 * averaged over the days billed (as sizes are from GB-Mo, see
 * `gp2-to-gp3`). Silent above 16 000 IOPS and for other volume types.
 *
 * **Saving**, from the volume's own cost lines and the us-east-1 list
 * prices' ratios (so it holds in every region and currency):
 * - storage: gp3 0.08 vs io1/io2 0.125 USD per GB-month, `storage × (1 −
 *   0.08 ÷ 0.125) = storage × 9 ÷ 25` (36 %);
 * - IOPS: gp3 includes 3 000 and charges 0.005 USD per IOPS-month above
 *   them, io1/io2 0.065 for every one: `iopsCost × (1 − (iops − 3 000)⁺ ×
 *   0.005 ÷ (iops × 0.065)) = iopsCost × (13 × iops − (iops − 3 000)⁺) ÷
 *   (13 × iops)`;
 * summed, monthly (`÷ 28 × 365.25 ÷ 12`). Throughput above gp3's
 * included 125 MiB/s (0.04 USD per MiB/s-month) is not priced in. Effort
 * low (an online modification), risk medium (gp3's latency and
 * durability are not io2's: check the workload first).
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
  isMonthUnit,
  lastDays,
  monthly,
  quantityOf,
  resourcesOf,
  shortName,
  sumCost,
} from './ruleSupport';

/** gp3's maximum IOPS and size. */
export const GP3_MAX_IOPS = 16000;
export const GP3_MAX_GIB = 16384;
const GP3_INCLUDED_IOPS = 3000;

const IO_TEXT = /\b(io1|io2|piops)\b/i;

/** Whether a fact is io1/io2 storage (GB-months). */
export function isIoStorage(f: FinopsUsageFact): boolean {
  if (f.usageType !== '') {
    return /VolumeUsage\.(piops|io1|io2)\b/i.test(f.usageType);
  }
  const { unit } = quantityOf(f);
  return (
    isMonthUnit(unit) &&
    !/iops/i.test(unit) &&
    IO_TEXT.test(`${f.skuPriceDetails} ${f.chargeDescription} ${f.skuMeter}`)
  );
}

/** Whether a fact is io1/io2 provisioned IOPS (IOPS-months). */
export function isIoIops(f: FinopsUsageFact): boolean {
  if (f.usageType !== '') {
    return /VolumeP-IOPS\.(piops|io1|io2)/i.test(f.usageType);
  }
  const { unit } = quantityOf(f);
  return (
    /iops/i.test(unit) &&
    IO_TEXT.test(`${f.skuPriceDetails} ${f.chargeDescription} ${f.skuMeter}`)
  );
}

export const ioToGp3Rule: FinopsTipRule = {
  id: 'io-to-gp3',
  title: 'io1/io2 volumes to gp3',
  evaluate({ facts, to }) {
    const tips: FinopsTip[] = [];
    for (const volume of byResource(
      lastDays(facts, to, CURRENT_WINDOW_DAYS).filter(
        f => f.chargeCategory === 'Usage' && (isIoStorage(f) || isIoIops(f)),
      ),
    )) {
      const storageFacts = volume.filter(isIoStorage);
      const iopsFacts = volume.filter(isIoIops);
      if (!storageFacts.length || !billedRecently(storageFacts, to)) {
        continue;
      }
      const iops = Math.round(averageMonthlyLevel(iopsFacts) ?? 0);
      const size = averageMonthlyLevel(storageFacts) ?? 0;
      if (iops > GP3_MAX_IOPS || size > GP3_MAX_GIB) {
        continue;
      }
      const { currency, resourceId } = volume[0];
      const storageCost = sumCost(storageFacts);
      const iopsCost = sumCost(iopsFacts);
      const extra = Math.max(0, iops - GP3_INCLUDED_IOPS);
      const storageSaving = monthly(storageCost, CURRENT_WINDOW_DAYS, 9n, 25n);
      const iopsSaving =
        iops > 0
          ? monthly(
              iopsCost,
              CURRENT_WINDOW_DAYS,
              BigInt(13 * iops - extra),
              BigInt(13 * iops),
            )
          : 0n;
      const saving = storageSaving + iopsSaving;
      if (saving <= 0n) {
        continue;
      }
      const iopsMethod =
        iops > 0
          ? `; IOPS: ${formatQuantity(iops)} provisioned, ${formatMoney(
              monthly(iopsCost, CURRENT_WINDOW_DAYS),
              currency,
            )}/month at 0.065 USD/IOPS-month, on gp3 ${formatQuantity(
              extra,
            )} above the included 3 000 at 0.005, saving × (13 × ${formatQuantity(
              iops,
            )} − ${formatQuantity(extra)}) ÷ (13 × ${formatQuantity(
              iops,
            )}) = ${formatMoney(iopsSaving, currency)}`
          : '; no IOPS lines';
      tips.push({
        title: `Change ${shortName(resourceId)} from provisioned IOPS to gp3`,
        description:
          `This provisioned-IOPS volume has ${formatQuantity(
            iops,
          )} IOPS, within gp3's ${formatQuantity(GP3_MAX_IOPS)}. ` +
          `Modify it to gp3 with ${formatQuantity(
            Math.max(iops, GP3_INCLUDED_IOPS),
          )} IOPS (online), after checking that gp3's latency and durability suit the workload.`,
        resources: resourcesOf(volume),
        estimatedMonthlySavings: saving,
        currency,
        method:
          `Over the last ${CURRENT_WINDOW_DAYS} days, storage: ${formatMoney(
            monthly(storageCost, CURRENT_WINDOW_DAYS),
            currency,
          )}/month (${formatQuantity(
            size,
          )} GiB) at 0.125 USD/GB-month, on gp3 0.08: × (1 − 0.08 ÷ 0.125) = 36 % = ${formatMoney(
            storageSaving,
            currency,
          )}` + `${iopsMethod}; total ${formatMoney(saving, currency)}/month.`,
        effort: 'low',
        risk: 'medium',
      });
    }
    return tips;
  },
};
