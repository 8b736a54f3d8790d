import type {
  FinopsTip,
  FinopsTipRule,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
import { evaluateTips, tipId } from './evaluateTips';

const signal = new AbortController().signal;

function fact(
  resourceId: string,
  entityRef: string | undefined,
  cost: bigint,
): FinopsUsageFact {
  return { resourceId, entityRef, effectiveCost: cost } as FinopsUsageFact;
}

function tip(
  resourceIds: string[],
  savings: bigint,
  extra: Partial<FinopsTip> = {},
): FinopsTip {
  return {
    title: 't',
    description: 'd',
    resources: resourceIds.map(resourceId => ({
      resourceId,
      serviceName: 'EC2',
    })),
    estimatedMonthlySavings: savings,
    currency: 'USD',
    method: 'm',
    effort: 'low',
    risk: 'low',
    ...extra,
  };
}

const rule = (id: string, tips: FinopsTip[] | Error): FinopsTipRule => ({
  id,
  title: id,
  evaluate: () => {
    if (tips instanceof Error) throw tips;
    return tips;
  },
});

describe('evaluateTips', () => {
  const facts = [
    fact('a', 'component:default/api', 10n),
    fact('b', 'component:default/web', 30n),
    fact('c', undefined, 100n),
    fact('a', 'component:default/api', 25n),
  ];
  const input = { facts, from: '2024-06-01', to: '2024-09-07', signal };

  it('gives each tip the entity carrying most of its resources’ cost, or none for mostly unallocated spend, ranked by saving', async () => {
    const { tips, failures } = await evaluateTips(
      [
        rule('one', [tip(['a', 'b'], 5n), tip(['b', 'c'], 50n)]),
        rule('two', [tip(['x'], 7n, { entityRef: 'component:default/batch' })]),
      ],
      input,
    );
    expect(failures).toEqual([]);
    expect(
      tips.map(t => [t.rule, t.entityRef, t.estimatedMonthlySavings]),
    ).toEqual([
      ['one', null, 50n],
      ['two', 'component:default/batch', 7n],
      // a: 35 for api, b: 30 for web.
      ['one', 'component:default/api', 5n],
    ]);
  });

  it('keeps ids stable across evaluations and resource order, and apart across rules, subjects and currencies', async () => {
    expect(tipId('gp2-to-gp3', tip(['b', 'a'], 1n))).toBe(
      tipId('gp2-to-gp3', tip(['a', 'b', 'a'], 9n)),
    );
    expect(tipId('gp2-to-gp3', tip(['a'], 1n))).not.toBe(
      tipId('idle-address', tip(['a'], 1n)),
    );
    expect(tipId('r', tip(['a'], 1n, { subject: 'account-1' }))).not.toBe(
      tipId('r', tip(['a'], 1n, { subject: 'account-2' })),
    );
    expect(tipId('r', tip(['a'], 1n))).not.toBe(
      tipId('r', tip(['a'], 1n, { currency: 'EUR' })),
    );
    const first = await evaluateTips([rule('r', [tip(['a'], 3n)])], input);
    const again = await evaluateTips([rule('r', [tip(['a'], 4n)])], input);
    expect(first.tips[0].id).toBe(again.tips[0].id);
  });

  it('reports a failing rule and keeps the others; drops tips without a saving and repeats', async () => {
    const { tips, failures } = await evaluateTips(
      [
        rule('broken', new Error('no data')),
        rule('ok', [tip(['a'], 0n), tip(['a'], 2n), tip(['a'], 3n)]),
      ],
      input,
    );
    expect(failures.map(f => [f.rule, f.error.message])).toEqual([
      ['broken', 'no data'],
    ]);
    expect(tips.map(t => t.estimatedMonthlySavings)).toEqual([2n]);
  });
});
