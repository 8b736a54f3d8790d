import { TestDatabases } from '@backstage/backend-test-utils';
import type { StoredCostRow } from '../costs/costQueries';
import {
  AwsCostStore,
  migrateAwsTables,
  rollbackAwsTables,
} from './AwsCostStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function row(
  usageDate: string,
  effective: bigint,
  extra: Partial<StoredCostRow> = {},
): StoredCostRow {
  return {
    usageDate,
    subAccountId: '222222222222',
    tagKey: 'team',
    tagValue: 'payments',
    serviceName: 'Amazon Elastic Compute Cloud - Compute',
    recordType: '',
    currency: 'USD',
    billed: effective,
    effective,
    ...extra,
  };
}

describe.each(databases.eachSupportedId())('AwsCostStore on %s', databaseId => {
  it('replaces a slice all or nothing, keeps amounts exact, and tracks what was yielded', async () => {
    const knex = await databases.init(databaseId);
    await migrateAwsTables(knex);
    const store = new AwsCostStore(knex);
    const tiny = 1n; // one atto-dollar
    const big = 123456789012345678901234567890n;
    await store.saveSlice({
      sourceId: 'a',
      month: '2026-03-01',
      start: '2026-03-01',
      end: '2026-03-04',
      fetchedOn: '2026-03-04',
      rows: [
        row('2026-03-01', tiny),
        row('2026-03-02', big),
        row('2026-03-03', -5n, { tagKey: '', tagValue: '', recordType: 'Tax' }),
      ],
    });
    await store.saveSlice({
      sourceId: 'b',
      month: '2026-03-01',
      start: '2026-03-01',
      end: '2026-03-02',
      fetchedOn: '2026-03-04',
      rows: [row('2026-03-01', 7n)],
    });

    expect(
      (await store.rows('a', '2026-03-01', '2026-04-01')).map(r => r.effective),
    ).toEqual([tiny, big, -5n]);
    expect(await store.months('a')).toEqual([
      {
        billingPeriod: '2026-03-01',
        sliceDays: null,
        changedSeq: 1,
        deliveredSeq: 0,
      },
    ]);

    // A restated slice replaces its days only; a failing one changes nothing.
    await store.saveSlice({
      sourceId: 'a',
      month: '2026-03-01',
      start: '2026-03-02',
      end: '2026-03-04',
      fetchedOn: '2026-03-05',
      rows: [row('2026-03-03', 9n)],
    });
    await expect(
      store.saveSlice({
        sourceId: 'a',
        month: '2026-03-01',
        start: '2026-03-01',
        end: '2026-03-04',
        fetchedOn: '2026-03-06',
        rows: [
          row('2026-03-01', 1n),
          row('2026-03-02', undefined as unknown as bigint),
        ],
      }),
    ).rejects.toThrow();
    expect(
      (await store.rows('a', '2026-03-01', '2026-04-01')).map(r => [
        r.usageDate,
        r.effective,
      ]),
    ).toEqual([
      ['2026-03-01', tiny],
      ['2026-03-03', 9n],
    ]);
    expect(await store.fetchedDays('a', '2026-03-01')).toEqual(
      new Map([
        ['2026-03-01', '2026-03-04'],
        ['2026-03-02', '2026-03-05'],
        ['2026-03-03', '2026-03-05'],
      ]),
    );
    await store.markDelivered('a', '2026-03-01', 2);
    await store.setSliceDays('a', '2026-03-01', 8);
    expect(await store.months('a')).toEqual([
      {
        billingPeriod: '2026-03-01',
        sliceDays: 8,
        changedSeq: 2,
        deliveredSeq: 2,
      },
    ]);
    expect(
      (await store.rows('b', '2026-03-01', '2026-04-01')).map(r => r.effective),
    ).toEqual([7n]);

    await rollbackAwsTables(knex);
    expect(await knex.schema.hasTable('finops_aws_costs')).toBe(false);
    await migrateAwsTables(knex);
    expect(await knex.schema.hasTable('finops_aws_costs')).toBe(true);
  });
});
