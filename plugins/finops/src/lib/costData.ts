import {
  CostResponse,
  formatDecimal,
  moneyFromDecimal,
  percentOf,
} from '@backstage-finops/plugin-finops-common';

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

/** `total - previousTotal` as an exact decimal string. */
export function changeAmount(response: CostResponse): string {
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

/**
 * Stacks the largest `top` groups and one "Other" stack for the rest of each
 * bucket. "Other" is the bucket's total minus the top groups, computed
 * exactly, so the stacks always add up to the server's total. Numbers are
 * converted to floats only at the end, for plotting.
 */
export function buildChartData(response: CostResponse, top = 5): ChartData {
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

  if (groups.length === 0) {
    return {
      series: [{ dataKey: TOTAL_SERIES_KEY, name: 'Cost' }],
      rows: response.series.map(point => ({
        ...bucketRow(point),
        [TOTAL_SERIES_KEY]: Number(point.amount),
      })),
    };
  }

  const groupByDate = groups.map(
    group =>
      new Map(
        group.series.map(point => [point.date, moneyFromDecimal(point.amount)]),
      ),
  );
  let otherIsZero = true;
  const rows = response.series.map(point => {
    const row = bucketRow(point);
    let rest = moneyFromDecimal(point.amount);
    groupByDate.forEach((amounts, index) => {
      const amount = amounts.get(point.date) ?? 0n;
      rest -= amount;
      row[`g${index}`] = Number(formatDecimal(amount));
    });
    if (rest !== 0n) {
      otherIsZero = false;
    }
    row[OTHER_SERIES_KEY] = Number(formatDecimal(rest));
    return row;
  });

  const series: ChartSeries[] = groups.map((group, index) => ({
    dataKey: `g${index}`,
    name: groupLabel(group.key),
  }));
  if (!otherIsZero) {
    series.push({ dataKey: OTHER_SERIES_KEY, name: 'Other' });
  }
  return { series, rows };
}

/** One row of the breakdown table. */
export interface BreakdownRow {
  key: string;
  label: string;
  amount: string;
  /** Share of the period's total, 0-100; null when the total is zero. */
  share: number | null;
}

export function buildBreakdownRows(response: CostResponse): BreakdownRow[] {
  const total = moneyFromDecimal(response.total.amount);
  return response.groups.map(group => ({
    key: group.key,
    label: groupLabel(group.key),
    amount: group.amount,
    share: percentOf(moneyFromDecimal(group.amount), total),
  }));
}

/**
 * What the chart says about its partial and settling buckets, or nothing when
 * it has none: e.g. "Hatched: partial months (the period or the data ends
 * within them). Lighter: may still change."
 */
export function partialBucketsNote(response: CostResponse): string | undefined {
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
