import { commitmentCoverageRule } from './commitmentCoverage';
import {
  FactInput,
  daily,
  evaluate,
  isWeekend,
  usd,
} from './__testUtils__/facts';

const instance = (resourceId: string, extra: FactInput = {}): FactInput => ({
  resourceId,
  usageType: 'BoxUsage:m5.large',
  resourceType: 'Instance',
  pricingQuantity: 24,
  pricingUnit: 'Hours',
  cost: '2.304',
  ...extra,
});

/** 28 days of reservation-covered usage: list 10, effective 6.40 a day, a 36 % discount. */
const covered = (billingAccountId: string, effective = '6.4') =>
  daily(
    28,
    instance('i-covered', {
      billingAccountId,
      pricingCategory: 'Committed',
      commitmentDiscountId: 'ri-1',
      commitmentDiscountStatus: 'Used',
      cost: effective,
      listCost: '10',
    }),
  );

describe('commitment-coverage', () => {
  it("prices steady on-demand instances at the account's observed commitment discount", async () => {
    const tips = await evaluate(commitmentCoverageRule, [
      ...covered('acct-a'),
      ...daily(28, instance('i-steady', { billingAccountId: 'acct-a' })),
      // Autoscaled: 4 hours at weekends, 18.3 h a day on average.
      ...daily(28, date =>
        instance('i-autoscaled', {
          billingAccountId: 'acct-a',
          pricingQuantity: isWeekend(date) ? 4 : 24,
        }),
      ),
      // Non-production: for a schedule, not a commitment.
      ...daily(
        28,
        instance('i-staging', {
          billingAccountId: 'acct-a',
          tags: { environment: 'staging' },
        }),
      ),
      // Not billed on one of the 28 days.
      ...daily(27, instance('i-new', { billingAccountId: 'acct-a' })),
      // Not instances: a function and a cluster fee.
      ...daily(28, {
        billingAccountId: 'acct-a',
        resourceId: 'fn',
        serviceName: 'AWS Lambda',
        resourceType: 'Function',
        usageType: 'Lambda-GB-Second',
      }),
      ...daily(28, {
        billingAccountId: 'acct-a',
        resourceId: 'eks',
        resourceType: 'Cluster',
        usageType: 'AmazonEKS-Hours:perCluster',
        pricingQuantity: 24,
        pricingUnit: 'Hours',
      }),
    ]);
    expect(tips).toHaveLength(1);
    // Steady: 28 × 2.304 = 64.512 USD; rate 1 − 179.2 ÷ 280 = 36 %;
    // 64.512 × 0.36 × 36525 ÷ (1200 × 28) = 25.24608 USD/month.
    expect(tips[0]).toMatchObject({
      subject: 'acct-a',
      resources: [
        { resourceId: 'i-steady', serviceName: 'Amazon Elastic Compute Cloud' },
      ],
      estimatedMonthlySavings: usd('25.24608'),
      currency: 'USD',
      effort: 'medium',
      risk: 'medium',
    });
    expect(tips[0].method).toContain('36.0 %');
    expect(tips[0].method).toContain('179.20 USD effective ÷ 280.00 USD list');
  });

  it('stays silent without commitments in the account, or with no observed discount', async () => {
    expect(
      await evaluate(commitmentCoverageRule, [
        ...daily(28, instance('i-1', { billingAccountId: 'no-commitments' })),
        ...covered('no-discount', '10'),
        ...daily(28, instance('i-2', { billingAccountId: 'no-discount' })),
        // Unused commitment hours are not committed usage.
        ...daily(
          28,
          instance('ri', {
            billingAccountId: 'only-unused',
            pricingCategory: 'Committed',
            commitmentDiscountId: 'ri-2',
            commitmentDiscountStatus: 'Unused',
            cost: '1',
            listCost: '2',
          }),
        ),
        ...daily(28, instance('i-3', { billingAccountId: 'only-unused' })),
      ]),
    ).toEqual([]);
  });
});
