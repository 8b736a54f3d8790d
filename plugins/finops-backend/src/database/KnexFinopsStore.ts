import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { formatDecimal, joinMoney, splitMoney } from '@backstage-finops/plugin-finops-common';
import type { Attribution, AttributionRule } from '../attribution/attributeCostKey';
import { bulkInsert } from './bulkInsert';
import type { DailyCost } from '../ingest/DailyAggregator';
import type { DirectoryManifest } from '../ingest/directoryPlan';
import type {
  CostDimension,
  CostFilter,
  CostSum,
  FinopsStore,
  ImportRecord,
  ImportStatus,
  SliceReplacement,
  StoredCostKey,
  StoredSlice,
} from './FinopsStore';

const migrationsDir = resolvePackagePath('@backstage-finops/plugin-finops-backend', 'migrations');

/** Applies the plugin's migrations. */
export async function migrateFinopsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir, tableName: 'finops_knex_migrations' });
}

/** Reverts every migration; used by the migration tests. */
export async function rollbackFinopsDatabase(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: migrationsDir, tableName: 'finops_knex_migrations' }, true);
}

/**
 * Fails the replacement unless what was stored equals the input's totals
 * exactly, per billing period and currency, for every cost column.
 */
function assertReconciled(
  expected: SliceReplacement['totals'],
  stored: Array<{ billingPeriod: string; currency: string; effectiveCost: bigint; billedCost: bigint; listCost: bigint }>,
) {
  const describe = (t: { billingPeriod: string; currency: string; effectiveCost: bigint; billedCost: bigint; listCost: bigint }) =>
    `${t.billingPeriod} ${t.currency} ${formatDecimal(t.effectiveCost)}/${formatDecimal(t.billedCost)}/${formatDecimal(t.listCost)}`;
  const want = expected.map(describe).sort();
  const got = stored.map(describe).sort();
  if (want.join('\n') !== got.join('\n')) {
    throw new Error(`Stored slices do not reconcile with the input (expected ${want.join('; ')}, stored ${got.join('; ')}); nothing was replaced`);
  }
}

/** Daily rows handed to one bulk insert. */
const KEY_BATCH = 500;
const IN_BATCH = 900;

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
  { name: 'key_hash', pgType: 'text' },
  { name: 'provider', pgType: 'text' },
  { name: 'service_name', pgType: 'text' },
  { name: 'service_category', pgType: 'text' },
  { name: 'region_id', pgType: 'text' },
  { name: 'resource_id', pgType: 'text' },
  { name: 'charge_category', pgType: 'text' },
  { name: 'currency', pgType: 'text' },
  ...['effective', 'billed', 'list'].flatMap(metric => [
    { name: `${metric}_nanos`, pgType: 'bigint' as const },
    { name: `${metric}_attos`, pgType: 'bigint' as const },
  ]),
] as const satisfies ReadonlyArray<{ name: string; pgType: 'text' | 'bigint' | 'integer' }>;

