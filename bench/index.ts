/*
 * The FinOps benchmark: generates its own data with the demo generator,
 * runs each case several times in fresh processes, runs the DuckDB baseline
 * in the same invocation, and prints medians with the machine's details.
 *
 *   yarn bench [--rows 1000000] [--large 5000000] [--runs 3] [--postgres URL] [--skip-large] [--only-usage | --only-queries | --only-directory | --only-responsive | --only-organisation | --only-operate | --only-ownership]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { writeDemoFocusFiles } from '@backstage-finops/demo-data';
import { addDays, parseDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores } from '../plugins/finops-backend/src/database/FinopsStores';
// Shared with organisation.mjs, which seeds the same shape behind a real backend.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seedQueryData } = require('./seedCosts.cjs') as { seedQueryData(knex: Knex, components: number, days: number, services: number): Promise<void> };
import { buildCostReport } from '../plugins/finops-backend/src/analytics/costReport';
import { CatalogIndex, EntitySummary } from '../plugins/finops-backend/src/attribution/CatalogIndex';
import { attributeCostKey } from '../plugins/finops-backend/src/attribution/attributeCostKey';
import { DEFAULT_ENTITY_KINDS, DEFAULT_ENTITY_TAG_KEYS, DEFAULT_OWNER_TAG_KEYS } from '../plugins/finops-backend/src/config';

const root = resolve(__dirname, '..');
const dataDir = join(root, 'bench/.data');
const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const runs = Number(arg('runs', '3'));
const rowsSmall = Number(arg('rows', '1000000'));
const rowsLarge = Number(arg('large', '5000000'));
const skipLarge = process.argv.includes('--skip-large');
const onlyQueries = process.argv.includes('--only-queries');
const onlyDirectory = process.argv.includes('--only-directory');
const onlyResponsive = process.argv.includes('--only-responsive');
const onlyOrganisation = process.argv.includes('--only-organisation');
const onlyOperate = process.argv.includes('--only-operate');
const onlyOwnership = process.argv.includes('--only-ownership');
const onlyUsage = process.argv.includes('--only-usage');
const postgresUrl = arg('postgres', process.env.FINOPS_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];
const results: string[] = [];
/** Checks of this run that did not hold; any makes the run fail. */
const failedChecks: string[] = [];
/** A check's cell: ✓ or ✗ with its figure; a ✗ fails the run at its end. */
function check(holds: boolean, figure: string): string {
  if (!holds) {
    failedChecks.push(figure);
  }
  return `${holds ? '✓' : '✗'} ${figure}`;
}
const report = (line: string) => {
  results.push(line);
  process.stdout.write(`${line}\n`);
};

/** One billing month of the demo generator at scale 182 is about a million rows. */
async function dataset(name: string, rows: number, gzip = false, months = Math.max(1, Math.round(rows / 1_000_000))): Promise<{ files: string[]; bytes: number; rows: number }> {
  const scale = Math.max(1, Math.round((182 * rows) / (months * 1_000_000)));
  const outDir = join(dataDir, name);
  const stamp = join(outDir, `.done-${scale}-${months}-${gzip}`);
  if (!existsSync(stamp)) {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    await writeDemoFocusFiles({ outDir, endDate: '2026-11-01', months, scale, gzip });
    execFileSync('touch', [stamp]);
  }
  const files = execFileSync('ls', [outDir]).toString().split('\n').filter(f => /\.csv(\.gz)?$/.test(f)).map(f => join(outDir, f));
  return { files, bytes: files.reduce((sum, f) => sum + statSync(f).size, 0), rows };
}

function runWorker(command: string[], label: string, times = runs) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    const child = spawnSync(process.execPath, command, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) {
      throw new Error(`${label} failed: ${child.stderr}`);
    }
    samples.push(JSON.parse(child.stdout.trim().split('\n').pop()!));
  }
  return {
    rows: samples[0].rows as number,
    dailyRows: samples[0].dailyRows as number | undefined,
    totals: samples[0].totals as CurrencyTotals[] | undefined,
    seconds: median(samples.map(s => s.seconds)),
    replaceSeconds: samples[0].replaceSeconds === undefined ? undefined : median(samples.map(s => s.replaceSeconds)),
    writeFloorSeconds: samples[0].writeFloorSeconds === undefined ? undefined : median(samples.map(s => s.writeFloorSeconds)),
    peakRssMb: Math.max(...samples.map(s => s.peakRssMb)),
  };
}

