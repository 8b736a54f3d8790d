import { createHash, randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { type FinopsCostSource, focusChargeRowProblem } from '@backstage-finops/plugin-finops-node';
import { todayUtc } from '@backstage-finops/plugin-finops-common';
import type { FinopsStores } from '../database/FinopsStores';
import { aggregateFocusFiles } from '../ingest/aggregateFocusFiles';
import { aggregateRows, DailyCostProducer, recordFailure, runImport } from '../ingest/runImport';
import { readCsvHeader } from '../focus/csvFile';
import { isMetricCsvHeader, readMetricCsv } from '../metrics/readMetricCsv';
import type { AggregationJob } from '../ingest/aggregationWorker';
import { DirectoryPlan, ListedFile, nextManifest, planDirectoryImport } from '../ingest/directoryPlan';
import type { FocusDirectorySource } from '../config';
import type { AttributionService } from './AttributionService';
import type { ImportRecord } from '../core';

const FOCUS_FILE = /\.csv(\.gz)?$/i;

/**
 * Runs imports one at a time in this process: uploads, scheduled directory
 * scans and cost sources added by modules.
 */
export class ImportService {
  private queue: Promise<unknown> = Promise.resolve();
  /** Imports this process holds, queued or running; kept alive by the heartbeat. */
  private readonly held = new Set<string>();
  /** Aborted at shutdown: reading files stops, and imports still queued fail at once. */
  private readonly shuttingDown = new AbortController();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      stores: Pick<FinopsStores, 'imports' | 'slices' | 'metrics'>;
      attribution: AttributionService;
      logger: LoggerService;
      /** How often held imports record a sign of life; default 10 s. */
      heartbeatIntervalMs?: number;
      /** Heap limit of the worker thread that reads FOCUS files. */
      workerHeapMb?: number;
      /** Called after each import of cost data that succeeded, e.g. to evaluate the new data. */
      onCostImported?: () => void;
    },
  ) {}

  /** Uploads being received, counted against the pending limit before they are queued. */
  private reserved = 0;

  /**
   * Reserves room for one more upload if fewer than `max` are being received,
   * queued or running here; undefined when there is none. Release the slot
   * when the upload is queued or abandoned.
   */
  reserveSlot(max: number): { release(): void } | undefined {
    if (this.held.size + this.reserved >= max) {
      return undefined;
    }
    this.reserved++;
    let released = false;
    return {
      release: () => {
        if (!released) {
          released = true;
          this.reserved--;
        }
      },
    };
  }

  /**
   * Stops reading files: the running import and those queued fail now, with
   * the reason, instead of being left for the abandoned-import sweep.
   */
  shutdown(): void {
    this.shuttingDown.abort(new Error('the backend shut down before the import finished'));
    this.stop();
  }

  /** Stops the heartbeat; imports still held will be failed by a sweep. */
  stop(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /**
   * Queues the import of an uploaded file already saved at `path` and
   * resolves with the queued import; its status tells how it ends. A file
   * whose header is `date,entityRef,metric,value[,unit]` is unit-metric
   * values; any other is FOCUS billing data.
   */
  async enqueueFile(input: {
    sourceId: string;
    path: string;
    fileName: string;
    bytes: number;
    sha256: string;
    onSettled?: () => Promise<void>;
  }): Promise<ImportRecord> {
    const kind = isMetricCsvHeader(await readCsvHeader(input.path)) ? 'metrics' : 'costs';
    const record = await this.options.stores.imports.createImport({
      id: randomUUID(),
      sourceId: input.sourceId,
      fileName: input.fileName,
      bytesTotal: input.bytes,
      fingerprint: input.sha256,
      kind,
    });
    const run =
      kind === 'metrics'
        ? this.runQueued(record, () => this.importMetricFile(record, input.path))
        : this.enqueue(record, this.readFiles([{ path: input.path, displayName: input.fileName }]));
    run
      // The failure is recorded on the import and logged by the queue.
      .catch(() => {})
      .finally(() => input.onSettled?.());
    return record;
  }

  /**
   * Imports the FOCUS files below the source's directory, unless they are
   * the same as at the last successful import. After a first import, only
   * new and changed files are read, with the unchanged files that share a
   * billing period with them or with removed files: the billing periods
   * replaced are then exactly those that changed.
   */
  async importDirectory(source: FocusDirectorySource): Promise<ImportRecord | undefined> {
    const root = resolve(source.path);
    const files = await listFocusFiles(root);
    if (files.length === 0) {
      this.options.logger.warn(`FinOps source ${source.id}: no *.csv or *.csv.gz files in ${root}`);
      return undefined;
    }
    const fingerprint = createHash('sha256')
      .update(files.map(f => `${f.relativePath}\t${f.size}\t${f.mtimeMs}`).join('\n'))
      .digest('hex');
    const last = await this.options.stores.imports.lastSucceededImport(source.id);
    if (last?.fingerprint === fingerprint) {
      return undefined;
    }
    const previous = last && (await this.options.stores.imports.directoryManifest(last.id));
    const plan = planDirectoryImport(root, files, previous);
    if (plan.upToDate) {
      return undefined;
    }
    const record = await this.options.stores.imports.createImport({
      id: randomUUID(),
      sourceId: source.id,
      fileName: describeDirectoryImport(root, files, plan),
      bytesTotal: plan.expectedBytes,
      fingerprint,
    });
    const periodsRead = new Map<string, string[]>();
    await this.enqueue(
      record,
      this.readFiles(
        plan.read.map(file => ({ path: file.path, displayName: file.relativePath })),
        { candidates: plan.candidates, affectedPeriods: plan.affectedPeriods },
        file => periodsRead.set(file.displayName, file.billingPeriods),
      ),
      // Best effort: without it the next import reads every file again.
      () => this.options.stores.imports.saveDirectoryManifest(record.id, nextManifest(root, files, previous, periodsRead)),
    );
    return this.options.stores.imports.getImport(record.id);
  }

  /** Imports everything a module's cost source yields. */
  async importCostSource(source: FinopsCostSource, signal: AbortSignal): Promise<ImportRecord | undefined> {
    const record = await this.options.stores.imports.createImport({
      id: randomUUID(),
      sourceId: source.id,
      fileName: source.describe(),
    });
    await this.enqueue(
      record,
      aggregateRows(async sink => {
        let rows = 0;
        let usageWrite = Promise.resolve();
        const reportRequests = (usage: { requests: number; pages: number; estimatedCostUsd: string }) => {
          usageWrite = usageWrite.then(() => this.options.stores.imports.updateImportApiRequests(record.id, usage)).catch(() => {});
        };
        for await (const row of source.read({ signal, reportRequests })) {
          const problem = focusChargeRowProblem(row);
          if (problem) {
            throw new Error(`Cost source "${source.id}", row ${rows + 1}: ${problem}`);
          }
          sink.onRow(row);
          if (++rows % 10_000 === 0) {
            await sink.flushPoint();
          }
        }
        await usageWrite;
      }),
    );
    return this.options.stores.imports.getImport(record.id);
  }

  private readFiles(
    files: Array<{ path: string; displayName: string }>,
    rereads?: AggregationJob['rereads'],
    onFileRead?: (file: { displayName: string; billingPeriods: string[] }) => void,
  ): DailyCostProducer {
    return aggregateFocusFiles(files, {
      maxHeapMb: this.options.workerHeapMb,
      signal: this.shuttingDown.signal,
      rereads,
      onFileRead: file => {
        // Amounts beyond 18 decimal places are rounded; say so rather than hide it.
        if (file.roundedAmounts > 0) {
          this.options.logger.warn(
            `${file.displayName}: ${file.roundedAmounts} amount(s) had more than 18 decimal places and were rounded half-to-even`,
          );
        }
        onFileRead?.(file);
      },
    });
  }

  private hold(id: string) {
    this.held.add(id);
    this.heartbeatTimer ??= setInterval(() => {
      this.options.stores.imports.heartbeat([...this.held]).catch(error =>
        this.options.logger.warn(`Import heartbeat failed: ${error}`),
      );
    }, this.options.heartbeatIntervalMs ?? 10_000);
    this.heartbeatTimer.unref?.();
  }

  private release(id: string) {
    this.held.delete(id);
    if (this.held.size === 0) {
      this.stop();
    }
  }

  /** Reads a metric CSV whole and writes its values, or fails the import and writes nothing. */
  private async importMetricFile(record: ImportRecord, path: string): Promise<void> {
    const { imports, metrics } = this.options.stores;
    const { attribution } = this.options;
    try {
      await imports.startImport(record.id);
      const started = Date.now();
      const { values, rows } = await readMetricCsv(path, {
        displayName: record.fileName,
        rules: { declaredMetrics: entityRef => attribution.declaredMetrics(entityRef), today: todayUtc() },
        signal: this.shuttingDown.signal,
      });
      const outcome = await metrics.commitMetricImport(record.id, values, rows);
      this.options.logger.info(
        `Import ${record.id} of ${record.sourceId} (${record.fileName}) wrote ${outcome.written} metric values, ${outcome.replaced} of them replacing stored ones, in ${Date.now() - started} ms`,
      );
    } catch (error) {
      await recordFailure(() => imports.failImport(record.id, (error as Error).message ?? String(error)));
      throw error;
    }
  }

  private enqueue(record: ImportRecord, produce: DailyCostProducer, afterSuccess?: () => Promise<void>): Promise<void> {
    return this.runQueued(record, async () => {
      const started = Date.now();
      const outcome = await runImport({
        stores: this.options.stores,
        importId: record.id,
        sourceId: record.sourceId,
        produce,
        attribute: facts => this.options.attribution.attribute(facts),
      });
      this.options.logger.info(
        `Import ${record.id} of ${record.sourceId} (${record.fileName}) replaced ${outcome.billingPeriods.join(', ')}: ${outcome.rows} rows in ${Date.now() - started} ms`,
      );
      await afterSuccess?.().catch(error =>
        this.options.logger.warn(`Import ${record.id} succeeded, but recording what it read failed: ${error}`),
      );
      this.options.onCostImported?.();
    });
  }

  /** Runs an import's work after those queued before it, with the catalog snapshot loaded. */
  private runQueued(record: ImportRecord, work: () => Promise<void>): Promise<void> {
    this.hold(record.id);
    const run = this.queue.then(async () => {
      await this.options.attribution.ensureLoaded().catch(error =>
        this.options.logger.warn(`Catalog not loaded before import ${record.id}: ${error}`),
      );
      await work();
    });
    this.queue = run
      .catch(error => {
        this.options.logger.warn(`Import ${record.id} of ${record.sourceId} failed: ${error.message}`);
      })
      .finally(() => this.release(record.id));
    return run;
  }
}

/** Names an import by its directory and, when it reads only part of it, by what changed. */
function describeDirectoryImport(root: string, files: ListedFile[], plan: DirectoryPlan): string {
  if (files.length === 1 && plan.removed.length === 0) {
    return files[0].relativePath;
  }
  const all = `${files.length === 1 ? '1 file' : `${files.length} files`} in ${root}`;
  if (plan.read.length === files.length) {
    return all;
  }
  // Names while they stay short: the import's name is stored in 1024 characters.
  const names = (paths: string[]) => (paths.length <= 3 && paths.join(', ').length <= 300 ? paths.join(', ') : `${paths.length} files`);
  const changes = [
    plan.read.length > 0 ? `changed: ${names(plan.read.map(f => f.relativePath))}` : '',
    plan.removed.length > 0 ? `removed: ${names(plan.removed)}` : '',
  ];
  return `${all}; ${changes.filter(Boolean).join('; ')}`;
}

async function listFocusFiles(root: string): Promise<ListedFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile() || !FOCUS_FILE.test(entry.name)) {
      continue;
    }
    const path = join(entry.parentPath ?? (entry as any).path, entry.name);
    const info = await stat(path);
    files.push({ path, relativePath: relative(root, path), size: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
  }
  return files.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}
