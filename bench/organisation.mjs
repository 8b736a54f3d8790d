// The team and organisation views through HTTP: a real backend (the demo
// app's, packages/backend) on PostgreSQL with a catalog of `components`
// components in 10 teams under one organisation, and cost data of
// components × days × 10 services seeded into its tables. A signed-in user
// (the demo's guest, through the auth backend) calls /overview (30 days),
// /costs for a team of 200 components with groupBy=entity (90 days daily)
// and /compare of the 10 teams (90 days); authentication and permission
// checks run as for any request. Prints JSON with each case's p50 and p95.
// Usage: organisation.mjs <work-dir> <postgresql-url> [components] [days]
// Seeding takes minutes; with FINOPS_BENCH_KEEP_PREFIX=<prefix> the databases
// are named by that prefix, seeded only when empty and kept afterwards, for
// measuring a change again on the same data.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { startBackend, stopBackend, waitFor } from '../test/support/backend.mjs';

const require = createRequire(import.meta.url);
const knexFactory = require('knex');
const { seedQueryData } = require('./seedCosts.cjs');

const [workDirArgument, postgresUrl, componentsArgument = '2000', daysArgument = '400'] = process.argv.slice(2);
const workDir = resolve(workDirArgument);
const components = Number(componentsArgument);
const days = Number(daysArgument);
const TEAMS = 10;
const REQUESTS = 60;
const WARMUP = 5;
const port = 7031;
const keptPrefix = process.env.FINOPS_BENCH_KEEP_PREFIX;
const prefix = keptPrefix ?? `bench_org_${Date.now()}_`;

rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });

const name = i => `svc-${String(i).padStart(4, '0')}`;
const team = i => `team-${String(i).padStart(2, '0')}`;
const documents = [
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'org' }, spec: { type: 'organization', children: [] } },
  ...Array.from({ length: TEAMS }, (_, t) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: team(t) },
    spec: { type: 'team', parent: 'org', children: [] },
  })),
  ...Array.from({ length: components }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: name(i + 1) },
    spec: { type: 'service', lifecycle: 'production', owner: team(Math.floor((i * TEAMS) / components)) },
  })),
];
const catalogFile = join(workDir, 'catalog.yaml');
writeFileSync(catalogFile, documents.map(d => JSON.stringify(d)).join('\n---\n'));

const config = `
backend:
  baseUrl: http://localhost:${port}
  listen: { port: ${port} }
  database: { client: pg, connection: ${JSON.stringify(postgresUrl)}, prefix: ${prefix} }
catalog:
  locations:
    - type: file
      target: ${JSON.stringify(catalogFile)}
finops:
  sources: []
  # The catalog ingests the file progressively; the snapshot follows it quickly
  # (minutes: 0 overrides app-config.yaml's minutes: 5, which would otherwise add to these seconds).
  attribution: { refreshFrequency: { minutes: 0, seconds: 5 } }
`;

// app-config.yaml's static token comes from the environment; this case signs in as the guest instead.
const backend = await startBackend({ name: 'organisation', port, config, workDir, env: { FINOPS_API_TOKEN: 'bench-organisation-unused' } });
const db = new URL(postgresUrl);
db.pathname = `/${prefix}finops`;
const knex = knexFactory({ client: 'pg', connection: db.toString() });
try {
  const seededAt = Date.now();
  const [{ count: keys }] = await knex('finops_cost_keys').count({ count: '*' });
  if (Number(keys) === 0) await seedQueryData(knex, components, days, 10);
  const seedSeconds = (Date.now() - seededAt) / 1000;

  const session = await fetch(`${backend.baseUrl}/api/auth/guest/refresh?env=development`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  const token = (await session.json()).backstageIdentity.token;
  const call = async path => {
    const started = performance.now();
    const response = await fetch(`${backend.baseUrl}/api/finops${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, body };
  };
  const to = new Date(Date.parse('2025-10-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
  const daysBefore = n => new Date(Date.parse(`${to}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  // The catalog has to have read the whole file and attribution its snapshot: every component's cost has its team.
  const teamPath = `/costs?entityRef=group:default/${team(0)}&from=${daysBefore(90)}&to=${to}&groupBy=entity`;
  const overviewPath = `/overview?from=${daysBefore(30)}&to=${to}`;
  await waitFor('the catalog', backend, async () => {
    const { byTeam } = (await call(overviewPath)).body;
    return byTeam.length === TEAMS && byTeam.every(entry => entry.key.startsWith('group:'));
  }, 300_000);

  const cases = [
    ['overview', overviewPath, body => body.byTeam.length === TEAMS],
    ['team', teamPath, body => body.groups.length >= 2],
    ['compare', `/compare?${Array.from({ length: TEAMS }, (_, t) => `entityRef=group:default/${team(t)}`).join('&')}&from=${daysBefore(90)}&to=${to}`, body => body.entities.length === TEAMS],
  ];
  const results = {};
  for (const [label, path, sane] of cases) {
    for (let i = 0; i < WARMUP; i++) await call(path);
    const latencies = [];
    for (let i = 0; i < REQUESTS; i++) {
      const { ms, body } = await call(path);
      if (!sane(body)) throw new Error(`${label}: unexpected response ${JSON.stringify(body).slice(0, 2000)}`);
      latencies.push(ms);
    }
    latencies.sort((a, b) => a - b);
    results[label] = { p50: latencies[Math.floor(REQUESTS / 2)], p95: latencies[Math.ceil(REQUESTS * 0.95) - 1], requests: REQUESTS };
  }
  console.log(JSON.stringify({ components, days, dailyRows: components * days * 10, seedSeconds, ...results }));
} finally {
  await knex.destroy();
  stopBackend(backend);
  if (!keptPrefix) {
    const admin = knexFactory({ client: 'pg', connection: postgresUrl });
    const databases = await admin.raw(`SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`);
    await new Promise(r => setTimeout(r, 2000));
    for (const { datname } of databases.rows) await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    await admin.destroy();
  }
}
