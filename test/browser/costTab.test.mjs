// Starts the demo backend (which serves the built demo app), waits for the
// demo billing data to be imported, then, in headless Chromium: opens a demo
// service's Cost tab and checks that the chart and the totals are shown, and
// that a team's overview shows the cost card with its rollup's total; opens
// a team's Cost tab (the table of what it owns); checks a service's budget,
// forecast and anomalies (marking one expected), the optimization tips of a
// service (marking one done) and a team's budget with its
// members' statuses, and that the team's members see its FinOps alerts on the
// Notifications page, and sets a budget; compares two teams, opens the FinOps
// page's overview and its Ownership tab, and uploads a small FOCUS file on its Imports tab until
// the import succeeds. Each checks what is shown against the API and saves a
// screenshot in test/output.
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
const day = 86_400_000;
const isoDay = time => new Date(time).toISOString().slice(0, 10);

let backend;
let browser;
let page;
/** The 30 days through the data's last day, as the pages show them. */
let period;

/** An amount shown on the page (e.g. "$4,918.70") as a number. */
const shownAmount = text => Number(text.replace(/[^\d.-]/g, ''));
const assertAbout = (shown, expected, what) =>
  assert.ok(Math.abs(shown - expected) <= Math.max(1, Math.abs(expected) * 0.01), `${what}: shown ${shown} ≈ API ${expected}`);

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
  // The demo's metric source runs about 40 s after the start.
  await waitFor('the demo metrics', backend, async () => {
    const { metrics } = await api(backend, token, `/metrics?entityRef=component:default/${service}`);
    return metrics.some(m => m.metric === 'orders' && m.days > 300);
  }, 240_000);

  // Every page shows the 30 days that end at the data's last day (dataThrough), as the API reports it.
  const tomorrow = isoDay(Date.parse(isoDay(Date.now())) + day);
  const asOfToday = await api(backend, token, `/costs?entityRef=component:default/${service}&from=${isoDay(Date.parse(tomorrow) - 30 * day)}&to=${tomorrow}`);
  assert.match(asOfToday.dataThrough ?? '', /^\d{4}-\d{2}-\d{2}$/, 'the API says how fresh the data is');
  const to = isoDay(Date.parse(asOfToday.dataThrough) + day);
  period = { from: isoDay(Date.parse(to) - 30 * day), to };

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

after(async () => {
  await browser?.close();
  stopBackend(backend);
});

/** Runs a step; on failure saves a screenshot and adds the page's text to the error. */
async function step(name, run) {
  try {
    await run();
  } catch (error) {
    await page.screenshot({ path: resolve(output, `${name}-failure.png`), fullPage: true }).catch(() => {});
    throw new Error(`${error.message}\nPage text: ${(await page.innerText('body').catch(() => '')).slice(0, 2000)}`);
  }
}

test(`the Cost tab of ${service} shows its chart and totals`, () => step('cost-tab', async () => {
  const costs = await api(backend, token, `/costs?entityRef=component:default/${service}&from=${period.from}&to=${period.to}`);
  assert.notEqual(costs.total.amount, '0', 'the demo service has cost in the 30 days through dataThrough');

  await page.goto(`${baseUrl}/catalog/default/component/${service}/cost`);
  // The demo signs in with the guest provider.
  const enter = page.getByRole('button', { name: /^enter$/i });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  const total = page.getByTestId('finops-total');
  await total.waitFor({ timeout: 60_000 });
  const chart = page.getByTestId('finops-cost-chart');
  await chart.locator('.recharts-surface').first().waitFor({ timeout: 30_000 });
  assertAbout(shownAmount(await total.innerText()), Number(costs.total.amount), 'service total');
  await page.getByText(/^Data through /).first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: resolve(output, 'cost-tab.png'), fullPage: true });

  // A team's overview carries the card too, with its rollup's total for the same 30 days.
  const team = await api(backend, token, `/costs?entityRef=group:default/team-payments&from=${period.from}&to=${period.to}`);
  await page.goto(`${baseUrl}/catalog/default/group/team-payments`);
  const cardTotal = page.getByTestId('finops-card-total');
  await cardTotal.waitFor({ timeout: 60_000 });
  assertAbout(shownAmount(await cardTotal.innerText()), Number(team.total.amount), 'team card');
  await page.screenshot({ path: resolve(output, 'group-card.png'), fullPage: true });
}));

