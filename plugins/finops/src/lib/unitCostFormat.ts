import { formatMoney } from './format';

/**
 * Formatting of unit costs (cost per unit of a business metric) and of metric
 * quantities for people.
 *
 * A unit cost is usually a tiny amount: a request may cost $0.0000123. It is
 * shown per a round number of units instead, chosen by one rule:
 *
 *   The multiplier is the smallest of 1, 1 000, 1 000 000 and
 *   1 000 000 000 at which the amount, written to cents as every amount of
 *   the plugin is, keeps at least two significant digits: at which its
 *   magnitude is at least 0.10 currency units.
 *
 * So `0.0000123` USD per request reads "$12.30 per million requests"
 * (× 1 000 is $0.0123, below 0.10), `0.25` "$0.25 per request" and `0.05`
 * "$50.00 per thousand requests". Zero is "$0.00 per request". Below 0.10
 * even per billion units, the amount per billion is written to two
 * significant digits ("$0.0012 per billion requests") rather than as $0.00.
 *
 * The scaling is exact: the decimal point of the API's decimal string is
 * shifted, and only the scaled amount is converted for display (by
 * {@link formatMoney}, to cents).
 */

/** The power of ten a unit cost is shown per: per unit, thousand, million, billion. */
export type UnitCostPower = 0 | 3 | 6 | 9;

/** The multipliers, smallest first. */
export const UNIT_COST_POWERS: readonly UnitCostPower[] = [0, 3, 6, 9];

/** A decimal, exactly: `coefficient / 10^scale`, with its sign apart. */
interface ExactDecimal {
  negative: boolean;
  coefficient: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a plain or scientific decimal string; undefined when it is not one. */
function parseExact(text: string): ExactDecimal | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    return undefined;
  }
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) {
    return undefined;
  }
  return {
    negative: sign === '-',
    coefficient: BigInt(`${whole}${fraction}` || '0'),
    scale: fraction.length - exponent,
  };
}

function exact(text: string): ExactDecimal {
  const parsed = parseExact(text);
  if (!parsed) {
    throw new TypeError(`"${text}" is not a decimal number`);
  }
  return parsed;
}

/** A decimal as a plain string, without exponent or trailing fractional zeros. */
function plainText(value: ExactDecimal): string {
  if (value.coefficient === 0n) {
    return '0';
  }
  const sign = value.negative ? '-' : '';
  const digits = value.coefficient.toString();
  if (value.scale <= 0) {
    return `${sign}${digits}${'0'.repeat(-value.scale)}`;
  }
  const padded = digits.padStart(value.scale + 1, '0');
  const whole = padded.slice(0, padded.length - value.scale);
  const fraction = padded.slice(padded.length - value.scale).replace(/0+$/, '');
  return `${sign}${whole.replace(/^0+(?=\d)/, '')}${
    fraction ? `.${fraction}` : ''
  }`;
}

/**
 * `text × 10^places`, exactly, by moving the decimal point of the string:
 * `shiftDecimal('0.0000123', 6)` is `"12.3"`. Never through a float.
 */
export function shiftDecimal(text: string, places: number): string {
  const value = exact(text);
  return plainText({ ...value, scale: value.scale - places });
}

/** Whether |value| ≥ 0.10, exactly. */
function atLeastOneTenth(value: ExactDecimal): boolean {
  if (value.coefficient === 0n) {
    return false;
  }
  if (value.scale <= 0) {
    return true;
  }
  return value.coefficient * 10n >= 10n ** BigInt(value.scale);
}

/**
 * The power of ten to show a unit cost per, by the rule above: the smallest
 * of 0, 3, 6 and 9 at which the amount is at least 0.10 in magnitude; 0 for
 * zero or no unit cost, 9 for amounts too small even per billion.
 */
export function unitCostPower(
  unitCost: string | null | undefined,
): UnitCostPower {
  if (unitCost === null || unitCost === undefined) {
    return 0;
  }
  const value = exact(unitCost);
  if (value.coefficient === 0n) {
    return 0;
  }
  for (const power of UNIT_COST_POWERS) {
    if (atLeastOneTenth({ ...value, scale: value.scale - power })) {
      return power;
    }
  }
  return 9;
}

/** How one unit and several units of a metric are called. */
export interface UnitNames {
  /** e.g. `request`. */
  one: string;
  /** e.g. `requests`. */
  other: string;
}

/** The word an English inflection may change: a lower-case word of 3 letters or more. */
const INFLECTABLE = /^[a-z]{3,}$/;

function inflectLastWord(
  text: string,
  inflect: (word: string) => string,
): string {
  const words = text.split(' ');
  const last = words[words.length - 1];
  if (!INFLECTABLE.test(last)) {
    return text;
  }
  words[words.length - 1] = inflect(last);
  return words.join(' ');
}

/**
 * `requests` → `request`, `queries` → `query`; `status` and abbreviations
 * (`GB`) stay.
 */
