import { idleNetworkRule } from './idleNetwork';
import { FactInput, daily, evaluate, usd } from './__testUtils__/facts';

const vpc = {
  serviceName: 'Amazon Virtual Private Cloud',
  serviceCategory: 'Networking',
};
const elb = {
  serviceName: 'Elastic Load Balancing',
  serviceCategory: 'Networking',
};

const hours = (
  resourceId: string,
  usageType: string,
  cost: string,
  extra: FactInput = {},
) =>
  daily(28, {
    ...vpc,
    resourceId,
    usageType,
    pricingQuantity: 24,
    pricingUnit: 'Hours',
    cost,
    ...extra,
  });
const usage = (
  resourceId: string,
  usageType: string,
  quantity: number,
  unit: string,
  cost: string,
  extra: FactInput = {},
) =>
  daily(28, {
    ...vpc,
    resourceId,
    usageType,
    pricingQuantity: quantity,
    pricingUnit: unit,
    cost,
    ...extra,
  });

describe('idle-network', () => {
  it('gives the whole cost of NAT gateways and load balancers without traffic', async () => {
    const tips = await evaluate(idleNetworkRule, [
      ...hours('nat-idle', 'USE1-NatGateway-Hours', '1.08'),
      ...usage('nat-idle', 'USE1-NatGateway-Bytes', 0.2, 'GB', '0.009'),
      // No processing lines at all.
      ...hours('nat-silent', 'NatGateway-Hours', '1.08'),
      ...hours('lb-idle', 'LoadBalancerUsage', '0.54', elb),
      ...usage('lb-idle', 'LCUUsage', 0.5, 'LCU-Hrs', '0.004', elb),
    ]);
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      // 28 × (1.08 + 0.009) = 30.492 USD × 36525 ÷ 33600 = 33.1464375 USD/month.
      ['nat-idle', usd('33.1464375')],
      // 28 × 1.08 = 30.24 → 32.8725.
      ['nat-silent', usd('32.8725')],
      // 28 × 0.544 = 15.232 → 16.558.
      ['lb-idle', usd('16.558')],
    ]);
    expect(tips[0].title).toBe('Remove idle NAT gateway nat-idle');
    expect(tips[0].method).toContain('processed 0.2 GB a day');
    expect(tips[2].method).toContain('used 0.5 LCU-hours and 0 GB a day');
    expect(tips[0]).toMatchObject({ effort: 'low', risk: 'medium' });
  });

  it('stays silent when the traffic is real, and for gateways deleted', async () => {
    expect(
      await evaluate(idleNetworkRule, [
        ...hours('nat-busy', 'NatGateway-Hours', '1.08'),
        ...usage('nat-busy', 'NatGateway-Bytes', 100, 'GB', '4.5'),
        ...hours('lb-busy', 'LoadBalancerUsage', '0.54', elb),
        ...usage('lb-busy', 'LCUUsage', 48, 'LCU-Hrs', '0.384', elb),
        ...hours('lb-transfer', 'LoadBalancerUsage', '0.54', elb),
        ...usage(
          'lb-transfer',
          'EU-DataTransfer-Out-Bytes',
          40,
          'GB',
          '3.6',
          elb,
        ),
        ...daily(
          10,
          {
            ...vpc,
            resourceId: 'nat-gone',
            usageType: 'NatGateway-Hours',
            pricingQuantity: 24,
            pricingUnit: 'Hours',
          },
          '2026-11-05',
        ),
      ]),
    ).toEqual([]);
  });
});
