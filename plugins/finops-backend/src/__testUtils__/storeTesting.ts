import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { TestDatabases } from '@backstage/backend-test-utils';
import { formatDecimal, moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores, type FinopsStores } from '../database/FinopsStores';
import type { CostFilter } from '../core';
import { type Attribution, canonicalTagsJson, type CostKey, costKeyHash, type DailyCost } from '../core';

const SQLITE_FILE = 'SQLITE_3 file';

/**
 * The databases every store test runs on: PostgreSQL and in-memory SQLite
 * from TestDatabases, and a SQLite file (the embedded default), where an
 * import writes through its own connection in a writer thread. Call once, at
 * the top of a test file: it registers the hooks that clean up.
 */
export function storeDatabases() {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const sqliteFiles: Knex[] = [];
  const sqliteDir = mkdtempSync(join(tmpdir(), 'finops-store-'));
  afterAll(async () => {
    await Promise.all(sqliteFiles.map(knex => knex.destroy()));
    rmSync(sqliteDir, { recursive: true, force: true });
  });

  async function init(databaseId: string): Promise<Knex> {
    if (databaseId !== SQLITE_FILE) {
      return databases.init(databaseId as Parameters<typeof databases.init>[0]);
    }
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(sqliteDir, `${sqliteFiles.length}.sqlite`) },
      useNullAsDefault: true,
    });
    sqliteFiles.push(knex);
    return knex;
  }

  return {
    ids: [...databases.eachSupportedId(), [SQLITE_FILE]] as Array<[string]>,
    /** A migrated database of that id, with the stores on it. */
    async createStores(databaseId: string): Promise<FinopsStores & { knex: Knex }> {
      const knex = await init(databaseId);
      return { knex, ...(await createFinopsStores(knex)) };
    },
  };
}

export function key(tags: Record<string, string>, entityRef: string | null = null): CostKey & Attribution {
  const tagsJson = canonicalTagsJson(tags);
  return {
    hash: costKeyHash(tagsJson, '111', '222'),
    tagsJson,
    billingAccountId: '111',
    subAccountId: '222',
    entityRef,
    rule: entityRef ? 'entityTagKey' : null,
    detail: entityRef ? 'test' : 'unallocated',
  };
}

export function daily(keyHash: string, usageDate: string, amount: string, extra: Partial<DailyCost> = {}): DailyCost {
  return {
    billingPeriod: `${usageDate.slice(0, 8)}01`,
    usageDate,
    keyHash,
    providerName: 'AWS',
    serviceName: 'EC2',
    serviceCategory: 'Compute',
    regionId: 'us-east-1',
    resourceId: 'i-1',
    chargeCategory: 'Usage',
    currency: 'USD',
    effectiveCost: moneyFromDecimal(amount),
    billedCost: moneyFromDecimal(amount) * 2n,
    listCost: moneyFromDecimal(amount),
    ...extra,
  };
}

/** The input totals of one USD row of `amount` (billed twice the amount), as daily() writes them. */
export const totalsFor = (period: string, amount: bigint) => [
  { billingPeriod: period, currency: 'USD', rows: 1, effectiveCost: amount, billedCost: amount * 2n, listCost: amount },
];

/** Imports rows as one slice of source "upload", staged in two parts with rows of the same day and key in both. */
export async function importSlice(
  stores: Pick<FinopsStores, 'imports' | 'slices'>,
  id: string,
  period: string,
  keys: Array<CostKey & Attribution>,
  rows: DailyCost[],
  totals = totalsFor(period, rows.reduce((s, r) => s + r.effectiveCost, 0n)),
) {
  await stores.imports.createImport({ id, sourceId: 'upload', fileName: 'f.csv' });
  await stores.slices.stageDailyCosts(id, rows.slice(0, Math.ceil(rows.length / 2)));
  await stores.slices.stageDailyCosts(id, rows.slice(Math.ceil(rows.length / 2)));
  try {
    await stores.slices.replaceSlices({ importId: id, sourceId: 'upload', billingPeriods: [period], keys, totals });
  } finally {
    await stores.slices.discardStaged(id);
  }
}

/** The exact total stored under a filter, every day by default, as a decimal. */
export async function total(stores: Pick<FinopsStores, 'costs'>, filter: Partial<CostFilter> = {}) {
  const sums = await stores.costs.sumCosts({ from: '2000-01-01', to: '2100-01-01', metric: 'EffectiveCost', ...filter }, []);
  return formatDecimal(sums.reduce((s, x) => s + x.amount, 0n));
}
