// The demo permission policy end to end, in a real backend: a user who is not
// in the FinOps team reads the cost of what their team owns, is refused the
// rest with 403, sees rollups without the parts they may not read, and is
// refused organisation-wide views; a service token reads everything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, startBackend, stopBackend, waitFor } from '../support/backend.mjs';

const port = 7103;
const serviceToken = 'permissions-test-token-0123456789';
const workDir = mkdtempSync(join(tmpdir(), 'finops-permissions-'));
let backend;
let aliceToken;

before(async () => {
  backend = await startBackend({
    name: 'permissions',
    port,
    workDir,
    env: { FINOPS_API_TOKEN: serviceToken },
    config: `
app:
  baseUrl: http://localhost:${port}
backend:
  baseUrl: http://localhost:${port}
  listen: { port: ${port} }
  database: { client: better-sqlite3, connection: ':memory:' }
auth:
  providers:
    guest:
      # Sign in as alice (team-payments) instead of the demo guest.
      userEntityRef: user:default/alice
finops:
  sources:
    - id: demo
      type: focus-directory
      path: ${join(workDir, 'focus')}
`,
  });
  await waitFor('the demo import', backend, async () => {
    const { items } = await api(backend, serviceToken, '/imports');
    return items.some(i => i.sourceId === 'demo' && i.status === 'succeeded');
  }, 240_000);
  const session = await (await fetch(`${backend.baseUrl}/api/auth/guest/refresh`)).json();
  aliceToken = session.backstageIdentity.token;
  assert.ok(aliceToken, 'a user token for alice');
});

after(() => stopBackend(backend));

const day = offset => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const costsPath = ref => `/costs?entityRef=${ref}&from=${day(-30)}&to=${day(1)}&groupBy=entity`;

async function status(token, path) {
  const response = await fetch(`${backend.baseUrl}/api/finops${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

test('alice reads the cost of what her team owns, and not of the rest', async () => {
  const own = await status(aliceToken, costsPath('component:default/checkout-api'));
  assert.equal(own.status, 200);
  assert.notEqual(own.body.total.amount, '0');
  const other = await status(aliceToken, costsPath('component:default/web-frontend'));
  assert.equal(other.status, 403);
});

test("alice sees a rollup with only her team's parts, and is told how many are hidden", async () => {
  const asAlice = await status(aliceToken, costsPath('group:default/engineering'));
  const asService = await status(serviceToken, costsPath('group:default/engineering'));
  assert.equal(asAlice.status, 200);
  assert.ok(asAlice.body.hiddenEntityCount > 0);
  assert.ok(asAlice.body.includedEntityRefs.includes('component:default/checkout-api'));
  assert.ok(!asAlice.body.includedEntityRefs.includes('component:default/web-frontend'));
  assert.equal(asService.body.hiddenEntityCount, 0);
  assert.ok(Number(asService.body.total.amount) > Number(asAlice.body.total.amount));
});

test('organisation-wide views, imports and sources are for the FinOps team and services', async () => {
  const range = `from=${day(-30)}&to=${day(1)}`;
  assert.equal((await status(aliceToken, `/coverage?${range}`)).status, 403);
  assert.equal((await status(aliceToken, '/imports')).status, 403);
  assert.equal((await status(aliceToken, '/sources')).status, 403);
  assert.equal((await status(serviceToken, `/coverage?${range}`)).status, 200);
});

test('no token reaches the logs', () => {
  assert.ok(!backend.log.includes(serviceToken));
  assert.ok(!backend.log.includes(aliceToken));
});
