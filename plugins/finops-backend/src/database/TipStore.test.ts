import type { EvaluatedTip } from '../optimize/evaluateTips';
import { storeDatabases } from '../__testUtils__/storeTesting';

jest.setTimeout(60_000);

const databases = storeDatabases();

const tip = (
  id: string,
  savings: bigint,
  entityRef: string | null = 'component:default/api',
): EvaluatedTip => ({
  id,
  rule: 'gp2-to-gp3',
  entityRef,
  title: `Move ${id} to gp3`,
  description: 'Change the volume type; no downtime.',
  resources: [{ resourceId: `vol-${id}`, serviceName: 'Amazon EC2' }],
  // 12.345678901234567891 USD: more digits than a double holds.
  estimatedMonthlySavings: savings,
  currency: 'USD',
  method: '20 % of the storage cost',
  effort: 'low',
  risk: 'low',
});

describe.each(databases.ids)('TipStore on %s', databaseId => {
  it('keeps decisions across evaluations, marks vanished findings inactive, and keeps amounts exact', async () => {
    const { tips } = await databases.createStores(databaseId);
    await tips.saveEvaluation(
      [tip('a', 12345678901234567891n), tip('b', 5n), tip('c', 7n, null)],
      '2024-09-01T00:00:00Z',
    );
    expect((await tips.listTips({})).map(t => t.id)).toEqual(['a', 'c', 'b']);
    expect((await tips.listTips({ entityRefs: null })).map(t => t.id)).toEqual([
      'c',
    ]);
    expect(
      (await tips.listTips({ entityRefs: ['component:default/api'] })).map(
        t => t.id,
      ),
    ).toEqual(['a', 'b']);

    const decided = await tips.decide('a', {
      status: 'done',
      reason: null,
      until: null,
      by: 'user:default/ana',
      at: '2024-09-02T10:00:00Z',
    });
    expect(decided).toMatchObject({
      status: 'done',
      decision: { by: 'user:default/ana', at: '2024-09-02T10:00:00Z' },
    });
    await tips.decide('b', {
      status: 'snoozed',
      reason: 'after the freeze',
      until: '2024-10-01',
      by: 'user:default/bo',
      at: '2024-09-02T11:00:00Z',
    });

    // Re-evaluated: a's finding is gone (acted on), b is found with new figures.
    await tips.saveEvaluation(
      [{ ...tip('b', 6n), title: 'Move b to gp3 now' }],
      '2024-09-03T00:00:00Z',
    );
    const [a, b] = [await tips.getTip('a'), await tips.getTip('b')];
    expect(a).toMatchObject({
      active: false,
      status: 'done',
      estimatedMonthlySavings: 12345678901234567891n,
      firstSeenAt: '2024-09-01T00:00:00Z',
    });
    expect(b).toMatchObject({
      active: true,
      status: 'snoozed',
      title: 'Move b to gp3 now',
      estimatedMonthlySavings: 6n,
      lastSeenAt: '2024-09-03T00:00:00Z',
      decision: {
        status: 'snoozed',
        reason: 'after the freeze',
        until: '2024-10-01',
        by: 'user:default/bo',
      },
    });
    expect(
      await tips.decide('missing', {
        status: 'open',
        reason: null,
        until: null,
        by: 'x',
        at: 'y',
      }),
    ).toBeUndefined();
  });
});
