import { daysBetween } from '@backstage-finops/plugin-finops-common';
import { growingStorageRule, isRead } from './growingStorage';
import { daysInMonth } from './ruleSupport';
import { FactInput, TO, daily, evaluate, fact } from './__testUtils__/facts';

/**
 * 98 days of a stored level that steps up 10 GB a week, from 1 000 GB in
 * the oldest week to 1 130 GB in the last, at 0.023 USD per GB-month:
 * GB-Mo a day = level ÷ days in the month, cost = level × 0.023 ÷ days in
 * the month (truncated to atto-units).
 */
const stored = (
  resourceId: string,
  extra: FactInput = {},
  level = (weeksBeforeTo: number) => 1000 + 10 * (13 - weeksBeforeTo),
) =>
  daily(98, date => {
    const gb = level(Math.floor(daysBetween(date, TO) / 7));
    return {
      resourceId,
      serviceName: 'Amazon Simple Storage Service',
      serviceCategory: 'Storage',
      resourceType: 'Bucket',
      usageType: 'TimedStorage-ByteHrs',
      pricingQuantity: gb / daysInMonth(date),
      pricingUnit: 'GB-Mo',
      cost: (BigInt(gb) * 23n * 10n ** 15n) / BigInt(daysInMonth(date)),
      ...extra,
    };
  });

describe('growing-storage', () => {
  it('gives the monthly cost of 90 days of growth of unread storage', async () => {
    const tips = await evaluate(growingStorageRule, [
      ...stored('bucket-grows'),
      ...stored('snap-grows', {
        serviceName: 'Amazon Elastic Block Store',
        resourceType: 'Snapshot',
        usageType: 'EBS:SnapshotUsage',
      }),
    ]);
    // The last week's monthly cost at its level, 1 130 × 0.023 = 25.99 USD,
    // less the first week's (13 weeks before), 1 010 × 0.023 = 23.23 USD:
    // 2.76 USD, exactly 2 760000000000000001 atto-units after the
    // truncations of each day's cost and of the weekly averages.
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      ['bucket-grows', 2760000000000000001n],
      ['snap-grows', 2760000000000000001n],
    ]);
    expect(tips[0].method).toContain('from 1 010 to 1 130 GB');
    expect(tips[0]).toMatchObject({ effort: 'medium', risk: 'medium' });
  });

  it('stays silent with reads, a shrinking week, a flat level, short histories and volumes', async () => {
    expect(
      await evaluate(growingStorageRule, [
        ...stored('read'),
        fact({
          resourceId: 'read',
          usageDate: '2026-09-01',
          usageType: 'Requests-Tier2',
          pricingQuantity: 1000,
          pricingUnit: 'Requests',
          cost: '0.0004',
        }),
        ...stored('shrinks', {}, weeks =>
          weeks === 5 ? 900 : 1000 + 10 * (13 - weeks),
        ),
        ...stored('flat', {}, () => 1000),
        ...stored('young').slice(-60),
        ...stored('volume', {
          usageType: 'EBS:VolumeUsage.gp3',
          resourceType: 'Volume',
        }),
        ...stored('warehouse', {
          serviceCategory: 'Analytics',
          resourceType: 'Managed Storage',
          usageType: 'USW2-RMS:ra3',
        }),
      ]),
    ).toEqual([]);
    // A window shorter than 91 days.
    expect(
      await evaluate(growingStorageRule, stored('bucket'), {
        from: '2026-09-01',
      }),
    ).toEqual([]);
  });

  it('counts GETs, retrievals, reads and egress as reads', () => {
    for (const usageType of [
      'USE1-Requests-Tier2',
      'Retrieval-SIA',
      'ReadRequestUnits',
      'DataTransfer-Out-Bytes',
    ]) {
      expect(isRead(fact({ usageType, pricingQuantity: 1 }))).toBe(true);
    }
    expect(
      isRead(fact({ skuMeter: 'Hot Read Operations', pricingQuantity: 1 })),
    ).toBe(true);
    expect(
      isRead(fact({ usageType: 'Requests-Tier1', pricingQuantity: 1 })),
    ).toBe(false);
    expect(isRead(fact({ usageType: 'Requests-Tier2', cost: '0' }))).toBe(
      false,
    );
  });
});
