// Whether the backend keeps answering during an import. A real backend
// (packages/backend, the demo app's) on SQLite
// files or PostgreSQL imports a directory source of FOCUS files; then
// GET /api/finops/costs for one component is started every 100 ms, first at
// rest and then while the same files, touched, are imported again. A read's
// latency runs from when it was due; reads go on for 15 s after the import
// succeeded, while the replaced rows and the staging are deleted. Prints
// JSON with p50, p99 and max of both phases and the import's figures.
// Usage: responsiveness.mjs <focus-dir> <work-dir> <sqlite | postgresql-url>
// TRACE=1 prints each read (ms after the phase began, latency) to stderr.
import { mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { api, startBackend, stopBackend, waitFor } from '../test/support/backend.mjs';

const [focusDir, workDirArgument, database] = process.argv.slice(2);
const workDir = resolve(workDirArgument);
const INTERVAL_MS = 100;
const REST_READS = 50;
const CLEANUP_MS = 15_000;
const token = 'bench-token-for-the-finops-api';
const port = 7017;

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const databaseConfig = database === 'sqlite'
  ? `{ client: better-sqlite3, connection: { directory: ${JSON.stringify(resolve(workDir, 'sqlite'))} } }`
  : `{ client: pg, connection: ${JSON.stringify(database)}, prefix: bench_responsive_${Date.now()}_ }`;
const config = `
backend:
  baseUrl: http://localhost:${port}
  listen: { port: ${port} }
  database: ${databaseConfig}
  auth:
    externalAccess:
      - type: static
        options: { token: ${token}, subject: bench }
finops:
  sources:
    - id: bench
      type: focus-directory
      path: ${JSON.stringify(resolve(focusDir))}
      frequency: { hours: 24 }
`;

const backend = await startBackend({ name: 'responsiveness', port, config, workDir });
try {
  const succeeded = async after => {
    const { items } = await api(backend, token, '/imports');
    return items.find(i => i.sourceId === 'bench' && i.status === 'succeeded' && i.createdAt > after);
  };
  const first = await waitFor('the first import', backend, () => succeeded(''), 600_000);
  const period = first.billingPeriods[first.billingPeriods.length - 1];
  const end = new Date(`${period}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const path = `/costs?entityRef=component:default/checkout-api&from=${period}&to=${end.toISOString().slice(0, 10)}&granularity=day&groupBy=service`;
  const report = await api(backend, token, path);
  if (!(Number(report.total?.amount ?? report.total) > 0)) {
    throw new Error(`the component has no cost in ${period}: ${JSON.stringify(report).slice(0, 300)}`);
  }

  const readEvery = async (until, count = Infinity) => {
    const latencies = [];
    const failures = [];
    const pending = [];
    const start = performance.now();
    for (let i = 0; i < count && !(await until?.()); i++) {
      const due = start + i * INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise(r => setTimeout(r, wait));
      pending.push(
        api(backend, token, path).then(
          () => {
            latencies.push(performance.now() - due);
            if (process.env.TRACE) process.stderr.write(`${(due - start).toFixed(0)} ${(performance.now() - due).toFixed(0)}\n`);
          },
          error => failures.push(error),
        ),
      );
    }
    await Promise.all(pending);
    if (failures.length > 0) {
      throw new Error(`${failures.length} read(s) failed, the first: ${failures[0].message}`);
    }
    return latencies;
  };
  await readEvery(undefined, 5);
  const atRest = await readEvery(undefined, REST_READS);

  const now = new Date();
  for (const name of readdirSync(focusDir)) utimesSync(join(focusDir, name), now, now);
  const before = new Date().toISOString();
  if (process.env.TRACE) process.stderr.write(`import requested at ${before}\n`);
  // The first run's task goes on after its import succeeded, deleting what it staged: wait for it to end.
  const run = () => fetch(`${backend.baseUrl}/api/finops/sources/bench/run`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  await waitFor('the source task to be idle', backend, async () => {
    const response = await run();
    if (response.status !== 409 && !response.ok) throw new Error(`run: ${response.status} ${await response.text()}`);
    return response.ok;
  }, 600_000);
  const started = performance.now();
  let second;
  let succeededAt;
  let lastCheck = 0;
  // Reads go on for CLEANUP_MS after the import succeeded: the replaced rows and the staging are deleted then.
  const during = await readEvery(async () => {
    if (succeededAt) return performance.now() - succeededAt > CLEANUP_MS;
    if (performance.now() - lastCheck < 1000) return false;
    lastCheck = performance.now();
    second = await succeeded(before);
    if (second) succeededAt = performance.now();
    return false;
  });
  const importSeconds = (succeededAt - started) / 1000;
  const figures = values => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = q => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
    return { reads: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
  };
  process.stdout.write(`${JSON.stringify({ rows: second.rowsRead, importSeconds, atRest: figures(atRest), during: figures(during) })}\n`);
} finally {
  stopBackend(backend);
  writeFileSync(join(workDir, 'backend.log'), backend.log);
}
