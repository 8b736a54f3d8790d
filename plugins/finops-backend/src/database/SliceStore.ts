import { Knex } from 'knex';
import { formatDecimal, toLimbs } from '@backstage-finops/plugin-finops-common';
import { bulkInsert, PgColumnType } from './bulkInsert';
import { bucketOf, StagedChunk, StagedCounts } from './chunkPlan';
import { SqliteWriterThread, sqliteFileOf } from './sqliteWriterThread';
import { ALL_LIMB_COLUMNS, carriedLimbsSelect, limbSumSelects, METRICS, plainLimbSums, sumFromRow } from './limbSql';
import { chunk, IN_BATCH, now, withoutStatement } from './knexSupport';
import { type Attribution, type CostKey, type DailyCost, type PeriodTotals, type StagedUsage, type StoredSlice, USAGE_KIND_FIELDS, type UsageKind } from '../core';

/** The slices an import replaces; its daily costs are staged beforehand. */
export interface SliceReplacement {
  importId: string;
  sourceId: string;
  billingPeriods: string[];
  /** Every key the staged daily costs use; new ones are stored with this attribution. */
  keys: Array<CostKey & Attribution>;
  /** Exact totals of the input, which the stored slices must reconcile to. */
  totals: PeriodTotals[];
}

/** The writes of one import, which a writer thread can take over. */
export interface ImportWrites {
  /** Stores partial daily aggregates of an import in progress; the same day and key may come again. */
  stageDailyCosts(importId: string, dailyCosts: Iterable<DailyCost>): Promise<void>;
  /** Stores partial sums of an import's usage facts, and the kinds they refer to; no read sees the facts until the import's slices are replaced. */
  stageUsage(importId: string, kinds: UsageKind[], usage: Iterable<StagedUsage>): Promise<void>;
  /**
   * Replaces every daily cost of the source in the given billing periods
   * with the sums of what the import staged, checks that the stored slices
   * reconcile exactly with `totals`, records the slices, and marks the
   * import succeeded, all at one commit; the staged usage facts become
   * visible at that commit too. On any error nothing changes.
   */
  replaceSlices(replacement: SliceReplacement): Promise<void>;
  /** Deletes what an import staged. */
  discardStaged(importId: string): Promise<void>;
}

/** Cost slices (a source's billing period): staging, replacement, reconciliation and their listing. */
export interface SliceStore extends ImportWrites {
  /** Deletes what finished or failed imports left staged (after a crash). */
  discardAbandonedStaging(): Promise<void>;
  /** Every stored slice, by source and billing period. */
  listSlices(): Promise<StoredSlice[]>;
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

/** Fails the replacement unless the summary rows add up to the daily rows they summarize. */
function assertSummarized(stored: SliceFigures[], summary: PeriodTotals[]) {
  const describe = (t: PeriodTotals) =>
    `${t.billingPeriod} ${t.currency} ${formatDecimal(t.effectiveCost)}/${formatDecimal(t.billedCost)}/${formatDecimal(t.listCost)}`;
  const want = stored.map(describe).sort();
  const got = summary.map(describe).sort();
  if (want.join('\n') !== got.join('\n')) {
    throw new Error(`The daily summary does not add up to the stored rows (stored ${want.join('; ')}, summary ${got.join('; ')}); nothing was replaced`);
  }
}

/** The columns of a summary row besides its sums (finops_daily_key_costs). */
const SUMMARY_DIMENSIONS = ['generation', 'source_id', 'usage_date', 'cost_key_id', 'provider', 'service_category', 'currency'];

/** Cost keys per insert. */
const KEY_BATCH = 500;
/**
 * Staged rows summed into daily rows per statement: about 20 ms on SQLite,
 * the longest the backend's own writes wait behind an import's writer thread.
 */
const CHUNK_ROWS = 500;
/** Rows deleted per statement. */
const DELETE_ROWS = 1_000;

/** The columns that, with the cost key, make a daily row. */
const DAILY_DIMENSIONS = ['billing_period', 'usage_date', 'provider', 'service_name', 'service_category', 'region_id', 'resource_id', 'charge_category', 'currency'];

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
] as const satisfies ReadonlyArray<{ name: string; pgType: PgColumnType }>;

