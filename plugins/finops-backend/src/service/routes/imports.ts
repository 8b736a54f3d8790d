import { rm } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { InputError, NotFoundError } from '@backstage/errors';
import { finopsSourcesAdminPermission } from '@backstage-finops/plugin-finops-common';
import type { ImportRecord } from '../../core';
import { HttpError, sanitizeFileName, saveUpload, UPLOAD_CONTENT_TYPES, uploadTooLarge } from '../uploads';
import { type AnyRequest, credentialsOf, type FinopsRouter, type RouteContext } from './context';

/** POST /imports (an upload), GET /imports and GET /imports/{id}. */
export function addImportRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, settings, authorization } = context;
  const serverRoots = [...settings.sources.map(source => resolve(source.path)), resolve(context.uploadDir)];

  router.post('/imports', async (req, res) => {
    const sourceId = req.query?.source ?? 'upload';
    const record = await context.audited(req, 'cost-import', { queryType: 'upload', sourceId }, async () => {
      const received = await receiveUpload(req, sourceId);
      return { result: received, meta: { importId: received.id, fileName: received.fileName, bytes: received.bytesTotal } };
    });
    res.status(202).json(toApiImport(record));
  });

  /** Saves an upload's body and queues its import; throws what the client is told. */
  async function receiveUpload(req: AnyRequest, sourceId: string): Promise<ImportRecord> {
    if (context.sources.list().some(source => source.id === sourceId)) {
      throw new InputError(`Source "${sourceId}" is a scheduled source; upload to another source id`);
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!UPLOAD_CONTENT_TYPES.includes(contentType)) {
      throw new InputError(
        `Content-Type must be one of ${UPLOAD_CONTENT_TYPES.join(', ')}, not "${contentType || 'none'}"`,
      );
    }
    const { maxBytes, maxPending } = settings.uploads;
    if (Number(req.headers['content-length']) > maxBytes) {
      throw uploadTooLarge(maxBytes);
    }
    const slot = context.imports.reserveSlot(maxPending);
    if (!slot) {
      throw new HttpError(
        429,
        `${maxPending} imports are already being received, queued or running here (finops.uploads.maxPending); try again when one has finished`,
      );
    }
    try {
      const requestedName = typeof req.query.fileName === 'string' ? req.query.fileName : undefined;
      const fileName = sanitizeFileName(requestedName ?? `upload.${contentType.includes('gzip') ? 'csv.gz' : 'csv'}`);
      const saved = await saveUpload(req, context.uploadDir, maxBytes);
      if (saved.bytes === 0) {
        await rm(saved.path, { force: true });
        throw new InputError('The request body is empty; send the FOCUS file as the body');
      }
      return await context.imports.enqueueFile({
        sourceId,
        path: saved.path,
        fileName,
        bytes: saved.bytes,
        sha256: saved.sha256,
        onSettled: () => rm(saved.path, { force: true }),
      });
    } finally {
      // Once queued, the import itself counts against the limit.
      slot.release();
    }
  }

  router.get('/imports', async (req, res) => {
    const records = await stores.imports.listImports(Number(req.query?.limit ?? 50));
    res.json({ items: records.map(toApiImport) });
  });

  router.get('/imports/:id', async (req, res) => {
    const record = await stores.imports.getImport(req.params.id);
    if (!record) {
      throw new NotFoundError(`No import ${req.params.id}`);
    }
    // Server paths (a directory source's root, file system errors) only for source admins.
    const admin = await authorization.allows(credentialsOf(res), finopsSourcesAdminPermission);
    res.json(admin ? toApiImport(record) : withoutServerPaths(toApiImport(record), serverRoots));
  });
}

export function toApiImport(record: ImportRecord) {
  return {
    id: record.id,
    sourceId: record.sourceId,
    status: record.status,
    fileName: record.fileName,
    kind: record.kind,
    rowsRead: record.rowsRead,
    bytesRead: record.bytesRead,
    bytesTotal: record.bytesTotal,
    progress: importProgress(record),
    billingPeriods: record.billingPeriods,
    error: record.error,
    apiRequests: record.apiRequests,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  };
}

/** Share of the input read, 0 to 1; null while the size is unknown. */
function importProgress(record: ImportRecord): number | null {
  if (record.status === 'succeeded') {
    return 1;
  }
  return record.bytesTotal ? Math.min(1, record.bytesRead / record.bytesTotal) : null;
}

/** Strips the directory part of any absolute path; a path below a known root keeps its relative part. */
function removeServerPaths(text: string, roots: string[]): string {
  let out = text;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    out = out.split(`${root}${sep}`).join('').split(root).join(basename(root));
  }
  return out
    .replace(/(^|[\s'"`(\[=])\/(?:[^/\s'"`]+\/)+/g, '$1')
    .replace(/(^|[\s'"`(\[=])[A-Za-z]:\\(?:[^\\\s'"`]+\\)+/g, '$1');
}

function withoutServerPaths<T extends { fileName: string; error: string | null }>(item: T, roots: string[]): T {
  return {
    ...item,
    fileName: removeServerPaths(item.fileName, roots),
    error: item.error === null ? null : removeServerPaths(item.error, roots),
  };
}
