import {
  fromLimbs,
  MONEY_LIMB_LIMIT,
  MONEY_LIMBS,
  toLimbs,
  changeRatio,
  formatDecimal,
  largestFirst,
  moneyFromDecimal,
  parseDecimal,
  percentOf,
  ratioDecimal,
  sumMoney,
} from './money';

const value = (text: string) => {
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

describe('largestFirst', () => {
  it('sorts amounts from the largest down, exactly beyond 2^53', () => {
    const amounts = [value('0.000000000000000001'), value('-3'), value('9007199254740993'), value('9007199254740992'), value('0.000000000000000001')];
    expect(amounts.sort(largestFirst).map(formatDecimal)).toEqual(['9007199254740993', '9007199254740992', '0.000000000000000001', '0.000000000000000001', '-3']);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['0', '0'],
    ['12.5', '12.5'],
    ['-0.0000008', '-0.0000008'],
    ['0.00000080000', '0.0000008'],
    ['+3', '3'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['1.2E-05', '0.000012'],
    ['1e3', '1000'],
    ['-2.5e+2', '-250'],
    ['123456789012345678.123456789012345678', '123456789012345678.123456789012345678'],
  ])('reads %s exactly as %s', (text, expected) => {
    expect(formatDecimal(value(text))).toBe(expected);
  });

  it.each(['', '1,234.5', '$3', 'NaN', 'Infinity', '1e400', '1.2.3', '--1', 'e5', ' 1', '0x10', '1e31'])(
    'rejects %j with a reason',
    text => {
      const parsed = parseDecimal(text);
      expect(parsed.ok).toBe(false);
      expect((parsed as { reason: string }).reason).toMatch(/not a decimal|out of range/);
    },
  );

  it('takes up to 30 integer digits, written out or with an exponent, and no more', () => {
    expect(formatDecimal(value('9'.repeat(30)))).toBe('9'.repeat(30));
    expect(formatDecimal(value(`-${'9'.repeat(30)}.5`))).toBe(`-${'9'.repeat(30)}.5`);
    expect(formatDecimal(value('1e29'))).toBe(`1${'0'.repeat(29)}`);
    for (const text of [`1${'0'.repeat(30)}`, `${'9'.repeat(31)}.0`, '1e30']) {
      expect(parseDecimal(text)).toEqual({ ok: false, reason: expect.stringMatching(/out of range/) });
    }
  });

  it('rounds beyond 18 places half to even and says so', () => {
    expect(parseDecimal('0.0000000000000000015')).toEqual({ ok: true, value: 2n, rounded: true });
    expect(parseDecimal('0.0000000000000000025')).toEqual({ ok: true, value: 2n, rounded: true });
    expect(parseDecimal('0.00000000000000000251')).toEqual({ ok: true, value: 3n, rounded: true });
    expect(parseDecimal('-0.0000000000000000035')).toEqual({ ok: true, value: -4n, rounded: true });
    expect(parseDecimal('1.23E-25')).toEqual({ ok: true, value: 0n, rounded: true });
    expect(parseDecimal('0.100000000000000000000')).toEqual({ ok: true, value: 10n ** 17n, rounded: false });
  });
});

describe('exact sums', () => {
  it('adds what binary floating point cannot', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatDecimal(sumMoney([value('0.1'), value('0.2')]))).toBe('0.3');
    const tenthsOfACent = Array.from({ length: 1_000_000 }, () => value('0.001'));
    expect(formatDecimal(sumMoney(tenthsOfACent))).toBe('1000');
  });

  it('round-trips through limbs for any sign and size the parser accepts', () => {
    const largest = `${'9'.repeat(30)}.${'9'.repeat(18)}`;
    for (const text of ['0', '1', '-1', '0.000000000000000001', '-0.000000000000000001', '987654321.123456789987654321', '-42.5', '25000000000.5', largest, `-${largest}`]) {
      const amount = value(text);
      const limbs = toLimbs(amount);
      expect(limbs).toHaveLength(MONEY_LIMBS);
      for (const limb of limbs) {
        expect(Math.abs(limb)).toBeLessThan(1e9);
        expect(limb === 0 || Math.sign(limb) === (amount < 0n ? -1 : 1)).toBe(true);
      }
      expect(formatDecimal(fromLimbs(limbs.map(String)))).toBe(text);
    }
  });

  it('carries sums of limbs, as SQL returns them, to the sum of amounts', () => {
    // 2^63 nano-units is about 9.2 × 10^9 units: one such row overflowed the earlier two-column layout.
    const amounts = ['1.999999999999999999', '-0.000000000500000001', '3.25', '25000000000.5', '4100000000', '-123456789012345678901234567890'].map(value);
    const limbSums = Array.from({ length: MONEY_LIMBS }, (_, i) => amounts.reduce((sum, a) => sum + BigInt(toLimbs(a)[i]), 0n));
    expect(fromLimbs(limbSums.map(String))).toBe(sumMoney(amounts));
    // Summed independently with Python's decimal module.
    expect(formatDecimal(fromLimbs(limbSums))).toBe('-123456789012345678872134567884.250000000500000002');
  });

  it('refuses amounts beyond what the limbs hold', () => {
    expect(() => toLimbs(MONEY_LIMB_LIMIT)).toThrow(RangeError);
    expect(() => toLimbs(-MONEY_LIMB_LIMIT)).toThrow(/storable range/);
    expect(fromLimbs(toLimbs(MONEY_LIMB_LIMIT - 1n))).toBe(MONEY_LIMB_LIMIT - 1n);
  });

  it('throws on text that is not a decimal', () => {
    expect(() => moneyFromDecimal('abc')).toThrow(/not a decimal/);
  });
});

