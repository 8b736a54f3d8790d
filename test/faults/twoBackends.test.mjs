// Two real backend processes on one PostgreSQL: a scheduled source is
// imported once, not once per instance, and both serve the same figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { api, root, startBackend, stopBackend, waitFor } from '../support/backend.mjs';

const require = createRequire(join(root, 'package.json'));
const { Client } = require('pg');

const postgresUrl = process.env.FINOPS_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const token = 'two-backends-test-token-0123456789';
const prefix = `finops_two_${process.pid}_`;

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
finops:
  sources:
    - id: demo
      type: focus-directory
      path: ${join(workDir, 'focus')}
      frequency: { seconds: 2 }
`;
  // Seeded by the first instance; the second finds the files there.
  backends.push(await startBackend({ name: 'first', port: 7101, config: config(7101), workDir, env: { FINOPS_API_TOKEN: token } }));
  backends.push(await startBackend({ name: 'second', port: 7102, config: config(7102), workDir, env: { FINOPS_API_TOKEN: token } }));
});

after(async () => {
  backends.forEach(stopBackend);
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