const transform = ['-r', require.resolve('@backstage/cli/config/nodeTransform.cjs')];

interface CurrencyTotals {
  currency: string;
  effectiveCost: string;
  billedCost: string;
  listCost: string;
}

interface Baseline {
  rowsPerSecond: number;
  dailyRows: number;
  totals: CurrencyTotals[];
}

/** Whether an import stored what DuckDB summed: the same daily rows and, to the last decimal, the same totals. */
function sameAsBaseline(outcome: { dailyRows?: number; totals?: CurrencyTotals[] }, baseline: Baseline): string {
  const exact = (t: CurrencyTotals) =>
    [t.currency, ...[t.effectiveCost, t.billedCost, t.listCost].map(text => {
      const parsed = parseDecimal(text);
      return parsed.ok ? parsed.value.toString() : `not a decimal: ${text}`;
    })].join(' ');
  const sameTotals = (outcome.totals ?? []).map(exact).sort().join(';') === baseline.totals.map(exact).sort().join(';');
  if (!sameTotals) {
    return `✗ totals ${JSON.stringify(outcome.totals)}, DuckDB ${JSON.stringify(baseline.totals)}`;
  }
  if (outcome.dailyRows === undefined) {
    // Only a store knows the daily rows: a reader's batches may repeat a day that spans two of them.
    return '✓ totals';
  }
  return outcome.dailyRows === baseline.dailyRows ? '✓' : `✗ ${outcome.dailyRows} daily rows, DuckDB ${baseline.dailyRows}`;
}

const seconds = (value?: number) => (value === undefined ? '–' : `${value.toFixed(1)} s`);

/** One row of the import table; returns the case's rate in rows per second. */
function reportCase(label: string, outcome: ReturnType<typeof runWorker>, relativeTo: Baseline | undefined, verdict: string): number {
  if (verdict.startsWith('✗')) {
    failedChecks.push(`${label}: ${verdict}`);
  }
  const rate = outcome.rows / outcome.seconds;
  const ratio = relativeTo ? (rate / relativeTo.rowsPerSecond).toFixed(2) : '1.00';
  report(
    `| ${label} | ${outcome.rows.toLocaleString('en-US')} | ${outcome.seconds.toFixed(1)} s | ${seconds(outcome.replaceSeconds)} | ${seconds(outcome.writeFloorSeconds)} | ${Math.round(rate).toLocaleString('en-US')} | ${ratio} | ${Math.round(outcome.peakRssMb)} MB | ${verdict} |`,
  );
  return rate;
}

function importCase(label: string, files: string[], target: string, baseline: Baseline, times = runs) {
  const outcome = runWorker([...transform, join(root, 'bench/importWorker.ts'), target, ...files], label, times);
  return reportCase(label, outcome, baseline, sameAsBaseline(outcome, baseline));
}

function baselineCase(label: string, files: string[], times = runs, reference?: Baseline, threads?: number): Baseline {
  const outcome = runWorker([join(root, 'bench/duckdbWorker.mjs'), ...(threads ? ['--threads', String(threads)] : []), ...files], label, times);
  const dailyRows = outcome.dailyRows ?? 0;
  const rate = reportCase(label, outcome, reference, `${dailyRows.toLocaleString('en-US')} daily rows`);
  return { rowsPerSecond: rate, dailyRows, totals: outcome.totals ?? [] };
}

/** DuckDB as the ingestion engine: the daily rows handed to JavaScript, before a store has written any of them. */
function handoverCase(label: string, files: string[], baseline: Baseline, times = runs) {
  const outcome = runWorker([...transform, join(root, 'bench/duckdbWorker.mjs'), '--handover', ...files], label, times);
  reportCase(label, outcome, baseline, outcome.dailyRows === baseline.dailyRows ? '✓ same daily rows' : `✗ ${outcome.dailyRows} daily rows`);
}

