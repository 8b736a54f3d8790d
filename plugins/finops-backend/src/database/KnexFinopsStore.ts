import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { formatDecimal, largestFirst, toLimbs } from '@backstage-finops/plugin-finops-common';
import { bulkInsert } from './bulkInsert';
import { bucketOf, StagedChunk, StagedCounts } from './chunkPlan';
import { SqliteWriterThread, sqliteFileOf } from './sqliteWriterThread';
import {
  ALL_LIMB_COLUMNS,
  carriedLimbsSelect,
  limbColumns,
  limbSumSelects,
  METRICS,
  plainLimbSums,
  sumFromRow,
} from './limbSql';
import type { FinopsStore, SliceReplacement } from './FinopsStore';
import type { Attribution, AttributionRule, CostDimension, CostFilter, CostSum, DailyCost, DirectoryManifest, ImportRecord, ImportStatus, PeriodTotals, StoredCostKey, StoredSlice } from '../core';

const migrationsDir = resolvePackagePath('@backstage-finops/plugin-finops-backend', 'migrations');

/** Applies the plugin's migrations. */
export async function migrateFinopsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir, tableName: 'finops_knex_migrations' });
}

/** Reverts every migration; used by the migration tests. */
export async function rollbackFinopsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir, tableName: 'finops_knex_migrations' }, true);
}

/** What a slice's stored rows add up to in one currency; `rows` counts daily rows. */
interface SliceFigures extends PeriodTotals {
  firstUsageDate: string;
  lastUsageDate: string;
}

/**
 * Fails the replacement unless what was stored equals the input's totals
 * exactly, per billing period and currency, for every cost column.
 */
function assertReconciled(expected: SliceReplacement['totals'], stored: SliceFigures[]) {
  const describe = (t: { billingPeriod: string; currency: string; effectiveCost: bigint; billedCost: bigint; listCost: bigint }) =>
    `${t.billingPeriod} ${t.currency} ${formatDecimal(t.effectiveCost)}/${formatDecimal(t.billedCost)}/${formatDecimal(t.listCost)}`;
  const want = expected.map(describe).sort();
  const got = stored.map(describe).sort();
  if (want.join('\n') !== got.join('\n')) {
    throw new Error(`Stored slices do not reconcile with the input (expected ${want.join('; ')}, stored ${got.join('; ')}); nothing was replaced`);
  }
}

/** Cost keys per insert. */
const KEY_BATCH = 500;
/** Values per IN list. */
const IN_BATCH = 900;
/**
 * Staged rows summed into daily rows per statement: about 20 ms on SQLite,
 * the longest the backend's own writes wait behind an import's writer thread.
 */
const CHUNK_ROWS = 500;
/** Rows deleted per statement. */
const DELETE_ROWS = 1_000;

/** The columns that, with the cost key, make a daily row. */
const DAILY_DIMENSIONS = ['billing_period', 'usage_date', 'provider', 'service_name', 'service_category', 'region_id', 'resource_id', 'charge_category', 'currency'];

/**
 * Knex prefixes a driver's error with the whole statement; an import's
 * error is read by people, so it says what the database said, not the SQL.
 */
export function withoutStatement(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^\s*(?:insert|select|update|delete|with)\b[\s\S]* - ([^]*)$/i.exec(message);
  return match ? new Error(`The database refused the import's rows: ${match[1]}`) : (error as Error);
}

const DIMENSION_COLUMNS: Record<CostDimension, string[]> = {
  usageDate: ['d.usage_date'],
  service: ['d.service_name'],
  serviceCategory: ['d.service_category'],
  account: ['k.billing_account_id', 'k.sub_account_id'],
  region: ['d.region_id'],
  resource: ['d.resource_id'],
  entity: ['k.entity_ref'],
  costKey: ['d.cost_key_id'],
  source: ['d.source_id'],
};

const METRIC_PREFIX = { EffectiveCost: 'effective', BilledCost: 'billed' } as const;

