import { isEntityRef, refKind, refName } from './entityRefs';

describe('entity refs', () => {
  it('names kinds as the catalog does', () => {
    expect(refKind('component:default/checkout-api')).toBe('Component');
    expect(refKind('group:default/team-payments')).toBe('Group');
    expect(refKind('api:default/x')).toBe('API');
    expect(refKind('widget:default/x')).toBe('Widget');
  });

  it('takes the name', () => {
    expect(refName('system:default/payments')).toBe('payments');
    expect(refName('(unowned)')).toBe('(unowned)');
  });

  it('tells refs from other keys', () => {
    expect(isEntityRef('group:default/team-payments')).toBe(true);
    expect(isEntityRef('group:team-payments')).toBe(true);
    expect(isEntityRef('(unowned)')).toBe(false);
    expect(isEntityRef('482916301754')).toBe(false);
  });
});
