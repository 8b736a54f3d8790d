import { Knex } from 'knex';
import { largestFirst } from '@backstage-finops/plugin-finops-common';
import type { CostDimension, CostFilter, CostSum } from '../core';
import { chunk, currentGenerations, IN_BATCH } from './knexSupport';
import { limbColumns, limbSumSelects, numericSumSelect, sumFromRow } from './limbSql';

/** Exact sums of the stored daily costs that reads see. */
export interface CostQueryStore {
  /** Exact sums grouped by currency and the given dimensions. */
  sumCosts(filter: CostFilter, groupBy: CostDimension[]): Promise<CostSum[]>;
  /** The largest groups by amount (descending), at most `limit`. */
  topCosts(filter: CostFilter, groupBy: CostDimension[], limit: number): Promise<CostSum[]>;
}

const DIMENSION_COLUMNS: Record<CostDimension, string[]> = {
  usageDate: ['d.usage_date'],
  service: ['d.service_name'],
  serviceCategory: ['d.service_category'],
  provider: ['d.provider'],
  account: ['k.billing_account_id', 'k.sub_account_id'],
  region: ['d.region_id'],
  resource: ['d.resource_id'],
  entity: ['k.entity_ref'],
  costKey: ['d.cost_key_id'],
  source: ['d.source_id'],
};

const METRIC_PREFIX = { EffectiveCost: 'effective', BilledCost: 'billed' } as const;

/**
 * Dimensions the daily summary (one row per key, day, source, provider,
 * category and currency) holds; sums by these alone read it instead of the
 * daily table, with several times fewer rows.
 */
const SUMMARY_DIMENSIONS = new Set<CostDimension>(['usageDate', 'entity', 'costKey', 'account', 'source', 'provider', 'serviceCategory']);

/** {@link CostQueryStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexCostQueryStore implements CostQueryStore {
  constructor(private readonly knex: Knex) {}

  async sumCosts(filter: CostFilter, groupBy: CostDimension[]): Promise<CostSum[]> {
    if (filter.entityRefs && filter.entityRefs.length > IN_BATCH) {
      // Sums over disjoint entity sets add up; merge the parts exactly.
      const parts = await Promise.all(
        chunk(filter.entityRefs, IN_BATCH).map(refs => this.sumCosts({ ...filter, entityRefs: refs }, groupBy)),
      );
      return mergeSums(parts.flat(), groupBy);
    }
    const rows = await this.costQuery(filter, groupBy);
    return rows.map(row => toCostSum(row, groupBy));
  }

  async topCosts(filter: CostFilter, groupBy: CostDimension[], limit: number): Promise<CostSum[]> {
    const prefix = METRIC_PREFIX[filter.metric];
    // The database ranks by an approximation of the exact sum (a float, for ordering only); a margin
    // of extra groups, ranked again exactly here, keeps near-ties from pushing a group out.
    const approximate = limbColumns(prefix)
      .map((column, i) => `SUM(d.${column}) * 1e${9 * i}`)
      .join(' + ');
    const rows = await this.costQuery(filter, groupBy)
      .orderByRaw(`(${approximate}) * 1.0 DESC`)
      .limit(limit * 2 + 10);
    return rows
      .map(row => toCostSum(row, groupBy))
      .sort((a, b) => largestFirst(a.amount, b.amount))
      .slice(0, limit);
  }

  private costQuery(filter: CostFilter, groupBy: CostDimension[]) {
    const prefix = METRIC_PREFIX[filter.metric];
    const columns = ['d.currency', ...groupBy.flatMap(dimension => DIMENSION_COLUMNS[dimension])];
    const summarized = !filter.resourceIds && groupBy.every(dimension => SUMMARY_DIMENSIONS.has(dimension));
    const table = summarized ? 'finops_daily_key_costs' : 'finops_daily_costs';
    const query = this.knex(`${table} as d`)
      .join('finops_cost_keys as k', 'k.id', 'd.cost_key_id')
      .select(columns)
      .select(
        (this.knex.client.config.client === 'pg' ? [numericSumSelect(prefix, 'd', 'amount')] : limbSumSelects(prefix, 'd', 'amount')).map(sql =>
          this.knex.raw(sql),
        ),
      )
      .where('d.usage_date', '>=', filter.from)
      .where('d.usage_date', '<', filter.to)
      .whereIn('d.generation', currentGenerations(this.knex))
      .groupBy(columns);
    if (filter.entityRefs === null) {
      query.whereNull('k.entity_ref');
    } else if (filter.entityRefs) {
      query.whereIn('k.entity_ref', filter.entityRefs);
    }
    if (filter.costKeyIds) {
      query.whereIn('d.cost_key_id', filter.costKeyIds);
    }
    if (filter.resourceIds) {
      query.whereIn('d.resource_id', filter.resourceIds);
    }
    return query;
  }
}

function toCostSum(row: Record<string, unknown>, groupBy: CostDimension[]): CostSum {
  const dimensions: CostSum['dimensions'] = {};
  for (const dimension of groupBy) {
    if (dimension === 'account') {
      dimensions.account = String(row.sub_account_id || row.billing_account_id || '');
    } else {
      const column = DIMENSION_COLUMNS[dimension][0].split('.')[1];
      const value = row[column];
      dimensions[dimension] = value === null || value === undefined ? '' : String(value);
    }
  }
  return {
    currency: String(row.currency),
    dimensions,
    amount: typeof row.amount === 'string' ? BigInt(row.amount) : sumFromRow(row, 'amount'),
  };
}

function mergeSums(sums: CostSum[], groupBy: CostDimension[]): CostSum[] {
  const merged = new Map<string, CostSum>();
  for (const sum of sums) {
    const id = JSON.stringify([sum.currency, ...groupBy.map(d => sum.dimensions[d])]);
    const existing = merged.get(id);
    if (existing) {
      existing.amount += sum.amount;
    } else {
      merged.set(id, { ...sum, dimensions: { ...sum.dimensions } });
    }
  }
  return [...merged.values()];
}
