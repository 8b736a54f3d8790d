import { formatChangePercent, formatMoney, formatShare } from './format';

describe('formatMoney', () => {
  it('formats a decimal string in its currency', () => {
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('1234.5', 'EUR')).toBe('€1,234.50');
  });

  it('signs amounts on request', () => {
    expect(formatMoney('12', 'USD', { signed: true })).toBe('+$12.00');
    expect(formatMoney('-12', 'USD', { signed: true })).toBe('−$12.00');
    expect(formatMoney('0', 'USD', { signed: true })).toBe('$0.00');
  });

  it('falls back for codes Intl does not know', () => {
    expect(formatMoney('3', 'credits')).toBe('3.00 credits');
    expect(formatMoney('0.00123', 'credits', { significantDigits: 2 })).toBe(
      '0.0012 credits',
    );
  });

  it('writes significant digits instead of cents on request', () => {
    expect(formatMoney('0.00123', 'USD', { significantDigits: 2 })).toBe(
      '$0.0012',
    );
    expect(
      formatMoney('-0.00123', 'USD', { significantDigits: 2, signed: true }),
    ).toBe('−$0.0012');
    expect(formatMoney('0.00123', 'USD')).toBe('$0.00');
  });
});

describe('formatChangePercent', () => {
  it('signs and rounds', () => {
    expect(formatChangePercent(0.1234)).toBe('+12.3%');
    expect(formatChangePercent(-0.05)).toBe('−5.0%');
    expect(formatChangePercent(1.5)).toBe('+150%');
    expect(formatChangePercent(0)).toBe('0.0%');
  });
});

describe('formatShare', () => {
  it('shows a dash when there is no share', () => {
    expect(formatShare(42.456)).toBe('42.5%');
    expect(formatShare(null)).toBe('–');
  });
});
