import type { ChargeCategory, FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { ownString } from '../focus/ownString';
import { canonicalTagsJson, costKeyHash, CostKey, DailyCost, PeriodTotals } from '../core';

/** The three amounts of one daily row, summed exactly. */
interface Amounts {
  effectiveCost: bigint;
  billedCost: bigint;
  listCost: bigint;
}

const SEPARATOR = '\u0001';

/**
 * Daily rows as drained: joined ids and three amounts per id (effective,
 * billed, list), plus the hashes of cost keys first seen since the previous
 * batch. Compact, so that it crosses between threads cheaply.
 */
export interface DailyBatch {
  newKeyHashes: string[];
  ids: string[];
  amounts: bigint[];
}

/** Turns batches back into daily rows; give it every batch of one aggregator, in order. */
export class DailyBatchExpander {
  private readonly keyHashes: string[] = [];

  *expand(batch: DailyBatch): IterableIterator<DailyCost> {
    // A loop, not push(...hashes): a first batch may carry more keys than a call takes arguments.
    for (const hash of batch.newKeyHashes) {
      this.keyHashes.push(hash);
    }
    for (let i = 0; i < batch.ids.length; i++) {
      const [
        billingPeriod,
        usageDate,
        keyIndex,
        providerName,
        serviceName,
        serviceCategory,
        regionId,
        resourceId,
        chargeCategory,
        currency,
      ] = batch.ids[i].split(SEPARATOR);
      yield {
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
        effectiveCost: batch.amounts[3 * i],
        billedCost: batch.amounts[3 * i + 1],
        listCost: batch.amounts[3 * i + 2],
      };
    }
  }
}

/**
 * Sums charge rows to the daily grain: day × resource × tag set × service ×
 * account × region × charge category × currency. Charges are dated by the
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

  /** The distinct tag sets / accounts seen. */
  keys(): CostKey[] {
    return [...this.costKeys];
  }

  /** Hands out the daily rows summed so far and forgets them; totals and keys stay. */
  drainBatch(): DailyBatch {
    const ids: string[] = [];
    const amounts: bigint[] = [];
    for (const [id, sums] of this.daily) {
      ids.push(id);
      amounts.push(sums.effectiveCost, sums.billedCost, sums.listCost);
    }
    this.daily.clear();
    const newKeyHashes = this.costKeys.slice(this.keysDrained).map(key => key.hash);
    this.keysDrained = this.costKeys.length;
    return { newKeyHashes, ids, amounts };
  }

  get dailyCount(): number {
    return this.daily.size;
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
