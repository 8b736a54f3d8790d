import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startFakeAws, type FakeAws } from '../__testUtils__/fakeAws';
import { awsIntegrationConfig, instantRetry } from '../__testUtils__/harness';
import { PAYER } from '../__testUtils__/dataset';
import { createAwsFinops } from '../createAwsFinops';

const input = {
  facts: [],
  from: '2026-01-01',
  to: '2026-03-09',
  signal: new AbortController().signal,
};

function ruleOn(fake: FakeAws, recommendations: object) {
  const config = new ConfigReader({
    ...awsIntegrationConfig(),
    finops: {
      sources: [
        {
          id: 'aws-payer',
          type: 'aws-cost-explorer',
          accountId: PAYER,
          endpoint: fake.endpoint,
          recommendations,
        },
      ],
    },
  });
  return createAwsFinops({
    config,
    logger: mockServices.logger.mock(),
    database: mockServices.database.mock(),
    retry: instantRetry([]),
  }).tipRule;
}

const rightsizing = [
  {
    AccountId: '222222222222',
    RightsizingType: 'MODIFY',
    FindingReasonCodes: ['CPU_OVER_PROVISIONED'],
    CurrentInstance: {
      ResourceId: 'i-0abc',
      Tags: [{ Key: 'service', Values: ['component:default/checkout'] }],
      ResourceDetails: { EC2ResourceDetails: { InstanceType: 'm5.2xlarge' } },
      MonthlyCost: '280.32',
      CurrencyCode: 'USD',
    },
    ModifyRecommendationDetail: {
      TargetInstances: [
        {
          EstimatedMonthlyCost: '140.16',
          EstimatedMonthlySavings: '140.160000000001',
          CurrencyCode: 'USD',
          DefaultTargetInstance: true,
          ResourceDetails: {
            EC2ResourceDetails: { InstanceType: 'm5.xlarge' },
          },
        },
      ],
    },
  },
  {
    AccountId: '333333333333',
    RightsizingType: 'TERMINATE',
    CurrentInstance: {
      ResourceId: 'i-0idle',
      Tags: [{ Key: 'service', Values: ['search'] }],
      MonthlyCost: '70.08',
      CurrencyCode: 'USD',
    },
    TerminateRecommendationDetail: {
      EstimatedMonthlySavings: '70.08',
      CurrencyCode: 'USD',
    },
  },
];

