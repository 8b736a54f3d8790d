// Starts the demo backend (which serves the built demo app), waits for the
// demo billing data to be imported, then opens a demo service's Cost tab in
// headless Chromium and checks that the chart and the totals are shown, and
// that a team's overview shows the cost card with its rollup's total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { api, root, startBackend, stopBackend, waitFor } from '../support/backend.mjs';

const output = resolve(root, 'test/output');
const baseUrl = 'http://localhost:7007';
const token = 'browser-test-token-for-the-finops-api';
const service = 'checkout-api';

let backend;

before(async () => {
  rmSync(resolve(output, 'demo-focus'), { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  backend = await startBackend({
    name: 'browser',
    port: 7007,
    config: readFileSync(resolve(root, 'test/browser/app-config.browser.yaml'), 'utf8'),
    workDir: output,
    env: { FINOPS_API_TOKEN: token },
  });
  await waitFor('the demo import', backend, async () => {
    const { items } = await api(backend, token, '/imports');
    const failed = items.find(i => i.status === 'failed');
    if (failed) throw new Error(`demo import failed: ${failed.error}`);
    return items.some(i => i.sourceId === 'demo' && i.status === 'succeeded');
  }, 240_000);
});

after(() => stopBackend(backend));

test(`the Cost tab of ${service} shows its chart and totals`, async () => {
  // The tab shows the 30 days that end at the data's last day (dataThrough), as the API reports it.
  const day = 86_400_000;
  const isoDay = time => new Date(time).toISOString().slice(0, 10);
  const tomorrow = isoDay(Date.parse(isoDay(Date.now())) + day);
  const asOfToday = await api(backend, token, `/costs?entityRef=component:default/${service}&from=${isoDay(Date.parse(tomorrow) - 30 * day)}&to=${tomorrow}`);
  assert.match(asOfToday.dataThrough ?? '', /^\d{4}-\d{2}-\d{2}$/, 'the API says how fresh the data is');
  const to = isoDay(Date.parse(asOfToday.dataThrough) + day);
  const costs = await api(backend, token, `/costs?entityRef=component:default/${service}&from=${isoDay(Date.parse(to) - 30 * day)}&to=${to}`);
  assert.notEqual(costs.total.amount, '0', 'the demo service has cost in the 30 days through dataThrough');

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(`${baseUrl}/catalog/default/component/${service}/cost`);
    // The demo signs in with the guest provider.
    const enter = page.getByRole('button', { name: /^enter$/i });
    await enter.waitFor({ timeout: 60_000 });
    await enter.click();
    const total = page.getByTestId('finops-total');
    await total.waitFor({ timeout: 60_000 });
    const chart = page.getByTestId('finops-cost-chart');
    await chart.locator('.recharts-surface').first().waitFor({ timeout: 30_000 });
    const shown = (await total.innerText()).replace(/[^\d.]/g, '');
    const expected = Number(costs.total.amount);
    assert.ok(Math.abs(Number(shown) - expected) <= Math.max(1, expected * 0.01), `total shown ${shown} ≈ API ${expected}`);
    await page.getByText(/^Data through /).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: resolve(output, 'cost-tab.png'), fullPage: true });

    // A team's overview carries the card too, with its rollup's total for the same 30 days.
    const team = await api(backend, token, `/costs?entityRef=group:default/team-payments&from=${isoDay(Date.parse(to) - 30 * day)}&to=${to}`);
    await page.goto(`${baseUrl}/catalog/default/group/team-payments`);
    const cardTotal = page.getByTestId('finops-card-total');
    await cardTotal.waitFor({ timeout: 60_000 });
    const cardShown = (await cardTotal.innerText()).replace(/[^\d.]/g, '');
    const teamExpected = Number(team.total.amount);
    assert.ok(Math.abs(Number(cardShown) - teamExpected) <= Math.max(1, teamExpected * 0.01), `team card ${cardShown} ≈ API ${teamExpected}`);
    await page.screenshot({ path: resolve(output, 'group-card.png'), fullPage: true });
  } catch (error) {
    await page.screenshot({ path: resolve(output, 'cost-tab-failure.png'), fullPage: true }).catch(() => {});
    throw new Error(`${error.message}\nPage text: ${(await page.innerText('body').catch(() => '')).slice(0, 2000)}`);
  } finally {
    await browser.close();
  }
});
