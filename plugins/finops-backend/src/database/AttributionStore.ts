import { Knex } from 'knex';
import type { Attribution, StoredCostKey } from '../core';
import { chunk, currentGenerations, IN_BATCH, toCostKey } from './knexSupport';

/** The stored cost keys and the entity each is attributed to. */
export interface AttributionStore {
  /** Every stored cost key, or only those with the given ids. */
  listCostKeys(ids?: number[]): Promise<StoredCostKey[]>;
  /** Keys whose daily costs include a resource. */
  costKeysForResource(resourceId: string): Promise<StoredCostKey[]>;
  /** Stores new attributions; returns how many keys changed. */
  updateAttributions(attributions: Array<{ id: number } & Attribution>): Promise<number>;
}

/** {@link AttributionStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexAttributionStore implements AttributionStore {
  constructor(private readonly knex: Knex) {}

  async listCostKeys(ids?: number[]): Promise<StoredCostKey[]> {
    if (!ids) {
      const rows = await this.knex('finops_cost_keys').select().orderBy('id');
      return rows.map(toCostKey);
    }
    const keys: StoredCostKey[] = [];
    for (const part of chunk(ids, IN_BATCH)) {
      keys.push(...(await this.knex('finops_cost_keys').select().whereIn('id', part)).map(toCostKey));
    }
    return keys.sort((a, b) => a.id - b.id);
  }

  async costKeysForResource(resourceId: string): Promise<StoredCostKey[]> {
    const rows = await this.knex('finops_cost_keys')
      .select()
      .whereIn(
        'id',
        this.knex('finops_daily_costs')
          .distinct('cost_key_id')
          .where('resource_id', resourceId)
          .whereIn('generation', currentGenerations(this.knex)),
      )
      .orderBy('id');
    return rows.map(toCostKey);
  }

  async updateAttributions(attributions: Array<{ id: number } & Attribution>): Promise<number> {
    const current = new Map((await this.listCostKeys()).map(key => [key.id, key]));
    const changed = attributions.filter(a => {
      const key = current.get(a.id);
      return key && (key.entityRef !== a.entityRef || key.rule !== a.rule || key.detail !== a.detail);
    });
    // Keys that name the same entity by the same tag share their attribution: one update per group.
    const groups = new Map<string, { attribution: Attribution; ids: number[] }>();
    for (const { id, ...attribution } of changed) {
      const group = JSON.stringify([attribution.entityRef, attribution.rule, attribution.detail]);
      const existing = groups.get(group);
      if (existing) {
        existing.ids.push(id);
      } else {
        groups.set(group, { attribution, ids: [id] });
      }
    }
    await this.knex.transaction(async tx => {
      for (const { attribution, ids } of groups.values()) {
        for (const part of chunk(ids, IN_BATCH)) {
          await tx('finops_cost_keys').whereIn('id', part).update({
            entity_ref: attribution.entityRef,
            rule: attribution.rule,
            rule_detail: attribution.detail,
          });
        }
      }
    });
    return changed.length;
  }
}
