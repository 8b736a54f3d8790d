import {
  CostResponse,
  formatDecimal,
  moneyFromDecimal,
  percentOf,
} from '@backstage-finops/plugin-finops-common';
import type { CsvTable } from './csvExport';

/** Label for a group whose column was empty (e.g. untagged, no region). */
export const EMPTY_GROUP_LABEL = '(none)';

/** The data key of the chart's remainder stack. */
export const OTHER_SERIES_KEY = 'other';
/** The data key of the chart's only stack when the response has no groups. */
export const TOTAL_SERIES_KEY = 'total';

export function groupLabel(key: string): string {
  return key === '' ? EMPTY_GROUP_LABEL : key;
}

/** True when nothing was attributed: a zero total and no cost on any day. */
export function isEmptyCost(response: CostResponse): boolean {
  return (
    moneyFromDecimal(response.total.amount) === 0n &&
    response.series.every(point => moneyFromDecimal(point.amount) === 0n)
  );
}

/** What a stacked chart is drawn from: a cost response, or an overview's series. */
export type ChartInput = Pick<
  CostResponse,
  'series' | 'groups' | 'currency' | 'granularity'
>;

/** `total - previousTotal` as an exact decimal string. */
export function changeAmount(
  response: Pick<CostResponse, 'total' | 'previousTotal'>,
): string {
  return formatDecimal(
    moneyFromDecimal(response.total.amount) -
      moneyFromDecimal(response.previousTotal.amount),
  );
}

/** One stack of the chart. */
export interface ChartSeries {
  /** Data key in {@link ChartData.rows}; never the group's own name, which may hold dots. */
  dataKey: string;
  name: string;
}

/**
 * One bucket of the chart: its first day, one numeric field per stack, and
 * whether it is partial (not wholly covered by the period or the data) or may
 * still change.
 */
export type ChartRow = {
  date: string;
  partial: boolean;
  settling: boolean;
} & Record<string, number | string | boolean>;

/** Rows for a stacked chart: one per bucket, one numeric field per stack. */
export interface ChartData {
  series: ChartSeries[];
  rows: ChartRow[];
}

function bucketRow(point: CostResponse['series'][number]): ChartRow {
  return {
    date: point.date,
    partial: point.partial === true,
    settling: point.settling === true,
  };
}

/** A bucket of the chart with the exact amount of each stack. */
interface StackedBucket {
  point: CostResponse['series'][number];
  /** The top groups' amounts, in the order of the stacks. */
  amounts: bigint[];
  /** The bucket's total minus the top groups: the "Other" stack. */
  rest: bigint;
}

/** The largest `top` groups and each bucket's exact stacks. */
function stackBuckets(response: ChartInput, top: number) {
  const groups = [...response.groups]
    .sort((a, b) => {
      const difference =
        moneyFromDecimal(b.amount) - moneyFromDecimal(a.amount);
      if (difference === 0n) {
        return 0;
      }
      return difference > 0n ? 1 : -1;
    })
    .slice(0, top);
  const groupByDate = groups.map(
    group =>
      new Map(
        group.series.map(point => [point.date, moneyFromDecimal(point.amount)]),
      ),
  );
  const buckets: StackedBucket[] = response.series.map(point => {
    const amounts = groupByDate.map(byDate => byDate.get(point.date) ?? 0n);
    const rest = amounts.reduce(
      (left, amount) => left - amount,
      moneyFromDecimal(point.amount),
    );
    return { point, amounts, rest };
  });
  const otherIsZero = buckets.every(bucket => bucket.rest === 0n);
  return { groups, buckets, otherIsZero };
}

/**
 * Stacks the largest `top` groups and one "Other" stack for the rest of each
 * bucket. "Other" is the bucket's total minus the top groups, computed
 * exactly, so the stacks always add up to the server's total. Numbers are
 * converted to floats only at the end, for plotting. `labelOf` names a
 * group's key (e.g. an entity ref's title).
 */
