import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { TestDatabases } from '@backstage/backend-test-utils';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores, type FinopsStores } from '../database/FinopsStores';
import { aggregateFocusFiles } from './aggregateFocusFiles';
import { runImport } from './runImport';
import { focusCsv, septemberHour } from '../__testUtils__/focusCsv';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const dir = mkdtempSync(join(tmpdir(), 'finops-interrupt-'));
const previousFile = join(dir, 'previous.csv');
const bigFile = join(dir, 'big.csv');
writeFileSync(previousFile, focusCsv([{ EffectiveCost: '100.5' }, { EffectiveCost: '0.25', ResourceId: 'i-2' }]));
// Each row its own resource and day-hour: tens of thousands of daily rows to write.
writeFileSync(
  bigFile,
  focusCsv(
    Array.from({ length: 60_000 }, (_, i) => ({
      ResourceId: `i-${i}`,
      EffectiveCost: '0.01',
      ...septemberHour((i % 28) + 1),
    })),
  ),
);

const unallocated = () => ({ entityRef: null, rule: null, detail: 'test' });

async function importFile(stores: FinopsStores, id: string, file: string) {
  await stores.imports.createImport({ id, sourceId: 'upload', fileName: file });
  return runImport({
    stores,
    importId: id,
    sourceId: 'upload',
    attribute: unallocated,
    produce: aggregateFocusFiles([{ path: file, displayName: 'f.csv' }]),
  });
}

async function total(stores: FinopsStores) {
  const sums = await stores.costs.sumCosts({ from: '2024-01-01', to: '2025-01-01', metric: 'EffectiveCost' }, []);
  return formatDecimal(sums.reduce((sum, s) => sum + s.amount, 0n));
}

/** Retries reads that meet SQLite's lock while the other process writes. */
async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt > 200 || !/SQLITE_BUSY|locked/i.test(String(error))) throw error;
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

describe.each(databases.eachSupportedId())('an interrupted import on %s', databaseId => {
  async function connection(): Promise<{ knex: Knex; config: Knex.Config }> {
    if (databaseId === 'SQLITE_3') {
      const config = { client: 'better-sqlite3', connection: { filename: join(mkdtempSync(join(dir, 'db-')), 'finops.sqlite') }, useNullAsDefault: true };
      return { knex: knexFactory(config), config };
    }
    const knex = await databases.init(databaseId);
    return { knex, config: { client: 'pg', connection: (knex.client as any).config.connection } };
  }

  it('keeps the previous slice when the importing process is killed, and a re-run completes', async () => {
    const { knex, config } = await connection();
    const stores = await createFinopsStores(knex);
    await importFile(stores, 'previous', previousFile);
    expect(await total(stores)).toBe('100.75');

    const worker = spawn(
      process.execPath,
      ['-r', require.resolve('@backstage/cli/config/nodeTransform.cjs'), resolve(__dirname, '../__testUtils__/importWorker.ts')],
      { env: { ...process.env, FINOPS_IMPORT_WORKER: JSON.stringify({ knex: config, file: bigFile, importId: 'killed', sourceId: 'upload' }) }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    worker.stderr.on('data', chunk => (stderr += chunk));
    const exited = new Promise<number | null>(r => worker.on('exit', code => r(code)));
    // Kill it once it has read part of the file: mid-read or mid-write, the invariant is the same.
    for (;;) {
      const row = await retrying(() => stores.imports.getImport('killed')).catch(() => undefined);
      if (row && row.rowsRead > 0) break;
      if (worker.exitCode !== null) throw new Error(`worker ended early: ${stderr}`);
      await new Promise(r => setTimeout(r, 20));
    }
    worker.kill('SIGKILL');
    expect(await exited).toBeNull();

    expect(await retrying(() => total(stores))).toBe('100.75');
    expect((await stores.imports.getImport('killed'))?.status).toBe('running');

    // Restarted: the sweep finds the import without a heartbeat and fails it.
    expect(await stores.imports.failAbandonedImports('process died', new Date(Date.now() + 1).toISOString())).toBe(1);
    expect(await stores.imports.getImport('killed')).toMatchObject({ status: 'failed', error: 'process died' });

    await importFile(stores, 'rerun', bigFile);
    expect(await total(stores)).toBe('600');
    await knex.destroy();
  });

  if (databaseId !== 'SQLITE_3') {
    it('fails cleanly when the database drops its connections mid-import, and a later run succeeds', async () => {
      const { knex, config } = await connection();
      const stores = await createFinopsStores(knex);
      await importFile(stores, 'previous', previousFile);
      const database = (config.connection as any).database;
      const admin = knexFactory({ client: 'pg', connection: { ...(config.connection as any), database: 'postgres' } });
      // Holding the slices table makes the import wait at its switch, so the cut lands mid-import every time.
      const blocker = knexFactory({ ...config, pool: { min: 1, max: 1 } });
      const hold = await blocker.transaction();
      try {
        await hold.raw('LOCK TABLE finops_slices IN ACCESS EXCLUSIVE MODE');
        const holder = (await hold.raw('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        const running = importFile(stores, 'cut', bigFile);
        running.catch(() => undefined);
        let waiting = 0;
        for (let attempt = 0; attempt < 3000 && waiting === 0; attempt++) {
          const result = await admin.raw(
            "SELECT pid FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'",
            [database],
          );
          waiting = result.rows.length;
          if (waiting === 0) await new Promise(r => setTimeout(r, 20));
        }
        expect(waiting).toBeGreaterThan(0);
        // What a server restart does to its clients.
        const result = await admin.raw(
          'SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE datname = ? AND pid <> ?',
          [database, holder],
        );
        expect(result.rows.length).toBeGreaterThan(0);
        await hold.rollback();
        await expect(running).rejects.toThrow();
        expect(await total(stores)).toBe('100.75');
        expect((await stores.imports.getImport('cut'))?.status).toBe('failed');
        expect((await stores.imports.getImport('cut'))?.error).toMatch(/terminat|connection/i);
        await importFile(stores, 'later', bigFile);
        expect(await total(stores)).toBe('600');
      } finally {
        if (!hold.isCompleted()) await hold.rollback().catch(() => undefined);
        await blocker.destroy();
        await admin.destroy();
        await knex.destroy();
      }
    });
  }
});
