// Two real backend processes on one PostgreSQL: a scheduled source is
// imported once, not once per instance, both serve the same figures, and a
// catalog change reaches both within the attribution refresh interval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { api, root, startBackend, stopBackend, waitFor } from '../support/backend.mjs';

const require = createRequire(join(root, 'package.json'));
const { Client } = require('pg');

const postgresUrl = process.env.FINOPS_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const token = 'two-backends-test-token-0123456789';
const prefix = `finops_two_${process.pid}_`;
/** finops.attribution.refreshFrequency of both instances, in seconds. */
const REFRESH_SECONDS = 3;

async function postgresReachable() {
  const client = new Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const reachable = await postgresReachable();
const workDir = mkdtempSync(join(tmpdir(), 'finops-two-backends-'));
const backends = [];
const catalogFile = join(workDir, 'catalog.yaml');

async function dropDatabases() {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
  for (const { datname } of rows) {
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await client.end();
}

before(async () => {
  if (!reachable) return;
  const url = new URL(postgresUrl);
  // The instances' catalog: a copy of the demo organisation that the test edits.
  copyFileSync(join(root, 'examples/finops-demo.yaml'), catalogFile);
  const config = port => `
backend:
  baseUrl: http://localhost:${port}
  listen: { port: ${port} }
  database:
    client: pg
    prefix: ${prefix}
    connection: { host: ${url.hostname}, port: ${url.port || 5432}, user: ${decodeURIComponent(url.username) || 'postgres'}${url.password ? `, password: ${decodeURIComponent(url.password)}` : ''} }
  auth:
    externalAccess:
      - type: static
        options: { token: ${token}, subject: two-backends-test }
catalog:
  processingInterval: { seconds: 2 }
  locations:
    - type: file
      target: ${catalogFile}
finops:
  sources:
    - id: demo
      type: focus-directory
      path: ${join(workDir, 'focus')}
      frequency: { seconds: 2 }
  attribution:
    # minutes: 0, or app-config.yaml's { minutes: 5 } merges into it.
    refreshFrequency: { minutes: 0, seconds: ${REFRESH_SECONDS} }
`;
  // Seeded by the first instance; the second finds the files there.
  backends.push(await startBackend({ name: 'first', port: 7101, config: config(7101), workDir, env: { FINOPS_API_TOKEN: token } }));
  backends.push(await startBackend({ name: 'second', port: 7102, config: config(7102), workDir, env: { FINOPS_API_TOKEN: token } }));
});

after(async () => {
  backends.forEach(stopBackend);
  // The whole logs, for a failure that the last lines in its message do not explain.
  backends.forEach((backend, i) => writeFileSync(join(workDir, `backend-${i + 1}.log`), backend.log));
  if (backends.length > 0) console.log(`backend logs in ${workDir}`);
  if (reachable) {
    await new Promise(r => setTimeout(r, 2000));
    await dropDatabases().catch(() => {});
  }
});

test('two backends on one PostgreSQL import a scheduled source once and serve the same data', { skip: !reachable && 'no PostgreSQL' }, async () => {
  const [first, second] = backends;
  await waitFor('the demo import', first, async () => {
    const { items } = await api(first, token, '/imports');
    return items.some(i => i.sourceId === 'demo' && i.status === 'succeeded');
  }, 240_000);
  // Let the 2-second schedule come round several times on both instances.
  await new Promise(r => setTimeout(r, 12_000));
  for (const backend of [first, second]) {
    const { items } = await api(backend, token, '/imports');
    const demo = items.filter(i => i.sourceId === 'demo');
    assert.equal(demo.length, 1, `one import of the demo source, seen from ${backend.baseUrl}: ${JSON.stringify(demo)}`);
    assert.equal(demo[0].status, 'succeeded');
  }
  const day = offset => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const query = `/coverage?from=${day(-420)}&to=${day(1)}`;
  const [a, b] = await Promise.all([api(first, token, query), api(second, token, query)]);
  assert.notEqual(a.total.amount, '0');
  assert.deepEqual(a, b);
  for (const backend of backends) {
    assert.ok(!backend.log.includes(token), 'the static token is not logged');
  }
});

test('a catalog change reaches the attribution of both instances within the refresh interval', { skip: !reachable && 'no PostgreSQL' }, async () => {
  const [first, second] = backends;
  const day = offset => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const period = `from=${day(-420)}&to=${day(1)}`;
  const legacyTags = encodeURIComponent(JSON.stringify({ app: 'legacy-billing-v1', 'cost-center': 'cc-4410' }));
  const explain = async backend => (await api(backend, token, `/explain?tags=${legacyTags}`)).items[0].entityRef;
  const total = async (backend, ref) => (await api(backend, token, `/costs?entityRef=${ref}&${period}`)).total.amount;
  const legacy = 'component:default/legacy-billing';
  const archive = 'component:default/billing-archive';

  // Before: legacy-billing's cost tags take its spend, on both instances.
  const legacyTotal = await waitFor('the demo import and legacy-billing attributed', first, async () => {
    const amount = await total(first, legacy);
    return amount !== '0' && amount;
  }, 240_000);
  for (const backend of backends) {
    assert.equal(await explain(backend), legacy);
    assert.equal(await total(backend, legacy), legacyTotal);
  }

  // The catalog file: legacy-billing's cost tags move to a new component of the same system.
  const text = readFileSync(catalogFile, 'utf8');
  // Only the cost-tags line goes: legacy-billing keeps its other annotations (its budget).
  const annotated = "    finops.backstage.io/cost-tags: 'app=legacy-billing-v1,cost-center=cc-4410'\n";
  assert.ok(text.includes(`  annotations:\n${annotated}`), 'the demo catalog annotates legacy-billing');
  writeFileSync(
    catalogFile,
    `${text.replace(annotated, '')}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing-archive
  annotations:
    finops.backstage.io/cost-tags: 'app=legacy-billing-v1,cost-center=cc-4410'
spec:
  type: service
  lifecycle: production
  owner: team-payments
  system: payments
`,
  );

  // The catalog re-reads the file (processingInterval 2 s); both instances share its database.
  await waitFor('the catalog to read the changed file', first, async () => {
    const response = await fetch(`${first.baseUrl}/api/catalog/entities/by-name/component/default/billing-archive`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) return false;
    const legacyEntity = await (
      await fetch(`${first.baseUrl}/api/catalog/entities/by-name/component/default/legacy-billing`, { headers: { Authorization: `Bearer ${token}` } })
    ).json();
    return !legacyEntity.metadata.annotations?.['finops.backstage.io/cost-tags'];
  }, 120_000);
  const changed = Date.now();

  // Each instance's own snapshot (explanations, rollups) and the stored attribution written
  // once (costs per entity) follow within the refresh interval; allow scheduler polling and load.
  const bound = (4 * REFRESH_SECONDS + 10) * 1000;
  const lastSeen = new Map();
  const followed = await Promise.all(
    backends.map(backend =>
      waitFor(`${backend.baseUrl} to follow the catalog`, backend, async () => {
        const [entityRef, archiveTotal, legacyAfter, system] = await Promise.all([
          explain(backend),
          total(backend, archive),
          total(backend, legacy),
          api(backend, token, `/costs?entityRef=system:default/payments&${period}`),
        ]);
        const seen = { entityRef, archiveTotal, legacyAfter, rollupHasArchive: system.includedEntityRefs.includes(archive) };
        const expected = { entityRef: archive, archiveTotal: legacyTotal, legacyAfter: '0', rollupHasArchive: true };
        if (JSON.stringify(seen) !== lastSeen.get(backend)) {
          lastSeen.set(backend, JSON.stringify(seen));
          console.log(`${backend.baseUrl} after ${Date.now() - changed} ms: ${JSON.stringify(seen)}`);
        }
        if (JSON.stringify(seen) !== JSON.stringify(expected)) {
          // waitFor reports the last error: what was seen, against what is expected.
          throw new Error(`seen ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
        }
        return Date.now();
      }, bound + 30_000),
    ),
  );
  for (const [i, at] of followed.entries()) {
    assert.ok(at - changed <= bound, `instance ${i + 1} followed the catalog ${at - changed} ms after it changed (bound ${bound} ms)`);
  }
  for (const backend of backends) {
    assert.ok(!backend.log.includes(token), 'the static token is not logged');
  }
});
