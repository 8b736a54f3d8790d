import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import express from 'express';
import type { JsonObject } from '@backstage/types';
import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  daysBetween,
  Granularity,
  isIsoDate,
  previousPeriod,
  CostGroupBy,
  Explanation,
  finopsSourcesAdminPermission,
} from '@backstage-finops/plugin-finops-common';
import { spec } from '../schema/openapi.generated';
import type { FinopsStore } from '../database/FinopsStore';
import { buildCostReport, buildCoverageReport, contributingSources, freshnessOf } from '../analytics/costReport';
import { largestUnallocated } from '../analytics/unallocated';
import type { FinopsSettings } from '../config';
import { AttributionService } from './AttributionService';
import type { ImportService } from './ImportService';
import { FinopsAuthorization } from './authorization';
import { OPERATION_PERMISSIONS, operationOf } from './operationPermissions';
import { canonicalTagsJson, type CostFilter, factsOf, type ImportRecord, type StoredCostKey } from '../core';

/** A source the API can list and run: configured directories and module sources. */
export interface SourceDescription {
  id: string;
  type: string;
  description: string;
}

/** Lists sources and runs one now. */
export interface SourceRegistry {
  list(): SourceDescription[];
  /** Throws NotFoundError for an unknown id, ConflictError while it runs. */
  run(id: string): Promise<void>;
}

/** Longest period one request may cover. */
const MAX_PERIOD_DAYS = 1100;
const UPLOAD_CONTENT_TYPES = ['text/csv', 'application/gzip', 'application/x-gzip', 'application/octet-stream'];

export interface RouterOptions {
  /** Records what changes cost data: uploads and on-demand source runs. */
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  sources: SourceRegistry;
  logger: LoggerService;
  catalog: CatalogService;
  store: FinopsStore;
  attribution: AttributionService;
  imports: ImportService;
  settings: FinopsSettings;
  uploadDir: string;
}

/** An error with an HTTP status the @backstage/errors classes do not cover (413, 429). */
class HttpError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
    this.name = statusCode === 413 ? 'PayloadTooLargeError' : 'TooManyRequestsError';
  }
}

