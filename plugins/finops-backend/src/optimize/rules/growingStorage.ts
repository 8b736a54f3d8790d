/**
 * `growing-storage`: stored data (buckets, snapshots, storage accounts,
 * table storage) that only grows and that nobody reads, which a retention
 * policy would stop growing.
 *
 * **Fires** per resource and currency whose stored quantity grew over the
 * last 13 weeks (91 days ending at `to`, so the window must reach back
 * that far): stored-quantity facts are usage in a per-month unit (GB-Mo,
 * `1 GB/Month`) with `x_UsageType` containing `SnapshotUsage` or
 * `TimedStorage`, or resource type `Snapshot`, `Bucket`, `Storage…`,
 * `Storage account`, or service category `Storage` (block volumes and
 * their IOPS and throughput excepted: a volume's size is provisioned, not
 * stored). The stored level of a day is its GB-Mo × the days of its
 * month; each of the 13 weeks' average level must be at least the week's
 * before (monotonic, non-decreasing) and the last at least 1 % above the
 * first (below that the level counts as flat). And no
 * reads on the resource in the whole window: no fact with quantity or
 * cost whose usage type, operation, meter or description is of reads
 * (`Requests-Tier2`/`Tier3`, `Retrieval`, `GetObject`, `GET`, `Read…`,
 * GCP `Class B`, `DataTransfer-Out`/`-Out-Bytes`). Silent with reads,
 * with less than 91 days of data, or when a week shrank.
 *
 * **Saving** = the monthly cost of the growth over those 90 days: the
 * monthly cost at the last week's level minus that at the first week's
 * (a day's cost × the days of its month, averaged over each week's days
 * billed), `costNow − cost90DaysAgo`: what a retention policy keeping the
 * data at its level of 90 days ago saves, at least. Effort medium, risk
 * medium (deleting data: agree on the retention first).
 */
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
import { addDays } from '@backstage-finops/plugin-finops-common';
import {
  byResource,
  daysInMonth,
  formatMoney,
  formatQuantity,
  groupBy,
  isMonthUnit,
  monthlyLevel,
  quantityOf,
  resourcesOf,
  same,
  shortName,
} from './ruleSupport';

/** Weeks of growth the rule compares: 13 × 7 = 91 days. */
export const GROWTH_WEEKS = 13;
/** Growth from the first to the last week below which the level counts as flat: 1 %. */
export const MIN_GROWTH = 0.01;

const STORED = /SnapshotUsage|TimedStorage/i;
const STORED_TYPE = /snapshot|bucket|^\s*storage|storage account/i;
const BLOCK = /VolumeUsage|VolumeP-IOPS|VolumeP-Throughput/i;
const BLOCK_TYPE = /^\s*(volume|disk|managed disk)\s*$/i;
const READS =
  /Requests-Tier[23]|Retrieval|GetObject|\bGET\b|\bReads?\b|ReadRequest|ReadCapacity|Class B|DataTransfer-Out|-Out-Bytes/i;

/** Whether a fact is a stored quantity (GB-months of data at rest). */
export function isStoredQuantity(f: FinopsUsageFact): boolean {
  const { unit } = quantityOf(f);
  if (
    f.chargeCategory !== 'Usage' ||
    !isMonthUnit(unit) ||
    /iops|throughput|mib\/s/i.test(unit) ||
    BLOCK.test(f.usageType) ||
    BLOCK_TYPE.test(f.resourceType)
  ) {
    return false;
  }
  return (
    STORED.test(f.usageType) ||
    STORED_TYPE.test(f.resourceType) ||
    same(f.serviceCategory, 'storage')
  );
}

/** Whether a fact bills reads of stored data. */
export function isRead(f: FinopsUsageFact): boolean {
  return (
    (f.pricingQuantity > 0 || f.consumedQuantity > 0 || f.effectiveCost > 0n) &&
    READS.test(
      `${f.usageType} | ${f.operation} | ${f.skuMeter} | ${f.chargeDescription}`,
    )
  );
}

interface Week {
  /** Average stored level over the week's days billed. */
  level: number;
  /** Average monthly cost at that level, atto-units. */
  monthlyCost: bigint;
}

function weeksOf(stored: readonly FinopsUsageFact[], to: string): Week[] {
  const weeks: Week[] = [];
  for (let k = GROWTH_WEEKS - 1; k >= 0; k--) {
    const last = addDays(to, -7 * k);
    const first = addDays(last, -6);
    const days = groupBy(
      stored.filter(f => f.usageDate >= first && f.usageDate <= last),
      f => f.usageDate,
    );
    if (days.size === 0) {
      return [];
    }
    let level = 0;
    let cost = 0n;
    for (const [date, of] of days) {
      for (const f of of) {
        level += monthlyLevel(f) ?? 0;
        cost += f.effectiveCost * BigInt(daysInMonth(date));
      }
    }
    weeks.push({
      level: level / days.size,
      monthlyCost: cost / BigInt(days.size),
    });
  }
  return weeks;
}

export const growingStorageRule: FinopsTipRule = {
  id: 'growing-storage',
  title: 'Retention for storage that only grows',
  evaluate({ facts, from, to }) {
    const start = addDays(to, -(7 * GROWTH_WEEKS - 1));
    if (from > start) {
      return [];
    }
    const inWindow = facts.filter(
      f => f.usageDate >= from && f.usageDate <= to,
    );
    const tips: FinopsTip[] = [];
    for (const resource of byResource(inWindow)) {
      const stored = resource.filter(
        f => f.usageDate >= start && isStoredQuantity(f),
      );
      if (!stored.length || resource.some(isRead)) {
        continue;
      }
      const weeks = weeksOf(stored, to);
      if (weeks.length !== GROWTH_WEEKS) {
        continue;
      }
      const grows = weeks.every(
        (w, i) => i === 0 || w.level >= weeks[i - 1].level * (1 - 1e-9),
      );
      const firstWeek = weeks[0];
      const lastWeek = weeks[weeks.length - 1];
      if (!grows || !(lastWeek.level >= firstWeek.level * (1 + MIN_GROWTH))) {
        continue;
      }
      const saving = lastWeek.monthlyCost - firstWeek.monthlyCost;
      if (saving <= 0n) {
        continue;
      }
      const { currency, resourceId } = resource[0];
      const unit = quantityOf(stored[stored.length - 1])
        .unit.replace(/[-\s/]*(mo|month)s?\s*$/i, '')
        .replace(/^1\s+/, '');
      const growth = `${formatQuantity(firstWeek.level, 1)} to ${formatQuantity(
        lastWeek.level,
        1,
      )} ${unit}`;
      tips.push({
        title: `Set a retention policy on ${shortName(resourceId)}`,
        description:
          `What this stores grew every week for the last ${GROWTH_WEEKS} weeks (${growth}) and nothing read it. ` +
          'Add a lifecycle or retention policy: expire, or move to an archive tier, what is older than you need.',
        resources: resourcesOf(resource),
        estimatedMonthlySavings: saving,
        currency,
        method:
          `Stored level (GB-Mo × days in the month, weekly averages) grew every week from ${growth} over ${
            7 * GROWTH_WEEKS
          } days, with no reads or retrievals billed since ${from}; ` +
          `monthly cost at the last week's level ${formatMoney(
            lastWeek.monthlyCost,
            currency,
          )} − at the level 13 weeks before ${formatMoney(
            firstWeek.monthlyCost,
            currency,
          )} = ${formatMoney(saving, currency)}/month.`,
        effort: 'medium',
        risk: 'medium',
      });
    }
    return tips;
  },
};
