import { parseAmount, parseChargeCategory, parseCurrency, parseTags, parseTimestamp } from './parseFocusValues';

describe('parseTimestamp', () => {
  it.each([
    ['2024-09-18 22:00:00', '2024-09-18T22:00:00Z', '2024-09-18T22:00:00Z'],
    ['2024-09-18T22:00:00Z', '2024-09-18T22:00:00Z', '2024-09-18T22:00:00Z'],
    ['2024-09-18T22:00:00.000Z', '2024-09-18T22:00:00Z', '2024-09-18T22:00:00Z'],
    ['2024-09-18T22:00Z', '2024-09-18T22:00:00Z', '2024-09-18T22:00:00Z'],
    ['2024-09-18', '2024-09-18T00:00:00Z', '2024-09-18T00:00:00Z'],
    ['2024-09-18T23:30:00+02:00', '2024-09-18T23:30:00+02:00', '2024-09-18T21:30:00Z'],
    ['2024-09-18T00:30:00-0100', '2024-09-18T00:30:00-01:00', '2024-09-18T01:30:00Z'],
    ['2024-09-18t22:00:00z', '2024-09-18T22:00:00Z', '2024-09-18T22:00:00Z'],
  ])('reads %s as %s, the instant %s', (text, written, instant) => {
    expect(parseTimestamp(text)).toEqual({
      ok: true,
      value: { text: written, date: written.slice(0, 10), epochMs: Date.parse(instant) },
    });
  });

  it('dates by the calendar date written, before any offset', () => {
    const dates = ['2023-10-01T00:00:00+02:00', '2023-10-01T00:00:00Z', '2023-10-01 00:00:00', '2023-10-01', '2023-10-01T23:59:59-11:00'].map(
      text => (parseTimestamp(text) as { value: { date: string } }).value.date,
    );
    expect(dates).toEqual(Array(5).fill('2023-10-01'));
  });

  it('orders by the instant: an offset start can be later than a UTC end on a later date', () => {
    const start = parseTimestamp('2024-09-18T23:00:00-05:00');
    const end = parseTimestamp('2024-09-19T00:00:00Z');
    expect(start.ok && end.ok && end.value.epochMs < start.value.epochMs).toBe(true);
  });

  it.each(['2024-02-30', '2024-09-18 25:00:00', 'yesterday', '18/09/2024', '2024-09-18T22:00:00 PST', '2024-09-18T22:00:00+25:00'])('rejects %s', text => {
    expect(parseTimestamp(text).ok).toBe(false);
  });
});

describe('parseAmount', () => {
  it('rejects null and non-numbers', () => {
    expect(parseAmount('NULL').ok).toBe(false);
    expect(parseAmount('').ok).toBe(false);
    expect(parseAmount('1,234.5').ok).toBe(false);
  });
  it('reads scientific notation exactly', () => {
    expect(parseAmount('8E-07')).toEqual({ ok: true, value: { amount: 800000000000n, rounded: false } });
  });
});

describe('parseChargeCategory and parseCurrency', () => {
  it('forgives case', () => {
    expect(parseChargeCategory('usage')).toEqual({ ok: true, value: 'Usage' });
    expect(parseChargeCategory('CREDIT')).toEqual({ ok: true, value: 'Credit' });
    expect(parseChargeCategory('Refund').ok).toBe(false);
    expect(parseCurrency('usd')).toEqual({ ok: true, value: 'USD' });
    expect(parseCurrency('US$').ok).toBe(false);
  });
});

describe('parseTags', () => {
  it('keeps odd keys exactly and stringifies scalars', () => {
    expect(parseTags('{" org": "x", "Cost department": "Eng", "ms:Department": "A", "n": 3, "b": true, "k": null}')).toEqual({
      ok: true,
      value: { ' org': 'x', 'Cost department': 'Eng', 'ms:Department': 'A', n: '3', b: 'true', k: '' },
    });
  });

  it('keeps tags named like object internals', () => {
    const parsed = parseTags('{"__proto__":"x","constructor":"y","toString":"z"}');
    expect(parsed.ok && Object.entries(parsed.value)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['toString', 'z'],
    ]);
  });

  it('treats empty, NULL and {} as no tags', () => {
    for (const text of ['', 'NULL', '{}']) {
      expect(parseTags(text)).toEqual({ ok: true, value: {} });
    }
  });

  it('rejects invalid JSON, non-objects and nested values', () => {
    expect(parseTags('{"a":')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(parseTags('["a"]')).toMatchObject({ ok: false, reason: expect.stringMatching(/JSON object/) });
    expect(parseTags('{"a":{"b":"c"}}')).toMatchObject({ ok: false, reason: expect.stringMatching(/nested object/) });
    expect(parseTags('{"a":["b"]}')).toMatchObject({ ok: false, reason: expect.stringMatching(/nested array/) });
  });
});