test(`${service}'s Cost tab shows its cost per order`, () => step('unit-cost', async () => {
  const unitCost = await api(backend, token, `/unit-costs?entityRef=component:default/${service}&metric=orders&from=${period.from}&to=${period.to}`);
  assert.ok(unitCost.total.unitCost, 'the API has a cost per order for the demo period');
  await page.goto(`${baseUrl}/catalog/default/component/${service}/cost`);
  const headline = page.getByTestId('finops-unit-cost');
  await headline.waitFor({ timeout: 60_000 });
  // "$51.23 per thousand orders": the amount, scaled by the words after it.
  const text = await headline.innerText();
  const scale = /per billion/.test(text) ? 1e9 : /per million/.test(text) ? 1e6 : /per thousand/.test(text) ? 1e3 : 1;
  const expected = Number(unitCost.total.unitCost) * scale;
  const shown = shownAmount(text.split(' per ')[0]);
  assert.ok(Math.abs(shown - expected) <= expected * 0.01, `cost per order: shown "${text}" ≈ API ${unitCost.total.unitCost}`);
  assert.match(text, /orders?$/);
  await page.getByTestId('finops-unit-cost-chart').locator('.recharts-surface').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('finops-unit-cost-card').scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: resolve(output, 'unit-cost.png'), fullPage: true });
}));

test("a team's Cost tab lists everything it owns, sortable, each row linking to its Cost tab", () => step('team-tab', async () => {
  const owned = await api(backend, token, `/costs?entityRef=group:default/team-payments&from=${period.from}&to=${period.to}&groupBy=entity`);
  assert.ok(owned.groups.length >= 2, 'team-payments owns several entities with cost');
  await page.goto(`${baseUrl}/catalog/default/group/team-payments/cost`);
  const rows = page.getByTestId('finops-team-row');
  await rows.first().waitFor({ timeout: 60_000 });
  assertAbout(shownAmount(await page.getByTestId('finops-total').innerText()), Number(owned.total.amount), 'team total');
  assert.equal(await rows.count(), owned.groups.length, 'one row per entity with cost');
  // Largest first, as the API's amounts order them.
  const largest = [...owned.groups].sort((a, b) => Number(b.amount) - Number(a.amount))[0];
  assert.equal(await rows.first().getAttribute('data-entity-ref'), largest.key);
  const firstLink = rows.first().getByRole('link');
  const [, kind, name] = /^(\w+):default\/(.+)$/.exec(largest.key);
  assert.equal(await firstLink.getAttribute('href'), `/catalog/default/${kind}/${name}/cost`);
  // Sorting by name is kept in the URL.
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await page.waitForURL(/sort=name/);
  await page.getByTestId('finops-cost-chart').locator('.recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: resolve(output, 'team-tab.png'), fullPage: true });
}));

/** The whole card (title and all) around the element with a test id. */
const card = testId => page.getByTestId(testId).locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " MuiCard-root ")][1]');

/** Waits for the evaluation after the demo import: anomalies detected, budgets' statuses known. */
async function evaluated(entityRef) {
  return waitFor('the operate evaluation', backend, async () => {
    const answer = await api(backend, token, `/anomalies?entityRef=${encodeURIComponent(entityRef)}&from=${period.from}&to=${period.to}`);
    return answer.evaluatedAt ? answer : undefined;
  }, 120_000);
}