/**
 * What the usage facts (the columns tips need, in a table of their own) cost
 * the import: the same files imported with and without their usage columns
 * read, each case into a database file of its own, so that both runs the
 * same sequence (a first import, then restatements). Goal: the rate with
 * them is at least 85 % of the rate without.
 */
function usageCostCase(files: string[], baseline: Baseline) {
  const fresh = (name: string) => {
    const file = join(dataDir, name);
    rmSync(file, { force: true });
    return file;
  };
  const withUsage = importCase('FOCUS CSV → SQLite, with usage facts', files, fresh('usage-with.sqlite'), baseline);
  const outcome = runWorker([...transform, join(root, 'bench/importWorker.ts'), '--without-usage', fresh('usage-without.sqlite'), ...files], 'without usage facts');
  const without = reportCase('FOCUS CSV → SQLite, usage columns not read', outcome, baseline, sameAsBaseline(outcome, baseline));
  const ratio = withUsage / without;
  report(`\nUsage facts: the import runs at ${ratio.toFixed(2)} × its rate without them (${check(ratio >= 0.85, `goal ≥ 0.85: ${Math.round(withUsage).toLocaleString('en-US')} against ${Math.round(without).toLocaleString('en-US')} rows/s`)}).\n`);
}

async function postgresDatabase(name: string): Promise<Knex | undefined> {
  const admin = knexFactory({ client: 'pg', connection: postgresUrl });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch {
    return undefined;
  } finally {
    await admin.destroy();
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 1, max: 4 } });
}

