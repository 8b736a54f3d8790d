import { CHARGE_CATEGORIES, type FocusChargeRow } from './focusChargeRow';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const CURRENCY = /^[A-Z]{3}$/;
const STRING_FIELDS = [
  'billingAccountId',
  'subAccountId',
  'providerName',
  'serviceName',
  'serviceCategory',
  'regionId',
  'resourceId',
] as const;
const AMOUNT_FIELDS = ['billedCost', 'effectiveCost', 'listCost'] as const;

/**
 * Why a row a cost source yields is not a {@link FocusChargeRow}, naming the
 * field and its value; undefined when it is one. The FinOps backend fails a
 * module source's import with this (and the row's number) rather than store
 * a row it would misread; a module's tests can call it on what they map.
 */
export function focusChargeRowProblem(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null) {
    return `the row is ${row === null ? 'null' : typeof row}, not an object`;
  }
  const r = row as Record<string, unknown>;
  const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
  for (const field of ['chargePeriodStart', 'chargePeriodEnd'] as const) {
    if (typeof r[field] !== 'string' || !DATE_TIME.test(r[field] as string)) {
      return `${field} ${show(r[field])} is not an ISO 8601 date or date-time`;
    }
  }
  if ((r.chargePeriodEnd as string).slice(0, 10) < (r.chargePeriodStart as string).slice(0, 10)) {
    return `chargePeriodEnd ${show(r.chargePeriodEnd)} is before chargePeriodStart ${show(r.chargePeriodStart)}`;
  }
  if (typeof r.billingPeriodStart !== 'string' || !DATE.test(r.billingPeriodStart)) {
    return `billingPeriodStart ${show(r.billingPeriodStart)} is not a date (YYYY-MM-DD)`;
  }
  for (const field of STRING_FIELDS) {
    if (typeof r[field] !== 'string') {
      return `${field} is ${show(r[field])}, not a string (use "" when absent)`;
    }
  }
  if (!CHARGE_CATEGORIES.includes(r.chargeCategory as FocusChargeRow['chargeCategory'])) {
    return `chargeCategory ${show(r.chargeCategory)} is not one of ${CHARGE_CATEGORIES.join(', ')}`;
  }
  if (typeof r.billingCurrency !== 'string' || !CURRENCY.test(r.billingCurrency)) {
    return `billingCurrency ${show(r.billingCurrency)} is not an upper-case ISO 4217 code`;
  }
  for (const field of AMOUNT_FIELDS) {
    if (typeof r[field] !== 'bigint') {
      return `${field} is ${typeof r[field] === 'number' ? 'a number' : show(r[field])}, not a bigint of atto-units (parseDecimal of the decimal text)`;
    }
  }
  const tags = r.tags;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    return `tags is ${show(tags)}, not an object of tag key to value`;
  }
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') {
      return `tag ${JSON.stringify(key)} has the value ${show(value)}, not a string`;
    }
  }
  return undefined;
}