describe('ratios for display', () => {
  it('computes change against a previous amount', () => {
    expect(changeRatio(value('150'), value('100'))).toBe(0.5);
    expect(changeRatio(value('50'), value('100'))).toBe(-0.5);
    expect(changeRatio(value('50'), value('-100'))).toBe(1.5);
    expect(changeRatio(value('50'), 0n)).toBeNull();
  });

  it('computes a percentage', () => {
    expect(percentOf(value('1'), value('3'))).toBeCloseTo(33.333333, 5);
    expect(percentOf(value('1'), 0n)).toBeNull();
  });
});

describe('ratioDecimal', () => {
  it('divides exactly to 12 significant digits, half to even', () => {
    expect(ratioDecimal(value('12.3'), value('1000000'))).toBe('0.0000123');
    expect(ratioDecimal(value('1'), value('3'))).toBe('0.333333333333');
    expect(ratioDecimal(value('2'), value('3'))).toBe('0.666666666667');
    expect(ratioDecimal(value('1250'), value('1'))).toBe('1250');
    expect(ratioDecimal(value('123456789012345'), value('1'))).toBe('123456789012000');
    // 0.0000000000125 exactly between two 12-digit values: rounds to the even one.
    expect(ratioDecimal(value('1.0000000000125'), value('1'), 13)).toBe('1.000000000012');
    expect(ratioDecimal(value('1.0000000000135'), value('1'), 13)).toBe('1.000000000014');
  });

  it('keeps the sign, gives 0 for a zero numerator and null for a zero denominator', () => {
    expect(ratioDecimal(value('-1'), value('8'))).toBe('-0.125');
    expect(ratioDecimal(value('1'), value('-8'))).toBe('-0.125');
    expect(ratioDecimal(0n, value('8'))).toBe('0');
    expect(ratioDecimal(value('8'), 0n)).toBeNull();
  });

  it('holds tiny and huge quotients of amounts at the ends of the range', () => {
    expect(ratioDecimal(1n, value('1000000000000000000000000000'))).toBe(`0.${'0'.repeat(44)}1`);
    expect(ratioDecimal(value('999999999999999999999999999999'), 1n)).toBe(`1${'0'.repeat(48)}`);
  });

  it('agrees with exact long division on random operands', () => {
    for (let i = 0; i < 500; i++) {
      const n = BigInt(Math.floor(Math.random() * 1e15)) + 1n;
      const d = BigInt(Math.floor(Math.random() * 1e9)) + 1n;
      const ratio = ratioDecimal(n, d)!;
      // |ratio × d − n| ≤ half a unit in the 12th significant place, times d.
      const [whole, fraction = ''] = ratio.split('.');
      const scaled = BigInt(whole + fraction);
      const error = scaled * d - n * 10n ** BigInt(fraction.length);
      const ulp = 10n ** BigInt(Math.max(0, scaled.toString().length - 12));
      expect(2n * (error < 0n ? -error : error) <= ulp * d).toBe(true);
    }
  });
});
