import {
  addDays,
  formatDecimal,
  moneyFromDecimal,
  type components,
  type Granularity,
} from '@backstage-finops/plugin-finops-common';
import { compareDecimals, subtractDecimals } from './money';

/**
 * Budgets, forecasts and anomalies as the views show them: the API's
 * answers (amounts as decimal strings) and what the views derive from them.
 * Amounts are compared and subtracted exactly; they become floats only to
 * place them on a bar or a chart.
 */

/** `GET /budgets`. */
export type BudgetResponse = components['schemas']['BudgetResponse'];
/** A budget's status; null without a budget. */
export type BudgetStatus = NonNullable<BudgetResponse['status']>;
/** One budgeted member of `GET /budgets?includeMembers=true`. */
export type MemberBudget = components['schemas']['MemberBudget'];
/** `GET /forecast`. */
export type ForecastResponse = components['schemas']['ForecastResponse'];
/** One forecast of the backtest: a closed month, forecast on day 5, 10 or 20. */
export type BacktestEntry = ForecastResponse['backtest'][number];
/** `GET /anomalies`. */
export type AnomaliesResponse = components['schemas']['AnomaliesResponse'];
export type Anomaly = components['schemas']['Anomaly'];
export type AnomalyContributor = components['schemas']['AnomalyContributor'];
export type AnomalyVerdict =
  components['schemas']['AnomalyFeedbackRequest']['verdict'];

export const BUDGET_STATUSES = ['on-track', 'at-risk', 'over'] as const;

/** A month (`YYYY-MM`) as the user's locale writes it: `December 2026`. */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) {
    return month;
  }
  return date.toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The month after a `YYYY-MM` month. */
export function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  const next = new Date(Date.UTC(year, number, 1));
  return next.toISOString().slice(0, 7);
}

/** Whether a text is an amount a budget can be: a positive decimal. */
export function isBudgetAmount(text: string): boolean {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) {
    return false;
  }
  return moneyFromDecimal(trimmed) > 0n;
}

/** What the budget bar shows, each as a percentage of the bar's width. */
export interface BudgetBar {
  monthToDate: number;
  budget: number;
  forecast?: { amount: number; low: number; high: number };
}

const percentOfScale = (amount: string, scale: number) =>
  scale > 0 ? Math.max(0, Math.min(100, (Number(amount) / scale) * 100)) : 0;

/**
 * Where month-to-date, the budget and the forecast with its interval sit
 * on a bar whose end is a little past the largest of them. Display only:
 * the status is the server's, never derived from these numbers.
 */
export function budgetBar(response: BudgetResponse): BudgetBar | undefined {
  const { budget, monthToDate, forecast } = response;
  if (!budget) {
    return undefined;
  }
  const sameCurrency = monthToDate.currency === budget.currency;
  const amounts = [budget.amount];
  if (sameCurrency) {
    amounts.push(monthToDate.amount);
    if (forecast) {
      amounts.push(forecast.high, forecast.amount);
    }
  }
  const largest = amounts.reduce((a, b) =>
    compareDecimals(a, b) >= 0 ? a : b,
  );
  const scale = Number(largest) * 1.08;
  return {
    monthToDate: sameCurrency ? percentOfScale(monthToDate.amount, scale) : 0,
    budget: percentOfScale(budget.amount, scale),
    forecast:
      sameCurrency && forecast
        ? {
            amount: percentOfScale(forecast.amount, scale),
            low: percentOfScale(forecast.low, scale),
            high: percentOfScale(forecast.high, scale),
          }
        : undefined,
  };
}

/**
 * What the status rests on, exactly: for `over` how far month-to-date is
 * above the budget, for `at-risk` how far the forecast is, for `on-track`
 * what the forecast (or, without one, month-to-date) leaves of it.
 */
export function budgetMargin(response: BudgetResponse): string | undefined {
  const { budget, monthToDate, forecast, status } = response;
  if (!budget || !status || monthToDate.currency !== budget.currency) {
    return undefined;
  }
  switch (status) {
    case 'over':
      return subtractDecimals(monthToDate.amount, budget.amount);
    case 'at-risk':
      return forecast
        ? subtractDecimals(forecast.amount, budget.amount)
        : undefined;
    default:
      return subtractDecimals(
        budget.amount,
        forecast ? forecast.amount : monthToDate.amount,
      );
  }
}

