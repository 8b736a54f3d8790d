/**
 * Exact decimal money.
 *
 * Amounts are held as a bigint count of 10^-18 currency units ("atto-units").
 * Billing exports carry 10 to 15 decimal places and sums of millions of rows
 * must reconcile to the cent with the invoice, which binary floating point
 * cannot do. Eighteen places hold every digit real exports carry; a value with
 * more fractional digits is rounded half-to-even at the 18th place and the
 * parser reports that it did so.
 *
 * @packageDocumentation
 */

/** Decimal places kept by {@link Money}. */
export const MONEY_SCALE = 18;

/** An exact amount in atto-units of some currency. */
export type Money = bigint;

/** The result of {@link parseDecimal}. */
export type ParsedDecimal =
  | { ok: true; value: Money; rounded: boolean }
  | { ok: false; reason: string };

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Largest decimal exponent accepted; beyond it a value is not an amount of money. */
const MAX_EXPONENT = 30;

/**
 * Parses a plain or scientific decimal string ("12.5", "-0.0000008",
 * "1.2E-05") exactly. Thousands separators, currency symbols, NaN and
 * Infinity are rejected with a reason.
 */
export function parseDecimal(text: string): ParsedDecimal {
  const plain = parsePlainDecimal(text);
  if (plain !== undefined) {
    return { ok: true, value: plain, rounded: false };
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    return { ok: false, reason: `"${clip(text)}" is not a decimal number` };
  }
  const [, sign, intDigits, fracDigits = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) {
    return { ok: false, reason: `"${clip(text)}" is out of range` };
  }
  const digits = `${intDigits}${fracDigits}`.replace(/^0+(?=\d)/, '');
  // The value is digits × 10^(exponent - fracDigits.length).
  const shift = exponent - fracDigits.length + MONEY_SCALE;
  const integerDigitCount = digits.replace(/^0+/, '').length + shift - MONEY_SCALE;
  if (integerDigitCount > MAX_EXPONENT) {
    return { ok: false, reason: `"${clip(text)}" is out of range` };
  }
  let value: bigint;
  let rounded = false;
  if (shift >= 0) {
    value = BigInt(digits || '0') * 10n ** BigInt(shift);
  } else {
    const cut = -shift;
    const kept = digits.length > cut ? digits.slice(0, digits.length - cut) : '0';
    const dropped = digits.length > cut ? digits.slice(digits.length - cut) : digits.padStart(cut, '0');
    value = BigInt(kept);
    if (/[1-9]/.test(dropped)) {
      rounded = true;
      const firstDropped = dropped.charCodeAt(0) - 48;
      const restNonZero = /[1-9]/.test(dropped.slice(1));
      if (firstDropped > 5 || (firstDropped === 5 && (restNonZero || value % 2n === 1n))) {
        value += 1n;
      }
    }
  }
  return { ok: true, value: sign === '-' ? -value : value, rounded };
}

const PLAIN_DECIMAL = /^(-?)(\d{1,30})(?:\.(\d{1,18}))?$/;
const PAD = '0'.repeat(MONEY_SCALE);

/** The common case, `-12.345`, in one BigInt conversion; undefined for anything else. */
function parsePlainDecimal(text: string): Money | undefined {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) {
    return undefined;
  }
  const fraction = match[3] ?? '';
  const value = BigInt(match[2] + fraction + PAD.slice(fraction.length));
  return match[1] ? -value : value;
}

/** Parses a decimal string that is known to be valid, such as one this library formatted. */
export function moneyFromDecimal(text: string): Money {
  const parsed = parseDecimal(text);
  if (!parsed.ok) {
    throw new TypeError(parsed.reason);
  }
  return parsed.value;
}

