import { TO, daily, evaluate, fact, usd } from './__testUtils__/facts';
import { unusedCommitmentRule } from './unusedCommitment';

const unused = {
  resourceId: '',
  commitmentDiscountId: 'arn:aws:ec2:us-east-1:1:reserved-instances/ri-1',
  commitmentDiscountType: 'Reserved Instance',
  commitmentDiscountStatus: 'Unused',
  pricingCategory: 'Committed',
  pricingQuantity: 24,
  pricingUnit: 'Hours',
  cost: '1.25',
};

describe('unused-commitment', () => {
  it('gives the unused effective cost of each commitment as a monthly saving', async () => {
    const tips = await evaluate(unusedCommitmentRule, [
      ...daily(28, unused),
      // Older than the 28 days: not counted.
      fact({ ...unused, usageDate: '2026-10-01', cost: '100' }),
      // Used hours of the same commitment: not a waste.
      ...daily(28, { ...unused, commitmentDiscountStatus: 'Used' }),
    ]);
    expect(tips).toHaveLength(1);
    // 28 × 1.25 = 35 USD; 35 × 36525 ÷ (1200 × 28) = 38.046875 USD/month.
    expect(tips[0]).toMatchObject({
      subject: unused.commitmentDiscountId,
      estimatedMonthlySavings: usd('38.046875'),
      currency: 'USD',
      effort: 'medium',
      risk: 'low',
      // No resource on the rows: the commitment stands for it.
      resources: [
        {
          resourceId: unused.commitmentDiscountId,
          serviceName: 'Amazon Elastic Compute Cloud',
        },
      ],
    });
    expect(tips[0].method).toContain('35.00 USD (672 Hours unused)');
    expect(tips[0].method).toContain('38.05 USD/month');
  });

  it('is case-insensitive, one tip per commitment and currency, listing resources when there are some', async () => {
    const tips = await evaluate(unusedCommitmentRule, [
      fact({ ...unused, commitmentDiscountStatus: 'UNUSED', cost: '28' }),
      fact({
        ...unused,
        commitmentDiscountId: 'sp-2',
        commitmentDiscountType: 'Savings Plan',
        resourceId: 'sp-2-line',
        cost: '56',
      }),
      fact({ ...unused, currency: 'EUR', cost: '28' }),
    ]);
    expect(
      tips.map(t => [t.subject, t.currency, t.estimatedMonthlySavings]),
    ).toEqual([
      // 28 × 36525 ÷ 33600 = 30.4375; a commitment billed in two currencies names the currency.
      [`${unused.commitmentDiscountId} (USD)`, 'USD', usd('30.4375')],
      ['sp-2', 'USD', usd('60.875')],
      [`${unused.commitmentDiscountId} (EUR)`, 'EUR', usd('30.4375')],
    ]);
    expect(tips[1].resources).toEqual([
      { resourceId: 'sp-2-line', serviceName: 'Amazon Elastic Compute Cloud' },
    ]);
  });

  it('stays silent for used commitments, zero cost and old waste', async () => {
    expect(
      await evaluate(unusedCommitmentRule, [
        ...daily(28, { ...unused, commitmentDiscountStatus: 'Used' }),
        fact({ ...unused, cost: '0' }),
        fact({ ...unused, usageDate: '2026-10-18' }), // TO − 28 days
      ]),
    ).toEqual([]);
    expect(TO).toBe('2026-11-15');
  });
});
