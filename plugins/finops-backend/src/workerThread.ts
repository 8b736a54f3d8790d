import { dirname } from 'node:path';
import { Worker, WorkerOptions } from 'node:worker_threads';
import { FocusInputError } from './focus/FocusInputError';

/**
 * Loads a worker module, which starts the job it finds in the thread's data;
 * a .ts source (development and tests) first gets the Backstage CLI's
 * transform unless the thread inherited it.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts') && !require.extensions['.ts']) {
  require(require.resolve('@backstage/cli/config/nodeTransform.cjs', { paths: [workerData.entryDir] }));
}
require(workerData.entry);
`;

/**
 * Starts a worker thread on `entry`, a module's own `__filename`: the .ts
 * source in development and the built .js otherwise. The module starts its
 * work when it finds its job in `workerData`.
 */
export function startWorkerThread(entry: string, job: Record<string, unknown>, options: Omit<WorkerOptions, 'eval' | 'workerData'> = {}): Worker {
  return new Worker(BOOTSTRAP, { ...options, eval: true, workerData: { ...job, entry, entryDir: dirname(entry) } });
}

/** Errors cross the thread boundary as data; FocusInputError keeps its location. */
export type SerializedError = {
  message: string;
  focus?: { reason: string; location: FocusInputError['location'] };
};

export function serializeError(error: unknown): SerializedError {
  if (error instanceof FocusInputError) {
    return { message: error.message, focus: { reason: error.reason, location: error.location } };
  }
  return { message: (error as Error)?.message ?? String(error) };
}

export function reviveError(error: SerializedError): Error {
  return error.focus ? new FocusInputError(error.focus.reason, error.focus.location) : new Error(error.message);
}
