import { Knex } from 'knex';
import type { AttributionRule, StoredCostKey } from '../core';

/** Values per IN list: under every database's limit of bound parameters. */
export const IN_BATCH = 900;

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

export function now(): string {
  return new Date().toISOString();
}

/** The generations reads see: one per stored slice. */
export function currentGenerations(knex: Knex) {
  return knex('finops_slices').select('generation');
}

/**
 * Knex prefixes a driver's error with the whole statement; an import's
 * error is read by people, so it says what the database said, not the SQL.
 */
export function withoutStatement(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^\s*(?:insert|select|update|delete|with)\b[\s\S]* - ([^]*)$/i.exec(message);
  return match ? new Error(`The database refused the import's rows: ${match[1]}`) : (error as Error);
}

export function toCostKey(row: Record<string, any>): StoredCostKey {
  return {
    id: Number(row.id),
    hash: row.key_hash,
    tagsJson: row.tags,
    billingAccountId: row.billing_account_id,
    subAccountId: row.sub_account_id,
    entityRef: row.entity_ref ?? null,
    rule: (row.rule ?? null) as AttributionRule | null,
    detail: row.rule_detail ?? '',
  };
}