export function buildChartData(
  response: ChartInput,
  top = 5,
  labelOf: (key: string) => string = groupLabel,
): ChartData {
  if (response.groups.length === 0) {
    return {
      series: [{ dataKey: TOTAL_SERIES_KEY, name: 'Cost' }],
      rows: response.series.map(point => ({
        ...bucketRow(point),
        [TOTAL_SERIES_KEY]: Number(point.amount),
      })),
    };
  }
  const { groups, buckets, otherIsZero } = stackBuckets(response, top);
  const rows = buckets.map(bucket => {
    const row = bucketRow(bucket.point);
    bucket.amounts.forEach((amount, index) => {
      row[`g${index}`] = Number(formatDecimal(amount));
    });
    row[OTHER_SERIES_KEY] = Number(formatDecimal(bucket.rest));
    return row;
  });
  const series: ChartSeries[] = groups.map((group, index) => ({
    dataKey: `g${index}`,
    name: labelOf(group.key) || groupLabel(group.key),
  }));
  if (!otherIsZero) {
    series.push({ dataKey: OTHER_SERIES_KEY, name: 'Other' });
  }
  return { series, rows };
}

/**
 * What the chart shows, as CSV rows: one per bucket and stack, with the
 * stack's key (the group's key; empty for the total, `(other)` for the
 * rest) and exact amount, and whether the bucket is partial or settling.
 */
export function chartCsvTable(
  response: ChartInput,
  top = 5,
  labelOf: (key: string) => string = groupLabel,
): CsvTable {
  const header = [
    'date',
    'series',
    'key',
    'amount',
    'currency',
    'partial',
    'settling',
  ];
  const flags = (point: CostResponse['series'][number]) => [
    point.partial === true ? 'true' : 'false',
    point.settling === true ? 'true' : 'false',
  ];
  if (response.groups.length === 0) {
    return {
      header,
      rows: response.series.map(point => [
        point.date,
        'Cost',
        '',
        point.amount,
        response.currency,
        ...flags(point),
      ]),
    };
  }
  const { groups, buckets, otherIsZero } = stackBuckets(response, top);
  return {
    header,
    rows: buckets.flatMap(bucket => [
      ...groups.map((group, index) => [
        bucket.point.date,
        labelOf(group.key) || groupLabel(group.key),
        group.key,
        formatDecimal(bucket.amounts[index]),
        response.currency,
        ...flags(bucket.point),
      ]),
      ...(otherIsZero
        ? []
        : [
            [
              bucket.point.date,
              'Other',
              '(other)',
              formatDecimal(bucket.rest),
              response.currency,
              ...flags(bucket.point),
            ],
          ]),
    ]),
  };
}

/** One row of the breakdown table. */
export interface BreakdownRow {
  key: string;
  label: string;
  amount: string;
  /** Share of the period's total, 0-100; null when the total is zero. */
  share: number | null;
}

export function buildBreakdownRows(
  response: CostResponse,
  labelOf: (key: string) => string = groupLabel,
): BreakdownRow[] {
  const total = moneyFromDecimal(response.total.amount);
  return response.groups.map(group => ({
    key: group.key,
    label: labelOf(group.key) || groupLabel(group.key),
    amount: group.amount,
    share: percentOf(moneyFromDecimal(group.amount), total),
  }));
}

/**
 * What the chart says about its partial and settling buckets, or nothing when
 * it has none: e.g. "Hatched: partial months (the period or the data ends
 * within them). Lighter: may still change."
 */
export function partialBucketsNote(
  response: Pick<CostResponse, 'series' | 'granularity'>,
): string | undefined {
  const partial = response.series.some(point => point.partial);
  const settling = response.series.some(
    point => point.settling && !point.partial,
  );
  const unit = { day: 'days', week: 'weeks', month: 'months' }[
    response.granularity
  ];
  const parts: string[] = [];
  if (partial) {
    parts.push(
      `Hatched: partial ${unit} (the period or the data ends within them).`,
    );
  }
  if (settling) {
    parts.push('Lighter: the last days, whose cost may still change.');
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}
