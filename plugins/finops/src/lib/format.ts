import type { Granularity } from '@backstage-finops/plugin-finops-common';

const moneyFormatters = new Map<string, Intl.NumberFormat>();

function digitOptions(
  compact: boolean,
  significantDigits: number | undefined,
): Intl.NumberFormatOptions {
  if (significantDigits) {
    return { maximumSignificantDigits: significantDigits };
  }
  return compact
    ? { notation: 'compact', maximumFractionDigits: 1 }
    : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
}

function moneyFormatter(
  currency: string,
  compact: boolean,
  significantDigits?: number,
): Intl.NumberFormat | undefined {
  const cacheKey = `${currency}|${compact}|${significantDigits ?? ''}`;
  let formatter = moneyFormatters.get(cacheKey);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        ...digitOptions(compact, significantDigits),
      });
    } catch {
      // Not an ISO 4217 code; the caller falls back to "<amount> <code>".
      return undefined;
    }
    moneyFormatters.set(cacheKey, formatter);
  }
  return formatter;
}

/**
 * Formats a decimal amount string for display in the user's locale. The
 * string is converted to a float here, and only here: display rounds to cents
 * anyway, and no sums are made from the result. With `significantDigits`
 * the amount is written to that many significant digits instead of to cents
 * (for amounts below a cent, such as a small unit cost).
 */
export function formatMoney(
  amount: string | number,
  currency: string,
  options: {
    compact?: boolean;
    signed?: boolean;
    significantDigits?: number;
  } = {},
): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  const formatter = moneyFormatter(
    currency,
    Boolean(options.compact),
    options.significantDigits,
  );
  const magnitude = options.signed ? Math.abs(value) : value;
  let fallback = magnitude.toFixed(2);
  if (options.significantDigits) {
    fallback = String(Number(magnitude.toPrecision(options.significantDigits)));
  }
  const text = formatter
    ? formatter.format(magnitude)
    : `${fallback} ${currency}`;
  if (!options.signed) {
    return text;
  }
  if (value > 0) {
    return `+${text}`;
  }
  return value < 0 ? `−${text}` : text;
}

/** `0.1234` → `"+12.3%"`, `-0.05` → `"−5.0%"`. */
export function formatChangePercent(ratio: number): string {
  const percent = Math.abs(ratio * 100);
  const digits = percent >= 100 ? 0 : 1;
  const text = `${percent.toFixed(digits)}%`;
  if (ratio > 0) {
    return `+${text}`;
  }
  return ratio < 0 ? `−${text}` : text;
}

/** A share 0-100 (or null when the whole is zero) as `"42.5%"`. */
export function formatShare(percent: number | null): string {
  if (percent === null) {
    return '–';
  }
  return `${percent.toFixed(1)}%`;
}

/** A bucket's first day as a short axis label for its granularity. */
export function formatBucket(day: string, granularity: Granularity): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    return day;
  }
  if (granularity === 'month') {
    return date.toLocaleDateString(undefined, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return date.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** A bucket's first day as a tooltip title. */
export function formatBucketTitle(
  day: string,
  granularity: Granularity,
): string {
  const label = formatBucket(day, granularity);
  if (granularity === 'week') {
    return `Week of ${label}`;
  }
  return label;
}

/** An instant as the user's locale writes a date and time, e.g. `Dec 2, 2026, 06:15`. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** An instant relative to `now`: `5 minutes ago`, `in 2 hours`. */
export function formatRelativeTime(
  iso: string,
  now: Date = new Date(),
): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) {
    return iso;
  }
  const difference = time - now.getTime();
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(difference) >= size || unit === 'second') {
      return format.format(Math.round(difference / size), unit);
    }
  }
  return format.format(0, 'second');
}

/** A byte count for people: `512 B`, `1.5 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A count in the user's locale: `62,254`. */
export function formatCount(count: number): string {
  return count.toLocaleString(undefined);
}
