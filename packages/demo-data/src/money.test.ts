import { ExactSum, formatScaled, formatUnits } from './money';

describe('formatScaled', () => {
  it('formats integers of 10^-n exactly, without trailing zeros', () => {
    expect(formatScaled(0, 10)).toBe('0');
    expect(formatScaled(1234500, 4)).toBe('123.45');
    expect(formatScaled(5, 10)).toBe('0.0000000005');
    expect(formatScaled(-5, 10)).toBe('-0.0000000005');
    expect(formatScaled(20_000_000_000, 10)).toBe('2');
    expect(formatScaled(9_007_199_254_740_991, 10)).toBe('900719.9254740991');
    expect(formatScaled(42, 0)).toBe('42');
  });

  it('refuses what is not a safe integer', () => {
    expect(() => formatScaled(0.1, 2)).toThrow(/safe integer/);
    expect(() => formatScaled(2 ** 53, 2)).toThrow(/safe integer/);
  });
});

describe('formatUnits and ExactSum', () => {
  it('formats bigints of 10^-10', () => {
    expect(formatUnits(0n)).toBe('0');
    expect(formatUnits(-12_345_000_000_000n)).toBe('-1234.5');
    expect(formatUnits(10n ** 30n + 1n)).toBe(
      '100000000000000000000.0000000001',
    );
  });

  it('sums far past 2^53 exactly', () => {
    const sum = new ExactSum();
    for (let i = 0; i < 100_000; i++) sum.add(999_999_999_999_999);
    sum.add(-1);
    sum.addBig(-5n);
    expect(sum.units).toBe(99_999_999_999_999_900_000n - 6n);
    expect(sum.toString()).toBe('9999999999.9999899994');
  });
});