test(`${service}'s Cost tab shows its budget, forecast and anomalies`, () => step('budget', async () => {
  const entityRef = `component:default/${service}`;
  const anomalies = await evaluated(entityRef);
  assert.ok(anomalies.anomalies.length >= 1, 'the demo burst on checkout-api is detected');
  const burst = anomalies.anomalies.find(a => a.direction === 'spike');
  assert.ok(burst, 'a spike among them');
  const budget = await api(backend, token, `/budgets?entityRef=${encodeURIComponent(entityRef)}`);
  assert.equal(budget.budget?.source, 'annotation', 'the demo catalog gives checkout-api a budget');
  assert.equal(budget.status, 'on-track');

  await page.goto(`${baseUrl}/catalog/default/component/${service}/cost`);
  const chip = page.getByTestId('finops-budget-card').getByTestId('finops-budget-status');
  await chip.waitFor({ timeout: 60_000 });
  assert.equal(await chip.getAttribute('data-status'), budget.status);
  assert.match(await page.getByTestId('finops-budget-headline').innerText(), /^\$[\d,.]+ of \$3,000\.00$/);
  await page.getByTestId('finops-forecast-month-end').waitFor({ timeout: 30_000 });
  const rows = page.getByTestId('finops-anomaly-row');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.equal(await rows.count(), anomalies.anomalies.length, 'one row per anomaly of the period');
  // The anomaly's red dot on the trend, and the forecast's band after the data.
  const chart = page.getByTestId('finops-cost-chart');
  await chart.locator(`[data-testid=finops-anomaly-marker][data-date="${burst.date}"]`).waitFor({ timeout: 30_000 });
  await chart.locator('.recharts-area-area').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('finops-forecast-accuracy').waitFor({ timeout: 30_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: resolve(output, 'budget.png'), fullPage: true });

  // Feedback: shown at once, kept by the backend.
  const row = page.locator(`[data-testid=finops-anomaly-row][data-anomaly-id="${burst.id}"]`);
  await row.getByRole('button', { name: /as expected$/ }).click();
  await page.locator(`[data-testid=finops-anomaly-row][data-anomaly-id="${burst.id}"][data-status=expected]`).waitFor({ timeout: 10_000 });
  await waitFor('the feedback', backend, async () => {
    const after = await api(backend, token, `/anomalies?entityRef=${encodeURIComponent(entityRef)}&from=${period.from}&to=${period.to}`);
    return after.anomalies.find(a => a.id === burst.id)?.feedback?.verdict === 'expected';
  }, 10_000);
  await row.getByText(/^by /).waitFor({ timeout: 10_000 });
  await page.getByTestId('finops-anomalies-card').scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await card('finops-anomalies-card').screenshot({ path: resolve(output, 'anomalies.png') });

  // By month, the forecast continues the trend for the coming months.
  await page.getByLabel('Period').selectOption('12m');
  await page.waitForURL(/period=12m/);
  const monthly = page.getByTestId('finops-cost-chart');
  await monthly.locator('.recharts-area-area').first().waitFor({ timeout: 30_000 });
  await page.getByText(/^Shaded, after the data: forecast with its 80 % interval/).waitFor({ timeout: 10_000 });
  await page.mouse.move(0, 0);
  await card('finops-cost-chart').screenshot({ path: resolve(output, 'forecast-monthly.png') });
}));

/** The built-in tip rules; the demo data gives each at least one tip. */
const TIP_RULES = ['unused-commitment', 'commitment-coverage', 'non-production-schedule', 'previous-generation', 'gp2-to-gp3',
  'io-to-gp3', 'idle-address', 'idle-network', 'growing-storage', 'extended-support', 'untagged-resources'];

