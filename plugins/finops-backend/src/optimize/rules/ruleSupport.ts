/**
 * What the built-in tip rules share: the look-back windows, monthly
 * amounts from a window's cost as exact bigint rationals, grouping facts by
 * resource, reading environment tags, usage text and units, and the
 * figures written in a tip's `method`.
 *
 * Money stays bigint atto-units throughout: a fraction of a cost is
 * `cost × numerator ÷ denominator` with a single (truncating) division at
 * the end. Quantities and hours are plain numbers.
 */
import { addDays } from '@backstage-finops/plugin-finops-common';
import type {
  FinopsTip,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';

/** Days of current behaviour the rules look at, ending at `to`: 4 whole weeks. */
export const CURRENT_WINDOW_DAYS = 28;

/** A resource must have been billed within this many days up to `to` for a tip about it. */
export const RECENT_DAYS = 7;

/** Days in an average month, 365.25 ÷ 12 = 36525 ÷ 1200. */
const MONTH_DAYS_NUMERATOR = 36525n;
const MONTH_DAYS_DENOMINATOR = 1200n;

/**
 * The monthly amount of `total` spent over `days` days, times
 * `numerator ÷ denominator`: `total ÷ days × 365.25 ÷ 12 × numerator ÷
 * denominator`, exactly, truncated once.
 */
export function monthly(
  total: bigint,
  days: number,
  numerator = 1n,
  denominator = 1n,
): bigint {
  return (
    (total * MONTH_DAYS_NUMERATOR * numerator) /
    (MONTH_DAYS_DENOMINATOR * BigInt(days) * denominator)
  );
}

/** The facts dated within the `days` days ending at `to` (inclusive). */
export function lastDays(
  facts: readonly FinopsUsageFact[],
  to: string,
  days: number,
): FinopsUsageFact[] {
  const after = addDays(to, -days);
  return facts.filter(f => f.usageDate > after && f.usageDate <= to);
}

/** Every date of the `days` days ending at `to`, oldest first. */
export function windowDates(to: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(to, i - days + 1));
}

/** Groups by a key; insertion order kept. */
export function groupBy<T>(
  items: Iterable<T>,
  key: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) {
      group.push(item);
    } else {
      groups.set(k, [item]);
    }
  }
  return groups;
}

/**
 * The facts of each resource in each currency (one tip per resource and
 * currency), skipping charges without a resource.
 */
export function byResource(
  facts: Iterable<FinopsUsageFact>,
): FinopsUsageFact[][] {
  const withResource = [...facts].filter(f => f.resourceId !== '');
  return [
    ...groupBy(
      withResource,
      f => `${f.currency}\u0000${f.resourceId}`,
    ).values(),
  ];
}

/** Σ effective cost. */
export function sumCost(facts: readonly FinopsUsageFact[]): bigint {
  let total = 0n;
  for (const f of facts) {
    total += f.effectiveCost;
  }
  return total;
}

/** Whether any of the facts is dated within {@link RECENT_DAYS} of `to`. */
export function billedRecently(
  facts: readonly FinopsUsageFact[],
  to: string,
): boolean {
  const after = addDays(to, -RECENT_DAYS);
  return facts.some(f => f.usageDate > after && f.usageDate <= to);
}

/** The distinct resources of the facts, by resource id. */
export function resourcesOf(
  facts: readonly FinopsUsageFact[],
): FinopsTip['resources'] {
  const seen = new Map<string, string>();
  for (const f of facts) {
    if (f.resourceId !== '' && !seen.has(f.resourceId)) {
      seen.set(f.resourceId, f.serviceName);
    }
  }
  return [...seen]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([resourceId, serviceName]) => ({ resourceId, serviceName }));
}

/** The tags of the latest of the facts. */
export function latestTags(
  facts: readonly FinopsUsageFact[],
): Record<string, string> {
  let latest: FinopsUsageFact | undefined;
  for (const f of facts) {
    if (!latest || f.usageDate > latest.usageDate) {
      latest = f;
    }
  }
  return latest?.tags ?? {};
}

const ENVIRONMENT_KEYS = ['env', 'environment', 'stage'];
const NON_PRODUCTION_VALUES = new Set([
  'dev',
  'development',
  'test',
  'testing',
  'qa',
  'staging',
  'stage',
  'sandbox',
]);

/** The value of the first environment tag (`env`, `environment`, `stage`, any case), trimmed; undefined when none. */
export function environmentOf(
  tags: Record<string, string>,
): string | undefined {
  for (const key of ENVIRONMENT_KEYS) {
    const found = Object.entries(tags).find(
      ([k]) => k.trim().toLowerCase() === key,
    );
    if (found) {
      return found[1].trim();
    }
  }
  return undefined;
}

/** Whether the tags mark a non-production environment (dev, test, qa, staging, sandbox…, any case). */
export function isNonProduction(tags: Record<string, string>): boolean {
  const environment = environmentOf(tags);
  return (
    environment !== undefined &&
    NON_PRODUCTION_VALUES.has(environment.toLowerCase())
  );
}

/** The usage-describing columns of a fact in one string, for matching. */
export function usageText(f: FinopsUsageFact): string {
  return [
    f.usageType,
    f.operation,
    f.skuMeter,
    f.skuPriceDetails,
    f.chargeDescription,
    f.resourceType,
  ].join(' | ');
}