/**
 * Translates HTTP to the FinOps domain. Every route needs a user or service
 * identity and the permission OPERATION_PERMISSIONS gives its operation.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, store, attribution, settings } = options;
  const authorization = new FinopsAuthorization(options.permissions, options.catalog);
  const credentialsOf = (res: express.Response): BackstageCredentials => res.locals.credentials;
  const router = createValidatedOpenApiRouter<typeof spec>(spec as any, {
    middleware: [
      // Identity first, so that no request learns anything, not even what is valid, without one.
      (req, res, next) => {
        httpAuth.credentials(req, { allow: ['user', 'service'] }).then(credentials => {
          res.locals.credentials = credentials;
          next();
        }, next);
      },
      // Uploads are streams: only JSON bodies are parsed before validation.
      express.json({ limit: '1mb' }),
    ],
  });
  // Each operation's permission, from the one table that holds them all. After validation,
  // as a handler's own check was: a valid request without the permission gets 403.
  router.use((req, res, next) => {
    const operationId = operationOf(req.method, req.path);
    if (!operationId) {
      next();
      return;
    }
    const operation = OPERATION_PERMISSIONS[operationId];
    if (!operation) {
      next(new Error(`Operation ${operationId} has no entry in OPERATION_PERMISSIONS`));
      return;
    }
    if (operation.check === 'entity') {
      next(); // the handler checks each entity it reads
      return;
    }
    authorization.require(credentialsOf(res), operation.permission).then(() => next(), next);
  });
  /**
   * Runs an operation that changes cost data as an audit event: recorded
   * with who asked, and whether it succeeded (with `meta` of the outcome) or
   * failed (with the error, which is rethrown).
   */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    operation: () => Promise<{ result: T; meta?: JsonObject }>,
  ): Promise<T> {
    const event = await options.auditor.createEvent({ eventId, severityLevel: 'medium', request: req, meta });
    let outcome: { result: T; meta?: JsonObject };
    try {
      outcome = await operation();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success(outcome.meta ? { meta: outcome.meta } : undefined);
    return outcome.result;
  }

  const metric = settings.costMetric;
  const serverRoots = [...settings.sources.map(source => resolve(source.path)), resolve(options.uploadDir)];

  /**
   * dataThrough of the sources with cost under the filter in its period, or,
   * when none had any there, of those with cost under it at any time.
   */
  const freshnessFor = async (filter: CostFilter) => {
    const [inPeriod, slices] = await Promise.all([store.sumCosts(filter, ['source']), store.listSlices()]);
    let contributing = contributingSources(inPeriod);
    if (contributing.length === 0) {
      contributing = contributingSources(await store.sumCosts({ ...filter, from: '0000-01-01', to: '9999-12-31' }, ['source']));
    }
    return freshnessOf({ contributing, slices, settleDays: settings.freshness.settleDays });
  };

  router.get('/costs', async (req, res) => {
    const credentials = credentialsOf(res);
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const entityRef = readEntityRef(req.query.entityRef);
    const entity = await options.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await attribution.ensureLoaded();
    // Only what the caller can see in the catalog is counted, hidden or not.
    const rollup = await authorization.visibleEntities(credentials, attribution.rollup(entityRef));
    const includedEntityRefs = await authorization.readableEntities(credentials, rollup);
    if (!includedEntityRefs.includes(entityRef)) {
      throw new NotAllowedError(`Not allowed to read the cost of ${entityRef}`);
    }
    const groupBy = req.query.groupBy as CostGroupBy | undefined;
    const previous = previousPeriod(from, to);
    const [current, before, freshness] = await Promise.all([
      store.sumCosts({ from, to, metric, entityRefs: includedEntityRefs }, groupBy ? ['usageDate', groupBy] : ['usageDate']),
      store.sumCosts({ ...previous, metric, entityRefs: includedEntityRefs }, []),
      freshnessFor({ from, to, metric, entityRefs: includedEntityRefs }),
    ]);
    res.json(
      buildCostReport({
        entityRef,
        includedEntityRefs,
        from,
        to,
        granularity: (req.query.granularity ?? 'day') as Granularity,
        groupBy,
        costMetric: metric,
        requestedCurrency: req.query.currency,
        current,
        previous: before,
        hiddenEntityCount: rollup.length - includedEntityRefs.length,
        freshness,
      }),
    );
  });

  router.get('/coverage', async (req, res) => {
    const { from, to } = readPeriod(req.query.from, req.query.to);
    const limit = Number(req.query.limit ?? 20);
    const filter = { from, to, metric };
    const [all, unallocated, freshness] = await Promise.all([
      store.sumCosts(filter, []),
      store.sumCosts({ ...filter, entityRefs: null }, []),
      freshnessFor(filter),
    ]);
    const report = buildCoverageReport({
      from,
      to,
      costMetric: metric,
      requestedCurrency: req.query.currency,
      all,
      unallocated,
      unallocatedItems: [],
      freshness,
    });
    report.unallocatedItems = await largestUnallocated(store, { ...filter, currency: report.currency, limit });
    res.json(report);
  });

  router.post('/imports', async (req, res) => {
    const sourceId = req.query.source ?? 'upload';
    const record = await audited(req, 'cost-import', { queryType: 'upload', sourceId }, async () => {
      const received = await receiveUpload(req, sourceId);
      return { result: received, meta: { importId: received.id, fileName: received.fileName, bytes: received.bytesTotal } };
    });
    res.status(202).json(toApiImport(record));
  });

  /** Saves an upload's body and queues its import; throws what the client is told. */
  async function receiveUpload(req: express.Request, sourceId: string): Promise<ImportRecord> {
    if (options.sources.list().some(source => source.id === sourceId)) {
      throw new InputError(`Source "${sourceId}" is a scheduled source; upload to another source id`);
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!UPLOAD_CONTENT_TYPES.includes(contentType)) {
      throw new InputError(
        `Content-Type must be one of ${UPLOAD_CONTENT_TYPES.join(', ')}, not "${contentType || 'none'}"`,
      );
    }
    const declaredLength = Number(req.headers['content-length']);
    if (declaredLength > settings.uploads.maxBytes) {
      throw new HttpError(413, uploadTooLarge(settings.uploads.maxBytes));
    }
    const slot = options.imports.reserveSlot(settings.uploads.maxPending);
    if (!slot) {
      throw new HttpError(
        429,
        `${settings.uploads.maxPending} imports are already being received, queued or running here (finops.uploads.maxPending); try again when one has finished`,
      );
    }
    try {
      const requestedName = typeof req.query.fileName === 'string' ? req.query.fileName : undefined;
      const fileName = sanitizeFileName(requestedName ?? `upload.${contentType.includes('gzip') ? 'csv.gz' : 'csv'}`);
      const saved = await saveUpload(req, options.uploadDir, settings.uploads.maxBytes);
      if (saved.bytes === 0) {
        await rm(saved.path, { force: true });
        throw new InputError('The request body is empty; send the FOCUS file as the body');
      }
      return await options.imports.enqueueFile({
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
    const records = await store.listImports(Number(req.query.limit ?? 50));
    res.json({ items: records.map(toApiImport) });
  });

  router.get('/imports/:id', async (req, res) => {
    const record = await store.getImport(req.params.id);
    if (!record) {
      throw new NotFoundError(`No import ${req.params.id}`);
    }
    // Server paths (a directory source's root, file system errors) only for source admins.
    const admin = await authorization.allows(credentialsOf(res), finopsSourcesAdminPermission);
    res.json(admin ? toApiImport(record) : withoutServerPaths(toApiImport(record), serverRoots));
  });

  router.get('/sources', async (_req, res) => {
    const items = await Promise.all(
      options.sources.list().map(async source => {
        const last = await store.lastImport(source.id);
        return { ...source, ...(last ? { lastImport: toApiImport(last) } : {}) };
      }),
    );
    res.json({ items });
  });

  router.post('/sources/:id/run', async (req, res) => {
    if (!options.sources.list().some(source => source.id === req.params.id)) {
      throw new NotFoundError(`No scheduled source ${req.params.id}`);
    }
    await audited(req, 'source-run', { sourceId: req.params.id }, async () => ({
      result: await options.sources.run(req.params.id),
    }));
    res.status(202).json({ triggered: true });
  });

  router.get('/explain', async (req, res) => {
    const { resourceId, tags, billingAccountId, subAccountId } = req.query;
    if (resourceId) {
      const keys = await store.costKeysForResource(resourceId);
      if (keys.length === 0) {
        throw new NotFoundError(`No imported cost has resource id ${resourceId}`);
      }
      res.json({ items: keys.map(storedExplanation) });
      return;
    }
    if (tags === undefined) {
      throw new InputError('Give resourceId, or tags as a JSON object (optionally with billingAccountId / subAccountId)');
    }
    const facts = {
      tags: readTags(tags),
      billingAccountId: billingAccountId ?? '',
      subAccountId: subAccountId ?? '',
    };
    await attribution.ensureLoaded();
    const result = attribution.attribute(facts);
    const explanation: Explanation = {
      allocated: result.entityRef !== null,
      entityRef: result.entityRef,
      rule: result.rule,
      detail: result.detail,
      tags: JSON.parse(canonicalTagsJson(facts.tags)),
      billingAccountId: facts.billingAccountId,
      subAccountId: facts.subAccountId,
    };
    res.json({ items: [explanation] });
  });

  return router as unknown as express.Router;
}

function readPeriod(from: string, to: string): { from: string; to: string } {
  if (!isIsoDate(from)) {
    throw new InputError(`from "${from}" is not a date (YYYY-MM-DD)`);
  }
  if (!isIsoDate(to)) {
    throw new InputError(`to "${to}" is not a date (YYYY-MM-DD)`);
  }
  if (to <= from) {
    throw new InputError(`to (${to}) must be after from (${from}); to is exclusive`);
  }
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) {
    throw new InputError(`The period may cover at most ${MAX_PERIOD_DAYS} days`);
  }
  return { from, to };
}

function readEntityRef(text: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(text));
  } catch (error) {
    throw new InputError(`entityRef "${text}" is not an entity ref such as component:default/my-service: ${(error as Error).message}`);
  }
}

