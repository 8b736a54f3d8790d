import { canonicalTagsJson, costKeyHash } from './costKey';

describe('canonicalTagsJson', () => {
  it('writes equal tag sets alike whatever their order, and keeps a tag named __proto__', () => {
    expect(canonicalTagsJson({ b: '2', a: '1' })).toBe('{"a":"1","b":"2"}');
    expect(canonicalTagsJson({ a: '1', b: '2' })).toBe(canonicalTagsJson({ b: '2', a: '1' }));
    expect(JSON.parse(canonicalTagsJson(JSON.parse('{"__proto__":"x"}')))).toEqual(JSON.parse('{"__proto__":"x"}'));
    expect(canonicalTagsJson({})).toBe('{}');
  });
});

describe('costKeyHash', () => {
  it('tells tag sets and accounts apart, including where a naive join would not', () => {
    const hash = costKeyHash('{"a":"1"}', '111', '222');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(costKeyHash('{"a":"1"}', '111', '222')).toBe(hash);
    expect(costKeyHash('{"a":"1"}', '111', '223')).not.toBe(hash);
    expect(costKeyHash('{"a":"1"}', '1112', '22')).not.toBe(hash);
  });
});