describe('AwsRecommendationsTipRule', () => {
  let fake: FakeAws;
  beforeEach(async () => {
    fake = await startFakeAws({
      rightsizing,
      recommendationPageSize: 1,
      savingsPlans: {
        details: [
          {
            AccountId: PAYER,
            CurrencyCode: 'USD',
            HourlyCommitmentToPurchase: '1.25',
            EstimatedMonthlySavingsAmount: '312.5',
            EstimatedAverageUtilization: '99.1',
          },
        ],
      },
      hub: [
        {
          recommendationId: 'rec-1',
          accountId: '222222222222',
          region: 'us-east-1',
          resourceId: 'vol-1',
          resourceArn: 'arn:aws:ec2:us-east-1:222222222222:volume/vol-1',
          currentResourceType: 'EbsVolume',
          actionType: 'Upgrade',
          estimatedMonthlySavings: 12.34,
          estimatedMonthlyCost: 50.5,
          currencyCode: 'USD',
          implementationEffort: 'VeryLow',
          restartNeeded: false,
          rollbackPossible: true,
          currentResourceSummary: 'gp2 500 GiB',
          recommendedResourceSummary: 'gp3 500 GiB',
          tags: [{ key: 'team', value: 'payments' }],
        },
        {
          recommendationId: 'rec-2',
          accountId: '222222222222',
          resourceId: 'sp',
          resourceArn: 'arn:aws:savingsplans::222222222222:x',
          currentResourceType: 'ComputeSavingsPlans',
          actionType: 'PurchaseSavingsPlans',
          estimatedMonthlySavings: 300,
          currencyCode: 'USD',
          implementationEffort: 'VeryLow',
        },
        {
          recommendationId: 'rec-3',
          accountId: '222222222222',
          resourceId: 'i-0def',
          currentResourceType: 'Ec2Instance',
          actionType: 'Stop',
          estimatedMonthlySavings: 0.000001,
          currencyCode: 'USD',
          implementationEffort: 'Low',
          restartNeeded: true,
          rollbackPossible: false,
        },
      ],
    });
  });
  afterEach(() => fake.close());

  it('adds no rule without recommendations turned on', () => {
    expect(ruleOn(fake, {})).toBeUndefined();
  });

  it('maps rightsizing, Savings Plans and Cost Optimization Hub recommendations to tips with exact savings, across pages', async () => {
    const rule = ruleOn(fake, {
      rightsizing: true,
      savingsPlans: true,
      costOptimizationHub: true,
    })!;
    expect(rule.id).toBe('aws-recommendations');

    const tips = await rule.evaluate(input);

    expect(fake.requests.map(r => r.target)).toEqual([
      'AWSInsightsIndexService.GetRightsizingRecommendation',
      'AWSInsightsIndexService.GetRightsizingRecommendation',
      'AWSInsightsIndexService.GetSavingsPlansPurchaseRecommendation',
      'CostOptimizationHubService.ListRecommendations',
      'CostOptimizationHubService.ListRecommendations',
      'CostOptimizationHubService.ListRecommendations',
    ]);
    expect(fake.requests.at(-1)!.headers['content-type']).toBe(
      'application/x-amz-json-1.0',
    );
    expect(fake.requests[2].body).toMatchObject({
      SavingsPlansType: 'COMPUTE_SP',
      TermInYears: 'ONE_YEAR',
      PaymentOption: 'NO_UPFRONT',
      LookbackPeriodInDays: 'THIRTY_DAYS',
    });
    expect(tips).toEqual([
      expect.objectContaining({
        title: 'Resize EC2 instance i-0abc from m5.2xlarge to m5.xlarge',
        resources: [
          {
            resourceId: 'i-0abc',
            serviceName: 'Amazon Elastic Compute Cloud - Compute',
          },
        ],
        estimatedMonthlySavings: 140160000000001000000n,
        currency: 'USD',
        method: expect.stringMatching(
          /^AWS Cost Explorer rightsizing recommendation \(modify\) for account 222222222222: current monthly cost 280.32 USD/,
        ),
        effort: 'medium',
        risk: 'medium',
        entityRef: 'component:default/checkout',
      }),
      expect.objectContaining({
        title: 'Terminate idle EC2 instance i-0idle (instance)',
        estimatedMonthlySavings: 70080000000000000000n,
        risk: 'high',
      }),
      expect.objectContaining({
        subject: `savings-plan/COMPUTE_SP/ONE_YEAR/NO_UPFRONT/${PAYER}//`,
        resources: [],
        estimatedMonthlySavings: 312500000000000000000n,
        description: 'Commit to 1.25 USD an hour for one year, no upfront.',
      }),
      expect.objectContaining({
        subject:
          'cost-optimization-hub/Upgrade/arn:aws:ec2:us-east-1:222222222222:volume/vol-1',
        resources: [
          {
            resourceId: 'arn:aws:ec2:us-east-1:222222222222:volume/vol-1',
            serviceName: 'EC2 - Other',
          },
        ],
        estimatedMonthlySavings: 12340000000000000000n,
        effort: 'low',
        risk: 'low',
      }),
      expect.objectContaining({
        subject: 'cost-optimization-hub/Stop/i-0def',
        estimatedMonthlySavings: 1000000000000n,
        effort: 'low',
        risk: 'high',
      }),
    ]);
    // A bare name in a tag is left to the backend; the hub's purchase advice is the Savings Plans tip already.
    expect(tips[1].entityRef).toBeUndefined();
    expect(tips.some(t => t.title.includes('Purchase'))).toBe(false);
  });

  it('fails the whole rule, saying which source and call, so that the tips found before stay', async () => {
    fake.state.fault = request =>
      request.target.startsWith('CostOptimizationHubService')
        ? {
            status: 400,
            type: 'AccessDeniedException',
            message: 'not enrolled',
          }
        : undefined;
    const rule = ruleOn(fake, { costOptimizationHub: true })!;

    await expect(rule.evaluate(input)).rejects.toThrow(
      'AWS recommendations of source aws-payer (account 111111111111) could not be read: not enrolled',
    );
  });
});
