import {
  formatDecimal,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';

/**
 * Exact arithmetic on the API's decimal strings, for the views that derive
 * amounts (a change, a share) from them. Amounts never become floats here;
 * only display formatting converts them, and only to round to cents.
 */

/** `a - b`, exactly. */
export function subtractDecimals(a: string, b: string): string {
  return formatDecimal(moneyFromDecimal(a) - moneyFromDecimal(b));
}

/** Orders two decimal strings ascending, exactly. */
export function compareDecimals(a: string, b: string): number {
  const difference = moneyFromDecimal(a) - moneyFromDecimal(b);
  if (difference === 0n) {
    return 0;
  }
  return difference > 0n ? 1 : -1;
}

/** -1, 0 or 1: the sign of a decimal string. */
export function signOf(amount: string): -1 | 0 | 1 {
  const value = moneyFromDecimal(amount);
  if (value === 0n) {
    return 0;
  }
  return value > 0n ? 1 : -1;
}

/**
 * `part / whole` as a percentage written with `places` decimals, computed on
 * bigints and rounded half away from zero: `shareDecimal('1', '3')` is
 * `"33.33"`. Null when the whole is zero. For CSV exports, where a share
 * should read the same in every spreadsheet.
 */
export function shareDecimal(
  part: string,
  whole: string,
  places = 4,
): string | null {
  const p = moneyFromDecimal(part);
  const w = moneyFromDecimal(whole);
  if (w === 0n) {
    return null;
  }
  const scale = 10n ** BigInt(places);
  const numerator = p * 100n * scale;
  const negative = numerator < 0n !== w < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = w < 0n ? -w : w;
  let quotient = n / d;
  if ((n % d) * 2n >= d) {
    quotient += 1n;
  }
  const digits = quotient.toString().padStart(places + 1, '0');
  const whole_ = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places);
  const text = places > 0 ? `${whole_}.${fraction}` : whole_;
  return negative && quotient !== 0n ? `-${text}` : text;
}
