import { Knex } from 'knex';
import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { MetricSummary, MetricValue, StoredMetricValue } from '../core';
import { chunk, IN_BATCH, now } from './knexSupport';

/** What a write did: days written, and how many of them replaced a value. */
export interface MetricWriteOutcome {
  written: number;
  replaced: number;
}

/** Daily unit-metric values per entity; a day written again replaces the one stored. */
export interface MetricStore {
  /** Writes every value or, on any error, none. */
  writeValues(values: MetricValue[], source: string): Promise<MetricWriteOutcome>;
  /** Writes an imported file's values and marks its import succeeded, in one transaction. */
  commitMetricImport(importId: string, values: MetricValue[], rowsRead: number): Promise<MetricWriteOutcome>;
  /** The values of `metric` for these entities, from (inclusive) to (exclusive). */
  readValues(filter: { entityRefs: string[]; metric: string; from: string; to: string }): Promise<StoredMetricValue[]>;
  /** Per entity and metric: the newest day, its unit and source, and how many days are stored. */
  summarize(entityRefs: string[]): Promise<MetricSummary[]>;
}

const TABLE = 'finops_metric_values';

/** {@link MetricStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexMetricStore implements MetricStore {
  constructor(private readonly knex: Knex) {}

  writeValues(values: MetricValue[], source: string): Promise<MetricWriteOutcome> {
    return this.knex.transaction(tx => replaceValues(tx, values, source));
  }

  commitMetricImport(importId: string, values: MetricValue[], rowsRead: number): Promise<MetricWriteOutcome> {
    return this.knex.transaction(async tx => {
      const outcome = await replaceValues(tx, values, 'import');
      await tx('finops_imports')
        .where({ id: importId })
        .update({ status: 'succeeded', rows_read: rowsRead, billing_periods: '[]', finished_at: now(), error: null });
      return outcome;
    });
  }

  async readValues(filter: { entityRefs: string[]; metric: string; from: string; to: string }): Promise<StoredMetricValue[]> {
    const parts = await Promise.all(
      chunk(filter.entityRefs, IN_BATCH).map(refs =>
        this.knex(TABLE)
          .select('entity_ref', 'metric', 'usage_date', 'quantity', 'unit', 'source')
          .whereIn('entity_ref', refs)
          .where('metric', filter.metric)
          .where('usage_date', '>=', filter.from)
          .where('usage_date', '<', filter.to),
      ),
    );
    return parts.flat().map(row => ({
      entityRef: row.entity_ref,
      metric: row.metric,
      date: row.usage_date,
      quantity: moneyFromDecimal(row.quantity),
      unit: row.unit ?? null,
      source: row.source,
    }));
  }

  async summarize(entityRefs: string[]): Promise<MetricSummary[]> {
    const summaries: MetricSummary[] = [];
    for (const refs of chunk(entityRefs, IN_BATCH)) {
      const counts: Array<{ entity_ref: string; metric: string; days: string | number; last_date: string }> = await this.knex(TABLE)
        .select('entity_ref', 'metric')
        .count({ days: '*' })
        .max({ last_date: 'usage_date' })
        .whereIn('entity_ref', refs)
        .groupBy('entity_ref', 'metric');
      if (counts.length === 0) {
        continue;
      }
      const newest = await this.knex(TABLE)
        .select('entity_ref', 'metric', 'usage_date', 'unit', 'source')
        .whereIn(
          ['entity_ref', 'metric', 'usage_date'],
          counts.map(row => [row.entity_ref, row.metric, row.last_date]),
        );
      const newestOf = new Map(newest.map(row => [`${row.entity_ref}\n${row.metric}`, row]));
      for (const row of counts) {
        const last = newestOf.get(`${row.entity_ref}\n${row.metric}`);
        summaries.push({
          entityRef: String(row.entity_ref),
          metric: String(row.metric),
          unit: last?.unit ?? null,
          lastDate: String(row.last_date),
          source: last?.source ?? '',
          days: Number(row.days),
        });
      }
    }
    return summaries;
  }
}

/** Rows per statement: each row binds seven parameters, and SQLite allows 32 766. */
const WRITE_BATCH = 500;

async function replaceValues(tx: Knex.Transaction, values: MetricValue[], source: string): Promise<MetricWriteOutcome> {
  // Callers refuse repeated days with the input's location; here one would make the count wrong.
  const days = new Set(values.map(value => `${value.entityRef}\n${value.metric}\n${value.date}`));
  if (days.size !== values.length) {
    throw new Error('A metric write holds the same entity, metric and day twice');
  }
  let replaced = 0;
  const updatedAt = now();
  for (const batch of chunk(values, WRITE_BATCH)) {
    const existing = await tx(TABLE)
      .count({ count: '*' })
      .whereIn(
        ['entity_ref', 'metric', 'usage_date'],
        batch.map(value => [value.entityRef, value.metric, value.date]),
      )
      .first();
    replaced += Number(existing?.count ?? 0);
    await tx(TABLE)
      .insert(
        batch.map(value => ({
          entity_ref: value.entityRef,
          metric: value.metric,
          usage_date: value.date,
          quantity: formatDecimal(value.quantity),
          unit: value.unit,
          source,
          updated_at: updatedAt,
        })),
      )
      .onConflict(['entity_ref', 'metric', 'usage_date'])
      .merge(['quantity', 'unit', 'source', 'updated_at']);
  }
  return { written: values.length, replaced };
}
