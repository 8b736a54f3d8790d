import { nonProductionScheduleRule } from './nonProductionSchedule';
import { FactInput, daily, evaluate, isWeekend } from './__testUtils__/facts';

const instance = (
  resourceId: string,
  tags: Record<string, string>,
  extra: FactInput = {},
): FactInput => ({
  resourceId,
  tags,
  usageType: 'BoxUsage:t3.large',
  resourceType: 'Instance',
  pricingQuantity: 24,
  pricingUnit: 'Hours',
  cost: '2.4',
  ...extra,
});

describe('non-production-schedule', () => {
  it('saves 108 of 168 hours of always-on non-production instances', async () => {
    const tips = await evaluate(nonProductionScheduleRule, [
      ...daily(28, instance('i-dev', { Environment: 'Dev' })),
      // Azure VM, `stage` key: QA.
      ...daily(28, {
        resourceId: 'vm-qa',
        providerName: 'Microsoft',
        serviceName: 'Virtual Machines',
        resourceType: 'Virtual machine',
        skuMeter: 'D2s v5',
        tags: { stage: 'qa' },
        pricingQuantity: 24,
        pricingUnit: 'Hours',
        cost: '0.5',
      }),
    ]);
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      // 28 × 2.4 = 67.2 USD × 108 ÷ 168 × 36525 ÷ (1200 × 28) = 46.960714285714285714 USD (truncated).
      ['i-dev', 46960714285714285714n],
      // 28 × 0.5 = 14 USD → 9.783482142857142857 USD.
      ['vm-qa', 9783482142857142857n],
    ]);
    expect(tips[0]).toMatchObject({ effort: 'low', risk: 'low' });
    expect(tips[0].method).toContain('24 h a weekday and 24 h a weekend day');
    expect(tips[0].method).toContain('64.3 %');
    expect(tips[0].description).toContain('Dev instance');
  });

  it('stays silent for production, untagged, weekend-off and non-instance resources', async () => {
    expect(
      await evaluate(nonProductionScheduleRule, [
        ...daily(28, instance('i-prod', { environment: 'prod' })),
        ...daily(28, instance('i-untagged', {})),
        ...daily(28, instance('i-other-key', { tier: 'dev' })),
        // Staging, but off at weekends already.
        ...daily(28, date =>
          instance(
            'i-weekdays',
            { env: 'staging' },
            { pricingQuantity: isWeekend(date) ? 0 : 24 },
          ),
        ),
        // 12 hours a day all week: not around the clock.
        ...daily(
          28,
          instance('i-half', { env: 'dev' }, { pricingQuantity: 12 }),
        ),
        // Tagged dev, but a volume and a function.
        ...daily(28, {
          resourceId: 'vol-dev',
          serviceCategory: 'Storage',
          usageType: 'EBS:VolumeUsage.gp3',
          resourceType: 'Volume',
          tags: { env: 'dev' },
        }),
        ...daily(28, {
          resourceId: 'fn-dev',
          resourceType: 'Function',
          usageType: 'Lambda-GB-Second',
          tags: { env: 'dev' },
        }),
      ]),
    ).toEqual([]);
  });
});
