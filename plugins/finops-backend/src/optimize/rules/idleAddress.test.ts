import { idleAddressRule, isIdleAddress } from './idleAddress';
import { daily, evaluate, fact, usd } from './__testUtils__/facts';

describe('idle-address', () => {
  it('gives the whole cost of idle addresses as the saving', async () => {
    const tips = await evaluate(idleAddressRule, [
      ...daily(28, {
        resourceId: 'eipalloc-1',
        serviceName: 'Amazon Virtual Private Cloud',
        usageType: 'USE1-PublicIPv4:IdleAddress',
        pricingQuantity: 24,
        pricingUnit: 'Hours',
        cost: '0.12',
      }),
      // Idle for 14 of the 28 days.
      ...daily(14, {
        resourceId: 'ip-gcp',
        providerName: 'Google Cloud',
        skuMeter: 'Static Ip Charge',
        cost: '0.24',
      }),
    ]);
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      // 28 × 0.12 = 3.36 USD × 36525 ÷ 33600 = 3.6525 USD/month.
      ['eipalloc-1', usd('3.6525')],
      // 14 × 0.24 = 3.36 USD over the 28 days: the same.
      ['ip-gcp', usd('3.6525')],
    ]);
    expect(tips[0]).toMatchObject({ effort: 'low', risk: 'low' });
    expect(tips[0].description).toContain('28 of the last 28 days');
  });

  it('stays silent for addresses in use and addresses released', async () => {
    expect(
      await evaluate(idleAddressRule, [
        ...daily(28, {
          resourceId: 'eip-used',
          usageType: 'PublicIPv4:InUseAddress',
        }),
        ...daily(28, {
          resourceId: 'ip-azure',
          providerName: 'Microsoft',
          skuMeter: 'Standard IPv4 Static Public IP',
        }),
        ...daily(
          10,
          { resourceId: 'eip-gone', usageType: 'ElasticIP:IdleAddress' },
          '2026-11-05',
        ),
      ]),
    ).toEqual([]);
  });

  it('reads idle meters of other providers', () => {
    expect(
      isIdleAddress(fact({ skuMeter: 'Unassociated Public IP Address' })),
    ).toBe(true);
    expect(
      isIdleAddress(
        fact({
          chargeDescription: '$0.005 per Idle public IPv4 address per hour',
        }),
      ),
    ).toBe(true);
    expect(isIdleAddress(fact({ skuMeter: 'Static Ip Charge' }))).toBe(false);
  });
});
