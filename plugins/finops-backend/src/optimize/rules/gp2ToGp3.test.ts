import { extraIopsForGp3, gp2ToGp3Rule } from './gp2ToGp3';
import { daysInMonth } from './ruleSupport';
import { FactInput, daily, evaluate, usd } from './__testUtils__/facts';

/** A volume of `gib` GiB billed `cost` a day: GB-Mo = size ÷ days in the month. */
const volume = (
  resourceId: string,
  gib: number,
  cost: string,
  extra: FactInput = {},
) =>
  daily(28, date => ({
    resourceId,
    serviceName: 'Amazon Elastic Block Store',
    serviceCategory: 'Storage',
    resourceType: 'Volume',
    usageType: 'EBS:VolumeUsage.gp2',
    pricingQuantity: gib / daysInMonth(date),
    pricingUnit: 'GB-Mo',
    cost,
    ...extra,
  }));

describe('gp2-to-gp3', () => {
  it('saves 20 % of storage, less the IOPS gp3 needs above 1 000 GiB', async () => {
    const tips = await evaluate(gp2ToGp3Rule, [
      ...volume('vol-500', 500, '1.6'),
      ...volume('vol-2000', 2000, '6.5'),
      ...volume('vol-6000', 6000, '20'),
      // Known as gp2 from its SKU details only.
      ...volume('vol-sku', 500, '1.6', {
        usageType: '',
        skuPriceDetails: '{"VolumeType":"General Purpose (gp2)"}',
      }),
    ]);
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      // 28 × 1.6 = 44.8 USD × 20 % × 36525 ÷ 33600 = 9.74 USD/month.
      ['vol-500', usd('9.74')],
      // 2 000 GiB: gp2 gives 6 000 IOPS, gp3 needs 3 000 more at 1/20 of a GB-month each:
      // 182 USD × (4 × 2000 − 3000) ÷ (20 × 2000) = × 1/8 → 24.73046875 USD/month
      // (20 % = 39.57 less 14.84 of IOPS).
      ['vol-2000', usd('24.73046875')],
      // 6 000 GiB: baseline capped at 16 000, 13 000 extra: 560 × 11/120 × 36525 ÷ 33600.
      ['vol-6000', 55802083333333333333n],
      ['vol-sku', usd('9.74')],
    ]);
    expect(tips[1].method).toContain('less 3 000 IOPS above');
    expect(tips[1].method).toContain('= 14.84 USD');
    expect(tips[1].description).toContain('provision 6 000 IOPS');
    expect(tips[0]).toMatchObject({ effort: 'low', risk: 'low' });
  });

  it('stays silent for gp3, unknown sizes and volumes gone', async () => {
    expect(
      await evaluate(gp2ToGp3Rule, [
        ...volume('vol-gp3', 500, '1.28', { usageType: 'EBS:VolumeUsage.gp3' }),
        ...volume('vol-io1', 500, '2', { usageType: 'EBS:VolumeUsage.piops' }),
        ...volume('vol-no-size', 500, '1.6', {
          pricingQuantity: 0,
          pricingUnit: '',
        }),
        ...daily(
          10,
          {
            resourceId: 'vol-gone',
            usageType: 'EBS:VolumeUsage.gp2',
            pricingQuantity: 1,
            pricingUnit: 'GB-Mo',
          },
          '2026-11-01',
        ),
      ]),
    ).toEqual([]);
  });

  it('needs extra IOPS above 1 000 GiB only, at most 13 000', () => {
    expect(extraIopsForGp3(1000)).toBe(0);
    expect(extraIopsForGp3(1001)).toBe(3);
    expect(extraIopsForGp3(10_000)).toBe(13_000);
  });
});
