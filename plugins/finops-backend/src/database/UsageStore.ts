import { Knex } from 'knex';
import type { ChargeCategory, FinopsUsageFact } from '@backstage-finops/plugin-finops-node';
import { limbSumSelects, METRICS, sumFromRow } from './limbSql';

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
  'u.provider': 'providerName',
  'u.service_name': 'serviceName',
  'u.service_category': 'serviceCategory',
  'u.region_id': 'regionId',
  'u.resource_id': 'resourceId',
  'u.charge_category': 'chargeCategory',
  'u.currency': 'currency',
  'u.usage_type': 'usageType',
  'u.operation': 'operation',
  'u.sku_meter': 'skuMeter',
  'u.sku_price_details': 'skuPriceDetails',
  'u.charge_description': 'chargeDescription',
  'u.resource_type': 'resourceType',
  'u.pricing_category': 'pricingCategory',
  'u.commitment_discount_id': 'commitmentDiscountId',
  'u.commitment_discount_type': 'commitmentDiscountType',
  'u.commitment_discount_status': 'commitmentDiscountStatus',
  'u.consumed_unit': 'consumedUnit',
  'u.pricing_unit': 'pricingUnit',
} as const;

/** {@link UsageStore} on knex. */
export class KnexUsageStore implements UsageStore {
  constructor(private readonly knex: Knex) {}

  async readUsageFacts(period: { from: string; to: string }): Promise<FinopsUsageFact[]> {
    const columns = Object.keys(FACT_DIMENSIONS);
    const rows: Array<Record<string, unknown>> = await this.knex('finops_usage_facts as u')
      .join('finops_slices as s', 's.generation', 'u.generation')
      .join('finops_cost_keys as k', 'k.key_hash', 'u.key_hash')
      .select(columns.map(column => `${column} as ${column.replace('.', '_')}`))
      .select(
        this.knex.raw('SUM(u.consumed_quantity) AS consumed_quantity'),
        this.knex.raw('SUM(u.pricing_quantity) AS pricing_quantity'),
        this.knex.raw('CAST(SUM(u.billed_seconds) AS TEXT) AS billed_seconds'),
        ...METRICS.flatMap(metric => limbSumSelects(metric, 'u')).map(sql => this.knex.raw(sql)),
      )
      .whereBetween('u.usage_date', [period.from, period.to])
      .groupBy(columns)
      .orderBy(['u.usage_date', 'u.resource_id']);
    const tagsByJson = new Map<string, Record<string, string>>();
    return rows.map(row => {
      const fact: Record<string, unknown> = {};
      for (const [column, field] of Object.entries(FACT_DIMENSIONS)) {
        fact[field] = row[column.replace('.', '_')];
      }
      const tagsJson = String(fact.tags);
      let tags = tagsByJson.get(tagsJson);
      if (!tags) {
        tags = JSON.parse(tagsJson) as Record<string, string>;
        tagsByJson.set(tagsJson, tags);
      }
      return {
        ...(fact as Omit<FinopsUsageFact, 'tags' | 'entityRef' | 'chargeCategory'>),
        chargeCategory: fact.chargeCategory as ChargeCategory,
        tags,
        entityRef: (fact.entityRef as string | null) ?? undefined,
        consumedQuantity: Number(row.consumed_quantity),
        pricingQuantity: Number(row.pricing_quantity),
        billedHours: Number(row.billed_seconds) / 3600,
        effectiveCost: sumFromRow(row, 'effective'),
        billedCost: sumFromRow(row, 'billed'),
        listCost: sumFromRow(row, 'list'),
      };
    });
  }
}