async function queryBenchmark() {
  const components = Number(arg('components', '2000'));
  const days = Number(arg('days', '400'));
  const services = Number(arg('services', '10'));
  const knex = await postgresDatabase('finops_bench_queries');
  if (!knex) {
    report(`\nPostgreSQL not reachable at ${postgresUrl}: query benchmarks skipped.`);
    return;
  }
  const stores = await createFinopsStores(knex);
  let started = Date.now();
  await seedQueryData(knex, components, days, services);
  report(`\nSeeded ${components} components × ${days} days × ${services} services = ${(components * days * services).toLocaleString('en-US')} daily rows in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  report('| query (store + report, in process) | requests | p50 | p95 | target p95 |');
  report('|---|---|---|---|---|');
  const to = addDays('2025-10-01', days);
  const from = addDays(to, -90);
  const costs = async (refs: string[]) => {
    const t = process.hrtime.bigint();
    const [current, previous] = await Promise.all([
      stores.costs.sumCosts({ from, to, metric: 'EffectiveCost', entityRefs: refs }, ['usageDate', 'service']),
      stores.costs.sumCosts({ from: addDays(from, -90), to: from, metric: 'EffectiveCost', entityRefs: refs }, []),
    ]);
    buildCostReport({ entityRef: refs[0], includedEntityRefs: refs, from, to, granularity: 'day', groupBy: 'service', costMetric: 'EffectiveCost', current, previous, hiddenEntityCount: 0, freshness: { dataThrough: null, settlingFrom: null, settleDays: 2 }, attributionTagKeys: { entity: [], owner: [] } });
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const ref = (i: number) => `component:default/svc-${String((i % components) + 1).padStart(4, '0')}`;
  for (const [label, size, target] of [['one component, 90 days daily by service', 1, 50], ['a group of 200 components, same', 200, 150]] as const) {
    const latencies = [];
    for (let i = 0; i < 5; i++) await costs(Array.from({ length: size }, (_, j) => ref(i * 7 + j)));
    for (let i = 0; i < 100; i++) {
      latencies.push(await costs(Array.from({ length: size }, (_, j) => ref(i * 13 + j * 3))));
    }
    report(`| ${label} | 100 | ${median(latencies).toFixed(1)} ms | ${quantile(latencies, 0.95).toFixed(1)} ms | ${target} ms |`);
  }

  // Re-attribution after a catalog change: every key decided again, a tenth of the components renamed.
  const settings = { rules: ['entityTagKey', 'costTagsAnnotation', 'cloudAccountsAnnotation', 'ownerTagKey'] as any, entityTagKeys: DEFAULT_ENTITY_TAG_KEYS, entityKinds: DEFAULT_ENTITY_KINDS, ownerTagKeys: DEFAULT_OWNER_TAG_KEYS };
  const reattribute = async (renamed: boolean) => {
    const entities: EntitySummary[] = Array.from({ length: components }, (_, i) => {
      const name = `svc-${String(i + 1).padStart(4, '0')}`;
      return { ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name: renamed && i % 10 === 0 ? `${name}-renamed` : name, annotations: {}, relations: [] };
    });
    const t = Date.now();
    const index = new CatalogIndex(entities);
    const keys = await stores.attribution.listCostKeys();
    const changed = await stores.attribution.updateAttributions(
      keys.map(key => ({ id: key.id, ...attributeCostKey({ tags: JSON.parse(key.tagsJson), billingAccountId: key.billingAccountId, subAccountId: key.subAccountId }, index, settings) })),
    );
    return { keys: keys.length, changed, seconds: (Date.now() - t) / 1000 };
  };
  await reattribute(false);
  const after = await reattribute(true);
  report(`\nRe-attribution after a catalog change (a tenth of ${components} components renamed): ${after.keys} cost keys decided again, ${after.changed} changed, ${after.seconds.toFixed(2)} s (target ≤ 5 s).`);
  await knex.destroy();
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  report(`# FinOps benchmark, ${new Date().toISOString().slice(0, 16)}Z, commit ${commit}`);
  report(`Machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; medians of ${runs} runs, each in a fresh process; peak RSS is the process's VmHWM.\n`);

  if (onlyDirectory) {
    await directoryBenchmark();
    return;
  }
  if (onlyResponsive) {
    await dataset('small', rowsSmall);
    await responsivenessBenchmark(join(dataDir, 'small'));
    return;
  }
  if (onlyOrganisation) {
    await organisationBenchmark();
    return;
  }
  if (onlyOperate) {
    qualityBenchmark('operate');
    return;
  }
  if (onlyOwnership) {
    qualityBenchmark('ownership');
    return;
  }
  if (onlyUsage) {
    const data = await dataset('small', rowsSmall);
    report('| import | rows | time | of which replacing | write floor | rows/s | × DuckDB | peak RSS | stored = DuckDB\'s sums |');
    report('|---|---|---|---|---|---|---|---|---|');
    const duckdb = baselineCase('DuckDB read_csv + GROUP BY (baseline, 1 run)', data.files, 1);
    usageCostCase(data.files, duckdb);
    return;
  }
  if (onlyQueries) {
    await queryBenchmark();
    await organisationBenchmark();
    costTabBenchmark();
    return;
  }
  const small = await dataset('small', rowsSmall);
  const smallGz = await dataset('small-gz', rowsSmall, true);
  report(`Data: ${small.files.length} file(s), ${(small.bytes / 1e9).toFixed(2)} GB CSV (${(small.bytes / rowsSmall / 1000).toFixed(2)} KB/row); gzip ${(smallGz.bytes / 1e6).toFixed(0)} MB.\n`);
  report('"Of which replacing": the transaction that sums the staged rows into the store after the last row is read. "Write floor": inserting the same daily rows once more, already parsed and summed, into the indexed table — what any import into this store pays. "Stored = DuckDB\'s sums": the import stored as many daily rows as DuckDB grouped, and its totals per currency equal DuckDB\'s DECIMAL sums exactly.\n');
  report('| import | rows | time | of which replacing | write floor | rows/s | × DuckDB | peak RSS | stored = DuckDB\'s sums |');
  report('|---|---|---|---|---|---|---|---|---|');
  const sqlite = join(dataDir, 'import.sqlite');
  rmSync(sqlite, { force: true });
  const postgres = await postgresDatabase('finops_bench_import');
  await postgres?.destroy();
  const duck = baselineCase('DuckDB read_csv + GROUP BY (baseline)', small.files);
  baselineCase('DuckDB on one thread', small.files, runs, duck, 1);
  importCase('the import\'s reader (one worker thread), no store', small.files, '--no-store', duck);
  handoverCase('DuckDB, daily rows handed to JavaScript (1 run)', small.files, duck, 1);
  const plainRate = importCase('FOCUS CSV → SQLite', small.files, sqlite, duck);
  if (postgres) {
    const url = new URL(postgresUrl);
    url.pathname = '/finops_bench_import';
    importCase('FOCUS CSV → PostgreSQL', small.files, url.toString(), duck);
  }
  const gzipRate = importCase('FOCUS CSV.gz → SQLite', smallGz.files, sqlite, duck);
  usageCostCase(small.files, duck);
  if (!skipLarge) {
    const large = await dataset('large', rowsLarge);
    // Once each: the large case alone would take most of the 15-minute budget three times over.
    const duckLarge = baselineCase(`DuckDB, ${rowsLarge.toLocaleString('en-US')} rows (baseline, 1 run)`, large.files, 1);
    importCase(`FOCUS CSV → SQLite, ${rowsLarge.toLocaleString('en-US')} rows (1 run)`, large.files, sqlite, duckLarge, 1);
  }
  report(`\nCSV.gz imports at ${(gzipRate / plainRate).toFixed(2)} × the plain CSV rate into SQLite (target ≥ 0.8).`);
  await responsivenessBenchmark(join(dataDir, 'small'));
  await directoryBenchmark();
  await queryBenchmark();
  await organisationBenchmark();
  costTabBenchmark();
  qualityBenchmark('operate');
  qualityBenchmark('ownership');
}

/**
 * A quality case that runs as its own script, prints its table, then its
 * figures as JSON on the last line, with the goals that did not hold in
 * `failed`: forecast accuracy and anomaly detection (bench/operate.ts),
 * owner suggestions (bench/ownership.ts). Not timed.
 */
function qualityBenchmark(name: 'operate' | 'ownership') {
  const child = spawnSync(process.execPath, [...transform, join(root, `bench/${name}.ts`)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const lines = child.stdout.trim().split('\n');
  const last = lines.pop() ?? '';
  let figures: { failed?: string[] };
  try {
    figures = JSON.parse(last);
  } catch {
    throw new Error(`${name} case failed: ${child.stderr}`);
  }
  for (const line of lines) {
    report(line);
  }
  for (const failure of figures.failed ?? []) {
    failedChecks.push(`${name}: ${failure}`);
  }
}

/** The team and organisation views through HTTP, as a signed-in user, against a real backend on PostgreSQL. */
async function organisationBenchmark() {
  const components = Number(arg('components', '2000'));
  const days = Number(arg('days', '400'));
  const probe = await postgresDatabase('finops_bench_probe');
  if (!probe) {
    report(`\nPostgreSQL not reachable at ${postgresUrl}: the organisation benchmark is skipped.`);
    return;
  }
  await probe.destroy();
  const child = spawnSync(process.execPath, [join(root, 'bench/organisation.mjs'), join(dataDir, 'organisation'), postgresUrl, String(components), String(days)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) {
    throw new Error(`organisation case failed: ${child.stderr}`);
  }
  const result = JSON.parse(child.stdout.trim().split('\n').pop()!);
  report(`\nThe team and organisation views through HTTP (a real backend on PostgreSQL, the demo's guest signed in, ${components} components in 10 teams × ${days} days × 10 services = ${result.dailyRows.toLocaleString('en-US')} daily rows, seeded in ${result.seedSeconds.toFixed(0)} s; ${result.overview.requests} requests each after 5 to warm up):\n`);
  report('| request | p50 | p95 | target p95 |');
  report('|---|---|---|---|');
  for (const [label, key, target] of [
    ['GET /overview, 30 days', 'overview', 300],
    ['GET /costs for a team of 200 components, groupBy=entity, 90 days daily', 'team', 150],
    ['GET /compare of the 10 teams, 90 days daily', 'compare', 300],
  ] as const) {
    const figures = result[key];
    report(`| ${label} | ${figures.p50.toFixed(0)} ms | ${check(figures.p95 <= target, `${figures.p95.toFixed(0)} ms`)} | ${target} ms |`);
  }
}

/** GET /costs every 100 ms against a real backend, at rest and while it imports the same files again. */
async function responsivenessBenchmark(focusDir: string) {
  report('\nGET /api/finops/costs every 100 ms (one component, a month daily by service) against a real backend, at rest and while a directory source of the same data is imported again and for 15 s after, while the replaced rows are deleted (1 run):\n');
  report('| database | rows imported | import | reads at rest p50 / p99 / max | during the import p50 / p99 / max | p99 during ÷ at rest (target ≤ 3) | max during (target ≤ 500 ms) |');
  report('|---|---|---|---|---|---|---|');
  const targets: Array<[string, string]> = [['SQLite (files)', 'sqlite']];
  const postgres = await postgresDatabase('finops_bench_import');
  if (postgres) {
    await postgres.destroy();
    targets.push(['PostgreSQL', postgresUrl]);
  }
  for (const [label, database] of targets) {
    const child = spawnSync(process.execPath, [join(root, 'bench/responsiveness.mjs'), focusDir, join(dataDir, 'responsiveness'), database], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) {
      throw new Error(`responsiveness case on ${label} failed: ${child.stderr}`);
    }
    const { rows, importSeconds, atRest, during } = JSON.parse(child.stdout.trim().split('\n').pop()!);
    const ms = (f: { p50: number; p99: number; max: number }) => `${f.p50.toFixed(0)} / ${f.p99.toFixed(0)} / ${f.max.toFixed(0)} ms`;
    const ratio = during.p99 / atRest.p99;
    report(
      `| ${label} | ${rows.toLocaleString('en-US')} | ${importSeconds.toFixed(1)} s | ${ms(atRest)} (${atRest.reads}) | ${ms(during)} (${during.reads}) | ${check(ratio <= 3, ratio.toFixed(1))} | ${check(during.max <= 500, `${during.max.toFixed(0)} ms`)} |`,
    );
  }
}

/** A year of monthly exports in a scheduled directory, after the newest month was rewritten. */
async function directoryBenchmark() {
  const year = await dataset('directory', rowsSmall, false, 12);
  const dir = join(dataDir, 'directory');
  const sqlite = join(dataDir, 'directory.sqlite');
  rmSync(sqlite, { force: true });
  const child = spawnSync(process.execPath, [...transform, join(root, 'bench/directoryWorker.ts'), sqlite, dir], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  rmSync(sqlite, { force: true });
  if (child.status !== 0) {
    throw new Error(`directory case failed: ${child.stderr}`);
  }
  const { files, first, changedOnly, everything } = JSON.parse(child.stdout.trim().split('\n').pop()!);
  const row = (label: string, run: { seconds: number; rows: number; periods: number }) =>
    report(`| ${label} | ${run.rows.toLocaleString('en-US')} | ${run.periods} | ${run.seconds.toFixed(1)} s |`);
  report(`\nA directory source of ${files} monthly files (${(year.bytes / 1e9).toFixed(2)} GB), the newest rewritten (SQLite, 1 run):\n`);
  report('| import | rows read | billing periods replaced | time |');
  report('|---|---|---|---|');
  row('first import, every file', first);
  row('after the rewrite: the changed file and those sharing its periods', changedOnly);
  row('after the rewrite, reading every file (before manifests)', everything);
}

/** Navigation to a visible chart in headless Chromium, production build, 13 months of data. */
function costTabBenchmark() {
  const child = spawnSync(process.execPath, [join(root, 'bench/costTab.mjs'), '7'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    report(`\nCost tab in Chromium: not measured (${child.stderr.trim().split('\n').slice(-3).join(' ')})`);
    return;
  }
  const { times } = JSON.parse(child.stdout.trim().split('\n').pop()!);
  report(`\nCost tab in headless Chromium (production build, 13 months of demo data, ${times.length} navigations after a warm-up): median ${(median(times) / 1000).toFixed(2)} s, worst ${(Math.max(...times) / 1000).toFixed(2)} s to a visible chart (target ≤ 1.5 s).`);
}

main()
  .then(() => {
    if (failedChecks.length > 0) {
      process.stderr.write(`\n${failedChecks.length} check(s) failed:\n${failedChecks.map(c => `  ✗ ${c}`).join('\n')}\n`);
      process.exit(1);
    }
  })
  .catch(error => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