test('a service with optimization tips lists them on its Cost tab, and marking one done is kept', () => step('tips', async () => {
  const all = await waitFor('the tips evaluation', backend, async () => {
    const answer = await api(backend, token, '/tips?status=open');
    return answer.evaluatedAt ? answer : undefined;
  }, 180_000);
  assert.deepEqual(TIP_RULES.filter(rule => !all.tips.some(t => t.rule === rule)), [], 'every rule finds something in the demo data');
  // The component with the most open tips.
  const counts = new Map();
  for (const t of all.tips.filter(t => t.entityRef?.startsWith('component:'))) counts.set(t.entityRef, (counts.get(t.entityRef) ?? 0) + 1);
  const [entityRef] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  const own = await api(backend, token, `/tips?entityRef=${encodeURIComponent(entityRef)}&status=open`);
  const name = entityRef.split('/')[1];

  await page.goto(`${baseUrl}/catalog/default/component/${name}/cost`);
  const rows = page.getByTestId('finops-tip-row');
  await rows.first().waitFor({ timeout: 60_000 });
  assert.equal(await rows.count(), own.tips.length, 'one row per open tip');
  const total = await page.getByTestId('finops-tips-total').innerText();
  assertAbout(shownAmount(total.split(' a month')[0]), Number(own.totalEstimatedMonthlySavings.amount), 'open savings');
  const first = own.tips[0];
  assertAbout(shownAmount(await rows.first().locator('td').first().innerText()), Number(first.estimatedMonthlySavings.amount), 'the largest tip');
  await page.getByTestId('finops-tips-card').scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await card('finops-tips-card').screenshot({ path: resolve(output, 'tips.png') });

  await page.locator(`[data-testid=finops-tip-row][data-tip-id="${first.id}"]`).getByRole('button', { name: 'Done' }).click();
  await waitFor('the decision', backend, async () => {
    const done = await api(backend, token, `/tips?entityRef=${encodeURIComponent(entityRef)}&status=done`);
    return done.tips.some(t => t.id === first.id && t.decision?.by);
  }, 10_000);
  await page.locator(`[data-testid=finops-tip-row][data-tip-id="${first.id}"]`).waitFor({ state: 'detached', timeout: 10_000 });
}));

