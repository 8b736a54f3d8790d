import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { addDays, bucketStart, formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { FinopsCostSource, FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import knexFactory, { Knex } from 'knex';
import { createFinopsStores, type FinopsStores } from '../database/FinopsStores';
import { CsvRow, focusCsv, writeTempFile } from '../__testUtils__/focusCsv';
import type { AttributionService } from './AttributionService';
import { ImportService } from './ImportService';
import type { ImportRecord } from '../core';

jest.setTimeout(60_000);

/** Attribution is not under test: every key stays unallocated. */
const unallocated = {
  ensureLoaded: async () => {},
  attribute: () => ({ entityRef: null, rule: null, detail: 'test' }),
} as unknown as AttributionService;

const bigFile = writeTempFile(
  'big.csv',
  focusCsv(Array.from({ length: 100_000 }, (_, i) => ({ ResourceId: `i-${i}`, EffectiveCost: '0.01' }))),
);

async function settled(stores: FinopsStores, id: string): Promise<ImportRecord> {
  for (;;) {
    const record = (await stores.imports.getImport(id))!;
    if (record.status === 'succeeded' || record.status === 'failed') {
      return record;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('ImportService', () => {
  it('fails the running and the queued imports at shutdown instead of leaving them to the sweep', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    const stores = await createFinopsStores(knex);
    const imports = new ImportService({ stores, attribution: unallocated, logger: mockServices.logger.mock() });
    const upload = (name: string) => imports.enqueueFile({ sourceId: 'upload', path: bigFile, fileName: name, bytes: 1, sha256: name });

    const running = await upload('first.csv');
    const queued = await upload('second.csv');
    while ((await stores.imports.getImport(running.id))!.rowsRead === 0) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    imports.shutdown();

    for (const record of [await settled(stores, running.id), await settled(stores, queued.id)]) {
      expect(record).toMatchObject({ status: 'failed', error: 'the backend shut down before the import finished' });
    }
    expect(await stores.costs.sumCosts({ from: '2000-01-01', to: '2100-01-01', metric: 'EffectiveCost' }, [])).toEqual([]);
    await knex.destroy();
  });

  describe('a module cost source', () => {
    const row = (day: string, cost: string, change: Partial<FocusChargeRow> = {}): FocusChargeRow => ({
      chargePeriodStart: `${day}T00:00:00Z`,
      chargePeriodEnd: `${day}T01:00:00Z`,
      billingPeriodStart: `${day.slice(0, 8)}01`,
      billingAccountId: '111',
      subAccountId: '',
      providerName: 'AWS',
      serviceName: 'EC2',
      serviceCategory: 'Compute',
      regionId: 'us-east-1',
      resourceId: 'i-1',
      chargeCategory: 'Usage',
      billingCurrency: 'USD',
      tags: {},
      billedCost: moneyFromDecimal(cost),
      effectiveCost: moneyFromDecimal(cost),
      listCost: moneyFromDecimal(cost),
      ...change,
    });
    const sourceOf = (rows: FocusChargeRow[]): FinopsCostSource => ({
      id: 'module-source',
      frequency: { hours: 1 },
      describe: () => 'rows from a module',
      async *read() {
        yield* rows;
      },
    });

    it('imports the rows a module yields, and fails on the first row that is not a FOCUS charge row, keeping what was there', async () => {
      const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
      const stores = await createFinopsStores(knex);
      const imports = new ImportService({ stores, attribution: unallocated, logger: mockServices.logger.mock() });
      const total = async () =>
        formatDecimal((await stores.costs.sumCosts({ from: '2024-09-01', to: '2024-10-01', metric: 'EffectiveCost' }, [])).reduce((sum, s) => sum + s.amount, 0n));
      const signal = new AbortController().signal;

      const good = await imports.importCostSource(sourceOf([row('2024-09-01', '1.25'), row('2024-09-02', '0.5')]), signal);
      expect(good).toMatchObject({ status: 'succeeded', sourceId: 'module-source', fileName: 'rows from a module' });
      expect(await total()).toBe('1.75');

      const problem = 'Cost source "module-source", row 2: billingCurrency "usd" is not an upper-case ISO 4217 code';
      await expect(
        imports.importCostSource(sourceOf([row('2024-09-01', '9'), row('2024-09-02', '9', { billingCurrency: 'usd' })]), signal),
      ).rejects.toThrow(problem);
      expect(await stores.imports.lastImport('module-source')).toMatchObject({ status: 'failed', error: problem });
      expect(await total()).toBe('1.75');
      await knex.destroy();
    });

    it('keeps the provider API calls a source reports with its import, also when the import fails', async () => {
      const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
      const stores = await createFinopsStores(knex);
      const imports = new ImportService({ stores, attribution: unallocated, logger: mockServices.logger.mock() });
      const paid = (fail: boolean): FinopsCostSource => ({
        ...sourceOf([]),
        async *read(options) {
          options.reportRequests?.({ requests: 2, pages: 3, estimatedCostUsd: '0.03' });
          yield row('2024-09-01', '1');
          options.reportRequests?.({ requests: 5, pages: 6, estimatedCostUsd: '0.06' });
          if (fail) throw new Error('throttled past every retry');
        },
      });
      const signal = new AbortController().signal;
      expect(await imports.importCostSource(paid(false), signal)).toMatchObject({
        status: 'succeeded',
        apiRequests: { requests: 5, pages: 6, estimatedCostUsd: '0.06' },
      });
      expect(await stores.imports.listImports(1)).toMatchObject([{ apiRequests: { requests: 5 } }]);
      await expect(imports.importCostSource(paid(true), signal)).rejects.toThrow('throttled past every retry');
      // The write of the last figures may trail the failure by a turn of the event loop.
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(await stores.imports.lastImport('module-source')).toMatchObject({ status: 'failed', apiRequests: { requests: 5, pages: 6 } });
      await knex.destroy();
    });
  });

  describe('a directory source', () => {
    /** Rows of one month, all on its 10th, with costs that tell files and versions apart. */
    const month = (period: string, resource: string, cost: string, count: number): Array<Partial<CsvRow>> =>
      Array.from({ length: count }, (_, i) => ({
        BillingPeriodStart: `${period}T00:00:00Z`,
        BillingPeriodEnd: `${bucketStart(addDays(period, 31), 'month')}T00:00:00Z`,
        ChargePeriodStart: `${period.slice(0, 8)}10T${String(i % 24).padStart(2, '0')}:00:00Z`,
        ChargePeriodEnd: `${period.slice(0, 8)}10T${String(i % 24).padStart(2, '0')}:59:00Z`,
        ResourceId: `${resource}-${i % 3}`,
        EffectiveCost: cost,
        BilledCost: cost,
        ListCost: cost,
      }));

    let dir: string;
    let mtime = 1_700_000_000;
    const write = (relativePath: string, rows: Array<Partial<CsvRow>>) => {
      const path = join(dir, relativePath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, focusCsv(rows));
      // Distinct modification times: a rewrite within the same millisecond and size would look unchanged.
      mtime += 60;
      utimesSync(path, mtime, mtime);
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'finops-directory-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    async function service() {
      const knex = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
      const stores = await createFinopsStores(knex);
      const imports = new ImportService({ stores, attribution: unallocated, logger: mockServices.logger.mock() });
      return { knex, stores, imports };
    }
    const source = () => ({ id: 'exports', type: 'focus-directory' as const, path: dir, schedule: { frequency: { hours: 1 }, timeout: { hours: 2 } } });
    const stored = async (stores: FinopsStores) =>
      (await stores.costs.sumCosts({ from: '2000-01-01', to: '2100-01-01', metric: 'EffectiveCost' }, ['usageDate', 'resource']))
        .map(sum => `${sum.dimensions.usageDate} ${sum.dimensions.resource} ${sum.currency} ${sum.amount}`)
        .sort();
    /** What importing the directory stores when every file is read, as before there were manifests. */
    const readingEverything = async (reference: { knex: Knex; stores: FinopsStores; imports: ImportService }) => {
      await reference.knex('finops_imports').update({ directory_manifest: null });
      await reference.imports.importDirectory(source());
      return stored(reference.stores);
    };

    it('reads only the changed files and those sharing their months, and stores what reading every file stores', async () => {
      const incremental = await service();
      const reference = await service();
      const step = async () => {
        const record = await incremental.imports.importDirectory(source());
        expect(await stored(incremental.stores)).toEqual(await readingEverything(reference));
        return record;
      };

      write('2024-08.csv', month('2024-08-01', 'aug', '1.5', 10));
      write('2024-09.csv', month('2024-09-01', 'sep', '2.25', 20));
      write('2024-10/part-1.csv', month('2024-10-01', 'oct-a', '3', 30));
      write('2024-10/part-2.csv', month('2024-10-01', 'oct-b', '4', 40));
      expect(await step()).toMatchObject({ status: 'succeeded', rowsRead: 100, billingPeriods: ['2024-08-01', '2024-09-01', '2024-10-01'] });
      expect(await incremental.imports.importDirectory(source())).toBeUndefined();

      // A restated part: October is read again, both its parts, and nothing else.
      write('2024-10/part-2.csv', month('2024-10-01', 'oct-b', '4.125', 41));
      expect(await step()).toMatchObject({
        status: 'succeeded',
        rowsRead: 71,
        billingPeriods: ['2024-10-01'],
        fileName: `4 files in ${dir}; changed: 2024-10/part-2.csv`,
      });

      // A part that now also holds September: September's own file is read after it.
      write('2024-10/part-1.csv', [...month('2024-10-01', 'oct-a', '3', 30), ...month('2024-09-01', 'late', '0.5', 5)]);
      expect(await step()).toMatchObject({ status: 'succeeded', rowsRead: 35 + 41 + 20, billingPeriods: ['2024-09-01', '2024-10-01'] });

      // A removed part: the months of what is left of it are derived again.
      rmSync(join(dir, '2024-10/part-2.csv'));
      expect(await step()).toMatchObject({ status: 'succeeded', rowsRead: 35 + 20, billingPeriods: ['2024-09-01', '2024-10-01'] });

      // A removed month no other file holds: nothing to read, and its stored costs stay, as when every file is read.
      rmSync(join(dir, '2024-08.csv'));
      expect(await step()).toBeUndefined();
      expect((await stored(incremental.stores)).filter(line => line.startsWith('2024-08-10'))).toHaveLength(3);

      await incremental.knex.destroy();
      await reference.knex.destroy();
    });

    it('reads every file again when the last import could not record what it read', async () => {
      const { knex, imports } = await service();
      write('2024-09.csv', month('2024-09-01', 'sep', '2', 20));
      write('2024-10.csv', month('2024-10-01', 'oct', '3', 30));
      await imports.importDirectory(source());
      await knex('finops_imports').update({ directory_manifest: null });
      write('2024-10.csv', month('2024-10-01', 'oct', '3.5', 31));
      expect(await imports.importDirectory(source())).toMatchObject({ status: 'succeeded', rowsRead: 51, fileName: `2 files in ${dir}` });
      await knex.destroy();
    });
  });
});
