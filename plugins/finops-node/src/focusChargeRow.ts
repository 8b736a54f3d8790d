/** FOCUS ChargeCategory values. */
export const CHARGE_CATEGORIES = [
  'Usage',
  'Purchase',
  'Tax',
  'Credit',
  'Adjustment',
] as const;

/** One FOCUS ChargeCategory. */
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

/**
 * One charge row in the shape of the FinOps Foundation's FOCUS specification,
 * reduced to the columns the FinOps backend stores. Every cost source maps its
 * native format to this, once.
 *
 * Amounts are exact: bigint atto-units (10^-18) of `billingCurrency`, see
 * `parseDecimal` in `@backstage-finops/plugin-finops-common`. Absent optional
 * columns are empty strings, never undefined, so that rows aggregate by value.
 */
export interface FocusChargeRow {
  /**
   * Start of the charge period, ISO 8601 as the source writes it
   * (`2024-09-18T22:00:00Z`, `2024-09-18T23:00:00+01:00`). The charge is dated
   * by its first ten characters, the calendar date before any offset.
   */
  chargePeriodStart: string;
  /** End of the charge period (exclusive), ISO 8601 as the source writes it. */
  chargePeriodEnd: string;
  /** First day of the billing period as the source writes it (before any offset), `YYYY-MM-DD`. */
  billingPeriodStart: string;
  billingAccountId: string;
  subAccountId: string;
  /** ProviderName (FOCUS 1.0–1.2) or ServiceProviderName (1.3). */
  providerName: string;
  serviceName: string;
  serviceCategory: string;
  regionId: string;
  resourceId: string;
  chargeCategory: ChargeCategory;
  /** Upper-case ISO 4217 code. */
  billingCurrency: string;
  /** Tag key → value; empty when the resource has no tags. */
  tags: Record<string, string>;
  billedCost: bigint;
  effectiveCost: bigint;
  listCost: bigint;
  /**
   * What the charge is for, where the source knows: the columns optimization
   * tips need and cost views do not. Kept per resource, day and kind of
   * usage in a store of its own; absent when the source has none of them.
   */
  usage?: FocusUsageDetail;
}

/**
 * The usage columns of a FOCUS charge row. Absent columns are empty strings
 * (quantities 0), so that rows aggregate by value. How long the charge ran
 * comes from its charge period.
 */
export interface FocusUsageDetail {
  /** `x_UsageType` (AWS, e.g. `USE1-BoxUsage:m4.large`; other providers' own extension columns). */
  usageType: string;
  /** `x_Operation` (AWS, e.g. `RunInstances`, `NatGateway`). */
  operation: string;
  /** `SkuMeter` (FOCUS 1.1+), e.g. `Compute Hours`, `D2 v2`. */
  skuMeter: string;
  /** `SkuPriceDetails` (FOCUS 1.1+) as written: JSON of the SKU's price properties. */
  skuPriceDetails: string;
  chargeDescription: string;
  resourceType: string;
  /** `Standard`, `Committed`, `Dynamic` or `Other`. */
  pricingCategory: string;
  commitmentDiscountId: string;
  /** E.g. `Savings Plan`, `Reservation`. */
  commitmentDiscountType: string;
  /** `Used` or `Unused`. */
  commitmentDiscountStatus: string;
  /** 0 when absent. Quantities are not money: a double is exact enough for what tips do with them. */
  consumedQuantity: number;
  consumedUnit: string;
  /** 0 when absent. */
  pricingQuantity: number;
  pricingUnit: string;
}
