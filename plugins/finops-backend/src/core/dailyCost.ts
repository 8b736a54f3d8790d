import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';

/**
 * One day of one resource's cost in one tag set, service, account and
 * region: the charge rows' dimensions and amounts, summed per day.
 */
export interface DailyCost
  extends Pick<
    FocusChargeRow,
    | 'providerName'
    | 'serviceName'
    | 'serviceCategory'
    | 'regionId'
    | 'resourceId'
    | 'chargeCategory'
    | 'effectiveCost'
    | 'billedCost'
    | 'listCost'
  > {
  billingPeriod: string;
  usageDate: string;
  keyHash: string;
  currency: string;
}

/** Exact totals of one billing period in one currency. */
export interface PeriodTotals {
  billingPeriod: string;
  currency: string;
  rows: number;
  effectiveCost: bigint;
  billedCost: bigint;
  listCost: bigint;
}
