/**
 * Exact money for the generator. Amounts are whole numbers of 10⁻¹⁰ USD
 * ("units"), held as safe integers per row and summed exactly; they are
 * formatted with integer arithmetic only, never from a float's arithmetic.
 */

/** Decimal places of a unit: amounts are counts of 10⁻¹⁰ currency units. */
export const AMOUNT_DECIMALS = 10;

const POW10 = Array.from({ length: 17 }, (_, i) => 10 ** i);

/** Largest amount one row may carry, in units (100 000 USD), so sums stay exact. */
export const MAX_ROW_UNITS = 1e15;

/**
 * Formats a safe integer count of 10^-decimals as a decimal string without
 * trailing zeros: `formatScaled(1234500, 4)` is `"123.45"`.
 */
export function formatScaled(value: number, decimals: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${value} is not a safe integer`);
  }
  const negative = value < 0;
  const abs = negative ? -value : value;
  const scale = POW10[decimals];
  const fraction = abs % scale; // exact: both are safe integers
  const whole = (abs - fraction) / scale; // exact: a multiple of scale
  let text = String(whole);
  if (fraction !== 0) {
    let digits = String(fraction).padStart(decimals, '0');
    let end = digits.length;
    while (digits.charCodeAt(end - 1) === 48) end--;
    digits = digits.slice(0, end);
    text = `${text}.${digits}`;
  }
  return negative && (whole !== 0 || fraction !== 0) ? `-${text}` : text;
}

/** Formats a bigint count of 10⁻¹⁰ units as a decimal string without trailing zeros. */
export function formatUnits(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(AMOUNT_DECIMALS);
  const whole = abs / scale;
  const fraction = abs % scale;
  const digits =
    fraction === 0n
      ? ''
      : `.${fraction
          .toString()
          .padStart(AMOUNT_DECIMALS, '0')
          .replace(/0+$/, '')}`;
  return `${negative ? '-' : ''}${whole}${digits}`;
}

/**
 * An exact running sum of per-row amounts in units: adds safe integers in a
 * float accumulator (exact while it stays below 2^53) and carries it into a
 * bigint before it could lose precision.
 */
export class ExactSum {
  private carried = 0n;
  private running = 0;

  add(units: number): void {
    this.running += units;
    if (this.running > 4e15 || this.running < -4e15) {
      this.carried += BigInt(this.running);
      this.running = 0;
    }
  }

  addBig(units: bigint): void {
    this.carried += units;
  }

  get units(): bigint {
    return this.carried + BigInt(this.running);
  }

  toString(): string {
    return formatUnits(this.units);
  }
}
