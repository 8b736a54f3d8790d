import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  addDays,
  formatDecimal,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';
import type { StoredCostRow } from '../costs/costQueries';

const MIGRATIONS = {
  directory: resolvePackagePath(
    '@backstage-finops/plugin-finops-backend-module-aws',
    'migrations',
  ),
  // Its own table: the FinOps backend's migrations share the database.
  tableName: 'finops_aws_knex_migrations',
};

/** Applies the module's migrations. */
export async function migrateAwsTables(knex: Knex): Promise<void> {
  await knex.migrate.latest(MIGRATIONS);
}

/** Reverts them all; for the migration test. */
export async function rollbackAwsTables(knex: Knex): Promise<void> {
  await knex.migrate.rollback(MIGRATIONS, true);
}

/** Rows per insert statement: 10 columns each, under SQLite's 999 variables. */
const INSERT_BATCH = 90;

/** A month's stored state. */
export interface StoredMonth {
  billingPeriod: string;
  sliceDays: number | null;
  changedSeq: number;
  deliveredSeq: number;
}

/**
 * What the AWS Cost Explorer sources fetched, per source and day: the
 * cost rows, the day each day was fetched on, and per month how it is
 * sliced and whether its latest state was yielded to the FinOps backend.
 */
export class AwsCostStore {
  constructor(private readonly knex: Knex) {}

  /** Each stored day from `from` on, with the day it was fetched on. */
  async fetchedDays(
    sourceId: string,
    from: string,
  ): Promise<Map<string, string>> {
    const rows = await this.knex('finops_aws_days')
      .where({ source_id: sourceId })
      .andWhere('usage_date', '>=', from)
      .select('usage_date', 'fetched_on');
    return new Map(rows.map(r => [r.usage_date, r.fetched_on]));
  }

  /** Every month the source has state for. */
  async months(sourceId: string): Promise<StoredMonth[]> {
    const rows = await this.knex('finops_aws_months')
      .where({ source_id: sourceId })
      .orderBy('billing_period');
    return rows.map(r => ({
      billingPeriod: r.billing_period,
      sliceDays: r.slice_days === null ? null : Number(r.slice_days),
      changedSeq: Number(r.changed_seq),
      deliveredSeq: Number(r.delivered_seq),
    }));
  }

  async setSliceDays(
    sourceId: string,
    month: string,
    sliceDays: number,
  ): Promise<void> {
    await this.knex('finops_aws_months')
      .insert({
        source_id: sourceId,
        billing_period: month,
        slice_days: sliceDays,
      })
      .onConflict(['source_id', 'billing_period'])
      .merge(['slice_days']);
  }

  /**
   * Replaces the days `start` to `end` (exclusive) of one month with
   * `rows`, all or nothing, marks them fetched on `fetchedOn` and the
   * month changed.
   */
  async saveSlice(input: {
    sourceId: string;
    month: string;
    start: string;
    end: string;
    fetchedOn: string;
    rows: StoredCostRow[];
  }): Promise<void> {
    const { sourceId, start, end } = input;
    await this.knex.transaction(async tx => {
      await tx('finops_aws_costs')
        .where({ source_id: sourceId })
        .andWhere('usage_date', '>=', start)
        .andWhere('usage_date', '<', end)
        .delete();
      for (let i = 0; i < input.rows.length; i += INSERT_BATCH) {
        await tx('finops_aws_costs').insert(
          input.rows.slice(i, i + INSERT_BATCH).map(row => ({
            source_id: sourceId,
            usage_date: row.usageDate,
            sub_account_id: row.subAccountId,
            tag_key: row.tagKey,
            tag_value: row.tagValue,
            service_name: row.serviceName,
            record_type: row.recordType,
            currency: row.currency,
            billed: formatDecimal(row.billed),
            effective: formatDecimal(row.effective),
          })),
        );
      }
      await tx('finops_aws_days')
        .where({ source_id: sourceId })
        .andWhere('usage_date', '>=', start)
        .andWhere('usage_date', '<', end)
        .delete();
      const days = [];
      for (let day = start; day < end; day = addDays(day, 1)) {
        days.push({
          source_id: sourceId,
          usage_date: day,
          fetched_on: input.fetchedOn,
        });
      }
      for (let i = 0; i < days.length; i += INSERT_BATCH) {
        await tx('finops_aws_days').insert(days.slice(i, i + INSERT_BATCH));
      }
      await tx('finops_aws_months')
        .insert({
          source_id: sourceId,
          billing_period: input.month,
          changed_seq: 1,
        })
        .onConflict(['source_id', 'billing_period'])
        .merge({
          changed_seq: tx.raw('?? + 1', ['finops_aws_months.changed_seq']),
        });
    });
  }

  /** Records that the month was yielded in full as it was at `changedSeq`. */
  async markDelivered(
    sourceId: string,
    month: string,
    changedSeq: number,
  ): Promise<void> {
    await this.knex('finops_aws_months')
      .where({ source_id: sourceId, billing_period: month })
      .update({ delivered_seq: changedSeq });
  }

  /** The stored rows of days `from` to `to` (exclusive), in a stable order. */
  async rows(
    sourceId: string,
    from: string,
    to: string,
  ): Promise<StoredCostRow[]> {
    const rows = await this.knex('finops_aws_costs')
      .where({ source_id: sourceId })
      .andWhere('usage_date', '>=', from)
      .andWhere('usage_date', '<', to)
      .orderBy([
        'usage_date',
        'sub_account_id',
        'tag_key',
        'tag_value',
        'service_name',
        'record_type',
      ]);
    return rows.map(r => ({
      usageDate: r.usage_date,
      subAccountId: r.sub_account_id,
      tagKey: r.tag_key,
      tagValue: r.tag_value,
      serviceName: r.service_name,
      recordType: r.record_type,
      currency: r.currency,
      billed: moneyFromDecimal(r.billed),
      effective: moneyFromDecimal(r.effective),
    }));
  }
}