/** The FinOps maturity band of a forecast's error: run < 5 %, walk < 10 %, crawl < 20 %. */
export type ForecastBand = 'run' | 'walk' | 'crawl' | 'below';

export const FORECAST_BANDS: { band: ForecastBand; under: number }[] = [
  { band: 'run', under: 0.05 },
  { band: 'walk', under: 0.1 },
  { band: 'crawl', under: 0.2 },
];

export function forecastBand(errorRatio: number): ForecastBand {
  const size = Math.abs(errorRatio);
  return FORECAST_BANDS.find(band => size < band.under)?.band ?? 'below';
}

/** The days forecasts are kept on, and shown in the accuracy table. */
export const FORECAST_DAYS = [5, 10, 20] as const;

/** One closed month of the accuracy table. */
export interface AccuracyRow {
  month: string;
  actual: string;
  /** By the day of the month the forecast was made on. */
  byDay: Partial<Record<(typeof FORECAST_DAYS)[number], BacktestEntry>>;
}

/** The backtest by month, newest first. */
export function accuracyRows(backtest: BacktestEntry[]): AccuracyRow[] {
  const rows = new Map<string, AccuracyRow>();
  for (const entry of backtest) {
    const row = rows.get(entry.month) ?? {
      month: entry.month,
      actual: entry.actual,
      byDay: {},
    };
    if ((FORECAST_DAYS as readonly number[]).includes(entry.madeOnDay)) {
      row.byDay[entry.madeOnDay as (typeof FORECAST_DAYS)[number]] = entry;
    }
    rows.set(entry.month, row);
  }
  return [...rows.values()].sort((a, b) => b.month.localeCompare(a.month));
}

/** The median absolute error of the forecasts made on a day, or null without any. */
export function medianAbsoluteError(
  backtest: BacktestEntry[],
  madeOnDay: number,
): number | null {
  const errors = backtest
    .filter(entry => entry.madeOnDay === madeOnDay && entry.errorRatio !== null)
    .map(entry => Math.abs(entry.errorRatio!))
    .sort((a, b) => a - b);
  if (errors.length === 0) {
    return null;
  }
  const middle = Math.floor(errors.length / 2);
  return errors.length % 2
    ? errors[middle]
    : (errors[middle - 1] + errors[middle]) / 2;
}

/** A bucket of the trend chart with the forecast drawn on it. */
export interface ForecastPoint {
  /** The bucket's first day, as the chart's rows. */
  date: string;
  /** The expected amount of the bucket (for a day, of the day). */
  amount: number;
  low: number;
  high: number;
}

function lastDayOfMonth(month: string): string {
  return addDays(`${nextMonth(month)}-01`, -1);
}

/**
 * The forecast as points of the trend chart, where it fits: by month, the
 * month of the data's last day (month-to-date plus the rest) and the months
 * after it; by day, each day left in that month, at the rest of the
 * month's forecast spread evenly over them. Nothing for weeks, for a chart
 * that does not reach the data's last day, or in another currency.
 */
