/* Small usage-fact builders for the tip rules' tests. */
import {
  addDays,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';
import type {
  FinopsTipRule,
  FinopsTipRuleInput,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';

/** The last day of data in the tests: a Sunday. */
export const TO = '2026-11-15';
/** 98 days ending at {@link TO}. */
export const FROM = addDays(TO, -97);

/** Exact atto-units of a decimal amount: `usd('1.25')`. */
export const usd = (decimal: string) => moneyFromDecimal(decimal);

/** Fields of a fact; money as decimal strings or bigint. */
export type FactInput = Partial<
  Omit<FinopsUsageFact, 'effectiveCost' | 'billedCost' | 'listCost'>
> & {
  cost?: string | bigint;
  listCost?: string | bigint;
};

const money = (value: string | bigint) =>
  typeof value === 'bigint' ? value : usd(value);

/** One fact: an AWS us-east-1 usage fact of `i-test` worth `cost` (default 1 USD). */
export function fact(input: FactInput = {}): FinopsUsageFact {
  const { cost = '1', listCost, ...rest } = input;
  const effective = money(cost);
  return {
    usageDate: TO,
    billingAccountId: '111111111111',
    subAccountId: '222222222222',
    providerName: 'AWS',
    serviceName: 'Amazon Elastic Compute Cloud',
    serviceCategory: 'Compute',
    regionId: 'us-east-1',
    resourceId: 'i-test',
    chargeCategory: 'Usage',
    currency: 'USD',
    tags: {},
    entityRef: 'component:default/test',
    billedHours: 24,
    usageType: '',
    operation: '',
    skuMeter: '',
    skuPriceDetails: '',
    chargeDescription: '',
    resourceType: '',
    pricingCategory: 'Standard',
    commitmentDiscountId: '',
    commitmentDiscountType: '',
    commitmentDiscountStatus: '',
    consumedQuantity: 0,
    consumedUnit: '',
    pricingQuantity: 0,
    pricingUnit: '',
    ...rest,
    effectiveCost: effective,
    billedCost: effective,
    listCost: listCost === undefined ? effective : money(listCost),
  };
}

/** The same fact on each of the `days` days ending at `to` (default {@link TO}). */
export function daily(
  days: number,
  input: FactInput | ((date: string, index: number) => FactInput),
  to = TO,
): FinopsUsageFact[] {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(to, i - days + 1);
    const values = typeof input === 'function' ? input(date, i) : input;
    return fact({ ...values, usageDate: date });
  });
}

/** Whether a `YYYY-MM-DD` date is a Saturday or Sunday. */
export const isWeekend = (date: string) =>
  [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** Runs a rule over facts in the window {@link FROM}…{@link TO}. */
export async function evaluate(
  rule: FinopsTipRule,
  facts: FinopsUsageFact[],
  window: Partial<Pick<FinopsTipRuleInput, 'from' | 'to'>> = {},
) {
  return rule.evaluate({
    facts,
    from: window.from ?? FROM,
    to: window.to ?? TO,
    signal: new AbortController().signal,
  });
}
