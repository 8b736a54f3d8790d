import type { ChargeCategory, FocusChargeRow, FocusUsageDetail } from '@backstage-finops/plugin-finops-node';
import { ownString } from '../focus/ownString';
import { canonicalTagsJson, costKeyHash, CostKey, DailyCost, PeriodTotals, StagedUsage, USAGE_KIND_FIELDS, UsageKind, usageKindHash } from '../core';

/** The three amounts of one daily row, summed exactly. */
interface Amounts {
  effectiveCost: bigint;
  billedCost: bigint;
  listCost: bigint;
}

const SEPARATOR = '\u0001';

interface UsageSums extends Amounts {
  consumedQuantity: number;
  pricingQuantity: number;
  billedSeconds: number;
}

/**
 * Daily rows as drained: joined ids and three amounts per id (effective,
 * billed, list), plus the hashes of cost keys first seen since the previous
 * batch; and the usage facts likewise, with three measures per id (consumed
 * and pricing quantity, billed seconds). Compact, so that it crosses between
 * threads cheaply.
 */
export interface DailyBatch {
  newKeyHashes: string[];
  ids: string[];
  amounts: bigint[];
  /** Usage kinds first seen since the previous batch. */
  newUsageKinds: UsageKind[];
  usageIds: string[];
  usageAmounts: bigint[];
  usageMeasures: number[];
}

/** A batch as the store takes it. */
export interface ExpandedBatch {
  dailyCosts: Iterable<DailyCost>;
  /** The kinds the usage facts refer to that earlier batches did not carry. */
  usageKinds: UsageKind[];
  usage: Iterable<StagedUsage>;
}

/** Turns batches back into daily rows and usage facts; give it every batch of one aggregator, in order. */
export class DailyBatchExpander {
  private readonly keyHashes: string[] = [];
  private readonly kindHashes: string[] = [];

  expand(batch: DailyBatch): ExpandedBatch {
    // A loop, not push(...hashes): a first batch may carry more keys than a call takes arguments.
    for (const hash of batch.newKeyHashes) {
      this.keyHashes.push(hash);
    }
    for (const kind of batch.newUsageKinds) {
      this.kindHashes.push(kind.hash);
    }
    return { dailyCosts: this.dailyCosts(batch), usageKinds: batch.newUsageKinds, usage: this.usage(batch) };
  }

  private *dailyCosts(batch: DailyBatch): IterableIterator<DailyCost> {
    for (let i = 0; i < batch.ids.length; i++) {
      yield this.dailyCost(batch.ids[i].split(SEPARATOR), batch.amounts, i);
    }
  }

  private *usage(batch: DailyBatch): IterableIterator<StagedUsage> {
    for (let i = 0; i < batch.usageIds.length; i++) {
      const [billingPeriod, usageDate, keyIndex, resourceId, kindIndex] = batch.usageIds[i].split(SEPARATOR);
      yield {
        billingPeriod,
        usageDate,
        keyHash: this.keyHashes[Number(keyIndex)],
        kindHash: this.kindHashes[Number(kindIndex)],
        resourceId,
        consumedQuantity: batch.usageMeasures[3 * i],
        pricingQuantity: batch.usageMeasures[3 * i + 1],
        billedSeconds: batch.usageMeasures[3 * i + 2],
        effectiveCost: batch.usageAmounts[3 * i],
        billedCost: batch.usageAmounts[3 * i + 1],
        listCost: batch.usageAmounts[3 * i + 2],
      };
    }
  }

  private dailyCost(fields: string[], amounts: bigint[], i: number): DailyCost {
    const [billingPeriod, usageDate, keyIndex, providerName, serviceName, serviceCategory, regionId, resourceId, chargeCategory, currency] =
      fields;
    return {
      billingPeriod,
      usageDate,
      keyHash: this.keyHashes[Number(keyIndex)],
      providerName,
      serviceName,
      serviceCategory,
      regionId,
      resourceId,
      chargeCategory: chargeCategory as ChargeCategory,
      currency,
      effectiveCost: amounts[3 * i],
      billedCost: amounts[3 * i + 1],
      listCost: amounts[3 * i + 2],
    };
  }
}


/**
 * Sums charge rows to the daily grain: day × resource × tag set × service ×
 * account × region × charge category × currency; and the rows with usage
 * detail, separately, to that grain × kind of usage. Charges are dated by the
 * calendar date their charge period starts on as the export wrote it, before
 * any offset: the first ten characters of `chargePeriodStart`.
 *
 * Each daily row is held as one joined key string and its amounts: the key is
 * a fresh string, so no row keeps the reader's text chunks alive, and the
 * fields are split out again only when the rows are written.
 */
export class DailyAggregator {
  private readonly costKeys: CostKey[] = [];
  private readonly keyIndexByIdentity = new Map<string, number>();
  private readonly tagsJsonByObject = new WeakMap<object, string>();
  private readonly daily = new Map<string, Amounts>();
  private readonly usage = new Map<string, UsageSums>();
  private readonly usageKinds: UsageKind[] = [];
  private readonly kindIndexByFields = new Map<string, number>();
  private kindsDrained = 0;
  private readonly totals = new Map<string, PeriodTotals>();
  private keysDrained = 0;