type ImportRow = {
  id: string;
  source_id: string;
  file_name: string;
  status: ImportStatus;
  fingerprint: string | null;
  bytes_total: string | number | null;
  bytes_read: string | number;
  rows_read: string | number;
  billing_periods: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

/** The staging table's columns, in the order staged rows list them. */
const STAGING_COLUMNS = [
  { name: 'import_id', pgType: 'text' },
  { name: 'billing_period', pgType: 'text' },
  { name: 'usage_date', pgType: 'text' },
  { name: 'bucket', pgType: 'integer' },
  { name: 'key_hash', pgType: 'text' },
  { name: 'provider', pgType: 'text' },
  { name: 'service_name', pgType: 'text' },
  { name: 'service_category', pgType: 'text' },
  { name: 'region_id', pgType: 'text' },
  { name: 'resource_id', pgType: 'text' },
  { name: 'charge_category', pgType: 'text' },
  { name: 'currency', pgType: 'text' },
  ...ALL_LIMB_COLUMNS.map(name => ({ name, pgType: 'integer' as const })),
] as const satisfies ReadonlyArray<{ name: string; pgType: 'text' | 'bigint' | 'integer' }>;

/** {@link FinopsStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexFinopsStore implements FinopsStore {
  /**
   * On a SQLite file the database goes to WAL mode and each import writes
   * through a {@link SqliteWriterThread}; `writerThread` marks the store
   * that thread runs, which writes itself.
   */
  static async create(knex: Knex, options: { skipMigrations?: boolean; writerThread?: boolean } = {}) {
    if (!options.skipMigrations) {
      await migrateFinopsDatabase(knex);
    }
    const sqliteFile = options.writerThread ? undefined : sqliteFileOf(knex);
    if (sqliteFile) {
      await knex.raw('PRAGMA journal_mode = WAL');
    }
    return new KnexFinopsStore(knex, sqliteFile, !!options.writerThread);
  }

  /** Staged rows per day and bucket of the imports this process stages, to cut the write into parts. */
  private readonly stagedCounts = new Map<string, StagedCounts>();
  /** The writer thread of each running import, on a SQLite file. */
  private readonly writers = new Map<string, SqliteWriterThread>();

  private constructor(
    private readonly knex: Knex,
    private readonly sqliteFile: ReturnType<typeof sqliteFileOf>,
    private readonly isWriterThread: boolean,
  ) {}

  private writerOf(importId: string): SqliteWriterThread | undefined {
    if (!this.sqliteFile) {
      return undefined;
    }
    let writer = this.writers.get(importId);
    if (!writer) {
      writer = new SqliteWriterThread(this.sqliteFile);
      this.writers.set(importId, writer);
    }
    return writer;
  }

  /**
   * Lets other work run between the parts of an import. better-sqlite3 runs
   * each statement on the thread that calls it; where that is the event loop
   * (an in-memory SQLite database), the import rests as long as its last
   * part took: it holds at most half of the event loop, and a request that
   * needs many turns of it (authentication, permissions, the catalog) is not
   * starved. A writer thread has no requests to serve; PostgreSQL statements
   * do not hold the loop.
   */
  private async restAfter(partStartedAt: number): Promise<void> {
    if (this.isWriterThread) {
      return;
    }
    if (this.knex.client.config.client === 'better-sqlite3') {
      const took = performance.now() - partStartedAt;
      await new Promise(resolve => setTimeout(resolve, Math.min(took, 100)));
    } else {
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  async createImport(input: {
    id: string;
    sourceId: string;
    fileName: string;
    bytesTotal?: number;
    fingerprint?: string;
  }): Promise<ImportRecord> {
    await this.knex('finops_imports').insert({
      id: input.id,
      source_id: input.sourceId,
      file_name: input.fileName,
      status: 'queued',
      fingerprint: input.fingerprint ?? null,
      bytes_total: input.bytesTotal ?? null,
      created_at: now(),
      heartbeat_at: now(),
    });
    return (await this.getImport(input.id))!;
  }

  async startImport(id: string): Promise<void> {
    await this.knex('finops_imports').where({ id }).update({ status: 'running', started_at: now() });
  }

  async updateImportProgress(id: string, progress: { bytesRead: number; rowsRead: number }) {
    await this.knex('finops_imports')
      .where({ id, status: 'running' })
      .update({ bytes_read: progress.bytesRead, rows_read: progress.rowsRead });
  }

  async failImport(id: string, error: string): Promise<void> {
    await this.knex('finops_imports')
      .where({ id })
      .whereIn('status', ['queued', 'running'])
      .update({ status: 'failed', error, finished_at: now() });
  }

  async heartbeat(ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await this.knex('finops_imports')
        .whereIn('id', ids)
        .whereIn('status', ['queued', 'running'])
        .update({ heartbeat_at: now() });
    }
  }

  async failAbandonedImports(reason: string, staleBefore: string): Promise<number> {
    return this.knex('finops_imports')
      .whereIn('status', ['queued', 'running'])
      .where(query =>
        query
          .where('heartbeat_at', '<', staleBefore)
          .orWhere(inner => inner.whereNull('heartbeat_at').where('created_at', '<', staleBefore)),
      )
      .update({ status: 'failed', error: reason, finished_at: now() });
  }

  async getImport(id: string): Promise<ImportRecord | undefined> {
    const row = await this.knex<ImportRow>('finops_imports').where({ id }).first();
    return row && toImport(row);
  }

  async listImports(limit: number): Promise<ImportRecord[]> {
    const rows = await this.knex<ImportRow>('finops_imports')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toImport);
  }

  async lastImport(sourceId: string): Promise<ImportRecord | undefined> {
    const row = await this.knex<ImportRow>('finops_imports')
      .where({ source_id: sourceId })
      .orderBy('created_at', 'desc')
      .first();
    return row && toImport(row);
  }

  async lastSucceededImport(sourceId: string): Promise<ImportRecord | undefined> {
    const row = await this.knex<ImportRow>('finops_imports')
      .where({ source_id: sourceId, status: 'succeeded' })
      .orderBy('finished_at', 'desc')
      .first();
    return row && toImport(row);
  }

  async saveDirectoryManifest(importId: string, manifest: DirectoryManifest): Promise<void> {
    await this.knex('finops_imports')
      .where({ id: importId, status: 'succeeded' })
      .update({ directory_manifest: JSON.stringify(manifest) });
  }

  async directoryManifest(importId: string): Promise<DirectoryManifest | undefined> {
    const row = await this.knex('finops_imports').select('directory_manifest').where({ id: importId }).first();
    return row?.directory_manifest ? JSON.parse(row.directory_manifest) : undefined;
  }

  async stageDailyCosts(importId: string, dailyCosts: Iterable<DailyCost>): Promise<void> {
    const writer = this.writerOf(importId);
    if (writer) {
      await writer.stageDailyCosts(importId, [...dailyCosts]);
      return;
    }
    let counts = this.stagedCounts.get(importId);
    if (!counts) {
      counts = new StagedCounts();
      this.stagedCounts.set(importId, counts);
    }
    await bulkInsert(this.knex, 'finops_import_staging', STAGING_COLUMNS, stagingRows(importId, dailyCosts, counts)).catch(error => {
      throw withoutStatement(error);
    });
  }

  async discardStaged(importId: string): Promise<void> {
    const writer = this.writers.get(importId);
    if (writer) {
      this.writers.delete(importId);
      try {
        await writer.discardStaged(importId);
      } finally {
        await writer.close();
      }
      return;
    }
    this.stagedCounts.delete(importId);
    await this.deleteInParts('finops_import_staging', rows => rows.where('import_id', importId));
  }

  async discardAbandonedStaging(): Promise<void> {
    await this.deleteInParts('finops_import_staging', rows =>
      rows.whereNotIn('import_id', this.knex('finops_imports').select('id').whereIn('status', ['queued', 'running'])),
    );
    // Generations that no slice points at and no running import still writes: superseded, or left by a crash.
    const orphans = await this.knex('finops_slice_generations as g')
      .join('finops_imports as i', 'i.id', 'g.import_id')
      .whereNull('g.retired_at')
      .whereNotIn('i.status', ['queued', 'running'])
      .whereNotIn('g.id', this.knex('finops_slices').select('generation').whereNotNull('generation'))
      .pluck('g.id');
    await this.retireGenerations(orphans.map(Number));
  }

  /**
   * Writes the staged rows as new generations of the slices, in parts that
   * each take a short statement, checks them against the input's totals, and
   * then, in one small transaction, makes them the generations reads see.
   * Until that commit, reads see the previous generations; after it, the
   * previous rows are deleted in parts. Nothing holds the database for long.
   */
  async replaceSlices(replacement: SliceReplacement): Promise<void> {
    const writer = this.writerOf(replacement.importId);
    if (writer) {
      await writer.replaceSlices(replacement);
      return;
    }
    const { importId, sourceId, billingPeriods } = replacement;
    await this.upsertCostKeys(replacement.keys);
    const generations = await this.allocateGenerations(importId, sourceId, billingPeriods);
    let superseded: number[];
    try {
      const parts = (this.stagedCounts.get(importId) ?? (await this.countStaged(importId))).chunks(CHUNK_ROWS);
      const stored = new Map<string, SliceFigures>();
      for (const part of parts) {
        const partStartedAt = performance.now();
        const generation = generations.get(part.billingPeriod);
        if (generation === undefined) {
          throw new Error(`staged rows of billing period ${part.billingPeriod} are not among the periods replaced`);
        }
        await this.writeChunk(importId, sourceId, generation, part);
        await this.addChunkFigures(stored, generation, part);
        await this.restAfter(partStartedAt);
      }
      assertReconciled(replacement.totals, [...stored.values()]);
      superseded = await this.commitGenerations(replacement, generations, stored);
    } catch (error) {
      // Not committed: the new generations were never read; delete them (the sweep does, if this fails).
      await this.retireGenerations([...generations.values()]).catch(() => {});
      throw withoutStatement(error);
    }
    // Committed: what it superseded goes. A failure here leaves rows no read sees, for the sweep.
    await this.retireGenerations(superseded).catch(() => {});
  }

  private async allocateGenerations(importId: string, sourceId: string, billingPeriods: string[]) {
    const generations = new Map<string, number>();
    const createdAt = now();
    for (const period of billingPeriods) {
      const [row] = await this.knex('finops_slice_generations')
        .insert({ import_id: importId, source_id: sourceId, billing_period: period, created_at: createdAt })
        .returning('id');
      generations.set(period, Number(typeof row === 'object' ? row.id : row));
    }
    return generations;
  }

  /** Counts staged rows when this process did not stage them itself. */
  private async countStaged(importId: string): Promise<StagedCounts> {
    const counts = new StagedCounts();
    const rows = await this.knex('finops_import_staging')
      .select('billing_period', 'usage_date', 'bucket')
      .count({ rows: '*' })
      .where('import_id', importId)
      .groupBy('billing_period', 'usage_date', 'bucket');
    for (const row of rows as Array<Record<string, string | number>>) {
      counts.add(String(row.billing_period), String(row.usage_date), Number(row.bucket), Number(row.rows));
    }
    return counts;
  }

  private async writeChunk(importId: string, sourceId: string, generation: number, part: StagedChunk) {
    const grouped = `SELECT k.id AS cost_key_id, s.bucket, ${DAILY_DIMENSIONS.map(d => `s.${d}`).join(', ')}, ${plainLimbSums('s').join(', ')}
      FROM finops_import_staging s JOIN finops_cost_keys k ON k.key_hash = s.key_hash
      WHERE s.import_id = ? AND s.billing_period = ? AND s.usage_date = ? AND s.bucket BETWEEN ? AND ?
      GROUP BY k.id, s.bucket, ${DAILY_DIMENSIONS.map(d => `s.${d}`).join(', ')}`;
    const columns = ['cost_key_id', 'bucket', ...DAILY_DIMENSIONS];
    await this.knex.raw(
      `INSERT INTO finops_daily_costs (generation, source_id, ${columns.join(', ')}, ${ALL_LIMB_COLUMNS.join(', ')})
       SELECT ?, ?, ${columns.join(', ')}, ${ALL_LIMB_COLUMNS.join(', ')} FROM (${carriedLimbsSelect(grouped, columns)}) c`,
      [generation, sourceId, importId, part.billingPeriod, part.usageDate, part.firstBucket, part.lastBucket],
    );
  }

  /** Adds what a written part holds to the figures of its slice, per currency. */
  private async addChunkFigures(figures: Map<string, SliceFigures>, generation: number, part: StagedChunk) {
    const rows = await this.knex('finops_daily_costs as d')
      .select('d.currency')
      .count({ rows: '*' })
      .min({ first: 'd.usage_date' })
      .select(...METRICS.flatMap(m => limbSumSelects(m, 'd')).map(sql => this.knex.raw(sql)))
      .where('d.generation', generation)
      .where('d.usage_date', part.usageDate)
      .whereBetween('d.bucket', [part.firstBucket, part.lastBucket])
      .groupBy('d.currency');
    for (const row of rows as Array<Record<string, unknown>>) {
      const id = `${part.billingPeriod}/${row.currency}`;
      const figure = figures.get(id) ?? {
        billingPeriod: part.billingPeriod,
        currency: String(row.currency),
        rows: 0,
        effectiveCost: 0n,
        billedCost: 0n,
        listCost: 0n,
        firstUsageDate: part.usageDate,
        lastUsageDate: part.usageDate,
      };
      figure.rows += Number(row.rows);
      figure.effectiveCost += sumFromRow(row, 'effective');
      figure.billedCost += sumFromRow(row, 'billed');
      figure.listCost += sumFromRow(row, 'list');
      figure.firstUsageDate = figure.firstUsageDate < part.usageDate ? figure.firstUsageDate : part.usageDate;
      figure.lastUsageDate = figure.lastUsageDate > part.usageDate ? figure.lastUsageDate : part.usageDate;
      figures.set(id, figure);
    }
  }

  /**
   * Points the slices at their new generations and marks the import
   * succeeded, in one transaction; returns the generations it superseded.
   * Imports to one source take their turn here (a transaction-scoped
   * advisory lock on PostgreSQL; SQLite has one writer), and a slice is
   * never handed back to an import older than the one that holds it.
   */
  private async commitGenerations(
    replacement: SliceReplacement,
    generations: Map<string, number>,
    stored: Map<string, SliceFigures>,
  ): Promise<number[]> {
    const { importId, sourceId, billingPeriods } = replacement;
    return this.knex.transaction(async tx => {
      if (tx.client.config.client === 'pg') {
        await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`finops-slices:${sourceId}`]);
      } else {
        // Write first, so the transaction holds SQLite's write lock before it reads: a read
        // first would fail (SQLITE_BUSY) if another connection wrote before its first write.
        await tx('finops_imports').where({ id: importId }).update({ heartbeat_at: now() });
      }
      const self = await tx('finops_imports').select('created_at').where({ id: importId }).first();
      const held = new Map<string, { generation: number | null; createdAt: string | null }>();
      for (const periods of chunk(billingPeriods, IN_BATCH)) {
        const rows = await tx('finops_slices as s')
          .leftJoin('finops_imports as i', 'i.id', 's.import_id')
          .select('s.billing_period', 's.generation', 'i.created_at')
          .where('s.source_id', sourceId)
          .whereIn('s.billing_period', periods);
        for (const row of rows) {
          held.set(row.billing_period, { generation: row.generation, createdAt: row.created_at ?? null });
        }
      }
      const replaced = billingPeriods.filter(period => {
        const holder = held.get(period);
        return !holder || !holder.createdAt || !self || holder.createdAt <= self.created_at;
      });
      const superseded = replaced.map(period => held.get(period)?.generation).filter((g): g is number => !!g);
      for (const periods of chunk(replaced, IN_BATCH)) {
        await tx('finops_slices').where('source_id', sourceId).whereIn('billing_period', periods).delete();
      }
      const importedAt = now();
      for (const period of replaced) {
        const totals = replacement.totals.filter(t => t.billingPeriod === period);
        const figures = [...stored.values()].filter(f => f.billingPeriod === period);
        await tx('finops_slices').insert({
          source_id: sourceId,
          billing_period: period,
          import_id: importId,
          generation: generations.get(period),
          source_rows: totals.reduce((sum, t) => sum + t.rows, 0),
          daily_rows: figures.reduce((sum, f) => sum + f.rows, 0),
          first_usage_date: figures.map(f => f.firstUsageDate).sort()[0] ?? null,
          last_usage_date: figures.map(f => f.lastUsageDate).sort().reverse()[0] ?? null,
          totals: JSON.stringify(
            Object.fromEntries(
              totals.map(t => [
                t.currency,
                {
                  EffectiveCost: formatDecimal(t.effectiveCost),
                  BilledCost: formatDecimal(t.billedCost),
                  ListCost: formatDecimal(t.listCost),
                },
              ]),
            ),
          ),
          imported_at: importedAt,
        });
      }
      // Generations of periods a newer import holds were written for nothing.
      superseded.push(...billingPeriods.filter(p => !replaced.includes(p)).map(p => generations.get(p)!));
      await tx('finops_imports')
        .where({ id: importId })
        .update({
          status: 'succeeded',
          billing_periods: JSON.stringify(replaced),
          finished_at: importedAt,
          error: null,
        });
      return superseded;
    });
  }

  /** Deletes the daily rows of generations no read sees any more, a part at a time. */
  private async retireGenerations(generations: number[]): Promise<void> {
    for (const generation of generations) {
      await this.deleteInParts('finops_daily_costs', rows => rows.where('generation', generation));
      await this.knex('finops_slice_generations').where('id', generation).update({ retired_at: now() });
    }
  }

  /**
   * Deletes the rows `select` picks, DELETE_ROWS per statement, so that no
   * single statement holds SQLite (and the event loop) for long.
   */
  private async deleteInParts(table: string, select: (rows: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<void> {
    const rowId = this.knex.client.config.client === 'pg' ? 'ctid' : 'rowid';
    for (;;) {
      const partStartedAt = performance.now();
      const deleted = await this.knex(table)
        .whereIn(rowId, select(this.knex(table).select(rowId)).limit(DELETE_ROWS))
        .delete();
      if (deleted < DELETE_ROWS) {
        return;
      }
      await this.restAfter(partStartedAt);
    }
  }

  private async upsertCostKeys(keys: SliceReplacement['keys']): Promise<void> {
    // Outside the replacing transaction: a key without daily rows is harmless, and keys are never deleted.
    for (const group of chunk(keys, KEY_BATCH)) {
      await this.knex('finops_cost_keys')
        .insert(
          group.map(key => ({
            key_hash: key.hash,
            tags: key.tagsJson,
            billing_account_id: key.billingAccountId,
            sub_account_id: key.subAccountId,
            entity_ref: key.entityRef,
            rule: key.rule,
            rule_detail: key.detail,
          })),
        )
        .onConflict('key_hash')
        .ignore();
    }
  }

  async listSlices(): Promise<StoredSlice[]> {
    const rows = await this.knex('finops_slices')
      .select('source_id', 'billing_period', 'import_id', 'imported_at', 'first_usage_date', 'last_usage_date')
      .orderBy(['source_id', 'billing_period']);
    return rows.map(row => ({
      sourceId: row.source_id,
      billingPeriod: row.billing_period,
      importId: row.import_id,
      importedAt: row.imported_at,
      firstUsageDate: row.first_usage_date ?? null,
      lastUsageDate: row.last_usage_date ?? null,
    }));
  }

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
          .whereIn('generation', this.currentGenerations()),
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

  /** The generations reads see: one per stored slice. */
  private currentGenerations() {
    return this.knex('finops_slices').select('generation');
  }

  private costQuery(filter: CostFilter, groupBy: CostDimension[]) {
    const prefix = METRIC_PREFIX[filter.metric];
    const columns = ['d.currency', ...groupBy.flatMap(dimension => DIMENSION_COLUMNS[dimension])];
    const query = this.knex('finops_daily_costs as d')
      .join('finops_cost_keys as k', 'k.id', 'd.cost_key_id')
      .select(columns)
      .select(limbSumSelects(prefix, 'd', 'amount').map(sql => this.knex.raw(sql)))
      .where('d.usage_date', '>=', filter.from)
      .where('d.usage_date', '<', filter.to)
      .whereIn('d.generation', this.currentGenerations())
      .groupBy(columns);
    if (filter.entityRefs === null) {
      query.whereNull('k.entity_ref');
    } else if (filter.entityRefs) {
      query.whereIn('k.entity_ref', filter.entityRefs);
    }
    if (filter.costKeyIds) {
      query.whereIn('d.cost_key_id', filter.costKeyIds);
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
    amount: sumFromRow(row, 'amount'),
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

function* stagingRows(importId: string, dailyCosts: Iterable<DailyCost>, counts: StagedCounts): IterableIterator<Knex.Value[]> {
  for (const daily of dailyCosts) {
    const bucket = bucketOf(daily.keyHash, daily.resourceId);
    counts.add(daily.billingPeriod, daily.usageDate, bucket);
    let limbs: number[];
    try {
      limbs = [...toLimbs(daily.effectiveCost), ...toLimbs(daily.billedCost), ...toLimbs(daily.listCost)];
    } catch (error) {
      throw new Error(`The cost of ${daily.resourceId || 'a resource'} on ${daily.usageDate} sums to more than can be stored: ${(error as Error).message}`);
    }
    yield [
      importId,
      daily.billingPeriod,
      daily.usageDate,
      bucket,
      daily.keyHash,
      daily.providerName,
      daily.serviceName,
      daily.serviceCategory,
      daily.regionId,
      daily.resourceId,
      daily.chargeCategory,
      daily.currency,
      ...limbs,
    ];
  }
}

function toCostKey(row: Record<string, any>): StoredCostKey {
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

function toImport(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    sourceId: row.source_id,
    fileName: row.file_name,
    status: row.status,
    fingerprint: row.fingerprint,
    bytesTotal: row.bytes_total === null ? null : Number(row.bytes_total),
    bytesRead: Number(row.bytes_read),
    rowsRead: Number(row.rows_read),
    billingPeriods: row.billing_periods ? JSON.parse(row.billing_periods) : [],
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

function now(): string {
  return new Date().toISOString();
}