/** Whether a unit is one of hours (`Hours`, `Hrs`, `hour`). */
export function isHourUnit(unit: string): boolean {
  return /^\s*(hours?|hrs?)\s*$/i.test(unit);
}

/** Whether a unit is a quantity per month (`GB-Mo`, `GiB Month`, `1 GB/Month`, `IOPS-Mo`). */
export function isMonthUnit(unit: string): boolean {
  return /(-|\s|\/)(mo|month)s?\s*$/i.test(unit);
}

/** Days in the calendar month of a `YYYY-MM-DD` date. */
export function daysInMonth(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The pricing quantity and unit of a fact, or its consumed ones when it has no pricing quantity. */
export function quantityOf(f: FinopsUsageFact): {
  quantity: number;
  unit: string;
} {
  return f.pricingQuantity !== 0 || f.consumedQuantity === 0
    ? { quantity: f.pricingQuantity, unit: f.pricingUnit }
    : { quantity: f.consumedQuantity, unit: f.consumedUnit };
}

/**
 * The level a per-month quantity stands for on its day: a provider bills
 * a 100 GB volume `100 ÷ days in the month` GB-Mo a day, so a day's GB-Mo
 * × the days of its month is the size. Undefined for other units.
 */
export function monthlyLevel(f: FinopsUsageFact): number | undefined {
  const { quantity, unit } = quantityOf(f);
  return isMonthUnit(unit) ? quantity * daysInMonth(f.usageDate) : undefined;
}

/**
 * The average daily level of per-month quantities (size in GiB from GB-Mo,
 * provisioned IOPS from IOPS-Mo) over the days that have them; undefined
 * when none has a per-month unit.
 */
export function averageMonthlyLevel(
  facts: readonly FinopsUsageFact[],
): number | undefined {
  const perDay = new Map<string, number>();
  for (const f of facts) {
    const level = monthlyLevel(f);
    if (level !== undefined) {
      perDay.set(f.usageDate, (perDay.get(f.usageDate) ?? 0) + level);
    }
  }
  if (perDay.size === 0) {
    return undefined;
  }
  let total = 0;
  for (const level of perDay.values()) {
    total += level;
  }
  return total / perDay.size;
}

/**
 * Hours a fact ran: its quantity when priced in hours (an instance's
 * instance-hours on a daily row), else the hours its charge periods cover.
 */
export function runningHours(f: FinopsUsageFact): number {
  const { quantity, unit } = quantityOf(f);
  return isHourUnit(unit) ? quantity : f.billedHours;
}

/**
 * Whether a fact is a running instance: an EC2 box (`BoxUsage`,
 * `SpotUsage`, `DedicatedUsage`) or compute whose resource type is a
 * virtual machine or instance. Cluster fees, functions and containers are
 * not instances one can stop or reserve as such.
 */
export function isInstanceCompute(f: FinopsUsageFact): boolean {
  if (/(BoxUsage|SpotUsage|DedicatedUsage)/i.test(f.usageType)) {
    return true;
  }
  return (
    f.serviceCategory.trim().toLowerCase() === 'compute' &&
    /\b(virtual ?machines?|instances?|vms?)\b/i.test(f.resourceType)
  );
}

/** Case-insensitive, trimmed equality. */
export function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The last part of an ARN or path: `arn:aws:rds:…:db:name` → `name`. */
export function shortName(resourceId: string): string {
  const parts = resourceId.split(/[/:]/).filter(p => p !== '');
  return parts.length ? parts[parts.length - 1] : resourceId;
}

const ATTO = 10n ** 18n;
const HALF_CENT = 5n * 10n ** 15n;
const CENT = 10n ** 16n;

/** An amount rounded half away from zero to cents, with thousands spaces and its currency: `1 234.50 USD`. */
export function formatMoney(amount: bigint, currency: string): string {
  const negative = amount < 0n;
  const cents = ((negative ? -amount : amount) + HALF_CENT) / CENT;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ' ');
  const fraction = (cents % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction} ${currency}`;
}

/** `numerator ÷ denominator` as a percentage with one decimal, `64.3 %` (for text only). */
export function formatPercent(numerator: bigint, denominator: bigint): string {
  if (denominator === 0n) {
    return '–';
  }
  const tenths = (numerator * 2000n + denominator) / (2n * denominator);
  const sign = tenths < 0n ? '-' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n} %`;
}

/** A quantity for text: at most `decimals` places, thousands spaces. */
export function formatQuantity(value: number, decimals = 0): string {
  const [whole, fraction] = value.toFixed(decimals).split('.');
  const spaced = whole.replace(/\B(?=(\d{3})+$)/g, ' ');
  const trimmed = fraction?.replace(/0+$/, '');
  return trimmed ? `${spaced}.${trimmed}` : spaced;
}

/** A USD price written as a decimal string, as atto-units (for the documented list prices). */
export function atto(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole) * ATTO + BigInt(fraction.padEnd(18, '0'));
}

/**
 * A subject for a tip that is about something other than its resources,
 * made unique per currency when the same thing was billed in several.
 */
export function subjectFor(
  base: string,
  currency: string,
  currenciesOfBase: ReadonlySet<string> | undefined,
): string {
  return currenciesOfBase && currenciesOfBase.size > 1
    ? `${base} (${currency})`
    : base;
}
