/**
 * The FOCUS columns the reader uses. Column sets of FOCUS 1.0 to 1.3 all
 * carry the required ones; any other column (including `x_` extensions) is
 * ignored, and column order is free.
 */
export const REQUIRED_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'EffectiveCost',
  'ListCost',
  'ServiceName',
] as const;

/** Used when present. FOCUS 1.3 renamed ProviderName to ServiceProviderName. */
export const OPTIONAL_COLUMNS = [
  'SubAccountId',
  'ProviderName',
  'ServiceProviderName',
  'ServiceCategory',
  'RegionId',
  'ResourceId',
  'Tags',
] as const;

/**
 * What a charge is for: read into the row's usage detail when a file has
 * any of them. `x_UsageType` and `x_Operation` are AWS's extension columns.
 */
export const USAGE_COLUMNS = [
  'x_UsageType',
  'x_Operation',
  'SkuMeter',
  'SkuPriceDetails',
  'ChargeDescription',
  'ResourceType',
  'PricingCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountType',
  'CommitmentDiscountStatus',
  'ConsumedQuantity',
  'ConsumedUnit',
  'PricingQuantity',
  'PricingUnit',
] as const;

export type FocusColumn =
  | (typeof REQUIRED_COLUMNS)[number]
  | (typeof OPTIONAL_COLUMNS)[number]
  | (typeof USAGE_COLUMNS)[number];

/** Column name → index in the record; -1 when the file lacks it. */
export type ColumnIndex = Record<FocusColumn, number>;

/**
 * Maps a header record to column positions. Returns the problem when a
 * header repeats a name or lacks a required column.
 */
export function indexColumns(
  header: string[],
): { ok: true; index: ColumnIndex } | { ok: false; reason: string; column?: number } {
  const positions = new Map<string, number>();
  for (let i = 0; i < header.length; i++) {
    const name = header[i].replace(/^\uFEFF/, '').trim();
    if (name === '') {
      continue;
    }
    if (positions.has(name)) {
      return {
        ok: false,
        column: i + 1,
        reason: `header names column "${name}" twice (columns ${positions.get(name)! + 1} and ${i + 1})`,
      };
    }
    positions.set(name, i);
  }
  const missing = REQUIRED_COLUMNS.filter(column => !positions.has(column));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `header lacks the FOCUS column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; is this a FOCUS export?`,
    };
  }
  const index = {} as ColumnIndex;
  for (const column of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...USAGE_COLUMNS]) {
    index[column] = positions.get(column) ?? -1;
  }
  return { ok: true, index };
}
