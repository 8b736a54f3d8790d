// The published backend plugin reads FOCUS files in a worker thread that
// loads a module of its own build output. Builds drop code nothing imports,
// and the development transform is absent in production, so this builds the
// plugin and its two workspace libraries and reads files through the built
// code with plain Node, as an installed plugin would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../support/backend.mjs';

const packages = ['plugins/finops-common', 'plugins/finops-node', 'plugins/finops-backend'];
const workDir = mkdtempSync(join(tmpdir(), 'finops-built-worker-'));

const header =
  'BilledCost,BillingAccountId,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargePeriodEnd,ChargePeriodStart,EffectiveCost,ListCost,ProviderName,ResourceId,ServiceName,Tags';
const row = (cost, resource) =>
  `${cost},111111111111,USD,2024-10-01T00:00:00Z,2024-09-01T00:00:00Z,Usage,2024-09-02T00:00:00Z,2024-09-01T00:00:00Z,${cost},${cost},AWS,${resource},"Amazon EC2","{""service"":""checkout""}"`;

before(() => {
  for (const dir of packages) {
    execFileSync('yarn', ['backstage-cli', 'package', 'build'], { cwd: join(root, dir), stdio: 'ignore' });
  }
  // What `yarn pack` does to workspace dependencies: their `main` becomes the build output.
  writeFileSync(
    join(workDir, 'resolve-built.cjs'),
    `const Module = require('node:module');
const built = {
  '@backstage-finops/plugin-finops-common': ${JSON.stringify(join(root, 'plugins/finops-common/dist/index.cjs.js'))},
  '@backstage-finops/plugin-finops-node': ${JSON.stringify(join(root, 'plugins/finops-node/dist/index.cjs.js'))},
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return built[request] ?? resolve.call(this, request, ...rest);
};
`,
  );
});

after(() => {
  for (const dir of packages) {
    rmSync(join(root, dir, 'dist'), { recursive: true, force: true });
  }
  rmSync(workDir, { recursive: true, force: true });
});

/** Reads `csv` with the built aggregateFocusFiles in a plain Node process; returns its JSON report. */
function readWithBuild(csv) {
  const file = join(workDir, 'bill.csv');
  writeFileSync(file, csv);
  const script = `
const { aggregateFocusFiles } = require(${JSON.stringify(join(root, 'plugins/finops-backend/dist/ingest/aggregateFocusFiles.cjs.js'))});
let staged = 0;
aggregateFocusFiles([{ path: ${JSON.stringify(file)}, displayName: 'bill.csv' }], { spillThreshold: 2 })({
  async stage(batch) { for (const _ of batch.dailyCosts) staged++; },
  onProgress() {},
}).then(
  input => console.log(JSON.stringify({ rows: input.rows, staged, keys: input.keys.length, effective: String(input.totals[0].effectiveCost) })),
  error => console.log(JSON.stringify({ error: error.message, name: error.name })),
);`;
  const output = execFileSync(process.execPath, ['-r', join(workDir, 'resolve-built.cjs'), '-e', script], {
    cwd: workDir,
    encoding: 'utf8',
    // No development transform: NODE_OPTIONS from a dev shell could bring one in.
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  return JSON.parse(output.trim().split('\n').pop());
}

test('the built plugin reads and sums FOCUS files in its worker thread without the development transform', () => {
  const report = readWithBuild(`${header}\n${row('1.25', 'i-1')}\n${row('0.5', 'i-2')}\n${row('2', 'i-3')}\n${row('0.25', 'i-1')}\n`);
  assert.deepEqual(report, { rows: 4, staged: 3, keys: 1, effective: '4000000000000000000' });
});

test('bad input read by the built worker fails with its file, line and column', () => {
  const report = readWithBuild(`${header}\n${row('1.25', 'i-1')}\n${row('12abc', 'i-2')}\n`);
  assert.equal(report.name, 'FocusInputError');
  assert.match(report.error, /^bill\.csv, line 3, column 1 \(BilledCost\): /);
});

test('the built store imports into a SQLite file through its writer thread without the development transform', () => {
  const file = join(workDir, 'writer.csv');
  writeFileSync(file, `${header}\n${row('1.25', 'i-1')}\n${row('0.5', 'i-2')}\n${row('2', 'i-3')}\n`);
  const built = name => JSON.stringify(join(root, `plugins/finops-backend/dist/${name}.cjs.js`));
  const script = `
const knex = require('knex')({ client: 'better-sqlite3', connection: { filename: ${JSON.stringify(join(workDir, 'finops.sqlite'))} }, useNullAsDefault: true });
const { createFinopsStores } = require(${built('database/FinopsStores')});
const { aggregateFocusFiles } = require(${built('ingest/aggregateFocusFiles')});
const { runImport } = require(${built('ingest/runImport')});
(async () => {
  const stores = await createFinopsStores(knex);
  await stores.imports.createImport({ id: 'built', sourceId: 'upload', fileName: 'writer.csv' });
  await runImport({
    stores, importId: 'built', sourceId: 'upload',
    attribute: () => ({ entityRef: null, rule: null, detail: 'unallocated' }),
    produce: aggregateFocusFiles([{ path: ${JSON.stringify(file)}, displayName: 'writer.csv' }]),
  });
  const sums = await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, []);
  const [{ journal_mode }] = await knex.raw('PRAGMA journal_mode');
  console.log(JSON.stringify({ status: (await stores.imports.getImport('built')).status, effective: String(sums.reduce((s, x) => s + x.amount, 0n)), journal_mode }));
  await knex.destroy();
})().catch(error => console.log(JSON.stringify({ error: error.message })));`;
  const output = execFileSync(process.execPath, ['-r', join(workDir, 'resolve-built.cjs'), '-e', script], {
    cwd: join(root, 'plugins/finops-backend'),
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  assert.deepEqual(JSON.parse(output.trim().split('\n').pop()), { status: 'succeeded', effective: '3750000000000000000', journal_mode: 'wal' });
});