/** The usage facts' columns, in the order staged facts list them. */
const USAGE_COLUMNS = [
  { name: 'import_id', pgType: 'text' },
  { name: 'billing_period', pgType: 'text' },
  { name: 'usage_date', pgType: 'text' },
  { name: 'key_hash', pgType: 'text' },
  { name: 'kind_hash', pgType: 'text' },
  { name: 'resource_id', pgType: 'text' },
  { name: 'consumed_quantity', pgType: 'double precision' },
  { name: 'pricing_quantity', pgType: 'double precision' },
  { name: 'billed_seconds', pgType: 'bigint' },
  { name: 'effective_atto', pgType: 'text' },
  { name: 'billed_atto', pgType: 'text' },
  { name: 'list_atto', pgType: 'text' },
] as const satisfies ReadonlyArray<{ name: string; pgType: PgColumnType }>;

/** The columns of a usage kind besides its hash, by field. */
const USAGE_KIND_COLUMNS: Record<(typeof USAGE_KIND_FIELDS)[number], string> = {
  providerName: 'provider',
  serviceName: 'service_name',
  serviceCategory: 'service_category',
  regionId: 'region_id',
  chargeCategory: 'charge_category',
  currency: 'currency',
  usageType: 'usage_type',
  operation: 'operation',
  skuMeter: 'sku_meter',
  skuPriceDetails: 'sku_price_details',
  chargeDescription: 'charge_description',
  resourceType: 'resource_type',
  pricingCategory: 'pricing_category',
  commitmentDiscountId: 'commitment_discount_id',
  commitmentDiscountType: 'commitment_discount_type',
  commitmentDiscountStatus: 'commitment_discount_status',
  consumedUnit: 'consumed_unit',
  pricingUnit: 'pricing_unit',
};

/**
 * {@link SliceStore} on knex, for SQLite and PostgreSQL alike. On a SQLite
 * file each import writes through a {@link SqliteWriterThread}.
 */
export class KnexSliceStore implements SliceStore {
  /** Staged rows per day and bucket of the imports this process stages, to cut the write into parts. */
  private readonly stagedCounts = new Map<string, StagedCounts>();
  /** The writer thread of each running import, on a SQLite file. */
  private readonly writers = new Map<string, SqliteWriterThread>();
  private readonly sqliteFile: ReturnType<typeof sqliteFileOf>;

