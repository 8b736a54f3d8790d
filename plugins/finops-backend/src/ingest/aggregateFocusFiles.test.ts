import { gzipSync } from 'node:zlib';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { readFocusFile } from '../focus/readFocusFile';
import { focusCsv, septemberHour, writeTempFile } from '../__testUtils__/focusCsv';
import { aggregateFocusFiles } from './aggregateFocusFiles';
import { aggregateRows, DailyCostProducer } from './runImport';
import type { DailyCost } from '../core';

jest.setTimeout(60_000);

/** Enough for the worker to start and read a small file. */
const WORKER_HEAP_MB = 32;

const september = writeTempFile(
  'september.csv',
  focusCsv(
    Array.from({ length: 3_000 }, (_, i) => ({
      ResourceId: `i-${i % 41}`,
      EffectiveCost: `0.${String(i).padStart(4, '0')}7`,
      BilledCost: `${i % 3}.5`,
      ...septemberHour((i % 27) + 1, i % 24),
      Tags: i % 7 ? JSON.stringify({ service: `svc-${i % 5}`, team: `t${i % 2}` }) : '',
    })),
  ),
);
const october = writeTempFile(
  'october.csv.gz',
  gzipSync(
    focusCsv([
      {
        BillingPeriodStart: '2024-10-01T00:00:00Z',
        BillingPeriodEnd: '2024-11-01T00:00:00Z',
        ChargePeriodStart: '2024-10-03T00:00:00Z',
        ChargePeriodEnd: '2024-10-04T00:00:00Z',
        EffectiveCost: '0.1234567890123456789',
        BillingAccountId: 'other-account',
      },
    ]),
  ),
);

/** Everything a producer hands over, in a form that compares regardless of batch boundaries. */
async function collect(produce: DailyCostProducer) {
  const daily: string[] = [];
  const usage: string[] = [];
  const progress: number[] = [];
  const input = await produce({
    async stage(batch) {
      for (const row of batch.dailyCosts) {
        daily.push(dailyRowText(row));
      }
      for (const fact of batch.usage) {
        usage.push(JSON.stringify(fact, (_key, value) => (typeof value === 'bigint' ? formatDecimal(value) : value)));
      }
    },
    onProgress: bytes => progress.push(bytes),
  });
  return { input, daily: daily.sort(), usage: usage.sort(), progress };
}

function dailyRowText(row: DailyCost): string {
  const { effectiveCost, billedCost, listCost, ...dimensions } = row;
  return `${JSON.stringify(dimensions)} ${formatDecimal(effectiveCost)} ${formatDecimal(billedCost)} ${formatDecimal(listCost)}`;
}

const files = [
  { path: september, displayName: 'september.csv' },
  { path: october, displayName: 'october.csv.gz' },
];

function inThisThread(spillThreshold: number): DailyCostProducer {
  return aggregateRows(async sink => {
    for (const file of files) {
      await readFocusFile(file.path, { displayName: file.displayName, onRow: sink.onRow, afterChunk: sink.flushPoint });
    }
  }, spillThreshold);
}

describe('aggregateFocusFiles', () => {
  it('hands over exactly what aggregating in this thread does, in small batches too', async () => {
    const expected = await collect(inThisThread(1_000_000));
    expect(expected.daily.length).toBeGreaterThan(1_000);
    const rounded: Array<[string, number]> = [];
    const inWorker = await collect(
      aggregateFocusFiles(files, { spillThreshold: 100, onFileRead: file => rounded.push([file.displayName, file.roundedAmounts]) }),
    );
    expect(inWorker.daily).toEqual(expected.daily);
    expect(expected.usage.length).toBe(expected.daily.length);
    expect(inWorker.usage).toEqual(expected.usage);
    expect(inWorker.input).toEqual(expected.input);
    expect(inWorker.input.rows).toBe(3_001);
    expect(rounded).toEqual([
      ['september.csv', 0],
      ['october.csv.gz', 1],
    ]);
    // Bytes count on across files and never go back.
    expect(inWorker.progress).toEqual([...inWorker.progress].sort((a, b) => a - b));
  });

  it('rejects bad input with the same located error as reading in this thread', async () => {
    const bad = writeTempFile('bad.csv', focusCsv([{}, { EffectiveCost: '12,5' }]));
    const inThread = readFocusFile(bad, { displayName: 'bad.csv', onRow: () => {} });
    await expect(inThread).rejects.toThrow(/^bad\.csv, line 3, column \d+ \(EffectiveCost\): /);
    const message = await inThread.catch(error => (error as Error).message);
    const inWorker = collect(aggregateFocusFiles([{ path: bad, displayName: 'bad.csv' }]));
    await expect(inWorker).rejects.toMatchObject({ name: 'FocusInputError', message, location: { file: 'bad.csv', line: 3, field: 'EffectiveCost' } });
  });

  it('fails the read, not the process, when the input needs more memory than allowed', async () => {
    // Distinct tag sets are held until the end: these outgrow the heap a one-row file reads in.
    const small = await collect(aggregateFocusFiles([files[1]], { maxHeapMb: WORKER_HEAP_MB }));
    expect(small.input.rows).toBe(1);
    const tagHeavy = writeTempFile(
      'tags.csv',
      focusCsv(
        Array.from({ length: 1_200 }, (_, i) => ({
          Tags: JSON.stringify(Object.fromEntries(Array.from({ length: 1_000 }, (_tag, k) => [`tag-${k}`, `row-${i}-${k}`]))),
        })),
      ),
    );
    const withRoom = await collect(aggregateFocusFiles([{ path: tagHeavy, displayName: 'tags.csv' }], { maxHeapMb: 512 }));
    expect(withRoom.input.keys).toHaveLength(1_200);
    await expect(collect(aggregateFocusFiles([{ path: tagHeavy, displayName: 'tags.csv' }], { maxHeapMb: WORKER_HEAP_MB }))).rejects.toThrow(
      new RegExp(`needed more than the ${WORKER_HEAP_MB} MB heap`),
    );
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const reading = collect(
      aggregateFocusFiles(files, {
        signal: controller.signal,
        spillThreshold: 10,
        onFileRead: () => controller.abort(new Error('backend shutting down')),
      }),
    );
    await expect(reading).rejects.toThrow('backend shutting down');
  });
});
