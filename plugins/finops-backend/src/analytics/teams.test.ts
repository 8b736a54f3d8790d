import { CatalogIndex } from '../attribution/CatalogIndex';
import { entity } from '../attribution/testCatalog';
import { childGroupBuckets, teamBuckets, UNOWNED_KEY } from './teams';

const index = new CatalogIndex([
  entity('group:default/org'),
  entity('group:default/payments', { relations: [['childOf', 'group:default/org']] }),
  entity('group:default/checkout', { relations: [['childOf', 'group:default/payments']] }),
  entity('group:default/solo'),
  entity('group:default/loop-a', { relations: [['childOf', 'group:default/loop-b']] }),
  entity('group:default/loop-b', { relations: [['childOf', 'group:default/loop-a']] }),
  entity('component:default/cart', { relations: [['ownedBy', 'group:default/checkout']] }),
  entity('component:default/ledger', { relations: [['ownedBy', 'group:default/payments']] }),
  entity('component:default/portal', { relations: [['ownedBy', 'group:default/org']] }),
  entity('component:default/tool', { relations: [['ownedBy', 'group:default/solo']] }),
  entity('component:default/orphan', { relations: [['ownedBy', 'user:default/someone']] }),
  entity('component:default/looped', { relations: [['ownedBy', 'group:default/loop-a']] }),
]);

describe('teamBuckets', () => {
  const teamOf = teamBuckets(index);

  it("puts an entity under the top-level group's child above its owner, or a childless top-level group itself", () => {
    expect(teamOf('component:default/cart')).toBe('group:default/payments');
    expect(teamOf('component:default/ledger')).toBe('group:default/payments');
    expect(teamOf('group:default/checkout')).toBe('group:default/payments');
    expect(teamOf('component:default/tool')).toBe('group:default/solo');
    expect(teamOf('component:default/portal')).toBe('group:default/org');
  });

  it('puts unallocated cost, entities not in the catalog and those owned by no group under (unowned), and ends on cycles', () => {
    expect(teamOf(null)).toBe(UNOWNED_KEY);
    expect(teamOf('component:default/gone')).toBe(UNOWNED_KEY);
    expect(teamOf('component:default/orphan')).toBe(UNOWNED_KEY);
    expect(['group:default/loop-a', 'group:default/loop-b']).toContain(teamOf('component:default/looped'));
  });
});

describe('childGroupBuckets', () => {
  it('puts what a child group rolls up under it, and what the group owns directly under the group', () => {
    const bucketOf = childGroupBuckets('group:default/org', index);
    expect(bucketOf('component:default/cart')).toBe('group:default/payments');
    expect(bucketOf('group:default/checkout')).toBe('group:default/payments');
    expect(bucketOf('component:default/ledger')).toBe('group:default/payments');
    expect(bucketOf('component:default/portal')).toBe('group:default/org');
    expect(bucketOf('group:default/org')).toBe('group:default/org');
  });
});