function readTags(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError('tags must be a JSON object, e.g. {"service":"checkout-api"}');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some(value => typeof value !== 'string')
  ) {
    throw new InputError('tags must be a JSON object of string values');
  }
  return parsed as Record<string, string>;
}

function sanitizeFileName(name: string): string {
  // Only ever a label: never used as a path.
  return name.replace(/[^\w.\- ]+/g, '_').slice(0, 200) || 'upload.csv';
}

async function saveUpload(req: express.Request, dir: string, maxBytes: number) {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(new HttpError(413, uploadTooLarge(maxBytes)));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(req, meter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}

function uploadTooLarge(maxBytes: number): string {
  return `The upload is larger than the limit of ${maxBytes} bytes (finops.uploads.maxBytes)`;
}

function storedExplanation(key: StoredCostKey): Explanation {
  const facts = factsOf(key);
  return {
    allocated: key.entityRef !== null,
    entityRef: key.entityRef,
    rule: key.rule,
    detail: key.detail,
    tags: facts.tags,
    billingAccountId: key.billingAccountId,
    subAccountId: key.subAccountId,
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

function toApiImport(record: ImportRecord) {
  return {
    id: record.id,
    sourceId: record.sourceId,
    status: record.status,
    fileName: record.fileName,
    rowsRead: record.rowsRead,
    bytesRead: record.bytesRead,
    bytesTotal: record.bytesTotal,
    progress: importProgress(record),
    billingPeriods: record.billingPeriods,
    error: record.error,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  };
}
