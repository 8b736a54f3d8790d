import {
  compareDecimals,
  shareDecimal,
  signOf,
  subtractDecimals,
} from './money';

describe('exact decimal helpers', () => {
  it('subtracts without float error', () => {
    expect(subtractDecimals('0.3', '0.1')).toBe('0.2');
    expect(subtractDecimals('1', '1.000000000000000001')).toBe(
      '-0.000000000000000001',
    );
  });

  it('orders amounts that floats cannot tell apart', () => {
    expect(compareDecimals('9007199254740993.01', '9007199254740993.02')).toBe(
      -1,
    );
    expect(compareDecimals('2', '2.0')).toBe(0);
    expect(compareDecimals('-1', '-2')).toBe(1);
  });

  it('tells the sign', () => {
    expect(signOf('0.000000000000000001')).toBe(1);
    expect(signOf('-3')).toBe(-1);
    expect(signOf('0')).toBe(0);
  });

  it('writes shares exactly, rounded half away from zero', () => {
    expect(shareDecimal('1', '3')).toBe('33.3333');
    expect(shareDecimal('2', '3', 2)).toBe('66.67');
    expect(shareDecimal('1', '8', 1)).toBe('12.5');
    expect(shareDecimal('1', '16', 1)).toBe('6.3');
    expect(shareDecimal('-1', '3', 2)).toBe('-33.33');
    expect(shareDecimal('5', '5', 2)).toBe('100.00');
    expect(shareDecimal('1', '0')).toBeNull();
    // 10^29 units: far beyond what a float holds exactly.
    expect(
      shareDecimal(
        '33333333333333333333333333333.000000000000000001',
        '100000000000000000000000000000',
        6,
      ),
    ).toBe('33.333333');
  });
});
