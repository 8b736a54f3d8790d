import type { ChargeCategory, FocusChargeRow, FocusUsageDetail } from '@backstage-finops/plugin-finops-node';
import { ownString } from '../focus/ownString';
import { canonicalTagsJson, costKeyHash, CostKey, DailyCost, PeriodTotals, StagedUsage } from '../core';

/** The three amounts of one daily row, summed exactly. */
interface Amounts {
  effectiveCost: bigint;
  billedCost: bigint;
  listCost: bigint;
}

const SEPARATOR = '\u0001';

/** The usage detail's text fields, in the order a usage id joins them after the daily id. */
const USAGE_TEXT_FIELDS = [
  'usageType',
  'operation',
  'skuMeter',
  'skuPriceDetails',
  'chargeDescription',
  'resourceType',
  'pricingCategory',
  'commitmentDiscountId',
  'commitmentDiscountType',
  'commitmentDiscountStatus',
  'consumedUnit',
  'pricingUnit',
] as const satisfies ReadonlyArray<keyof FocusUsageDetail>;

/** Fields of a daily id; a usage id continues with {@link USAGE_TEXT_FIELDS}. */
const DAILY_ID_FIELDS = 10;

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
  usageIds: string[];
  usageAmounts: bigint[];
  usageMeasures: number[];
}

/** A batch as the store takes it. */
export interface ExpandedBatch {
  dailyCosts: Iterable<DailyCost>;
  usage: Iterable<StagedUsage>;
}

/** Turns batches back into daily rows and usage facts; give it every batch of one aggregator, in order. */
export class DailyBatchExpander {
  private readonly keyHashes: string[] = [];

  expand(batch: DailyBatch): ExpandedBatch {
    // A loop, not push(...hashes): a first batch may carry more keys than a call takes arguments.
    for (const hash of batch.newKeyHashes) {
      this.keyHashes.push(hash);
    }
    return { dailyCosts: this.dailyCosts(batch), usage: this.usage(batch) };
  }

  private *dailyCosts(batch: DailyBatch): IterableIterator<DailyCost> {
    for (let i = 0; i < batch.ids.length; i++) {
      yield this.dailyCost(batch.ids[i].split(SEPARATOR), batch.amounts, i);
    }
  }

  private *usage(batch: DailyBatch): IterableIterator<StagedUsage> {
    for (let i = 0; i < batch.usageIds.length; i++) {
      const fields = batch.usageIds[i].split(SEPARATOR);
      const fact = this.dailyCost(fields, batch.usageAmounts, i) as StagedUsage;
      USAGE_TEXT_FIELDS.forEach((field, f) => {
        fact[field] = fields[DAILY_ID_FIELDS + f];
      });
      fact.consumedQuantity = batch.usageMeasures[3 * i];
      fact.pricingQuantity = batch.usageMeasures[3 * i + 1];
      fact.billedSeconds = batch.usageMeasures[3 * i + 2];
      yield fact;
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
  private readonly totals = new Map<string, PeriodTotals>();
  private keysDrained = 0;

  add(row: FocusChargeRow): void {
    const id = [
      row.billingPeriodStart,
      row.chargePeriodStart.slice(0, 10),
      this.keyIndexOf(row),
      row.providerName,
      row.serviceName,
      row.serviceCategory,
      row.regionId,
      row.resourceId,
      row.chargeCategory,
      row.billingCurrency,
    ].join(SEPARATOR);
    if (row.usage) {
      this.addUsage(id, row, row.usage);
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

  private addUsage(dailyId: string, row: FocusChargeRow, detail: FocusUsageDetail): void {
    let id = dailyId;
    for (const field of USAGE_TEXT_FIELDS) {
      id += SEPARATOR + detail[field];
    }
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
    return { newKeyHashes, ids, amounts, usageIds, usageAmounts, usageMeasures };
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
