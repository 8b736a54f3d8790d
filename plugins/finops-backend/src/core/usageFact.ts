import { createHash } from 'node:crypto';
import type { ChargeCategory, FocusUsageDetail } from '@backstage-finops/plugin-finops-node';

/**
 * What a charge is for, apart from the resource, day and tag set: its
 * provider, service, region, charge category and currency, and the usage
 * detail's text columns. Few per import, so facts refer to them by hash.
 */
export interface UsageKind extends Omit<FocusUsageDetail, 'consumedQuantity' | 'pricingQuantity'> {
  hash: string;
  providerName: string;
  serviceName: string;
  serviceCategory: string;
  regionId: string;
  chargeCategory: ChargeCategory;
  currency: string;
}

/** The fields of a {@link UsageKind} besides its hash, in the order its hash joins them. */
export const USAGE_KIND_FIELDS = [
  'providerName',
  'serviceName',
  'serviceCategory',
  'regionId',
  'chargeCategory',
  'currency',
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
] as const satisfies ReadonlyArray<Exclude<keyof UsageKind, 'hash'>>;

/** The hash of a kind's fields joined with U+0001 (which no field holds). */
export function usageKindHash(joinedFields: string): string {
  return createHash('sha256').update(joinedFields).digest('hex').slice(0, 32);
}

/**
 * One resource's usage of one kind on one day in one tag set, as an import
 * stages it: sums of its quantities, billed time and amounts.
 */
export interface StagedUsage {
  billingPeriod: string;
  usageDate: string;
  keyHash: string;
  kindHash: string;
  resourceId: string;
  consumedQuantity: number;
  pricingQuantity: number;
  /** Seconds the charge periods cover, summed. */
  billedSeconds: number;
  effectiveCost: bigint;
  billedCost: bigint;
  listCost: bigint;
}