test("a team's Cost tab shows its budget, its members' statuses and their anomalies", () => step('team-budget', async () => {
  const entityRef = 'group:default/team-payments';
  const anomalies = await evaluated(entityRef);
  const budget = await api(backend, token, `/budgets?entityRef=${encodeURIComponent(entityRef)}&includeMembers=true`);
  assert.equal(budget.status, 'at-risk', 'the demo team-payments is at risk this month');
  const members = new Map(budget.members.map(m => [m.entityRef, m.status]));
  assert.equal(members.get('component:default/legacy-billing'), 'over', 'legacy-billing is over its budget');

  await page.goto(`${baseUrl}/catalog/default/group/team-payments/cost`);
  const chip = page.getByTestId('finops-budget-card').getByTestId('finops-budget-status');
  await chip.waitFor({ timeout: 60_000 });
  assert.equal(await chip.getAttribute('data-status'), 'at-risk');
  await page.getByTestId('finops-members-budget').waitFor({ timeout: 10_000 });
  await page.getByRole('columnheader', { name: 'Budget this month' }).waitFor({ timeout: 30_000 });
  for (const [ref, status] of members) {
    const cell = page.locator(`[data-testid=finops-team-row][data-entity-ref="${ref}"] [data-testid=finops-member-budget] [data-testid=finops-budget-status]`);
    assert.equal(await cell.getAttribute('data-status'), status, `${ref}'s status in the table`);
  }
  const rows = page.getByTestId('finops-anomaly-row');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.equal(await rows.count(), anomalies.anomalies.length);
  await page.getByTestId('finops-cost-chart').locator('.recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: resolve(output, 'team-budget.png'), fullPage: true });
}));

test(`${service}'s overview says whether its cost metadata follows the policy, with what to add`, () => step('metadata-status', async () => {
  const entityRef = `component:default/${service}`;
  const compliance = await api(backend, token, `/ownership/compliance?entityRef=${encodeURIComponent(entityRef)}`);
  const own = compliance.entities.find(e => e.entityRef === entityRef);
  await page.goto(`${baseUrl}/catalog/default/component/${service}`);
  const status = page.getByTestId('finops-metadata-status');
  await status.waitFor({ timeout: 60_000 });
  assert.equal(await status.getAttribute('data-complete'), String(own.issues.length === 0));
  assert.equal(await status.getByTestId('finops-metadata-issue').count(), own.issues.length);
  await status.scrollIntoViewIfNeeded();
  await status.screenshot({ path: resolve(output, 'metadata-status.png') });
}));

test("the team's members see its FinOps alerts on the Notifications page", () => step('notifications', async () => {
  await evaluated('group:default/team-payments');
  const month = isoDay(Date.parse(period.to)).slice(0, 7);
  await page.goto(`${baseUrl}/notifications`);
  // The guest is a member of team-payments: the evaluation after the demo import told the team once of each.
  const budgetAlert = page.getByText(`team-payments is at risk of going over its ${month} budget`);
  await budgetAlert.first().waitFor({ timeout: 60_000 });
  assert.equal(await budgetAlert.count(), 1, 'one alert for the budget turning at risk');
  const anomalyAlert = page.getByText(/^Cost anomaly on checkout-api: .* above expected on \d{4}-\d{2}-\d{2}$/);
  assert.equal(await anomalyAlert.count(), 1, "one alert for checkout-api's burst");
  await page.mouse.move(0, 0);
  await page.screenshot({ path: resolve(output, 'notifications.png'), fullPage: true });
}));

test('Set budget gives a service without one a budget', () => step('set-budget', async () => {
  const name = 'payment-gateway';
  const entityRef = `component:default/${name}`;
  const before = await api(backend, token, `/budgets?entityRef=${encodeURIComponent(entityRef)}`);
  assert.equal(before.budget, null, `${name} has no budget in the demo`);
  await page.goto(`${baseUrl}/catalog/default/component/${name}/cost`);
  await page.getByTestId('finops-budget-empty').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Set budget' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /Amount/ }).fill('1500');
  await dialog.screenshot({ path: resolve(output, 'set-budget-dialog.png') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('finops-budget-card').getByTestId('finops-budget-status').waitFor({ timeout: 30_000 });
  const after = await api(backend, token, `/budgets?entityRef=${encodeURIComponent(entityRef)}`);
  assert.equal(after.budget?.amount, '1500');
  assert.equal(after.budget?.source, 'api');
  assert.match(await page.getByTestId('finops-budget-source').innerText(), /^Set by .+ on /);
  await page.getByTestId('finops-budget-card').scrollIntoViewIfNeeded();
  await card('finops-budget-card').screenshot({ path: resolve(output, 'set-budget.png') });
}));

test('Compare shows two teams side by side', () => step('compare', async () => {
  const compare = await api(backend, token, `/compare?entityRef=group:default/team-payments&entityRef=group:default/team-data&from=${period.from}&to=${period.to}&granularity=day`);
  await page.goto(`${baseUrl}/catalog/default/group/team-payments/cost`);
  await page.getByTestId('finops-compare-with').click();
  await page.waitForURL(/\/finops\?tab=compare&entity=group%3Adefault%2Fteam-payments/);
  await page.getByTestId('finops-compare-hint').waitFor({ timeout: 30_000 });
  // Pick the second team in the catalog search.
  await page.getByLabel('Teams and components').fill('team-data');
  await page.getByRole('option', { name: /team-data/ }).click();
  const rows = page.getByTestId('finops-compare-row');
  await rows.nth(1).waitFor({ timeout: 30_000 });
  assert.equal(await rows.count(), 2);
  for (const [index, entity] of compare.entities.entries()) {
    const cells = rows.nth(index).getByRole('cell');
    assertAbout(shownAmount(await cells.nth(2).innerText()), Number(entity.total.amount), `${entity.entityRef} total`);
  }
  await page.getByTestId('finops-compare-chart').locator('.recharts-line').nth(1).waitFor({ timeout: 30_000 });
  assert.match(page.url(), /entity=group%3Adefault%2Fteam-data/);
  await page.mouse.move(0, 0); // no tooltip in the screenshot
  await page.screenshot({ path: resolve(output, 'compare.png'), fullPage: true });
}));

test("the FinOps page's overview shows the organisation's spend", () => step('finops-overview', async () => {
  await page.getByRole('tab', { name: 'Overview', exact: true }).click();
  const total = page.getByTestId('finops-org-total');
  await total.waitFor({ timeout: 30_000 });
  const overview = await api(backend, token, `/overview?from=${period.from}&to=${period.to}&granularity=day`);
  assertAbout(shownAmount(await total.innerText()), Number(overview.total.amount), 'organisation total');
  const teams = page.getByTestId('finops-byTeam').getByTestId('finops-key-amount-row');
  assert.equal(await teams.count(), Math.min(8, overview.byTeam.length));
  await page.getByTestId('finops-movers').getByTestId('finops-mover-row').first().waitFor({ timeout: 10_000 });
  await page.getByTestId('finops-coverage-chart').locator('.recharts-reference-area').nth(2).waitFor({ timeout: 10_000 });
  await page.getByTestId('finops-unallocated-row').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('finops-freshness-row').first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: resolve(output, 'finops-overview.png'), fullPage: true });
}));

test("the FinOps page's Ownership tab shows allocation coverage and suggested owners", () => step('ownership', async () => {
  await page.goto(`${baseUrl}/finops?tab=ownership`);
  const figure = page.getByTestId('finops-ownership-coverage-figure');
  await figure.waitFor({ timeout: 30_000 });
  const coverage = await api(backend, token, `/ownership/coverage?from=${period.from}&to=${period.to}&granularity=day&groupBy=provider`);
  const text = await figure.innerText();
  const percent = Number(/([\d.]+)%/.exec(text)?.[1]);
  assert.ok(Math.abs(percent - coverage.allocatedPercent) <= 0.05, `coverage shown ${text} ≈ API ${coverage.allocatedPercent}`);
  await page.getByTestId('finops-ownership-coverage-chart').locator('.recharts-reference-area').nth(2).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('finops-ownership-coverage-row').count(), coverage.groups.length);
  await page.getByTestId('finops-suggestion-item').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('finops-ownership-findings').locator('table, [data-testid="finops-findings-empty"]').first().waitFor({ timeout: 60_000 });
  // A team's compliance: picked in the catalog's groups, its score as the API says.
  const compliance = await api(backend, token, `/ownership/compliance?entityRef=group:default/team-payments&from=${period.from}&to=${period.to}`);
  await page.getByLabel('Team', { exact: true }).click();
  await page.getByRole('option', { name: /payments/i }).first().click();
  const score = page.getByTestId('finops-compliance-score');
  await score.waitFor({ timeout: 30_000 });
  assert.match(await score.innerText(), new RegExp(`\\(${compliance.score.compliant} of ${compliance.score.total} entities\\)|owns no entities`));
  assert.match(page.url(), /team=group%3Adefault%2Fteam-payments/);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: resolve(output, 'ownership.png'), fullPage: true });
}));

