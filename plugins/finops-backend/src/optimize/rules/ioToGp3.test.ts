import { ioToGp3Rule } from './ioToGp3';
import { daysInMonth } from './ruleSupport';
import { daily, evaluate, usd } from './__testUtils__/facts';

/** A provisioned-IOPS volume: a storage line and an IOPS line a day. */
const volume = (
  resourceId: string,
  gib: number,
  iops: number,
  costs: { storage: string; iops: string },
  kind = 'piops',
) => [
  ...daily(28, date => ({
    resourceId,
    serviceName: 'Amazon Elastic Block Store',
    serviceCategory: 'Storage',
    usageType: `EBS:VolumeUsage.${kind}`,
    pricingQuantity: gib / daysInMonth(date),
    pricingUnit: 'GB-Mo',
    cost: costs.storage,
  })),
  ...daily(28, date => ({
    resourceId,
    serviceName: 'Amazon Elastic Block Store',
    serviceCategory: 'Storage',
    usageType: `EBS:VolumeP-IOPS.${kind}`,
    pricingQuantity: iops / daysInMonth(date),
    pricingUnit: 'IOPS-Mo',
    cost: costs.iops,
  })),
];

describe('io-to-gp3', () => {
  it("prices gp3's storage and IOPS against the volume's own lines", async () => {
    const tips = await evaluate(ioToGp3Rule, [
      ...volume('vol-4000', 100, 4000, { storage: '0.4', iops: '8.5' }),
      ...volume('vol-2000', 50, 2000, { storage: '0.2', iops: '4.3' }, 'io2'),
    ]);
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      // Storage 28 × 0.4 = 11.2 × 9/25 × 36525 ÷ 33600 = 4.383;
      // IOPS 28 × 8.5 = 238 × (13 × 4000 − 1000) ÷ (13 × 4000) × 36525 ÷ 33600
      // = 253.743389423076923076 (truncated); summed.
      ['vol-4000', usd('4.383') + 253743389423076923076n],
      // 2 000 IOPS fit in gp3's included 3 000: the whole IOPS cost goes.
      // 5.6 × 9/25 → 2.1915; 120.4 × 36525 ÷ 33600 = 130.88125.
      ['vol-2000', usd('2.1915') + usd('130.88125')],
    ]);
    expect(tips[0].method).toContain('4 000 provisioned');
    expect(tips[0].method).toContain('1 000 above the included 3 000');
    expect(tips[0]).toMatchObject({ effort: 'low', risk: 'medium' });
  });

  it('stays silent above 16 000 IOPS and for gp3', async () => {
    expect(
      await evaluate(ioToGp3Rule, [
        ...volume(
          'vol-20000',
          1000,
          20000,
          { storage: '4', iops: '40' },
          'io2',
        ),
        ...volume(
          'vol-gp3',
          100,
          6000,
          { storage: '0.27', iops: '0.5' },
          'gp3',
        ),
      ]),
    ).toEqual([]);
  });
});
