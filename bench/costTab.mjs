// Time from navigation to a visible cost chart on a demo service's Cost tab,
// in headless Chromium against the production build served by the backend,
// with 13 months of demo data. Prints JSON with the samples in milliseconds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { api, root, startBackend, stopBackend, waitFor } from '../test/support/backend.mjs';

const samples = Number(process.argv[2] ?? 7);
const output = resolve(root, 'bench/.data/cost-tab');
// The static token of test/browser/app-config.browser.yaml.
const token = 'browser-test-token-for-the-finops-api';

if (!existsSync(resolve(root, 'packages/app/dist/index.html'))) {
  execFileSync('yarn', ['workspace', 'app', 'build'], { cwd: root, stdio: 'ignore' });
}
rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
const config = readFileSync(resolve(root, 'test/browser/app-config.browser.yaml'), 'utf8').replace(
  '../../test/output/demo-focus',
  resolve(output, 'focus'),
);
const backend = await startBackend({ name: 'bench', port: 7007, config, workDir: output, env: { FINOPS_API_TOKEN: token } });
// Launched inside the try, so that a missing browser still stops the backend.
let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await waitFor('the demo import', backend, async () => {
    const { items } = await api(backend, token, '/imports');
    return items.some(i => i.sourceId === 'demo' && i.status === 'succeeded');
  }, 240_000);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${backend.baseUrl}/catalog`);
  const enter = page.getByRole('button', { name: /^enter$/i });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  await page.getByText('checkout-api').first().waitFor({ timeout: 60_000 });
  const times = [];
  for (let i = 0; i <= samples; i++) {
    const started = performance.now();
    await page.goto(`${backend.baseUrl}/catalog/default/component/checkout-api/cost`);
    await page.getByTestId('finops-cost-chart').locator('.recharts-surface').first().waitFor({ timeout: 60_000 });
    // The first navigation warms the browser cache and the backend; it is not counted.
    if (i > 0) times.push(performance.now() - started);
  }
  process.stdout.write(`${JSON.stringify({ times })}\n`);
} finally {
  await browser?.close();
  stopBackend(backend);
}