test('a FOCUS file dropped on the Imports tab is uploaded and imported', () => step('imports', async () => {
  await page.getByRole('tab', { name: 'Imports', exact: true }).click();
  await page.getByTestId('finops-source-row').first().waitFor({ timeout: 30_000 });
  // A whole (small) billing period long ago, so that the figures above stay as they were.
  const header = 'BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,EffectiveCost,ListCost,ServiceName,Tags';
  const rows = Array.from({ length: 20 }, (_, i) => {
    const d = String(i + 1).padStart(2, '0');
    return `1.25,999999999999,USD,2020-01-01T00:00:00Z,2020-02-01T00:00:00Z,Usage,2020-01-${d}T00:00:00Z,2020-01-${d}T01:00:00Z,1.25,1.5,Amazon Simple Storage Service,"{""service"":""checkout-api""}"`;
  });
  const csv = `${header}\n${rows.join('\n')}\n`;
  const dataTransfer = await page.evaluateHandle(text => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'browser-test-focus.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await page.getByTestId('finops-drop-zone').dispatchEvent('drop', { dataTransfer });
  const upload = page.getByTestId('finops-upload-import');
  await upload.waitFor({ timeout: 30_000 });
  await upload.locator('[data-testid=finops-import-status][data-status=succeeded]').waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('finops-upload-periods').innerText(), /2020-01-01/);
  const { items } = await api(backend, token, '/imports');
  const imported = items.find(item => item.fileName === 'browser-test-focus.csv');
  assert.equal(imported?.status, 'succeeded');
  assert.equal(imported.rowsRead, 20);
  await page.locator(`[data-testid=finops-import-row][data-import-id="${imported.id}"]`).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // the progress bars' 0.4 s transition to 100 %
  await page.screenshot({ path: resolve(output, 'imports.png'), fullPage: true });
}));
