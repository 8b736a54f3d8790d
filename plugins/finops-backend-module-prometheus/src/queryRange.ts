/**
 * The query evaluated at the end of a UTC day gives that day's total, so
 * the day of a sample is the day that ends at its timestamp.
 */

const SECONDS_PER_DAY = 86_400;

/** The evaluation times of a `query_range` request, in unix seconds. */
export interface QueryRangeWindow {
  start: number;
  end: number;
  step: number;
}

function startOfDaySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/**
 * The evaluation times that give the days `from` (inclusive) to `to`
 * (exclusive): the end of `from` up to the end of the day before `to`, one
 * per day. Undefined when there is no day to read.
 */
export function queryRangeWindow(
  from: string,
  to: string,
): QueryRangeWindow | undefined {
  const start = startOfDaySeconds(from) + SECONDS_PER_DAY;
  const end = startOfDaySeconds(to);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new Error(`Cannot read metric days from "${from}" to "${to}"`);
  }
  return end >= start ? { start, end, step: SECONDS_PER_DAY } : undefined;
}

/** `GET {baseUrl}/api/v1/query_range` for `query` over `window`. */
export function queryRangeUrl(
  baseUrl: string,
  query: string,
  window: QueryRangeWindow,
): string {
  const params = new URLSearchParams({
    query,
    start: String(window.start),
    end: String(window.end),
    step: String(window.step),
  });
  return `${baseUrl}/api/v1/query_range?${params}`;
}

/**
 * The UTC day (YYYY-MM-DD) whose total a sample at `timestamp` (unix
 * seconds) holds, or undefined when the timestamp is not the end of a day
 * in `window` — Prometheus aligns samples to the steps asked for, so any
 * other timestamp belongs to no day we asked about.
 */
export function dayOfSample(
  timestamp: number,
  window: QueryRangeWindow,
): string | undefined {
  if (
    !Number.isInteger(timestamp) ||
    timestamp % SECONDS_PER_DAY !== 0 ||
    timestamp < window.start ||
    timestamp > window.end
  ) {
    return undefined;
  }
  return new Date((timestamp - SECONDS_PER_DAY) * 1000)
    .toISOString()
    .slice(0, 10);
}
