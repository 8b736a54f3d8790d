import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import knexFactory, { type Knex } from 'knex';
import { AwsClients } from '../aws/clients';
import type { RetryPolicy } from '../aws/requests';
import { readAwsSourceConfigs } from '../config';
import { AwsCostExplorerSource } from '../costs/AwsCostExplorerSource';
import { AwsCostStore, migrateAwsTables } from '../database/AwsCostStore';
import { PAYER } from './dataset';
import type { FakeAws } from './fakeAws';

/** Static test keys for the payer account: `aws.accounts` needs no STS call to match the account. */
export function awsIntegrationConfig(accountId = PAYER): JsonObject {
  return {
    aws: {
      accounts: [
        {
          accountId,
          accessKeyId: 'AKIDTESTTESTTESTTEST',
          secretAccessKey: 'test-secret-key-test-secret-key-test-secr',
        },
      ],
    },
  };
}

/** A real SQLite database in memory (one connection, so that every query sees it). */
export async function memoryStore(): Promise<{
  knex: Knex;
  store: AwsCostStore;
}> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  await migrateAwsTables(knex);
  return { knex, store: new AwsCostStore(knex) };
}

/** Waits nothing, records what it would have waited. */
export function instantRetry(sleeps: number[], maxAttempts = 5): RetryPolicy {
  return {
    maxAttempts,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    sleep: async ms => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  };
}

/** One source pointed at the fake, on a settable clock, with a store of its own unless given one. */
export async function sourceOnFake(
  fake: FakeAws,
  options: {
    today: string;
    source?: JsonObject;
    finops?: JsonObject;
    store?: AwsCostStore;
  },
) {
  const config = new ConfigReader({
    ...awsIntegrationConfig(),
    finops: {
      ...options.finops,
      sources: [
        { id: 'focus', type: 'focus-directory', path: '/nowhere' },
        {
          id: 'aws-payer',
          type: 'aws-cost-explorer',
          accountId: PAYER,
          endpoint: fake.endpoint,
          backfillMonths: 3,
          ...options.source,
        },
      ],
    },
  });
  const [settings] = readAwsSourceConfigs(config);
  const store = options.store ?? (await memoryStore()).store;
  const clients = new AwsClients(
    settings,
    DefaultAwsCredentialsManager.fromConfig(config),
  );
  const sleeps: number[] = [];
  const logger = mockServices.logger.mock();
  const clock = { today: options.today };
  const source = new AwsCostExplorerSource(settings, {
    logger,
    store: async () => store,
    client: () => clients.costExplorer(),
    retry: instantRetry(sleeps),
    now: () => new Date(`${clock.today}T07:30:00Z`),
  });
  /** One read: what it yielded and what it reported, or what it threw. */
  const read = async () => {
    const rows: FocusChargeRow[] = [];
    const usage: Array<{
      requests: number;
      pages: number;
      estimatedCostUsd: string;
    }> = [];
    const before = fake.costRequests().length;
    let error: Error | undefined;
    try {
      for await (const row of source.read({
        signal: new AbortController().signal,
        reportRequests: u => usage.push(u),
      })) {
        rows.push(row);
      }
    } catch (e) {
      error = e as Error;
    }
    return {
      rows,
      usage,
      error,
      costRequests: fake.costRequests().slice(before),
    };
  };
  return { source, store, settings, sleeps, logger, clock, read };
}

/** The billing periods of yielded rows, sorted. */
export function periodsOf(rows: FocusChargeRow[]): string[] {
  return [...new Set(rows.map(r => r.billingPeriodStart))].sort();
}

/** The days of yielded rows within one billing period, sorted. */
export function daysOf(rows: FocusChargeRow[], period?: string): string[] {
  return [
    ...new Set(
      rows
        .filter(r => !period || r.billingPeriodStart === period)
        .map(r => r.chargePeriodStart.slice(0, 10)),
    ),
  ].sort();
}
