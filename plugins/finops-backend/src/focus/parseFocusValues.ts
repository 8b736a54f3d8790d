import { CHARGE_CATEGORIES, ChargeCategory } from '@backstage-finops/plugin-finops-node';
import { parseDecimal } from '@backstage-finops/plugin-finops-common';

/** A value parser's verdict: the value, or why the text is not one. */
export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = (reason: string): ValueResult<never> => ({ ok: false, reason });

/** Real exports write null as an empty field or as the literal `NULL`. */
export function isNullText(text: string): boolean {
  return text === '' || text === 'NULL' || text === 'null';
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A FOCUS date-time as the export wrote it. Billing periods and charge days
 * are keyed by `date`, the calendar date written before any offset, so that
 * `2023-10-01T00:00:00+02:00`, `2023-10-01T00:00:00Z` and
 * `2023-10-01 00:00:00` are one day; start and end are compared by `epochMs`,
 * the instant.
 */
export interface FocusTimestamp {
  /** Normalised ISO 8601 with the written offset: `2024-09-18T23:30:00+02:00`; `Z` when no zone is written. */
  text: string;
  /** The calendar date written, `YYYY-MM-DD`: the first ten characters of `text`. */
  date: string;
  /** The instant, in milliseconds since the epoch (seconds precision). */
  epochMs: number;
}

/**
 * Parses a FOCUS date-time. Takes `2024-09-18 22:00:00`,
 * `2024-09-18T22:00:00Z`, fractional seconds, `+02:00` offsets and bare
 * dates; a time without a zone is UTC, as FOCUS prescribes. The written date
 * and time are kept as they are: an offset moves the instant, not the date.
 */
export function parseTimestamp(text: string): ValueResult<FocusTimestamp> {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) {
    return fail(`"${clip(text)}" is not a date-time (expected e.g. 2024-09-01T00:00:00Z)`);
  }
  const [, year, month, day, hour = '00', minute = '00', second = '00', , zone] = match;
  const epoch = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
  const check = new Date(epoch);
  if (
    check.getUTCFullYear() !== +year ||
    check.getUTCMonth() !== +month - 1 ||
    check.getUTCDate() !== +day ||
    +hour > 23 ||
    +minute > 59 ||
    +second > 59
  ) {
    return fail(`"${clip(text)}" is not a valid date-time`);
  }
  let offsetMinutes = 0;
  let offsetText = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2));
    if (hours > 23 || minutes > 59) {
      return fail(`"${clip(text)}" has an invalid offset`);
    }
    offsetMinutes = sign * (hours * 60 + minutes);
    offsetText = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
  }
  const date = `${year}-${month}-${day}`;
  return ok({
    text: `${date}T${hour}:${minute}:${second}${offsetText}`,
    date,
    epochMs: epoch - offsetMinutes * 60_000,
  });
}

/** Parses an amount exactly; null, NaN, infinities, symbols and separators are errors. */
export function parseAmount(
  text: string,
): ValueResult<{ amount: bigint; rounded: boolean }> {
  if (isNullText(text)) {
    return fail('is empty, but FOCUS requires a number here');
  }
  const parsed = parseDecimal(text.trim());
  return parsed.ok
    ? ok({ amount: parsed.value, rounded: parsed.rounded })
    : fail(parsed.reason);
}

/** Parses a quantity (ConsumedQuantity, PricingQuantity): a finite decimal number, not money. */
export function parseQuantity(text: string): ValueResult<number> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) && Number.isFinite(value)
    ? ok(value)
    : fail(`"${clip(text)}" is not a number`);
}

const CATEGORY_BY_LOWER = new Map<string, ChargeCategory>(
  CHARGE_CATEGORIES.map(category => [category.toLowerCase(), category]),
);

/** Parses ChargeCategory, forgiving case as real exports vary it. */
export function parseChargeCategory(text: string): ValueResult<ChargeCategory> {
  const category = CATEGORY_BY_LOWER.get(text.trim().toLowerCase());
  return category
    ? ok(category)
    : fail(`"${clip(text)}" is not a ChargeCategory (${CHARGE_CATEGORIES.join(', ')})`);
}

/** Parses BillingCurrency: an ISO 4217 code, any case. */
export function parseCurrency(text: string): ValueResult<string> {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code)
    ? ok(code)
    : fail(`"${clip(text)}" is not an ISO 4217 currency code`);
}

/**
 * Parses the Tags column: a JSON object of tag key to value. Keys are kept
 * exactly (spaces and colons included); numbers and booleans become strings,
 * null becomes the empty string (a key-only tag). Nested objects and arrays
 * are not tags.
 */
export function parseTags(text: string): ValueResult<Record<string, string>> {
  if (isNullText(text)) {
    return ok(Object.create(null));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('must be a JSON object of tag key to value');
  }
  // No prototype: a tag may be called `__proto__` or `constructor`.
  const tags: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null) {
      tags[key] = '';
    } else if (typeof value === 'string') {
      tags[key] = value;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      tags[key] = String(value);
    } else {
      return fail(`tag "${clip(key)}" has a nested ${Array.isArray(value) ? 'array' : 'object'}; tag values must be strings`);
    }
  }
  return ok(tags);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
