import {
  chargeCategoryOf,
  combineTagPart,
  type CostGroup,
  tagValueOf,
} from './costQueries';

const g = (
  day: string,
  k0: string,
  k1: string,
  effective: bigint,
): CostGroup => ({
  day,
  keys: [k0, k1],
  effective,
  billed: effective,
  currency: 'USD',
});

describe('costQueries', () => {
  it('reads tag values from group keys: team$payments is payments, team$ is untagged', () => {
    expect(tagValueOf('team', 'team$payments')).toBe('payments');
    expect(tagValueOf('team', 'team$')).toBe('');
    expect(tagValueOf('cost$center', 'cost$center$a$b')).toBe('a$b');
  });

  it('maps every record type to a FOCUS charge category', () => {
    expect(
      [
        '',
        'Usage',
        'DiscountedUsage',
        'SavingsPlanCoveredUsage',
        'SavingsPlanNegation',
        'Tax',
        'Credit',
        'Refund',
        'Fee',
        'RIFee',
        'SavingsPlanRecurringFee',
        'SavingsPlanUpfrontFee',
        'Support',
        'Enterprise Discount Program Discount',
        'Private Rate Discount',
        'BundledDiscount',
        'Something New',
      ].map(chargeCategoryOf),
    ).toEqual([
      'Usage',
      'Usage',
      'Usage',
      'Usage',
      'Usage',
      'Tax',
      'Credit',
      'Adjustment',
      'Purchase',
      'Purchase',
      'Purchase',
      'Purchase',
      'Purchase',
      'Credit',
      'Credit',
      'Credit',
      'Adjustment',
    ]);
  });

  it('takes a cell one account holds from the by-service answer, and a shared cell from the per-account answers only', () => {
    const { rows, notes } = combineTagPart({
      tagKey: 'team',
      byService: [
        g('2026-03-01', 'team$a', 'EC2', 10n),
        g('2026-03-01', 'team$a', 'S3', 5n),
        g('2026-03-01', 'team$b', 'EC2', 7n),
      ],
      byAccount: [
        g('2026-03-01', 'team$a', '1', 15n),
        g('2026-03-01', 'team$b', '1', 3n),
        g('2026-03-01', 'team$b', '2', 4n),
      ],
      inAccount: new Map([
        [
          '1',
          [
            g('2026-03-01', 'team$a', 'EC2', 10n),
            g('2026-03-01', 'team$b', 'EC2', 3n),
          ],
        ],
        ['2', [g('2026-03-01', 'team$b', 'EC2', 4n)]],
      ]),
    });
    expect(
      rows.map(r => [r.tagValue, r.subAccountId, r.serviceName, r.effective]),
    ).toEqual([
      ['a', '1', 'EC2', 10n],
      ['a', '1', 'S3', 5n],
      ['b', '1', 'EC2', 3n],
      ['b', '2', 'EC2', 4n],
    ]);
    expect(notes).toEqual({ mismatchedCells: 0, cellsWithoutAccount: 0 });
  });
});
