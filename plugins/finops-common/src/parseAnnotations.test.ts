import { parseCloudAccountsAnnotation, parseCostTagsAnnotation } from './annotations';

describe('parseCostTagsAnnotation', () => {
  it('reads trimmed pairs; values may contain =', () => {
    expect(parseCostTagsAnnotation(' app = legacy , cost-center=cc=4410 ')).toEqual({
      ok: true,
      value: [
        ['app', 'legacy'],
        ['cost-center', 'cc=4410'],
      ],
    });
  });
  it.each([
    ['', /no key=value/],
    ['app', /not key=value/],
    ['=x', /not key=value/],
    ['app=', /empty key or value/],
    ['App=a,app=b', /appears twice/],
  ])('rejects %j', (text, reason) => {
    expect(parseCostTagsAnnotation(text)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe('parseCloudAccountsAnnotation', () => {
  it('reads ids, dropping blanks and repeats', () => {
    expect(parseCloudAccountsAnnotation('123, 456,,123')).toEqual({ ok: true, value: ['123', '456'] });
    expect(parseCloudAccountsAnnotation(' , ')).toEqual({ ok: false, reason: 'names no account id' });
  });
});