/** {@link FinopsStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexFinopsStore implements FinopsStore {
  static async create(knex: Knex, options: { skipMigrations?: boolean } = {}) {
    if (!options.skipMigrations) {
      await migrateFinopsDatabase(knex);
    }
    return new KnexFinopsStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

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
    await bulkInsert(this.knex, 'finops_import_staging', STAGING_COLUMNS, stagingRows(importId, dailyCosts));
  }

  async discardStaged(importId: string): Promise<void> {
    await this.knex('finops_import_staging').where('import_id', importId).delete();
  }

  async discardAbandonedStaging(): Promise<void> {
    await this.knex('finops_import_staging')
      .whereNotIn('import_id', this.knex('finops_imports').select('id').whereIn('status', ['queued', 'running']))
      .delete();
  }

  async replaceSlices(replacement: SliceReplacement): Promise<void> {
    const { importId, sourceId, billingPeriods } = replacement;
    await this.knex.transaction(async tx => {
      await this.upsertCostKeys(tx, replacement.keys);
      for (const periods of chunk(billingPeriods, IN_BATCH)) {
        await tx('finops_daily_costs').where('source_id', sourceId).whereIn('billing_period', periods).delete();
        await tx('finops_slices').where('source_id', sourceId).whereIn('billing_period', periods).delete();
      }
      const dimensions = ['billing_period', 'usage_date', 'provider', 'service_name', 'service_category', 'region_id', 'resource_id', 'charge_category', 'currency'];
      const sums = ['effective', 'billed', 'list'].flatMap(m => [`${m}_nanos`, `${m}_attos`]);
      await tx.raw(
        `INSERT INTO finops_daily_costs (source_id, cost_key_id, ${dimensions.join(', ')}, ${sums.join(', ')})
         SELECT ?, k.id, ${dimensions.map(d => `s.${d}`).join(', ')}, ${sums.map(c => `SUM(s.${c})`).join(', ')}
         FROM finops_import_staging s JOIN finops_cost_keys k ON k.key_hash = s.key_hash
         WHERE s.import_id = ?
         GROUP BY k.id, ${dimensions.map(d => `s.${d}`).join(', ')}`,
        [sourceId, importId],
      );
      const stored = await this.sliceFigures(tx, sourceId, billingPeriods);
      assertReconciled(replacement.totals, stored);
      const importedAt = now();
      for (const period of billingPeriods) {
        const totals = replacement.totals.filter(t => t.billingPeriod === period);
        await tx('finops_slices').insert({
          source_id: sourceId,
          billing_period: period,
          import_id: importId,
          source_rows: totals.reduce((sum, t) => sum + t.rows, 0),
          daily_rows: stored.filter(f => f.billingPeriod === period).reduce((sum, f) => sum + f.rows, 0),
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
      await tx('finops_imports')
        .where({ id: importId })
        .update({
          status: 'succeeded',
          billing_periods: JSON.stringify(billingPeriods),
          finished_at: importedAt,
          error: null,
        });
    });
  }

  /** Exact totals and row counts of the stored slices, per period and currency. */
  private async sliceFigures(tx: Knex.Transaction, sourceId: string, billingPeriods: string[]) {
    const figures: Array<{ billingPeriod: string; currency: string; rows: number; effectiveCost: bigint; billedCost: bigint; listCost: bigint }> = [];
    for (const periods of chunk(billingPeriods, IN_BATCH)) {
      const rows = await tx('finops_daily_costs')
        .select('billing_period', 'currency')
        .count({ rows: '*' })
        .select(
          ...['effective', 'billed', 'list'].flatMap(m => [
            tx.raw(`CAST(SUM(${m}_nanos) AS TEXT) AS ${m}_nanos`),
            tx.raw(`CAST(SUM(${m}_attos) AS TEXT) AS ${m}_attos`),
          ]),
        )
        .where('source_id', sourceId)
        .whereIn('billing_period', periods)
        .groupBy('billing_period', 'currency');
      for (const row of rows as Array<Record<string, any>>) {
        figures.push({
          billingPeriod: row.billing_period,
          currency: row.currency,
          rows: Number(row.rows),
          effectiveCost: joinMoney(String(row.effective_nanos), String(row.effective_attos)),
          billedCost: joinMoney(String(row.billed_nanos), String(row.billed_attos)),
          listCost: joinMoney(String(row.list_nanos), String(row.list_attos)),
        });
      }
    }
    return figures;
  }

  private async upsertCostKeys(tx: Knex.Transaction, keys: SliceReplacement['keys']): Promise<void> {
    for (const group of chunk(keys, KEY_BATCH)) {
      await tx('finops_cost_keys')
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
    const rows = await this.knex('finops_slices as s')
      .leftJoin('finops_daily_costs as d', join =>
        join.on('d.source_id', 's.source_id').andOn('d.billing_period', 's.billing_period'),
      )
      .select('s.source_id', 's.billing_period', 's.import_id', 's.imported_at')
      .min({ first: 'd.usage_date' })
      .max({ last: 'd.usage_date' })
      .groupBy('s.source_id', 's.billing_period', 's.import_id', 's.imported_at')
      .orderBy(['s.source_id', 's.billing_period']);
    return (rows as Array<Record<string, string | null>>).map(row => ({
      sourceId: row.source_id!,
      billingPeriod: row.billing_period!,
      importId: row.import_id!,
      importedAt: row.imported_at!,
      firstUsageDate: row.first ?? null,
      lastUsageDate: row.last ?? null,
    }));
  }

  async listCostKeys(): Promise<StoredCostKey[]> {
    const rows = await this.knex('finops_cost_keys').select().orderBy('id');
    return rows.map(toCostKey);
  }

  async costKeysForResource(resourceId: string): Promise<StoredCostKey[]> {
    const rows = await this.knex('finops_cost_keys')
      .select()
      .whereIn('id', this.knex('finops_daily_costs').distinct('cost_key_id').where('resource_id', resourceId))
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
    const rows = await this.costQuery(filter, groupBy)
      .orderByRaw(`SUM(d.${prefix}_nanos) DESC`)
      .limit(limit);
    return rows.map(row => toCostSum(row, groupBy));
  }

  private costQuery(filter: CostFilter, groupBy: CostDimension[]) {
    const prefix = METRIC_PREFIX[filter.metric];
    const columns = ['d.currency', ...groupBy.flatMap(dimension => DIMENSION_COLUMNS[dimension])];
    const query = this.knex('finops_daily_costs as d')
      .join('finops_cost_keys as k', 'k.id', 'd.cost_key_id')
      .select(columns)
      .select(
        this.knex.raw(`CAST(SUM(d.${prefix}_nanos) AS TEXT) AS nanos`),
        this.knex.raw(`CAST(SUM(d.${prefix}_attos) AS TEXT) AS attos`),
      )
      .where('d.usage_date', '>=', filter.from)
      .where('d.usage_date', '<', filter.to)
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
    amount: joinMoney(String(row.nanos ?? '0'), String(row.attos ?? '0')),
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

function* stagingRows(importId: string, dailyCosts: Iterable<DailyCost>): IterableIterator<Knex.Value[]> {
  for (const daily of dailyCosts) {
    yield [
      importId,
      daily.billingPeriod,
      daily.usageDate,
      daily.keyHash,
      daily.providerName,
      daily.serviceName,
      daily.serviceCategory,
      daily.regionId,
      daily.resourceId,
      daily.chargeCategory,
      daily.currency,
      ...amountParts(daily.effectiveCost),
      ...amountParts(daily.billedCost),
      ...amountParts(daily.listCost),
    ];
  }
}

function amountParts(amount: bigint): [string, string] {
  const { nanos, attos } = splitMoney(amount);
  return [nanos.toString(), attos.toString()];
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
