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

/** Dimensions that are a cost key's own columns rather than its rows'. */
const KEY_DIMENSIONS = new Set<CostDimension>(['entity', 'account']);

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
    if (filter.entityRefs) {
      // The entities' key ids, resolved first, let the database read those keys' rows by index
      // instead of joining every row in the period to the keys to find them.
      const keyIds = await this.keyIdsOf(filter.entityRefs);
      const asked = filter.costKeyIds && new Set(filter.costKeyIds);
      const costKeyIds = asked ? keyIds.filter(id => asked.has(id)) : keyIds;
      if (costKeyIds.length === 0) {
        return [];
      }
      // Sums over disjoint key sets add up; merge the parts exactly.
      const parts = await Promise.all(
        chunk(costKeyIds, IN_BATCH).map(ids => this.keyedSums({ ...filter, entityRefs: undefined, costKeyIds: ids }, groupBy)),
      );
      return parts.length === 1 ? parts[0] : mergeSums(parts.flat(), groupBy);
    }
    return this.keyedSums(filter, groupBy);
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

  /**
   * Sums grouped first by cost key where the dimensions are the key's
   * (entity, account), and only then joined to the keys: the join reads one
   * row per key group, not one per stored row. Keys of one entity or account
   * become one group here.
   */
  private async keyedSums(filter: CostFilter, groupBy: CostDimension[]): Promise<CostSum[]> {
    const keyDimensions = groupBy.filter(dimension => KEY_DIMENSIONS.has(dimension));
    if (keyDimensions.length === 0) {
      return (await this.costQuery(filter, groupBy)).map(row => toCostSum(row, groupBy));
    }
    const inner = this.costQuery(filter, [...new Set([...groupBy.filter(dimension => !KEY_DIMENSIONS.has(dimension)), 'costKey' as const])]);
    const rows = await this.knex
      .select('g.*', ...keyDimensions.flatMap(dimension => DIMENSION_COLUMNS[dimension]))
      .from(inner.as('g'))
      .join('finops_cost_keys as k', 'k.id', 'g.cost_key_id');
    return mergeSums(rows.map(row => toCostSum(row, groupBy)), groupBy);
  }

  private async keyIdsOf(entityRefs: string[]): Promise<number[]> {
    const parts = await Promise.all(
      chunk(entityRefs, IN_BATCH).map(refs => this.knex('finops_cost_keys').whereIn('entity_ref', refs).pluck('id')),
    );
    return parts.flat().map(Number);
  }

  private costQuery(filter: CostFilter, groupBy: CostDimension[]) {
    const prefix = METRIC_PREFIX[filter.metric];
    const columns = ['d.currency', ...groupBy.flatMap(dimension => DIMENSION_COLUMNS[dimension])];
    const summarized = !filter.resourceIds && groupBy.every(dimension => SUMMARY_DIMENSIONS.has(dimension));
    const table = summarized ? 'finops_daily_key_costs' : 'finops_daily_costs';
    const postgres = this.knex.client.config.client === 'pg';
    const query = this.knex(`${table} as d`)
      .select(columns)
      .select(
        (postgres ? [numericSumSelect(prefix, 'd', 'amount')] : limbSumSelects(prefix, 'd', 'amount')).map(sql => this.knex.raw(sql)),
      )
      .where('d.usage_date', '>=', filter.from)
      .where('d.usage_date', '<', filter.to)
      .groupBy(columns);
    if (postgres) {
      // An array the planner sees as one value, unlike a semi-join to the slices: the date and key indexes stay usable.
      query.whereRaw('d.generation = ANY(ARRAY(?))', [currentGenerations(this.knex)]);
    } else {
      query.whereIn('d.generation', currentGenerations(this.knex));
    }
    if (filter.entityRefs !== undefined || columns.some(column => column.startsWith('k.'))) {
      query.join('finops_cost_keys as k', 'k.id', 'd.cost_key_id');
    }
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
