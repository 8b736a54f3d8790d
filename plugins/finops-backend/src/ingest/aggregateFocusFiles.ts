import { AggregationJob, AggregationMessage, aggregationWorkerFile, BATCH_STAGED } from './aggregationWorker';
import { reviveError, startWorkerThread } from '../workerThread';
import { DailyBatchExpander } from './DailyAggregator';
import type { DailyCostProducer } from './runImport';

/** Heap the worker thread may use: the aggregate, the key and memo maps, and the reader's garbage. */
const DEFAULT_WORKER_HEAP_MB = 256;

/**
 * Reads FOCUS files and sums them to the daily grain in a worker thread, so
 * that parsing runs on another core while this thread writes to the store,
 * and so that the reader's memory is capped: a file that needs more fails
 * its import instead of the backend.
 */
export function aggregateFocusFiles(
  files: AggregationJob['files'],
  options: {
    signal?: AbortSignal;
    spillThreshold?: number;
    maxHeapMb?: number;
    /** Unchanged files of a directory, read after `files` where they share a billing period with them. */
    rereads?: AggregationJob['rereads'];
    readUsage?: boolean;
    onFileRead?(file: { displayName: string; roundedAmounts: number; billingPeriods: string[] }): void;
  } = {},
): DailyCostProducer {
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_WORKER_HEAP_MB;
  return sink =>
    new Promise((resolve, reject) => {
      const abortReason = () => options.signal?.reason ?? new Error('the import was aborted');
      if (options.signal?.aborted) {
        reject(abortReason());
        return;
      }
      const job: AggregationJob = { files, rereads: options.rereads, spillThreshold: options.spillThreshold, readUsage: options.readUsage };
      const worker = startWorkerThread(aggregationWorkerFile, { aggregationJob: job }, {
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      });
      const expander = new DailyBatchExpander();
      let settled = false;
      function settle(error?: unknown, value?: Parameters<typeof resolve>[0]) {
        if (settled) {
          return;
        }
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if (error === undefined) {
          resolve(value!);
        } else {
          reject(error);
        }
      }
      function onAbort() {
        settle(abortReason());
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });

      worker.on('message', (message: AggregationMessage) => {
        switch (message.type) {
          case 'batch':
            sink.stage(expander.expand(message.batch)).then(
              () => {
                if (!settled) worker.postMessage(BATCH_STAGED);
              },
              error => settle(error),
            );
            break;
          case 'progress':
            sink.onProgress(message.bytesRead, message.rowsRead);
            break;
          case 'fileRead':
            options.onFileRead?.(message);
            break;
          case 'done':
            settle(undefined, message.input);
            break;
          case 'failed':
            settle(reviveError(message.error));
            break;
          default:
            settle(new Error(`unexpected message from the aggregation worker: ${JSON.stringify(message)}`));
        }
      });
      worker.on('error', error => {
        settle(
          (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new Error(
                `reading the input needed more than the ${maxHeapMb} MB heap the import may use ` +
                  '(finops.imports.workerHeapMb); raise it for inputs with very many distinct tag sets',
              )
            : error,
        );
      });
      worker.on('exit', code => settle(new Error(`the aggregation worker stopped unexpectedly (exit code ${code})`)));
    });
}
