/*
 * Whether the store keeps answering during an import: in one process, as in
 * a backend, a cost read (one cost key's month, daily by service, as a
 * component's Cost tab asks) is started every 100 ms, first at rest and
 * then while the same FOCUS files are imported again. A read's latency runs
 * from when it was due, so a blocked event loop counts as well as a busy
 * connection. Prints JSON: the latencies' p50, p99 and max in both phases.
 * Usage: responsivenessWorker.ts <sqlite-file | postgresql-url> <file>...
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import knexFactory from 'knex';
import { KnexFinopsStore } from '../plugins/finops-backend/src/database/KnexFinopsStore';
import { aggregateFocusFiles } from '../plugins/finops-backend/src/ingest/aggregateFocusFiles';
import { runImport } from '../plugins/finops-backend/src/ingest/runImport';

const INTERVAL_MS = 100;
const REST_READS = 50;

async function main() {
  const [target, ...files] = process.argv.slice(2);
  const knex = knexFactory(
    target.startsWith('postgres')
      ? { client: 'pg', connection: target }
      : { client: 'better-sqlite3', connection: { filename: target }, useNullAsDefault: true },
  );
  const store = await KnexFinopsStore.create(knex);
  const importOnce = async (id: string) => {
    await store.createImport({ id, sourceId: 'bench', fileName: files.join(' ') });
    return runImport({
      store,
      importId: id,
      sourceId: 'bench',
      attribute: () => ({ entityRef: null, rule: null, detail: 'bench' }),
      produce: aggregateFocusFiles(files.map(file => ({ path: file, displayName: file }))),
    });
  };
  const first = await importOnce(`bench-${Date.now()}`);
  const month = first.billingPeriods[first.billingPeriods.length - 1];
  const to = `${month.slice(0, 5)}${String(Number(month.slice(5, 7)) + 1).padStart(2, '0')}-01`.replace(/^(\d{4})-13/, (_, y) => `${Number(y) + 1}-01`);
  const busiest = await store.topCosts({ from: month, to, metric: 'EffectiveCost' }, ['costKey'], 1);
  const costKeyIds = busiest.map(sum => Number(sum.dimensions.costKey));
  const read = () => store.sumCosts({ from: month, to, metric: 'EffectiveCost', costKeyIds }, ['usageDate', 'service']);

  /** Starts a read every interval until `until` settles (or `count` reads); returns latencies in ms. */
  const readEvery = async (until: Promise<unknown> | undefined, count = Infinity) => {
    const latencies: number[] = [];
    let finished = false;
    until?.finally(() => {
      finished = true;
    });
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; !finished && i < count; i++) {
      const due = start + i * INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) {
        await new Promise(resolve => setTimeout(resolve, wait));
      }
      pending.push(read().then(() => void latencies.push(performance.now() - due)));
    }
    await Promise.all(pending);
    return latencies;
  };

  await readEvery(undefined, 5);
  const atRest = await readEvery(undefined, REST_READS);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const started = performance.now();
  const importing = importOnce(`bench-${Date.now()}-again`);
  const during = await readEvery(importing);
  const outcome = await importing;
  const importSeconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  // How long the event loop was held at a time, apart from waits for the database connection.
  const eventLoop = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  const figures = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
    return { reads: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
  };
  process.stdout.write(`${JSON.stringify({ rows: outcome.rows, importSeconds, atRest: figures(atRest), during: figures(during), eventLoop })}\n`);
  await knex.destroy();
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