  /** `writerThread` marks the store a writer thread runs, which writes itself. */
  constructor(private readonly knex: Knex, private readonly options: { writerThread?: boolean } = {}) {
    this.sqliteFile = options.writerThread ? undefined : sqliteFileOf(knex);
  }

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
    if (this.options.writerThread) {
      return;
    }
    if (this.knex.client.config.client === 'better-sqlite3') {
      const took = performance.now() - partStartedAt;
      await new Promise(resolve => setTimeout(resolve, Math.min(took, 100)));
    } else {
      await new Promise(resolve => setImmediate(resolve));
    }
  }

  async stageDailyCosts(importId: string, dailyCosts: Iterable<DailyCost>): Promise<void> {
    const writer = this.writerOf(importId);
    if (writer) {
      await writer.stageDailyCosts(importId, dailyCosts);
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

  async stageUsage(importId: string, kinds: UsageKind[], usage: Iterable<StagedUsage>): Promise<void> {
    const writer = this.writerOf(importId);
    if (writer) {
      await writer.stageUsage(importId, kinds, usage);
      return;
    }
    // Outside any transaction: a kind without facts is harmless, and kinds are never deleted.
    for (const group of chunk(kinds, KEY_BATCH)) {
      await this.knex('finops_usage_kinds')
        .insert(
          group.map(kind => ({
            kind_hash: kind.hash,
            ...Object.fromEntries(USAGE_KIND_FIELDS.map(field => [USAGE_KIND_COLUMNS[field], kind[field]])),
          })),
        )
        .onConflict('kind_hash')
        .ignore();
    }
    await bulkInsert(this.knex, 'finops_usage_facts', USAGE_COLUMNS, usageRows(importId, usage)).catch(error => {
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
    // Facts of the periods the import did not come to hold: it failed, or a newer import holds them.
    await this.deleteInParts('finops_usage_facts', rows =>
      rows.where('import_id', importId).whereNotIn('billing_period', this.knex('finops_slices').select('billing_period').where('import_id', importId)),
    );
  }

  async discardAbandonedStaging(): Promise<void> {
    const running = this.knex('finops_imports').select('id').whereIn('status', ['queued', 'running']);
    await this.deleteInParts('finops_import_staging', rows => rows.whereNotIn('import_id', running));
    await this.deleteInParts('finops_usage_facts', rows =>
      rows.whereNotIn('import_id', running).whereNotExists(slice =>
        slice
          .select(this.knex.raw('1'))
          .from('finops_slices as s')
          .whereRaw('s.import_id = finops_usage_facts.import_id AND s.billing_period = finops_usage_facts.billing_period'),
      ),
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
      let day: { generation: number; usageDate: string } | undefined;
      for (const part of parts) {
        const partStartedAt = performance.now();
        const generation = generations.get(part.billingPeriod);
        if (generation === undefined) {
          throw new Error(`staged rows of billing period ${part.billingPeriod} are not among the periods replaced`);
        }
        // Parts come day by day: a day's summary is written once its last part is.
        if (day && (day.generation !== generation || day.usageDate !== part.usageDate)) {
          await this.summarizeDay(day.generation, day.usageDate);
        }
        day = { generation, usageDate: part.usageDate };
        await this.writeChunk(importId, sourceId, generation, part);
        await this.addChunkFigures(stored, generation, part);
        await this.restAfter(partStartedAt);
      }
      if (day) {
        await this.summarizeDay(day.generation, day.usageDate);
      }
      assertReconciled(replacement.totals, [...stored.values()]);
      assertSummarized([...stored.values()], await this.summaryFigures(generations));
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

  /** Writes the summary rows of one day of a generation from its daily rows. */
  private async summarizeDay(generation: number, usageDate: string) {
    const startedAt = performance.now();
    await this.knex.raw(
      `INSERT INTO finops_daily_key_costs (${[...SUMMARY_DIMENSIONS, ...ALL_LIMB_COLUMNS].join(', ')})
       SELECT ${[...SUMMARY_DIMENSIONS, ...ALL_LIMB_COLUMNS.map(column => `SUM(${column})`)].join(', ')}
       FROM finops_daily_costs WHERE generation = ? AND usage_date = ?
       GROUP BY ${SUMMARY_DIMENSIONS.join(', ')}`,
      [generation, usageDate],
    );
    await this.restAfter(startedAt);
  }

  /** What the summary rows of each new generation add up to, per billing period and currency. */
  private async summaryFigures(generations: Map<string, number>): Promise<PeriodTotals[]> {
    const periodOf = new Map([...generations.entries()].map(([period, generation]) => [generation, period]));
    const figures: PeriodTotals[] = [];
    for (const part of chunk([...periodOf.keys()], IN_BATCH)) {
      const rows = await this.knex('finops_daily_key_costs as d')
        .select('d.generation', 'd.currency')
        .select(...METRICS.flatMap(m => limbSumSelects(m, 'd')).map(sql => this.knex.raw(sql)))
        .whereIn('d.generation', part)
        .groupBy('d.generation', 'd.currency');
      for (const row of rows as Array<Record<string, unknown>>) {
        figures.push({
          billingPeriod: periodOf.get(Number(row.generation))!,
          currency: String(row.currency),
          rows: 0,
          effectiveCost: sumFromRow(row, 'effective'),
          billedCost: sumFromRow(row, 'billed'),
          listCost: sumFromRow(row, 'list'),
        });
      }
    }
    return figures;
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

  /** Deletes the daily, summary and usage rows of generations no read sees any more, a part at a time. */
  private async retireGenerations(generations: number[]): Promise<void> {
    for (const generation of generations) {
      await this.deleteInParts('finops_daily_key_costs', rows => rows.where('generation', generation));
      await this.deleteInParts('finops_daily_costs', rows => rows.where('generation', generation));
      const slice = await this.knex('finops_slice_generations').select('import_id', 'billing_period').where('id', generation).first();
      if (slice) {
        await this.deleteInParts('finops_usage_facts', rows => rows.where({ import_id: slice.import_id, billing_period: slice.billing_period }));
      }
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

function* usageRows(importId: string, usage: Iterable<StagedUsage>): IterableIterator<Knex.Value[]> {
  for (const fact of usage) {
    yield [
      importId,
      fact.billingPeriod,
      fact.usageDate,
      fact.keyHash,
      fact.kindHash,
      fact.resourceId,
      fact.consumedQuantity,
      fact.pricingQuantity,
      Math.round(fact.billedSeconds),
      fact.effectiveCost.toString(),
      fact.billedCost.toString(),
      fact.listCost.toString(),
    ];
  }
}
