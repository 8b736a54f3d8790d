import {
  PREVIOUS_GENERATIONS,
  previousGenerationOf,
  previousGenerationRule,
} from './previousGeneration';
import { daily, evaluate, fact, usd } from './__testUtils__/facts';

describe('previous-generation', () => {
  it('prices the move to the current generation from relative list prices', async () => {
    const tips = await evaluate(previousGenerationRule, [
      ...daily(28, {
        resourceId: 'i-m4',
        usageType: 'USE1-BoxUsage:m4.xlarge',
        cost: '4.8',
      }),
      // Named only in the description.
      ...daily(28, {
        resourceId: 'i-t2',
        chargeDescription:
          '$0.0464 per On Demand Linux t2.medium Instance Hour',
        cost: '1.1136',
      }),
      ...daily(28, {
        resourceId: 'arn:aws:rds:us-east-1:1:db:legacy',
        serviceName: 'Amazon Relational Database Service',
        serviceCategory: 'Databases',
        usageType: 'InstanceUsage:db.m4.large',
        skuPriceDetails: '{"InstanceType":"db.m4.large"}',
        cost: '4.2',
      }),
      ...daily(28, {
        resourceId: 'vm-old',
        providerName: 'Microsoft',
        skuMeter: 'D2 v2',
        cost: '3.504',
      }),
      ...daily(28, {
        resourceId: 'gce-n1',
        providerName: 'Google Cloud',
        skuMeter: 'N1 Predefined Instance Core running in Americas',
        cost: '2.28',
      }),
    ]);
    expect(
      tips.map(t => [t.resources[0].resourceId, t.estimatedMonthlySavings]),
    ).toEqual([
      // 28 × 4.8 = 134.4 USD × (0.10 − 0.096) ÷ 0.10 × 36525 ÷ 33600 = 5.844 USD/month.
      ['i-m4', usd('5.844')],
      // 28 × 1.1136 × (0.0928 − 0.0832) ÷ 0.0928 × 36525 ÷ 33600 = 3.5064.
      ['i-t2', usd('3.5064')],
      // 28 × 4.2 × 0.004 ÷ 0.175 × 36525 ÷ 33600 = 2.922.
      ['arn:aws:rds:us-east-1:1:db:legacy', usd('2.922')],
      // 28 × 3.504 × 0.05 ÷ 0.146 × 36525 ÷ 33600 = 36.525.
      ['vm-old', usd('36.525')],
      // 28 × 2.28 × 0.0105 ÷ 0.095 × 36525 ÷ 33600 = 7.67025.
      ['gce-n1', usd('7.67025')],
    ]);
    expect(tips[0].title).toBe(
      'Move i-m4 from m4.xlarge to the current generation',
    );
    expect(tips[0].method).toContain(
      'm4 → m5: 4.0 % (m4.large 0.10 vs m5.large 0.096 USD/h, published on-demand list prices as of 2025, Linux, us-east-1) of 146.10 USD/month',
    );
    expect(tips[2].method).toContain('MySQL Single-AZ, us-east-1');
    expect(tips[3].method).toContain('Linux, East US');
    expect(tips[0]).toMatchObject({ effort: 'medium', risk: 'low' });
  });

  it('stays silent for current families, other services, equal prices and instances gone', async () => {
    const silent = [
      { usageType: 'BoxUsage:m5.large' },
      { usageType: 'BoxUsage:m6i.2xlarge' },
      { usageType: 'BoxUsage:t3.medium' },
      { usageType: 'BoxUsage:c6g.large' },
      { usageType: 'InstanceUsage:db.m5.large' },
      { usageType: 'NodeUsage:cache.m4.large' },
      { usageType: 'ESInstance:m4.large.search' },
      // A successor at the same list price: a move for performance only.
      { usageType: 'BoxUsage:x1.16xlarge' },
      { usageType: 'InstanceUsage:db.r4.large' },
      // Azure patterns on an AWS row, a current Azure size.
      { skuMeter: 'D2 v2' },
      { providerName: 'Microsoft', skuMeter: 'D4s v5' },
    ];
    expect(
      await evaluate(
        previousGenerationRule,
        silent.flatMap((input, i) =>
          daily(28, { ...input, resourceId: `r-${i}` }),
        ),
      ),
    ).toEqual([]);
    // An m4 replaced 10 days ago.
    expect(
      await evaluate(
        previousGenerationRule,
        daily(18, { usageType: 'BoxUsage:m4.large' }, '2026-11-05'),
      ),
    ).toEqual([]);
  });

  it('reads the family from usage types, SKU details and Azure and GCP names', () => {
    const family = (input: Parameters<typeof fact>[0]) =>
      previousGenerationOf(fact(input))?.move.family;
    expect(family({ skuPriceDetails: '{"InstanceType":"c4.large"}' })).toBe(
      'c4',
    );
    expect(family({ usageType: 'EU-BoxUsage:r4.2xlarge' })).toBe('r4');
    expect(family({ usageType: 'BoxUsage:p2.xlarge' })).toBe('p2');
    expect(family({ resourceType: 'db.t2.micro' })).toBe('db.t2');
    expect(
      family({
        providerName: 'Microsoft',
        skuPriceDetails: '{"ServiceType":"Standard_DS3_v2"}',
      }),
    ).toBe('Dv2');
    expect(family({ providerName: 'Microsoft', skuMeter: 'D12 v2' })).toBe(
      'Dv2 memory',
    );
    expect(family({ providerName: 'Microsoft', skuMeter: 'A2 v2' })).toBe('A');
    expect(family({ providerName: 'Microsoft', skuMeter: 'Standard_A1' })).toBe(
      'A',
    );
    expect(family({ providerName: 'Google', skuMeter: 'n1-standard-4' })).toBe(
      'N1',
    );
    expect(family({ usageType: 'BoxUsage:m5.large' })).toBeUndefined();
    // Every table row names its prices and a successor.
    for (const move of PREVIOUS_GENERATIONS) {
      expect(Number(move.oldPrice)).toBeGreaterThan(0);
      expect(Number(move.newPrice)).toBeGreaterThan(0);
    }
  });
});