/** Formats exactly, without trailing zeros: 1500000000000000000n → "1.5". */
export function formatDecimal(value: Money): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(MONEY_SCALE + 1, '0');
  const whole = digits.slice(0, digits.length - MONEY_SCALE);
  const fraction = digits.slice(digits.length - MONEY_SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Orders amounts from the largest down, for sorting. */
export function largestFirst(a: Money, b: Money): number {
  if (a === b) {
    return 0;
  }
  return a > b ? -1 : 1;
}

/** Sums exactly. */
export function sumMoney(values: Iterable<Money>): Money {
  let total = 0n;
  for (const value of values) {
    total += value;
  }
  return total;
}

/**
 * (current - previous) / previous as a plain number for display, or null when
 * there is no previous amount to compare with.
 */
export function changeRatio(current: Money, previous: Money): number | null {
  if (previous === 0n) {
    return null;
  }
  // Ratios are for display; eight significant places are plenty.
  const scaled = ((current - previous) * 10n ** 8n) / (previous < 0n ? -previous : previous);
  return Number(scaled) / 1e8;
}

/**
 * numerator ÷ denominator exactly, rounded half-to-even to
 * `significantDigits` significant digits, as a plain decimal string
 * ("0.0000123", "1250"); null when the denominator is zero. Both are
 * amounts at the same scale (for a unit cost: atto-units of money over
 * atto-units of a metric), so the scale cancels.
 */
export function ratioDecimal(numerator: Money, denominator: Money, significantDigits = 12): string | null {
  if (denominator === 0n) {
    return null;
  }
  if (numerator === 0n) {
    return '0';
  }
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const low = 10n ** BigInt(significantDigits - 1);
  // The quotient scaled by 10^shift has exactly `significantDigits` integer digits.
  let shift = significantDigits - 1 - (n.toString().length - d.toString().length);
  const scaledQuotient = (by: number) => (by >= 0 ? (n * 10n ** BigInt(by)) / d : n / (d * 10n ** BigInt(-by)));
  if (scaledQuotient(shift) < low) {
    shift += 1;
  }
  const scaledNumerator = shift >= 0 ? n * 10n ** BigInt(shift) : n;
  const scaledDenominator = shift >= 0 ? d : d * 10n ** BigInt(-shift);
  let quotient = scaledNumerator / scaledDenominator;
  const twiceRemainder = 2n * (scaledNumerator % scaledDenominator);
  if (twiceRemainder > scaledDenominator || (twiceRemainder === scaledDenominator && quotient % 2n === 1n)) {
    quotient += 1n;
  }
  return `${negative ? '-' : ''}${shiftDecimalPoint(quotient.toString(), shift)}`;
}

/** digits × 10^-shift as a plain decimal without trailing fractional zeros. */
function shiftDecimalPoint(digits: string, shift: number): string {
  if (shift <= 0) {
    return digits + '0'.repeat(-shift);
  }
  const padded = digits.padStart(shift + 1, '0');
  const whole = padded.slice(0, padded.length - shift);
  const fraction = padded.slice(padded.length - shift).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * Share of `part` in `whole` as a percentage for display, or null when the
 * whole is zero.
 */
export function percentOf(part: Money, whole: Money): number | null {
  if (whole === 0n) {
    return null;
  }
  return Number((part * 10n ** 8n) / whole) / 1e6;
}

/** Integer columns an amount is stored in. */
export const MONEY_LIMBS = 6;

const LIMB_BASE = 10n ** 9n;

/**
 * Magnitude the limbs can hold, exclusive: 10^54 atto-units, that is 10^36
 * currency units, six orders above the largest amount the parser accepts.
 */
export const MONEY_LIMB_LIMIT: Money = LIMB_BASE ** BigInt(MONEY_LIMBS);

/**
 * Splits an amount into {@link MONEY_LIMBS} base-10^9 digits of atto-units,
 * least significant first, each with the sign of the amount:
 * value = Σ limbs[i] × 10^(9·i) and |limbs[i]| < 10^9.
 *
 * Each limb fits a 32-bit integer column, and a SQL SUM of a limb over up
 * to 9 × 10^9 rows stays below 2^63, so both SQLite and PostgreSQL sum
 * stored amounts exactly whatever their size; {@link fromLimbs} carries.
 * Throws a RangeError for amounts of 10^36 units or more.
 */
export function toLimbs(value: Money): number[] {
  if (value >= MONEY_LIMB_LIMIT || value <= -MONEY_LIMB_LIMIT) {
    throw new RangeError(`${formatDecimal(value)} is beyond the storable range of ±10^36 currency units`);
  }
  const limbs = new Array<number>(MONEY_LIMBS);
  let rest = value;
  for (let i = 0; i < MONEY_LIMBS; i++) {
    const next = rest / LIMB_BASE;
    limbs[i] = Number(rest - next * LIMB_BASE);
    rest = next;
  }
  return limbs;
}

/** Inverse of {@link toLimbs}; also takes the exact SQL sums of each limb, as text. */
export function fromLimbs(limbs: ReadonlyArray<bigint | string | number>): Money {
  let value = 0n;
  for (let i = limbs.length - 1; i >= 0; i--) {
    value = value * LIMB_BASE + BigInt(limbs[i] ?? 0);
  }
  return value;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
