import { fromLimbs, MONEY_LIMBS } from '@backstage-finops/plugin-finops-common';

/** Cost columns, each stored as MONEY_LIMBS integer limbs (see toLimbs). */
export const METRICS = ['effective', 'billed', 'list'] as const;
export type MetricPrefix = (typeof METRICS)[number];

const LIMB_INDEXES = Array.from({ length: MONEY_LIMBS }, (_, i) => i);
const BASE = 1_000_000_000;

/** `effective_l0` … `effective_l5`. */
export function limbColumns(metric: MetricPrefix): string[] {
  return LIMB_INDEXES.map(i => `${metric}_l${i}`);
}

/** Every limb column of the three metrics, effective first. */
export const ALL_LIMB_COLUMNS = METRICS.flatMap(limbColumns);

/** `CAST(SUM(<alias>.effective_l0) AS TEXT) AS effective_l0, …`: exact sums as text, read with {@link sumFromRow}. */
export function limbSumSelects(metric: MetricPrefix, alias: string, as: string = metric): string[] {
  return LIMB_INDEXES.map(i => `CAST(SUM(${alias}.${metric}_l${i}) AS TEXT) AS ${as}_l${i}`);
}

/** The exact amount a row of {@link limbSumSelects} holds. */
export function sumFromRow(row: Record<string, unknown>, as: string): bigint {
  return fromLimbs(LIMB_INDEXES.map(i => String(row[`${as}_l${i}`] ?? '0')));
}

/**
 * A SELECT over `grouped` (which must yield the dimension columns and, per
 * metric, the plain sums `<metric>_s0` … `_s5` of limbs) that carries the
 * sums back into limbs below 10^9 in magnitude, named like the stored
 * columns. Sums of many staged parts exceed 10^9 per limb; carrying keeps
 * every stored limb small, which is what makes later SQL sums safe.
 * Truncating division and remainder keep each step exact for any signs.
 */
export function carriedLimbsSelect(grouped: string, dimensions: string[]): string {
  // Layer k holds carried limbs 0..k-1 and the running value t_k of limb k.
  let query = `SELECT ${[
    ...dimensions,
    ...METRICS.flatMap(m => [`${m}_s0 AS ${m}_t0`, ...LIMB_INDEXES.slice(1).map(i => `${m}_s${i}`)]),
  ].join(', ')} FROM (${grouped}) g0`;
  for (let k = 0; k < MONEY_LIMBS - 1; k++) {
    const columns = [
      ...dimensions,
      ...METRICS.flatMap(m => [
        ...LIMB_INDEXES.slice(0, k).map(i => `${m}_l${i}`),
        `${m}_t${k} % ${BASE} AS ${m}_l${k}`,
        `${m}_s${k + 1} + ${m}_t${k} / ${BASE} AS ${m}_t${k + 1}`,
        ...LIMB_INDEXES.slice(k + 2).map(i => `${m}_s${i}`),
      ]),
    ];
    query = `SELECT ${columns.join(', ')} FROM (${query}) g${k + 1}`;
  }
  const last = MONEY_LIMBS - 1;
  return `SELECT ${[
    ...dimensions,
    ...METRICS.flatMap(m => [...LIMB_INDEXES.slice(0, last).map(i => `${m}_l${i}`), `${m}_t${last} AS ${m}_l${last}`]),
  ].join(', ')} FROM (${query}) carried`;
}

/** `SUM(<alias>.effective_l0) AS effective_s0, …` for every metric: the input of {@link carriedLimbsSelect}. */
export function plainLimbSums(alias: string): string[] {
  return METRICS.flatMap(m => LIMB_INDEXES.map(i => `SUM(${alias}.${m}_l${i}) AS ${m}_s${i}`));
}

/**
 * On PostgreSQL, `CAST(SUM(l0) + SUM(l1) * 10^9 + … AS TEXT) AS <as>`: the
 * exact amount in one numeric column, read with BigInt (numeric has no
 * limit, so nothing rounds), instead of six limb sums to decode per row.
 */
export function numericSumSelect(metric: MetricPrefix, alias: string, as: string): string {
  const terms = LIMB_INDEXES.map(i => `SUM(${alias}.${metric}_l${i})::numeric${i === 0 ? '' : ` * 1${'0'.repeat(9 * i)}`}`);
  return `CAST(${terms.join(' + ')} AS TEXT) AS ${as}`;
}
