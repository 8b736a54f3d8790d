import type { ChargeCategory } from '@backstage-finops/plugin-finops-node';

/** One day of one resource's cost in one tag set, service, account and region. */
export interface DailyCost {
  billingPeriod: string;
  usageDate: string;
  keyHash: string;
  providerName: string;
  serviceName: string;
  serviceCategory: string;
  regionId: string;
  resourceId: string;
  chargeCategory: ChargeCategory;
  currency: string;
  effectiveCost: bigint;
  billedCost: bigint;
  listCost: bigint;
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
