import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import knexFactory, { Knex } from 'knex';
import { reviveError, SerializedError, serializeError, startWorkerThread } from '../workerThread';
import type { ImportWrites, SliceReplacement } from './SliceStore';
import { KnexSliceStore } from './SliceStore';
import type { DailyCost, StagedUsage, UsageKind } from '../core';

type Call = { id: number; method: keyof ImportWrites; args: unknown[] };
type Reply = { id: number; ok: true } | { id: number; ok: false; error: SerializedError };

/** A writer no call reached for this long ends its thread. */
const IDLE_CLOSE_MS = 30_000;

/** How the writer thread opens the database file: as the plugin's own connection does. */
interface WriterJob {
  connection: { filename: string; options?: Record<string, unknown> };
}

/**
 * The database file of a knex on SQLite, or undefined for an in-memory
 * database (which another connection cannot open) and for other clients.
 */
export function sqliteFileOf(knex: Knex): WriterJob['connection'] | undefined {
  const { client, connection } = knex.client.config as { client: unknown; connection?: any };
  if (client !== 'better-sqlite3' || typeof connection?.filename !== 'string') {
    return undefined;
  }
  const filename: string = connection.filename;
  if (filename === '' || filename === ':memory:' || /^file:.*(:memory:|mode=memory)/.test(filename)) {
    return undefined;
  }
  return { filename, options: connection.options };
}

/**
 * One import's writes on a connection of their own in a worker thread.
 * better-sqlite3 runs every statement on the thread that calls it; here that
 * thread is not the event loop, so requests keep being answered while an
 * import stages and replaces. With the database in WAL mode the backend's
 * own connection reads the committed data meanwhile; its writes wait at
 * most one of the writer's short statements.
 */
export class SqliteWriterThread implements ImportWrites {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private nextId = 0;
  private stopped?: Error;
  private idleTimer?: NodeJS.Timeout;

  constructor(connection: WriterJob['connection']) {
    const job: WriterJob = { connection };
    this.worker = startWorkerThread(__filename, { sqliteWriter: job });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      const call = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) call?.resolve();
      else call?.reject(reviveError(reply.error));
      if (this.pending.size === 0) {
        // An import always ends by discarding its staging, which closes this; a caller that never does still lets it go.
        this.idleTimer = setTimeout(() => void this.close(), IDLE_CLOSE_MS).unref();
      }
    });
    const stop = (error: Error) => {
      this.stopped ??= error;
      for (const call of this.pending.values()) call.reject(this.stopped);
      this.pending.clear();
    };
    this.worker.on('error', stop);
    this.worker.on('exit', code => stop(new Error(`the database writer thread stopped (exit code ${code})`)));
  }

  stageDailyCosts(importId: string, dailyCosts: Iterable<DailyCost>): Promise<void> {
    // Posted to the thread: a lazy iterable cannot cross it.
    return this.call('stageDailyCosts', importId, [...dailyCosts]);
  }

  stageUsage(importId: string, kinds: UsageKind[], usage: Iterable<StagedUsage>): Promise<void> {
    return this.call('stageUsage', importId, kinds, [...usage]);
  }

  replaceSlices(replacement: SliceReplacement): Promise<void> {
    return this.call('replaceSlices', replacement);
  }

  discardStaged(importId: string): Promise<void> {
    return this.call('discardStaged', importId);
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.stopped ??= new Error('the database writer thread was closed');
    await this.worker.terminate();
  }

  private call<M extends keyof ImportWrites>(method: M, ...args: Parameters<ImportWrites[M]>): Promise<void> {
    if (this.stopped) {
      return Promise.reject(this.stopped);
    }
    clearTimeout(this.idleTimer);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args } satisfies Call);
    });
  }
}

/** The worker thread's side: a slice store on its own connection, taking calls one at a time. */
async function serveWrites(job: WriterJob): Promise<void> {
  // Past this module's evaluation: SliceStore imports this module too.
  await new Promise(resolve => setImmediate(resolve));
  const knex = knexFactory({ client: 'better-sqlite3', connection: job.connection, useNullAsDefault: true });
  // Blocking this thread is harmless: wait for the backend's own writes rather than fail.
  await knex.raw('PRAGMA busy_timeout = 60000');
  const store = new KnexSliceStore(knex, { writerThread: true });
  let queue = Promise.resolve();
  parentPort!.on('message', (call: Call) => {
    queue = queue.then(async () => {
      try {
        await (store[call.method] as (...args: unknown[]) => Promise<void>)(...call.args);
        parentPort!.postMessage({ id: call.id, ok: true } satisfies Reply);
      } catch (error) {
        parentPort!.postMessage({ id: call.id, ok: false, error: serializeError(error) } satisfies Reply);
      }
    });
  });
}

// A module-level start rather than an exported entry: builds drop exports nothing imports.
if (!isMainThread && workerData?.sqliteWriter) {
  void serveWrites(workerData.sqliteWriter as WriterJob);
}
