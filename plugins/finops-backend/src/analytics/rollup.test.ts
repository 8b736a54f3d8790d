import { CatalogIndex } from '../attribution/CatalogIndex';
import { entity } from '../attribution/testCatalog';
import { rollupEntityRefs } from './rollup';

const index = new CatalogIndex([
  entity('group:default/org'),
  entity('group:default/engineering', { relations: [['childOf', 'group:default/org']] }),
  entity('group:default/team-payments', { relations: [['childOf', 'group:default/engineering']] }),
  entity('group:default/team-data', { relations: [['childOf', 'group:default/engineering']] }),
  entity('domain:default/commerce', { relations: [['ownedBy', 'group:default/engineering']] }),
  entity('system:default/payments', { relations: [['ownedBy', 'group:default/team-payments'], ['partOf', 'domain:default/commerce']] }),
  entity('component:default/checkout-api', { relations: [['ownedBy', 'group:default/team-payments'], ['partOf', 'system:default/payments']] }),
  entity('component:default/checkout-worker', { relations: [['ownedBy', 'group:default/team-payments'], ['partOf', 'component:default/checkout-api']] }),
  entity('resource:default/payments-db', { relations: [['ownedBy', 'group:default/team-data'], ['partOf', 'system:default/payments']] }),
]);

describe('rollupEntityRefs', () => {
  it('gives a component itself and its subcomponents', () => {
    expect(rollupEntityRefs('component:default/checkout-api', index)).toEqual([
      'component:default/checkout-api',
      'component:default/checkout-worker',
    ]);
  });

  it('gives a system its parts, whoever owns them', () => {
    expect(rollupEntityRefs('system:default/payments', index)).toEqual([
      'component:default/checkout-api',
      'component:default/checkout-worker',
      'resource:default/payments-db',
      'system:default/payments',
    ]);
  });

  it('gives a domain its systems and theirs', () => {
    expect(rollupEntityRefs('domain:default/commerce', index)).toContain('resource:default/payments-db');
  });

  it('gives a group what it and its sub-groups own, and the groups themselves', () => {
    expect(rollupEntityRefs('group:default/team-payments', index)).toEqual([
      'component:default/checkout-api',
      'component:default/checkout-worker',
      'group:default/team-payments',
      'system:default/payments',
    ]);
    const org = rollupEntityRefs('group:default/org', index);
    expect(org).toContain('resource:default/payments-db');
    expect(org).toContain('group:default/team-data');
    expect(new Set(org).size).toBe(org.length);
  });

  it('gives an unknown entity just itself', () => {
    expect(rollupEntityRefs('component:default/new', index)).toEqual(['component:default/new']);
  });
});