export function singularOf(text: string): string {
  return inflectLastWord(text, word => {
    if (/[^aeiou]ies$/.test(word)) {
      return word.replace(/ies$/, 'y');
    }
    if (/(ss|x|z|ch|sh)es$/.test(word)) {
      return word.replace(/es$/, '');
    }
    if (/[^siu]s$/.test(word)) {
      return word.slice(0, -1);
    }
    return word;
  });
}

/** `request` → `requests`, `query` → `queries`; abbreviations (`GB`) stay. */
export function pluralOf(text: string): string {
  return inflectLastWord(text, word => {
    if (/[^aeiou]y$/.test(word)) {
      return word.replace(/y$/, 'ies');
    }
    if (/(s|x|z|ch|sh)$/.test(word)) {
      return `${word}es`;
    }
    return `${word}s`;
  });
}

/** A metric or unit name as words: `active_users` → `active users`. */
function asWords(name: string): string {
  return name.replace(/[_.-]+/g, ' ').trim();
}

/**
 * The singular and plural of a metric's unit. Metric names are plural by
 * convention (`requests`, `orders`): without a unit, the name is the plural
 * and its singular is derived. A unit (`request`) is the singular; its
 * plural is the metric's name when that is the unit's plural (metric
 * `requests`, unit `request`), else derived from the unit. Only lower-case
 * words are inflected, so `GB` or `vCPU` stay as they are.
 */
export function unitNames(metric: string, unit?: string | null): UnitNames {
  const name = asWords(metric);
  const given = unit ? asWords(unit) : '';
  if (!given) {
    return { one: singularOf(name), other: name };
  }
  if (given === name) {
    return { one: singularOf(given), other: pluralOf(singularOf(given)) };
  }
  if (singularOf(name) === given) {
    return { one: given, other: name };
  }
  return { one: given, other: pluralOf(given) };
}

/**
 * Words a unit cost's amount and multiplier: `(6, '$12.30', names)` →
 * `"$12.30 per million requests"`. Translations supply their own.
 */
export type UnitCostPhrase = (
  power: UnitCostPower,
  amount: string,
  names: UnitNames,
) => string;

const ENGLISH_MULTIPLIERS: Record<UnitCostPower, string> = {
  0: '',
  3: 'thousand ',
  6: 'million ',
  9: 'billion ',
};

/** The English phrase: "$0.25 per request", "$12.30 per million requests". */
export const englishUnitCostPhrase: UnitCostPhrase = (power, amount, names) =>
  `${amount} per ${ENGLISH_MULTIPLIERS[power]}${
    power === 0 ? names.one : names.other
  }`;

/**
 * An amount already multiplied by 10^power (see {@link shiftDecimal}) in its
 * currency: to cents, or to two significant digits when it is non-zero and
 * below 0.10 (a point far below the headline, or a tiny unit cost per
 * billion units), so that it never reads as $0.00.
 */
export function formatScaledAmount(
  scaled: string,
  currency: string,
  options: { signed?: boolean } = {},
): string {
  const value = exact(scaled);
  const small = value.coefficient !== 0n && !atLeastOneTenth(value);
  return formatMoney(scaled, currency, {
    signed: options.signed,
    ...(small ? { significantDigits: 2 } : {}),
  });
}

/**
 * A unit cost (the API's exact decimal string, per one unit) for people:
 * `formatUnitCost('0.0000123', 'USD', unitNames('requests'))` is
 * `"$12.30 per million requests"`. The multiplier follows the rule above
 * unless `power` is given (to show several amounts per the same multiplier,
 * such as a chart's points per its headline's).
 */
export function formatUnitCost(
  unitCost: string,
  currency: string,
  names: UnitNames,
  options: {
    power?: UnitCostPower;
    signed?: boolean;
    phrase?: UnitCostPhrase;
  } = {},
): string {
  const power = options.power ?? unitCostPower(unitCost);
  const amount = formatScaledAmount(shiftDecimal(unitCost, power), currency, {
    signed: options.signed,
  });
  return (options.phrase ?? englishUnitCostPhrase)(power, amount, names);
}

/** Whether a decimal string is exactly one. */
function isExactlyOne(quantity: string): boolean {
  const value = parseExact(quantity);
  return (
    value !== undefined &&
    !value.negative &&
    value.scale >= 0 &&
    value.coefficient === 10n ** BigInt(value.scale)
  );
}

const quantityFormatters = new Map<string, Intl.NumberFormat>();

function quantityFormatter(compact: boolean): Intl.NumberFormat {
  const key = String(compact);
  let formatter = quantityFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(
      undefined,
      compact
        ? { notation: 'compact', maximumFractionDigits: 1 }
        : { maximumFractionDigits: 2 },
    );
    quantityFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A quantity of a metric with its unit, compact by default: `"1.2M
 * requests"`, `"1 request"`, `"950 requests"`; with `compact: false` in full
 * (`"1,234,567 requests"`). For display only: the number is converted to a
 * float here.
 */
export function formatQuantity(
  quantity: string,
  names: UnitNames,
  options: { compact?: boolean } = {},
): string {
  const number = quantityFormatter(options.compact ?? true).format(
    Number(quantity),
  );
  return `${number} ${isExactlyOne(quantity) ? names.one : names.other}`;
}
