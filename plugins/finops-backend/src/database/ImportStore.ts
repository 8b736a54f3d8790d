import { Knex } from 'knex';
import type { ApiRequestUsage, DirectoryManifest, ImportKind, ImportRecord, ImportStatus } from '../core';
import { now } from './knexSupport';

/** Imports and what is recorded about them: status, progress, liveness, directory listings. */
export interface ImportStore {
  createImport(input: {
    id: string;
    sourceId: string;
    fileName: string;
    bytesTotal?: number;
    fingerprint?: string;
    /** Default `costs`. */
    kind?: ImportKind;
  }): Promise<ImportRecord>;
  startImport(id: string): Promise<void>;
  updateImportProgress(id: string, progress: { bytesRead: number; rowsRead: number }): Promise<void>;
  /** Records the provider API calls an import has made so far. */
  updateImportApiRequests(id: string, usage: ApiRequestUsage): Promise<void>;
  failImport(id: string, error: string): Promise<void>;
  /** Records that the process holding these queued or running imports is alive. */
  heartbeat(ids: string[]): Promise<void>;
  /**
   * Marks queued or running imports whose last sign of life is older than
   * `staleBefore` (ISO time) as failed: their process died.
   */
  failAbandonedImports(reason: string, staleBefore: string): Promise<number>;
  getImport(id: string): Promise<ImportRecord | undefined>;
  listImports(limit: number): Promise<ImportRecord[]>;
  /** The newest import of a source, whatever its status. */
  lastImport(sourceId: string): Promise<ImportRecord | undefined>;
  /** The newest successful import of a source, if any. */
  lastSucceededImport(sourceId: string): Promise<ImportRecord | undefined>;
  /** Records, after it succeeded, the directory listing an import stood for. */
  saveDirectoryManifest(importId: string, manifest: DirectoryManifest): Promise<void>;
  /** The listing a directory import recorded; undefined for other imports and for those that did not get to record it. */
  directoryManifest(importId: string): Promise<DirectoryManifest | undefined>;
}

type ImportRow = {
  id: string;
  source_id: string;
  file_name: string;
  kind: ImportKind;
  status: ImportStatus;
  fingerprint: string | null;
  bytes_total: string | number | null;
  bytes_read: string | number;
  rows_read: string | number;
  billing_periods: string | null;
  error: string | null;
  api_requests: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

/** {@link ImportStore} on knex, for SQLite and PostgreSQL alike. */
export class KnexImportStore implements ImportStore {
  constructor(private readonly knex: Knex) {}

  async createImport(input: {
    id: string;
    sourceId: string;
    fileName: string;
    bytesTotal?: number;
    fingerprint?: string;
    kind?: ImportKind;
  }): Promise<ImportRecord> {
    await this.knex('finops_imports').insert({
      id: input.id,
      source_id: input.sourceId,
      file_name: input.fileName,
      kind: input.kind ?? 'costs',
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

  async updateImportApiRequests(id: string, usage: ApiRequestUsage) {
    await this.knex('finops_imports').where({ id }).update({ api_requests: JSON.stringify(usage) });
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
}

function toImport(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    sourceId: row.source_id,
    fileName: row.file_name,
    kind: row.kind,
    status: row.status,
    fingerprint: row.fingerprint,
    bytesTotal: row.bytes_total === null ? null : Number(row.bytes_total),
    bytesRead: Number(row.bytes_read),
    rowsRead: Number(row.rows_read),
    billingPeriods: row.billing_periods ? JSON.parse(row.billing_periods) : [],
    error: row.error,
    apiRequests: row.api_requests ? JSON.parse(row.api_requests) : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
