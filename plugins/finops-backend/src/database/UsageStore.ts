import { Knex } from 'knex';
import type { ChargeCategory, FinopsUsageFact } from '@backstage-finops/plugin-finops-node';

/** The usage facts of the current slices: what optimization tips read. */
export interface UsageStore {
  /** Every usage fact from `from` to `to` (inclusive days), summed per resource, day, tag set and kind of usage. */
  readUsageFacts(period: { from: string; to: string }): Promise<FinopsUsageFact[]>;
}

/** The columns a fact is summed by, and the field each becomes. */
const FACT_DIMENSIONS = {
  'u.usage_date': 'usageDate',
  'k.billing_account_id': 'billingAccountId',
  'k.sub_account_id': 'subAccountId',
  'k.tags': 'tags',
  'k.entity_ref': 'entityRef',
  'u.resource_id': 'resourceId',
  'n.provider': 'providerName',
  'n.service_name': 'serviceName',
  'n.service_category': 'serviceCategory',
  'n.region_id': 'regionId',
  'n.charge_category': 'chargeCategory',
  'n.currency': 'currency',
  'n.usage_type': 'usageType',
  'n.operation': 'operation',
  'n.sku_meter': 'skuMeter',
  'n.sku_price_details': 'skuPriceDetails',
  'n.charge_description': 'chargeDescription',
  'n.resource_type': 'resourceType',
  'n.pricing_category': 'pricingCategory',
  'n.commitment_discount_id': 'commitmentDiscountId',
  'n.commitment_discount_type': 'commitmentDiscountType',
  'n.commitment_discount_status': 'commitmentDiscountStatus',
  'n.consumed_unit': 'consumedUnit',
  'n.pricing_unit': 'pricingUnit',
} as const;

/** Measures of a fact, summed over its partial rows. */
const MEASURES = ['consumed_quantity', 'pricing_quantity', 'billed_seconds', 'effective_atto', 'billed_atto', 'list_atto'];

/** {@link UsageStore} on knex. */
export class KnexUsageStore implements UsageStore {
  constructor(private readonly knex: Knex) {}

  async readUsageFacts(period: { from: string; to: string }): Promise<FinopsUsageFact[]> {
    const columns = Object.keys(FACT_DIMENSIONS);
    // The facts of the imports that hold their slices: exactly those whose costs reads see.
    const rows: Array<Record<string, unknown>> = await this.knex('finops_usage_facts as u')
      .join('finops_slices as s', join => join.on('s.import_id', 'u.import_id').andOn('s.billing_period', 'u.billing_period'))
      .join('finops_cost_keys as k', 'k.key_hash', 'u.key_hash')
      .join('finops_usage_kinds as n', 'n.kind_hash', 'u.kind_hash')
      .select([...columns.map(column => `${column} as ${column.replace('.', '__')}`), ...MEASURES.map(m => `u.${m}`)])
      .whereBetween('u.usage_date', [period.from, period.to]);
    const facts = new Map<string, FinopsUsageFact>();
    const tagsByJson = new Map<string, Record<string, string>>();
    for (const row of rows) {
      const values = columns.map(column => row[column.replace('.', '__')]);
      const id = values.join('\u0001');
      const fact = facts.get(id);
      if (fact) {
        fact.consumedQuantity += Number(row.consumed_quantity);
        fact.pricingQuantity += Number(row.pricing_quantity);
        fact.billedHours += Number(row.billed_seconds) / 3600;
        fact.effectiveCost += BigInt(String(row.effective_atto));
        fact.billedCost += BigInt(String(row.billed_atto));
        fact.listCost += BigInt(String(row.list_atto));
        continue;
      }
      const dimensions: Record<string, unknown> = {};
      Object.values(FACT_DIMENSIONS).forEach((field, i) => {
        dimensions[field] = values[i];
      });
      const tagsJson = String(dimensions.tags);
      let tags = tagsByJson.get(tagsJson);
      if (!tags) {
        tags = JSON.parse(tagsJson) as Record<string, string>;
        tagsByJson.set(tagsJson, tags);
      }
      facts.set(id, {
        ...(dimensions as Omit<FinopsUsageFact, 'tags' | 'entityRef' | 'chargeCategory'>),
        chargeCategory: dimensions.chargeCategory as ChargeCategory,
        tags,
        entityRef: (dimensions.entityRef as string | null) ?? undefined,
        consumedQuantity: Number(row.consumed_quantity),
        pricingQuantity: Number(row.pricing_quantity),
        billedHours: Number(row.billed_seconds) / 3600,
        effectiveCost: BigInt(String(row.effective_atto)),
        billedCost: BigInt(String(row.billed_atto)),
        listCost: BigInt(String(row.list_atto)),
      });
    }
    return [...facts.values()].sort((a, b) =>
      a.usageDate === b.usageDate ? a.resourceId.localeCompare(b.resourceId) : a.usageDate.localeCompare(b.usageDate),
    );
  }
}
