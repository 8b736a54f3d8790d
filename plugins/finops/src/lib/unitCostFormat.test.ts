import {
  formatQuantity,
  formatScaledAmount,
  formatUnitCost,
  pluralOf,
  shiftDecimal,
  singularOf,
  unitCostPower,
  unitNames,
} from './unitCostFormat';

const requests = unitNames('requests', 'request');

describe('shiftDecimal', () => {
  it('moves the decimal point of the string exactly', () => {
    expect(shiftDecimal('0.0000123', 6)).toBe('12.3');
    expect(shiftDecimal('0.0000123', 3)).toBe('0.0123');
    expect(shiftDecimal('0.0000123', 0)).toBe('0.0000123');
    expect(shiftDecimal('12', 3)).toBe('12000');
    expect(shiftDecimal('-0.5', 9)).toBe('-500000000');
    expect(shiftDecimal('0', 6)).toBe('0');
  });

  it('keeps digits a float would lose', () => {
    // 0.1 + 0.2 style noise, and more digits than a double holds.
    expect(shiftDecimal('0.000000123456789012345678', 6)).toBe(
      '0.123456789012345678',
    );
    expect(shiftDecimal('0.0000057', 6)).toBe('5.7');
    expect(0.0000057 * 1e6).not.toBe(5.7);
  });

  it('reads scientific notation', () => {
    expect(shiftDecimal('1.23E-05', 6)).toBe('12.3');
    expect(shiftDecimal('5e-10', 9)).toBe('0.5');
  });

  it('rejects what is not a decimal', () => {
    expect(() => shiftDecimal('1,5', 3)).toThrow(TypeError);
    expect(() => shiftDecimal('NaN', 3)).toThrow(TypeError);
  });
});

describe('unitCostPower', () => {
  it('picks the smallest multiplier at which the amount is at least 0.10', () => {
    expect(unitCostPower('0.0000123')).toBe(6); // 0.0123 per thousand, 12.3 per million
    expect(unitCostPower('0.0001')).toBe(3); // exactly 0.10 per thousand
    expect(unitCostPower('0.0000999')).toBe(6); // 0.0999 per thousand
    expect(unitCostPower('0.1')).toBe(0);
    expect(unitCostPower('0.05')).toBe(3);
    expect(unitCostPower('0.25')).toBe(0);
    expect(unitCostPower('1234.5')).toBe(0);
    expect(unitCostPower('0.0000000002')).toBe(9);
  });

  it('uses the magnitude of negative unit costs (credits)', () => {
    expect(unitCostPower('-0.0000123')).toBe(6);
  });

  it('stops at a billion, and shows zero or nothing per unit', () => {
    expect(unitCostPower('0.000000000000001')).toBe(9);
    expect(unitCostPower('0')).toBe(0);
    expect(unitCostPower(null)).toBe(0);
  });
});

describe('unitNames', () => {
  it('takes the unit as the singular and the metric name as the plural', () => {
    expect(unitNames('requests', 'request')).toEqual({
      one: 'request',
      other: 'requests',
    });
  });

  it('derives the singular from a plural metric name without unit', () => {
    expect(unitNames('orders')).toEqual({ one: 'order', other: 'orders' });
    expect(unitNames('queries', null)).toEqual({
      one: 'query',
      other: 'queries',
    });
    expect(unitNames('active_users')).toEqual({
      one: 'active user',
      other: 'active users',
    });
  });

  it('derives the plural from a unit unlike the metric name', () => {
    expect(unitNames('checkout', 'order')).toEqual({
      one: 'order',
      other: 'orders',
    });
    expect(unitNames('searches', 'query')).toEqual({
      one: 'query',
      other: 'queries',
    });
  });

  it('leaves abbreviations alone', () => {
    expect(unitNames('storage', 'GB')).toEqual({ one: 'GB', other: 'GB' });
    expect(singularOf('vCPUs')).toBe('vCPUs');
    expect(pluralOf('GiB')).toBe('GiB');
  });

  it('inflects English words', () => {
    expect(singularOf('status')).toBe('status');
    expect(singularOf('boxes')).toBe('box');
    expect(pluralOf('batch')).toBe('batches');
    expect(pluralOf('day')).toBe('days');
  });
});

