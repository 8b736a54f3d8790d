import {
  MAX_LISTED_RESOURCES,
  untaggedResourcesRule,
} from './untaggedResources';
import { daily, evaluate, fact, usd } from './__testUtils__/facts';

const unallocated = { entityRef: undefined };

describe('untagged-resources', () => {
  it("gives each account's unallocated monthly spend, listing the costliest resources", async () => {
    const tips = await evaluate(untaggedResourcesRule, [
      ...daily(28, { ...unallocated, resourceId: 'i-big', cost: '3' }),
      ...daily(28, { ...unallocated, resourceId: 'vol-mid', cost: '1' }),
      ...daily(28, { ...unallocated, resourceId: 'bucket-small', cost: '0.5' }),
      // Allocated, free, or without a resource: not listed.
      ...daily(28, { resourceId: 'i-owned', cost: '100' }),
      fact({ ...unallocated, resourceId: 'free', cost: '0' }),
      fact({
        ...unallocated,
        resourceId: '',
        chargeCategory: 'Tax',
        cost: '50',
      }),
      // Another account.
      ...daily(28, {
        ...unallocated,
        billingAccountId: 'other',
        resourceId: 'x',
        cost: '1',
      }),
    ]);
    expect(tips.map(t => [t.subject, t.estimatedMonthlySavings])).toEqual([
      // 28 × (3 + 1 + 0.5) = 126 USD × 36525 ÷ 33600 = 136.96875 USD/month.
      ['111111111111', usd('136.96875')],
      // 28 × 1 = 28 → 30.4375.
      ['other', usd('30.4375')],
    ]);
    expect(tips[0].resources.map(r => r.resourceId)).toEqual([
      'i-big',
      'vol-mid',
      'bucket-small',
    ]);
    expect(tips[0].method).toMatch(
      /^Not a saving: the monthly spend with no owner/,
    );
    expect(tips[0].description).toContain('/finops?tab=ownership');
    expect(tips[0]).toMatchObject({ effort: 'low', risk: 'low' });
  });

  it(`lists at most ${MAX_LISTED_RESOURCES} resources but counts them all`, async () => {
    const facts = Array.from({ length: 25 }, (_, i) =>
      fact({
        ...unallocated,
        resourceId: `r-${String(i).padStart(2, '0')}`,
        cost: String(i + 1),
      }),
    );
    const [tip] = await evaluate(untaggedResourcesRule, facts);
    expect(tip.resources).toHaveLength(MAX_LISTED_RESOURCES);
    expect(tip.resources[0].resourceId).toBe('r-24');
    // 1 + … + 25 = 325 USD over 28 days → 325 × 36525 ÷ 33600 = 353.2924107142857142857… (truncated).
    expect(tip.estimatedMonthlySavings).toBe(353292410714285714285n);
    expect(tip.title).toBe(
      'Give 25 unallocated resources in 111111111111 an owner',
    );
  });

  it('stays silent when everything has an owner', async () => {
    expect(
      await evaluate(untaggedResourcesRule, daily(28, { cost: '5' })),
    ).toEqual([]);
  });
});
