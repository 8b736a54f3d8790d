// Starts the demo backend (packages/backend) as a child process with extra
// config, and stops it; for the tests in test/.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts a backend with `config` (YAML text) layered over app-config.yaml. */
export async function startBackend({ name, config, port, workDir, env = {} }) {
  const configPath = join(workDir, `${name}.app-config.yaml`);
  writeFileSync(configPath, config);
  const configArgs = ['--config', '../../app-config.yaml', '--config', configPath];
  // FINOPS_TEST_BACKEND=direct runs the backend's source without the CLI's
  // watcher, which restarts it (losing the in-memory database) whenever a
  // file it loaded changes: for runs while someone edits the repository.
  const direct = process.env.FINOPS_TEST_BACKEND === 'direct';
  const require = createRequire(import.meta.url);
  const child = direct
    ? spawn(
        process.execPath,
        ['--enable-source-maps', '--require', require.resolve('@backstage/cli-node/config/nodeTransform.cjs'), 'src/index.ts', ...configArgs],
        {
          cwd: join(root, 'packages/backend'),
          env: { NODE_ENV: 'development', ...process.env, ...env, ESBK_TSCONFIG_PATH: join(root, 'tsconfig.json') },
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
    : spawn('yarn', ['workspace', 'backend', 'start', ...configArgs], {
        cwd: root,
        env: { ...process.env, ...env },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  const backend = { child, log: '', baseUrl: `http://localhost:${port}` };
  child.stdout.on('data', d => (backend.log += d));
  child.stderr.on('data', d => (backend.log += d));
  await waitFor(`backend ${name}`, backend, async () => (await fetch(`${backend.baseUrl}/.backstage/health/v1/readiness`)).ok, 240_000);
  return backend;
}

export function stopBackend(backend) {
  if (backend?.child.exitCode === null) {
    try {
      process.kill(-backend.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Polls `check` every second until it returns something truthy. */
export async function waitFor(what, backend, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      lastError = error;
    }
    if (backend.child.exitCode !== null) {
      throw new Error(`backend exited while waiting for ${what}:\n${backend.log.slice(-4000)}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}: ${lastError?.message ?? ''}\n${backend.log.slice(-4000)}`);
}

/** Calls the FinOps API with a static token. */
export async function api(backend, token, path) {
  const response = await fetch(`${backend.baseUrl}/api/finops${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
