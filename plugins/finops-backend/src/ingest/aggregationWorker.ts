import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFocusFile } from '../focus/readFocusFile';
import type { DailyBatch } from './DailyAggregator';
import { filesToReread, RereadCandidate } from './directoryPlan';
import { AggregatedInput, aggregateBatches, RowProducer } from './runImport';
import { SerializedError, serializeError } from '../workerThread';

/**
 * What the worker thread loads: this module's file, the .ts source in
 * development and the built .js otherwise. Loaded in a thread whose data
 * holds a job, the module runs it.
 */
export const aggregationWorkerFile = __filename;

/** FOCUS files to read, in order, as one input. */
export interface AggregationJob {
  files: Array<{ path: string; displayName: string }>;
  /** Read after `files`: the candidates that share a billing period with what was read or with `affectedPeriods`. */
  rereads?: { candidates: RereadCandidate[]; affectedPeriods: string[] };
  spillThreshold?: number;
  /** See readFocusFile's option. */
  readUsage?: boolean;
}

/** From the worker to the importing thread. */
export type AggregationMessage =
  | { type: 'batch'; batch: DailyBatch }
  | { type: 'progress'; bytesRead: number; rowsRead: number }
  | { type: 'fileRead'; displayName: string; roundedAmounts: number; billingPeriods: string[] }
  | { type: 'done'; input: AggregatedInput }
  | { type: 'failed'; error: SerializedError };

/** From the importing thread: the last batch is written, send the next. */
export const BATCH_STAGED = 'staged';

/**
 * The worker thread's work: reads the job's files, sums them to the daily
 * grain and posts the daily rows in batches. One batch is in flight while
 * the next is summed; the thread waits when the store falls behind, so
 * memory stays bounded whatever the input's size.
 */
async function runAggregationWorker(job: AggregationJob): Promise<void> {
  const port = parentPort!;
  const post = (message: AggregationMessage) => port.postMessage(message);
  let staged: Promise<void> = Promise.resolve();
  let batchStaged = () => {};
  port.on('message', message => {
    if (message === BATCH_STAGED) {
      batchStaged();
    }
  });

  const periodsRead = new Set<string>(job.rereads?.affectedPeriods);
  const readFiles: RowProducer = async sink => {
    let bytesOfEarlierFiles = 0;
    const read = async (file: { path: string; displayName: string }) => {
      let bytesOfFile = 0;
      const periodsOfFile = new Set<string>();
      const summary = await readFocusFile(file.path, {
        displayName: file.displayName,
        readUsage: job.readUsage,
        onRow: row => {
          periodsOfFile.add(row.billingPeriodStart);
          sink.onRow(row);
        },
        onProgress: bytes => {
          bytesOfFile = bytes;
          sink.onProgress(bytesOfEarlierFiles + bytes);
        },
        afterChunk: sink.flushPoint,
      });
      periodsOfFile.forEach(period => periodsRead.add(period));
      post({ type: 'fileRead', displayName: file.displayName, roundedAmounts: summary.roundedAmounts, billingPeriods: [...periodsOfFile].sort() });
      bytesOfEarlierFiles += bytesOfFile;
    };
    for (const file of job.files) {
      await read(file);
    }
    for (const file of filesToReread(periodsRead, job.rereads?.candidates ?? [])) {
      await read(file);
    }
  };

  try {
    const input = await aggregateBatches(
      readFiles,
      {
        async stage(batch) {
          if (batch.ids.length === 0 && batch.usageIds.length === 0 && batch.newKeyHashes.length === 0 && batch.newUsageKinds.length === 0) {
            return;
          }
          await staged;
          staged = new Promise(resolve => {
            batchStaged = resolve;
          });
          post({ type: 'batch', batch });
        },
        onProgress(bytesRead, rowsRead) {
          post({ type: 'progress', bytesRead, rowsRead });
        },
      },
      job.spillThreshold,
    );
    await staged;
    post({ type: 'done', input });
  } catch (error) {
    post({ type: 'failed', error: serializeError(error) });
  } finally {
    // Without a listener the thread ends once its messages are out.
    port.removeAllListeners('message');
  }
}

// A module-level start rather than an exported entry: builds drop exports nothing imports.
if (!isMainThread && workerData?.aggregationJob) {
  void runAggregationWorker(workerData.aggregationJob as AggregationJob);
}
