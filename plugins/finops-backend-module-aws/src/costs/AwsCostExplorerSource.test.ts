import { focusChargeRowProblem } from '@backstage-finops/plugin-finops-node';
import {
  ACCOUNTS,
  expectedPartition,
  makeDataset,
  partitionOfRows,
  TAG_KEYS,
  totalOf,
} from '../__testUtils__/dataset';
import { type FakeAws, startFakeAws } from '../__testUtils__/fakeAws';
import { daysOf, periodsOf, sourceOnFake } from '../__testUtils__/harness';
import { USAGE_RECORD_TYPES } from './costQueries';

// Some cases page through hundreds of requests to the loopback server; under a loaded CI machine that is seconds.
jest.setTimeout(60_000);

const TODAY = '2026-03-10';
const WINDOW = { from: '2026-01-01', to: TODAY };

/**
 * The GetCostAndUsage requests one slice of the dataset takes with pages
 * larger than its answers: per tag key two, plus one per account that
 * shares a (day, value) of that key with another account; then two.
 */
function requestsForSlice(fake: FakeAws, from: string, to: string): number {
  let requests = 2;
  TAG_KEYS.forEach((key, i) => {
    const holders = new Map<string, Set<string>>();
    for (const item of fake.state.items) {
      if (
        item.date < from ||
        item.date >= to ||
        !USAGE_RECORD_TYPES.includes(item.recordType)
      )
        continue;
      if (!(key in item.tags) || TAG_KEYS.slice(0, i).some(k => k in item.tags))
        continue;
      const cell = `${item.date} ${item.tags[key]}`;
      holders.set(cell, (holders.get(cell) ?? new Set()).add(item.account));
    }
    const shared = new Set<string>();
    holders.forEach(set => set.size > 1 && set.forEach(a => shared.add(a)));
    requests += 2 + shared.size;
  });
  return requests;
}