  add(row: FocusChargeRow): void {
    const keyIndex = this.keyIndexOf(row);
    const id = [
      row.billingPeriodStart,
      row.chargePeriodStart.slice(0, 10),
      keyIndex,
      row.providerName,
      row.serviceName,
      row.serviceCategory,
      row.regionId,
      row.resourceId,
      row.chargeCategory,
      row.billingCurrency,
    ].join(SEPARATOR);
    if (row.usage) {
      this.addUsage(keyIndex, row, row.usage);
    }
    const existing = this.daily.get(id);
    if (existing) {
      existing.effectiveCost += row.effectiveCost;
      existing.billedCost += row.billedCost;
      existing.listCost += row.listCost;
    } else {
      this.daily.set(id, {
        effectiveCost: row.effectiveCost,
        billedCost: row.billedCost,
        listCost: row.listCost,
      });
    }
    const totalsId = `${row.billingPeriodStart}${SEPARATOR}${row.billingCurrency}`;
    let total = this.totals.get(totalsId);
    if (!total) {
      total = {
        billingPeriod: row.billingPeriodStart,
        currency: row.billingCurrency,
        rows: 0,
        effectiveCost: 0n,
        billedCost: 0n,
        listCost: 0n,
      };
      this.totals.set(totalsId, total);
    }
    total.rows++;
    total.effectiveCost += row.effectiveCost;
    total.billedCost += row.billedCost;
    total.listCost += row.listCost;
  }

  private addUsage(keyIndex: number, row: FocusChargeRow, detail: FocusUsageDetail): void {
    const id = [row.billingPeriodStart, row.chargePeriodStart.slice(0, 10), keyIndex, row.resourceId, this.kindIndexOf(row, detail)].join(
      SEPARATOR,
    );
    const seconds = (Date.parse(row.chargePeriodEnd) - Date.parse(row.chargePeriodStart)) / 1000;
    const existing = this.usage.get(id);
    if (existing) {
      existing.effectiveCost += row.effectiveCost;
      existing.billedCost += row.billedCost;
      existing.listCost += row.listCost;
      existing.consumedQuantity += detail.consumedQuantity;
      existing.pricingQuantity += detail.pricingQuantity;
      existing.billedSeconds += seconds;
    } else {
      this.usage.set(id, {
        effectiveCost: row.effectiveCost,
        billedCost: row.billedCost,
        listCost: row.listCost,
        consumedQuantity: detail.consumedQuantity,
        pricingQuantity: detail.pricingQuantity,
        billedSeconds: seconds,
      });
    }
  }

  private kindIndexOf(row: FocusChargeRow, detail: FocusUsageDetail): number {
    const fields = [
      row.providerName,
      row.serviceName,
      row.serviceCategory,
      row.regionId,
      row.chargeCategory,
      row.billingCurrency,
      detail.usageType,
      detail.operation,
      detail.skuMeter,
      detail.skuPriceDetails,
      detail.chargeDescription,
      detail.resourceType,
      detail.pricingCategory,
      detail.commitmentDiscountId,
      detail.commitmentDiscountType,
      detail.commitmentDiscountStatus,
      detail.consumedUnit,
      detail.pricingUnit,
    ];
    const joined = fields.join(SEPARATOR);
    let index = this.kindIndexByFields.get(joined);
    if (index === undefined) {
      index = this.usageKinds.length;
      this.kindIndexByFields.set(joined, index);
      const kind = { hash: usageKindHash(joined) } as UsageKind;
      USAGE_KIND_FIELDS.forEach((field, i) => {
        (kind as unknown as Record<string, string>)[field] = ownString(fields[i]);
      });
      this.usageKinds.push(kind);
    }
    return index;
  }

  /** The distinct tag sets / accounts seen. */
  keys(): CostKey[] {
    return [...this.costKeys];
  }

  /** Hands out the daily rows and usage facts summed so far and forgets them; totals and keys stay. */
  drainBatch(): DailyBatch {
    const ids: string[] = [];
    const amounts: bigint[] = [];
    for (const [id, sums] of this.daily) {
      ids.push(id);
      amounts.push(sums.effectiveCost, sums.billedCost, sums.listCost);
    }
    this.daily.clear();
    const usageIds: string[] = [];
    const usageAmounts: bigint[] = [];
    const usageMeasures: number[] = [];
    for (const [id, sums] of this.usage) {
      usageIds.push(id);
      usageAmounts.push(sums.effectiveCost, sums.billedCost, sums.listCost);
      usageMeasures.push(sums.consumedQuantity, sums.pricingQuantity, sums.billedSeconds);
    }
    this.usage.clear();
    const newKeyHashes = this.costKeys.slice(this.keysDrained).map(key => key.hash);
    this.keysDrained = this.costKeys.length;
    const newUsageKinds = this.usageKinds.slice(this.kindsDrained);
    this.kindsDrained = this.usageKinds.length;
    return { newKeyHashes, ids, amounts, newUsageKinds, usageIds, usageAmounts, usageMeasures };
  }

  /** Rows held: daily rows and usage facts, which both spill. */
  get dailyCount(): number {
    return this.daily.size + this.usage.size;
  }

  periodTotals(): PeriodTotals[] {
    return [...this.totals.values()].sort((a, b) =>
      a.billingPeriod === b.billingPeriod
        ? a.currency.localeCompare(b.currency)
        : a.billingPeriod.localeCompare(b.billingPeriod),
    );
  }

  private keyIndexOf(row: FocusChargeRow): number {
    let tagsJson = this.tagsJsonByObject.get(row.tags);
    if (tagsJson === undefined) {
      tagsJson = canonicalTagsJson(row.tags);
      this.tagsJsonByObject.set(row.tags, tagsJson);
    }
    const identity = `${tagsJson}\u0000${row.billingAccountId}\u0000${row.subAccountId}`;
    let index = this.keyIndexByIdentity.get(identity);
    if (index === undefined) {
      index = this.costKeys.length;
      this.keyIndexByIdentity.set(identity, index);
      this.costKeys.push({
        hash: costKeyHash(tagsJson, row.billingAccountId, row.subAccountId),
        tagsJson,
        billingAccountId: ownString(row.billingAccountId),
        subAccountId: ownString(row.subAccountId),
      });
    }
    return index;
  }
}
