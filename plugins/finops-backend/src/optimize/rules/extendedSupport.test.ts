import { extendedSupportRule } from './extendedSupport';
import { daily, evaluate, usd } from './__testUtils__/facts';

const rds = {
  resourceId: 'arn:aws:rds:us-east-1:1:db:reporting',
  serviceName: 'Amazon Relational Database Service',
  serviceCategory: 'Databases',
};

describe('extended-support', () => {
  it('gives the surcharge as the saving of an upgrade', async () => {
    const tips = await evaluate(extendedSupportRule, [
      // The instance itself: not part of the saving.
      ...daily(28, {
        ...rds,
        usageType: 'InstanceUsage:db.r6g.large',
        cost: '5.4',
      }),
      // 2 vCPU × 24 h × 0.10 USD.
      ...daily(28, {
        ...rds,
        usageType: 'USE1-ExtendedSupport:Yr1-Yr2:PostgreSQL11',
        pricingQuantity: 48,
        pricingUnit: 'vCPU-Hours',
        cost: '4.8',
      }),
      ...daily(28, {
        resourceId: 'arn:aws:eks:us-east-1:1:cluster/old',
        serviceName: 'Amazon Elastic Kubernetes Service',
        chargeDescription: 'Amazon EKS cluster usage in Extended Support',
        cost: '12',
      }),
    ]);
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      // 28 × 4.8 = 134.4 USD × 36525 ÷ 33600 = 146.1 USD/month.
      [rds.resourceId, usd('146.1')],
      // 28 × 12 = 336 → 365.25.
      ['arn:aws:eks:us-east-1:1:cluster/old', usd('365.25')],
    ]);
    expect(tips[0].title).toBe('Upgrade reporting out of extended support');
    expect(tips[0].method).toContain('(1 344 vCPU-Hours)');
    expect(tips[0]).toMatchObject({ effort: 'medium', risk: 'medium' });
  });

  it('stays silent without surcharges, or once upgraded', async () => {
    expect(
      await evaluate(extendedSupportRule, [
        ...daily(28, { ...rds, usageType: 'InstanceUsage:db.r6g.large' }),
        ...daily(
          10,
          { ...rds, usageType: 'ExtendedSupport:Yr1-Yr2:MySQL5.7' },
          '2026-11-01',
        ),
      ]),
    ).toEqual([]);
  });
});