describe('AwsCostExplorerSource', () => {
  let fake: FakeAws;
  beforeEach(async () => {
    fake = await startFakeAws({
      items: makeDataset('2025-12-01', '2026-04-01'),
    });
  });
  afterEach(() => fake.close());

  it('backfills the months of the window and yields every dollar once, by first tag key, account, service and charge category', async () => {
    const { read, logger } = await sourceOnFake(fake, { today: TODAY });

    const run = await read();

    expect(run.error).toBeUndefined();
    expect(periodsOf(run.rows)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(daysOf(run.rows, '2026-03-01')).toHaveLength(9);
    expect(daysOf(run.rows, '2026-02-01')).toHaveLength(28);
    expect(run.rows.map(focusChargeRowProblem).filter(Boolean)).toEqual([]);
    // The same partition as computed straight from the line items: nothing lost, nothing twice.
    expect(partitionOfRows(run.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, WINDOW),
    );
    const effective = run.rows.reduce((sum, r) => sum + r.effectiveCost, 0n);
    const billed = run.rows.reduce((sum, r) => sum + r.billedCost, 0n);
    expect(effective).toBe(totalOf(fake.state.items, WINDOW.from, WINDOW.to));
    expect(billed).toBe(
      totalOf(fake.state.items, WINDOW.from, WINDOW.to, 'unblended'),
    );
    expect(new Set(run.rows.map(r => r.chargeCategory))).toEqual(
      new Set(['Usage', 'Tax', 'Purchase', 'Credit', 'Adjustment']),
    );
    expect(run.rows.find(r => r.tags.service === 'checkout')).toMatchObject({
      billingAccountId: '111111111111',
      providerName: 'AWS',
      billingCurrency: 'USD',
      chargePeriodStart: expect.stringMatching(/^2026-0[1-3]-\d\dT00:00:00Z$/),
    });
    // Requests: one slice per month, each as the formula says.
    expect(run.costRequests).toHaveLength(
      requestsForSlice(fake, '2026-03-01', TODAY) +
        requestsForSlice(fake, '2026-02-01', '2026-03-01') +
        requestsForSlice(fake, '2026-01-01', '2026-02-01'),
    );
    expect(run.usage).toEqual([
      {
        requests: run.costRequests.length,
        pages: run.costRequests.length,
        estimatedCostUsd: (run.costRequests.length / 100).toFixed(2),
      },
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        `${run.costRequests.length} requests, ${run.costRequests.length} pages, estimated cost $`,
      ),
      expect.objectContaining({ sourceId: 'aws-payer' }),
    );
  });

  it('asks Cost Explorer for DAILY amortized and unblended costs, with filters that partition the charges', async () => {
    const { read } = await sourceOnFake(fake, {
      today: TODAY,
      finops: {
        attribution: { entityTagKeys: ['service'], ownerTagKeys: ['team'] },
      },
    });

    const run = await read();

    const march = run.costRequests
      .filter(r => r.body.TimePeriod.Start === '2026-03-01')
      .map(r => r.body);
    expect(march[0]).toEqual({
      TimePeriod: { Start: '2026-03-01', End: TODAY },
      Granularity: 'DAILY',
      Metrics: ['AmortizedCost', 'UnblendedCost'],
      Filter: {
        And: [
          { Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES } },
          { Not: { Tags: { Key: 'service', MatchOptions: ['ABSENT'] } } },
        ],
      },
      GroupBy: [
        { Type: 'TAG', Key: 'service' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
    expect(march[1].GroupBy).toEqual([
      { Type: 'TAG', Key: 'service' },
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
    ]);
    const team = march.find(
      b => b.GroupBy[0].Key === 'team' && b.GroupBy[1].Key === 'SERVICE',
    );
    expect(team.Filter.And).toEqual([
      { Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES } },
      { Not: { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } } },
      { Tags: { Key: 'service', MatchOptions: ['ABSENT'] } },
    ]);
    // Team values are shared by accounts: one query per sharing account, filtered to it.
    const perAccount = march.filter(b =>
      b.Filter.And?.some((e: any) => e.Dimensions?.Key === 'LINKED_ACCOUNT'),
    );
    expect(
      perAccount.map(b => b.Filter.And.at(-1).Dimensions.Values[0]).sort(),
    ).toEqual([...ACCOUNTS, ...ACCOUNTS].sort());
    expect(march.slice(-2).map(b => [b.Filter, b.GroupBy])).toEqual([
      [
        {
          And: [
            { Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES } },
            { Tags: { Key: 'service', MatchOptions: ['ABSENT'] } },
            { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } },
          ],
        },
        [
          { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
          { Type: 'DIMENSION', Key: 'SERVICE' },
        ],
      ],
      [
        {
          Not: {
            Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES },
          },
        },
        [
          { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
          { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
        ],
      ],
    ]);
    expect(partitionOfRows(run.rows)).toEqual(
      expectedPartition(fake.state.items, ['service', 'team'], WINDOW),
    );
    expect(run.costRequests[0].headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTESTTEST\/\d{8}\/us-east-1\/ce\/aws4_request/,
    );
  });

  it('reads NetAmortizedCost as EffectiveCost and NetUnblendedCost as BilledCost when so configured', async () => {
    const { read } = await sourceOnFake(fake, {
      today: TODAY,
      source: { metric: 'NetAmortizedCost', backfillMonths: 1 },
    });

    const run = await read();

    expect(run.costRequests[0].body.Metrics).toEqual([
      'NetAmortizedCost',
      'NetUnblendedCost',
    ]);
    expect(run.rows.reduce((sum, r) => sum + r.effectiveCost, 0n)).toBe(
      totalOf(fake.state.items, '2026-03-01', TODAY),
    );
  });

  it('follows pagination across many pages to the same rows', async () => {
    fake.state.pageSize = 7;
    const { read } = await sourceOnFake(fake, {
      today: TODAY,
      source: { maxRequestsPerRun: 5000 },
    });

    const run = await read();

    expect(run.error).toBeUndefined();
    const continued = run.costRequests.filter(r => r.body.NextPageToken);
    expect(continued.length).toBeGreaterThan(200);
    expect(run.usage[0]).toEqual({
      requests: run.costRequests.length,
      pages: run.costRequests.length,
      estimatedCostUsd: (run.costRequests.length / 100).toFixed(2),
    });
    expect(partitionOfRows(run.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, WINDOW),
    );
  });

  it('retries throttling with exponential backoff and full jitter, counting every attempt', async () => {
    fake.state.pageSize = 50;
    fake.state.fault = (_request, index) => {
      if (index === 5 || index === 6)
        return {
          status: 400,
          type: 'LimitExceededException',
          message: 'Rate exceeded',
        };
      if (index === 12)
        return {
          status: 400,
          type: 'ThrottlingException',
          message: 'Rate exceeded',
        };
      if (index === 20)
        return { status: 503, type: 'ServiceUnavailableException' };
      return undefined;
    };
    const { read, sleeps } = await sourceOnFake(fake, { today: TODAY });

    const run = await read();

    expect(run.error).toBeUndefined();
    // random() = 0.5: half of 100 ms, then of 200 ms for the second attempt in a row.
    expect(sleeps).toEqual([50, 100, 50, 50]);
    expect(run.usage[0].requests).toBe(run.costRequests.length);
    expect(run.usage[0].pages).toBe(run.costRequests.length - 4);
    expect(partitionOfRows(run.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, WINDOW),
    );
  });

  it('gives up on a 500 after its attempts, keeps the slices it finished, says why, and goes on from there next run', async () => {
    const { read, store } = await sourceOnFake(fake, { today: TODAY });
    const marchRequests = requestsForSlice(fake, '2026-03-01', TODAY);
    fake.state.fault = (_request, index) =>
      index >= marchRequests + 3
        ? {
            status: 500,
            type: 'InternalServerError',
            message: 'We encountered an internal error.',
          }
        : undefined;

    const failed = await read();

    expect(failed.error?.message).toMatch(
      /^AWS Cost Explorer source aws-payer could not finish: GetCostAndUsage tag [^ ]+ by [a-z ]+\d* 2026-02-01\.\.2026-03-01, page 1 failed 5 times; the last: InternalServerError \(HTTP 500\): We encountered an internal error\.\. It kept the 1 slice\(s\) it finished \(9 days\) for the next run; the data imported before stays as it was\.$/,
    );
    expect(failed.rows).toEqual([]);
    expect(failed.usage).toEqual([
      {
        requests: marchRequests + 8,
        pages: marchRequests + 3,
        estimatedCostUsd: ((marchRequests + 8) / 100).toFixed(2),
      },
    ]);
    expect((await store.fetchedDays('aws-payer', '2026-01-01')).size).toBe(9);

    fake.state.fault = undefined;
    const resumed = await read();

    expect(resumed.error).toBeUndefined();
    // February and January only: March was kept, and is yielded now with them.
    expect(
      resumed.costRequests
        .map(r => r.body.TimePeriod.Start)
        .filter(s => s === '2026-03-01'),
    ).toEqual([]);
    expect(periodsOf(resumed.rows)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(partitionOfRows(resumed.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, WINDOW),
    );
  });

  it('re-reads the trailing restatement days every run and yields only the months that changed, whole', async () => {
    const { read } = await sourceOnFake(fake, { today: TODAY });
    await read();
    const restated = fake.state.items.find(
      i =>
        i.date === '2026-03-08' &&
        i.tags.team === 'payments' &&
        !i.tags.service,
    )!;
    restated.amortized = '1000.000000001';
    const older = fake.state.items.find(
      i => i.date === '2026-02-10' && i.recordType === 'Usage',
    )!;
    older.amortized = '5000';

    const second = await read();

    expect(second.error).toBeUndefined();
    expect([
      ...new Set(
        second.costRequests.map(
          r => `${r.body.TimePeriod.Start}..${r.body.TimePeriod.End}`,
        ),
      ),
    ]).toEqual(['2026-03-05..2026-03-10']);
    expect(second.costRequests).toHaveLength(
      requestsForSlice(fake, '2026-03-05', TODAY),
    );
    // All of March, from what is stored, with the restated day; February is left alone.
    expect(periodsOf(second.rows)).toEqual(['2026-03-01']);
    expect(daysOf(second.rows)).toHaveLength(9);
    expect(partitionOfRows(second.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, {
        from: '2026-03-01',
        to: TODAY,
      }),
    );
  });

  it('re-reads a closed month once, when it leaves the restatement window', async () => {
    const { read, clock } = await sourceOnFake(fake, {
      today: '2026-03-03',
      source: { backfillMonths: 2 },
    });
    await read();
    const feb10 = fake.state.items.find(
      i => i.date === '2026-02-10' && i.recordType === 'Tax',
    )!;
    feb10.unblended = '77.7';
    feb10.amortized = '77.7';

    clock.today = '2026-03-05';
    const within = await read();
    expect([
      ...new Set(
        within.costRequests.map(
          r => `${r.body.TimePeriod.Start}..${r.body.TimePeriod.End}`,
        ),
      ),
    ]).toEqual(['2026-03-01..2026-03-05', '2026-02-28..2026-03-01']);
    expect(
      partitionOfRows(
        within.rows.filter(r => r.billingPeriodStart === '2026-02-01'),
      ),
    ).not.toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, {
        from: '2026-02-01',
        to: '2026-03-01',
      }),
    );

    clock.today = '2026-03-06';
    const closing = await read();
    expect([
      ...new Set(
        closing.costRequests.map(
          r => `${r.body.TimePeriod.Start}..${r.body.TimePeriod.End}`,
        ),
      ),
    ]).toEqual(['2026-03-01..2026-03-06', '2026-02-01..2026-03-01']);
    expect(periodsOf(closing.rows)).toEqual(['2026-02-01', '2026-03-01']);
    expect(partitionOfRows(closing.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, {
        from: '2026-02-01',
        to: '2026-03-06',
      }),
    );

    clock.today = '2026-03-07';
    const after = await read();
    expect([
      ...new Set(after.costRequests.map(r => r.body.TimePeriod.Start)),
    ]).toEqual(['2026-03-02']);
    expect(periodsOf(after.rows)).toEqual(['2026-03-01']);
  });

  it('stops before passing maxRequestsPerRun, keeps the whole slices, and resumes the backfill next run', async () => {
    const perSlice = requestsForSlice(fake, '2026-02-01', '2026-03-01');
    const cap = perSlice + 10;
    const { read, logger } = await sourceOnFake(fake, {
      today: TODAY,
      source: { maxRequestsPerRun: cap },
    });
    const delivered = new Map<string, ReturnType<typeof partitionOfRows>>();

    const runs = [];
    for (let i = 0; i < 4; i++) {
      const run = await read();
      expect(run.error).toBeUndefined();
      expect(run.costRequests.length).toBeLessThanOrEqual(cap);
      expect(run.usage[0].requests).toBe(run.costRequests.length);
      for (const period of periodsOf(run.rows)) {
        // Whole months only: every day of a closed month, and March through yesterday.
        const days: Record<string, number> = {
          '2026-01-01': 31,
          '2026-02-01': 28,
          '2026-03-01': 9,
        };
        expect(daysOf(run.rows, period)).toHaveLength(days[period]);
        delivered.set(
          period,
          partitionOfRows(
            run.rows.filter(r => r.billingPeriodStart === period),
          ),
        );
      }
      runs.push(periodsOf(run.rows));
    }

    // March, then February (its backfill comes before March's restatement), then January.
    expect(runs.slice(0, 2)).toEqual([['2026-03-01'], ['2026-02-01']]);
    expect(runs[2]).toContain('2026-01-01');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `stopped at maxRequestsPerRun (${cap}) after 1 slice(s); the next run goes on from there`,
      ),
    );
    const all = new Map([...delivered.values()].flatMap(m => [...m]));
    expect(all).toEqual(expectedPartition(fake.state.items, TAG_KEYS, WINDOW));
  });

  it('reads a month in halves from the next run on when one slice does not fit the cap, and says when one day does not', async () => {
    const { read, store, logger } = await sourceOnFake(fake, {
      today: TODAY,
      source: { maxRequestsPerRun: 20 },
    });

    const first = await read();

    expect(first.error).toBeUndefined();
    expect(first.costRequests).toHaveLength(20);
    expect(await store.months('aws-payer')).toEqual([
      expect.objectContaining({ billingPeriod: '2026-03-01', sliceDays: 5 }),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('2026-03 is read 5 days at a time from now on'),
    );

    const sliceDays = [];
    let last;
    for (let i = 0; i < 6 && !last?.error; i++) {
      last = await read();
      sliceDays.push((await store.months('aws-payer'))[0].sliceDays);
    }
    expect(sliceDays).toEqual([3, 2, 1, 1]);
    expect(last?.error?.message).toContain(
      'one day (2026-03-09) of Cost Explorer data needs more than maxRequestsPerRun (20) requests; raise it',
    );
  });

  it('takes DataUnavailableException for the newest day as not there yet, and reads it next run', async () => {
    fake.state.unavailableFrom = '2026-03-09';
    const { read, logger } = await sourceOnFake(fake, { today: TODAY });

    const first = await read();

    expect(first.error).toBeUndefined();
    expect(daysOf(first.rows, '2026-03-01')).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(partitionOfRows(first.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, {
        from: WINDOW.from,
        to: '2026-03-09',
      }),
    );
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'no data yet from 2026-03-09 (DataUnavailableException)',
      ),
    );

    fake.state.unavailableFrom = undefined;
    const second = await read();
    expect(daysOf(second.rows, '2026-03-01')).toHaveLength(9);
    expect(partitionOfRows(second.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, {
        from: '2026-03-01',
        to: TODAY,
      }),
    );
  });

  it('restarts a query from its first page on RequestChangedException and InvalidNextTokenException', async () => {
    fake.state.pageSize = 10;
    fake.state.fault = (request, index) => {
      if (index === 3 && request.body.NextPageToken)
        return {
          status: 400,
          type: 'RequestChangedException',
          message: 'Your request parameters changed between pages.',
        };
      if (index === 8 && request.body.NextPageToken)
        return {
          status: 400,
          type: 'InvalidNextTokenException',
          message: 'The pagination token is invalid.',
        };
      return undefined;
    };
    const { read } = await sourceOnFake(fake, {
      today: TODAY,
      source: { backfillMonths: 1 },
    });

    const run = await read();

    expect(run.error).toBeUndefined();
    expect(run.costRequests[3].body.NextPageToken).toBeDefined();
    expect(run.costRequests[4].body.NextPageToken).toBeUndefined();
    expect(run.costRequests[4].body.Filter).toEqual(
      run.costRequests[0].body.Filter,
    );
    expect(partitionOfRows(run.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, {
        from: '2026-03-01',
        to: TODAY,
      }),
    );
  });

  it('fails clearly on an error that is not worth retrying, and keeps the stored data', async () => {
    const { read } = await sourceOnFake(fake, {
      today: TODAY,
      source: { backfillMonths: 1 },
    });
    await read();
    fake.state.fault = () => ({
      status: 400,
      type: 'AccessDeniedException',
      message: 'User is not authorized to perform: ce:GetCostAndUsage',
    });

    const denied = await read();

    expect(denied.error?.message).toContain(
      'could not finish: User is not authorized to perform: ce:GetCostAndUsage',
    );
    expect(denied.usage[0].requests).toBe(1);
    fake.state.fault = undefined;
    const after = await read();
    expect(partitionOfRows(after.rows)).toEqual(
      expectedPartition(fake.state.items, TAG_KEYS, {
        from: '2026-03-01',
        to: TODAY,
      }),
    );
  });
});