export function forecastPoints(
  chart: {
    series: { date: string; amount: string }[];
    granularity: Granularity;
    currency: string;
    dataThrough?: string | null;
  },
  forecast: ForecastResponse | undefined,
): ForecastPoint[] {
  const dataThrough = forecast?.dataThrough;
  const last = chart.series[chart.series.length - 1];
  if (
    !forecast ||
    !dataThrough ||
    !last ||
    forecast.currency !== chart.currency ||
    forecast.months.length === 0 ||
    (chart.dataThrough && chart.dataThrough !== dataThrough)
  ) {
    return [];
  }
  const month = dataThrough.slice(0, 7);
  if (chart.granularity === 'month') {
    if (last.date !== `${month}-01`) {
      return [];
    }
    return forecast.months.map(point => ({
      date: `${point.month}-01`,
      amount: Number(point.amount),
      low: Number(point.low),
      high: Number(point.high),
    }));
  }
  if (chart.granularity !== 'day' || last.date !== dataThrough) {
    return [];
  }
  const current = forecast.months.find(point => point.month === month);
  const first = chart.series[0];
  const end = lastDayOfMonth(month);
  const daysLeft = (Date.parse(end) - Date.parse(dataThrough)) / 86_400_000;
  // Month-to-date from the chart, which must then hold the whole month so far.
  if (!current || daysLeft < 1 || first.date > `${month}-01`) {
    return [];
  }
  const monthToDate = formatDecimal(
    chart.series
      .filter(point => point.date.startsWith(month))
      .reduce((sum, point) => sum + moneyFromDecimal(point.amount), 0n),
  );
  const perDay = (total: string) =>
    Math.max(0, Number(subtractDecimals(total, monthToDate)) / daysLeft);
  const points: ForecastPoint[] = [];
  for (let day = addDays(dataThrough, 1); day <= end; day = addDays(day, 1)) {
    points.push({
      date: day,
      amount: perDay(current.amount),
      low: perDay(current.low),
      high: perDay(current.high),
    });
  }
  return points;
}

/**
 * The anomalies on each bucket of a chart, by the bucket's first day: an
 * anomaly goes to the bucket that holds its date (a day, the week from the
 * bucket's first day, or the month).
 */
export function anomaliesByBucket(
  bucketDates: string[],
  granularity: Granularity,
  anomalies: Anomaly[],
): Map<string, Anomaly[]> {
  const result = new Map<string, Anomaly[]>();
  const sorted = [...bucketDates].sort();
  for (const anomaly of anomalies) {
    let bucket: string | undefined;
    for (const start of sorted) {
      if (start <= anomaly.date) {
        bucket = start;
      }
    }
    if (!bucket) {
      continue;
    }
    const holds =
      (granularity === 'day' && bucket === anomaly.date) ||
      (granularity === 'week' && anomaly.date < addDays(bucket, 7)) ||
      (granularity === 'month' &&
        bucket.slice(0, 7) === anomaly.date.slice(0, 7));
    if (holds) {
      result.set(bucket, [...(result.get(bucket) ?? []), anomaly]);
    }
  }
  return result;
}

/**
 * An anomaly's largest contributors per dimension, by the size of their
 * impact: up to `perDimension`, the largest always, the others only when
 * they carry at least 1 % of the anomaly's impact (a +$0.00 beside a
 * +$379.46 explains nothing).
 */
export function topContributors(
  anomaly: Anomaly,
  perDimension = 2,
): {
  dimension: AnomalyContributor['dimension'];
  items: AnomalyContributor[];
}[] {
  const byDimension = new Map<
    AnomalyContributor['dimension'],
    AnomalyContributor[]
  >();
  for (const contributor of anomaly.contributors) {
    byDimension.set(contributor.dimension, [
      ...(byDimension.get(contributor.dimension) ?? []),
      contributor,
    ]);
  }
  const size = (contributor: AnomalyContributor) => {
    const value = moneyFromDecimal(contributor.impact);
    return value < 0n ? -value : value;
  };
  const impact = moneyFromDecimal(anomaly.impact);
  const whole = impact < 0n ? -impact : impact;
  const order = ['service', 'account', 'region', 'resource'];
  return [...byDimension.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([dimension, items]) => ({
      dimension,
      items: [...items]
        .sort((a, b) => {
          const difference = size(b) - size(a);
          if (difference === 0n) {
            return 0;
          }
          return difference > 0n ? 1 : -1;
        })
        .filter((item, index) => index === 0 || size(item) * 100n >= whole)
        .slice(0, perDimension),
    }));
}

/**
 * A resource id short enough for a table: an ARN's resource part
 * (`table/checkout-api-orders`), an Azure id's last type and name; other
 * ids as they are.
 */
export function shortResourceId(id: string): string {
  if (id.startsWith('arn:')) {
    const resource = id.split(':').slice(5).join(':');
    return resource || id;
  }
  if (id.startsWith('/subscriptions/')) {
    return id.split('/').filter(Boolean).slice(-2).join('/');
  }
  return id;
}