describe('formatUnitCost', () => {
  it('shows a tiny cost per request per million requests', () => {
    expect(formatUnitCost('0.0000123', 'USD', requests)).toBe(
      '$12.30 per million requests',
    );
  });

  it('uses the singular per one unit', () => {
    expect(formatUnitCost('0.25', 'USD', requests)).toBe('$0.25 per request');
    expect(formatUnitCost('0', 'USD', requests)).toBe('$0.00 per request');
    expect(formatUnitCost('12.5', 'EUR', unitNames('orders'))).toBe(
      '€12.50 per order',
    );
  });

  it('shows per thousand and per billion', () => {
    expect(formatUnitCost('0.05', 'USD', requests)).toBe(
      '$50.00 per thousand requests',
    );
    expect(formatUnitCost('0.000000004567', 'USD', requests)).toBe(
      '$4.57 per billion requests',
    );
  });

  it('writes amounts too small even per billion to two significant digits', () => {
    expect(formatUnitCost('0.0000000000012345', 'USD', requests)).toBe(
      '$0.0012 per billion requests',
    );
  });

  it('writes the currency of the response', () => {
    expect(formatUnitCost('0.0000123', 'EUR', requests)).toBe(
      '€12.30 per million requests',
    );
    expect(formatUnitCost('0.0000123', 'credits', requests)).toBe(
      '12.30 credits per million requests',
    );
  });

  it('keeps a given multiplier, and never shows a non-zero amount as zero', () => {
    expect(formatUnitCost('0.0000155', 'USD', requests, { power: 6 })).toBe(
      '$15.50 per million requests',
    );
    expect(formatUnitCost('0.000000001', 'USD', requests, { power: 6 })).toBe(
      '$0.001 per million requests',
    );
  });

  it('signs on request and takes another phrase', () => {
    expect(
      formatUnitCost('-0.0000031', 'USD', requests, {
        power: 6,
        signed: true,
      }),
    ).toBe('−$3.10 per million requests');
    expect(
      formatUnitCost('0.0000123', 'USD', requests, {
        phrase: (power, amount, names) =>
          `${amount} / 10^${power} ${names.other}`,
      }),
    ).toBe('$12.30 / 10^6 requests');
  });
});

describe('formatScaledAmount', () => {
  it('writes to cents, and small amounts to two significant digits', () => {
    expect(formatScaledAmount('12.3', 'USD')).toBe('$12.30');
    expect(formatScaledAmount('0.1', 'USD')).toBe('$0.10');
    expect(formatScaledAmount('0.0123', 'USD')).toBe('$0.012');
    expect(formatScaledAmount('0', 'USD')).toBe('$0.00');
  });
});

describe('formatQuantity', () => {
  it('is compact by default', () => {
    expect(formatQuantity('1234567', requests)).toBe('1.2M requests');
    expect(formatQuantity('950', requests)).toBe('950 requests');
    expect(formatQuantity('12500', requests)).toBe('12.5K requests');
    expect(formatQuantity('3000000000', requests)).toBe('3B requests');
  });

  it('uses the singular for exactly one', () => {
    expect(formatQuantity('1', requests)).toBe('1 request');
    expect(formatQuantity('1.000', requests)).toBe('1 request');
    expect(formatQuantity('1.5', requests)).toBe('1.5 requests');
    expect(formatQuantity('0', requests)).toBe('0 requests');
  });

  it('writes the full number on request', () => {
    expect(formatQuantity('1234567', requests, { compact: false })).toBe(
      '1,234,567 requests',
    );
  });
});
