import { attributeCostKey, AttributionSettings } from './attributeCostKey';
import { CatalogIndex } from './CatalogIndex';
import { entity } from './testCatalog';

const settings: AttributionSettings = {
  rules: ['entityTagKey', 'costTagsAnnotation', 'cloudAccountsAnnotation', 'ownerTagKey'],
  entityTagKeys: ['backstage.io/component', 'service', 'application'],
  entityKinds: ['Component', 'Resource', 'System'],
  ownerTagKeys: ['team', 'owner'],
};

const index = new CatalogIndex([
  entity('component:default/checkout-api'),
  entity('component:default/payments'),
  entity('system:default/payments'),
  entity('group:default/payments'),
  entity('resource:default/orders-db'),
  entity('component:other/checkout-api'),
  entity('component:default/legacy-billing', {
    annotations: { 'finops.backstage.io/cost-tags': 'app=legacy-billing-v1,cost-center=cc-4410' },
  }),
  entity('component:default/legacy-wide', {
    annotations: { 'finops.backstage.io/cost-tags': 'app=legacy-billing-v1' },
  }),
  entity('component:default/ci-runners', {
    annotations: { 'finops.backstage.io/cloud-accounts': '333333333333, 444444444444' },
  }),
  entity('component:default/broken', { annotations: { 'finops.backstage.io/cost-tags': 'nonsense' } }),
  entity('group:default/team-platform'),
]);

const attribute = (tags: Record<string, string>, accounts: { billingAccountId?: string; subAccountId?: string } = {}, s = settings) =>
  attributeCostKey({ tags, billingAccountId: accounts.billingAccountId ?? '1', subAccountId: accounts.subAccountId ?? '2' }, index, s);

describe('attributeCostKey', () => {
  it('matches an entity tag value to an entity name, case-insensitively', () => {
    expect(attribute({ service: 'Checkout-API' })).toEqual({
      entityRef: 'component:default/checkout-api',
      rule: 'entityTagKey',
      detail: 'tag "service=Checkout-API" names component:default/checkout-api (also matched component:other/checkout-api; the first in order wins)',
    });
  });

  it('matches tag keys trimmed and case-insensitively', () => {
    expect(attribute({ ' Service ': 'checkout-api' }).entityRef).toBe('component:default/checkout-api');
  });

  it('tries entity tag keys in configured order', () => {
    expect(attribute({ application: 'orders-db', 'backstage.io/component': 'checkout-api' }).entityRef).toBe(
      'component:default/checkout-api',
    );
    expect(attribute({ application: 'orders-db', service: 'unknown-thing' }).entityRef).toBe('resource:default/orders-db');
  });

  it('prefers kinds in configured order when names collide, and never names a Group', () => {
    expect(attribute({ service: 'payments' }).entityRef).toBe('component:default/payments');
    const systemFirst = { ...settings, entityKinds: ['System', 'Component'] };
    expect(attribute({ service: 'payments' }, {}, systemFirst).entityRef).toBe('system:default/payments');
  });

  it('takes a full entity ref as tag value', () => {
    expect(attribute({ service: 'component:other/checkout-api' }).entityRef).toBe('component:other/checkout-api');
    expect(attribute({ service: 'group:default/payments' }).entityRef).toBeNull();
  });

  it('matches the cost-tags annotation only when all pairs match, most specific first', () => {
    expect(attribute({ App: 'Legacy-Billing-V1', 'cost-center': 'cc-4410', extra: 'x' })).toMatchObject({
      entityRef: 'component:default/legacy-billing',
      rule: 'costTagsAnnotation',
    });
    expect(attribute({ app: 'legacy-billing-v1' })).toMatchObject({ entityRef: 'component:default/legacy-wide' });
    expect(attribute({ 'cost-center': 'cc-4410' }).entityRef).toBeNull();
  });

  it('maps sub-accounts and billing accounts from the cloud-accounts annotation', () => {
    expect(attribute({}, { subAccountId: '444444444444' })).toEqual({
      entityRef: 'component:default/ci-runners',
      rule: 'cloudAccountsAnnotation',
      detail: 'sub-account 444444444444 is listed in finops.backstage.io/cloud-accounts of component:default/ci-runners',
    });
    expect(attribute({}, { billingAccountId: '333333333333', subAccountId: '' }).rule).toBe('cloudAccountsAnnotation');
  });

  it('gives team-only spend to the Group named by an owner tag', () => {
    expect(attribute({ team: 'team-platform', environment: 'prod' })).toMatchObject({
      entityRef: 'group:default/team-platform',
      rule: 'ownerTagKey',
    });
  });

  it('applies rules in the configured order', () => {
    const tags = { service: 'checkout-api', team: 'team-platform' };
    expect(attribute(tags).rule).toBe('entityTagKey');
    expect(attribute(tags, {}, { ...settings, rules: ['ownerTagKey', 'entityTagKey'] }).rule).toBe('ownerTagKey');
    expect(attribute(tags, {}, { ...settings, rules: [] }).entityRef).toBeNull();
  });

  it('leaves what matches nothing unallocated, and says why', () => {
    expect(attribute({})).toEqual({ entityRef: null, rule: null, detail: 'untagged, and its account is not mapped to an entity' });
    expect(attribute({ service: 'nope' })).toEqual({ entityRef: null, rule: null, detail: 'no rule matched its tags or account' });
  });

  describe('matches nothing on a near miss', () => {
    const cases: Array<[string, Record<string, string>, { billingAccountId?: string; subAccountId?: string }?]> = [
      // entityTagKey
      ['a tag value one character longer than a name', { service: 'checkout-apis' }],
      ['a tag value one character shorter than a name', { service: 'checkout-ap' }],
      ['an underscore for a dash', { service: 'checkout_api' }],
      ['a prefix of a name', { service: 'checkout' }],
      ['the name under a key that is not configured', { svc: 'checkout-api', 'service-name': 'checkout-api' }],
      ['an empty and a blank value', { service: '', application: '   ' }],
      ['a Group named by an entity tag key', { service: 'team-platform' }],
      ['a full ref in a namespace without that entity', { service: 'component:nowhere/checkout-api' }],
      ['a full ref of a kind not in entityKinds', { service: 'group:default/team-platform' }],
      ['namespace/name without kind', { service: 'default/checkout-api' }],
      // costTagsAnnotation
      ['every annotated pair but one value off', { app: 'legacy-billing-v2', 'cost-center': 'cc-4410' }],
      ['an annotated value that is a prefix', { app: 'legacy-billing', 'cost-center': 'cc-4410' }],
      ['only part of the annotated pairs', { 'cost-center': 'cc-4410', env: 'prod' }],
      ['the annotated value under another key', { application: 'legacy-billing-v1', 'cost-center': 'cc-4410' }],
      ['key and value swapped', { 'legacy-billing-v1': 'app', 'cc-4410': 'cost-center' }],
      ['the text of an unusable annotation', { nonsense: 'nonsense' }],
      // cloudAccountsAnnotation
      ['accounts not listed', {}, { billingAccountId: '555555555555', subAccountId: '666666666666' }],
      ['an account one digit short', {}, { billingAccountId: '1', subAccountId: '44444444444' }],
      ['an account one digit long', {}, { billingAccountId: '3333333333333', subAccountId: '' }],
      ['a listed account in a tag instead of the account columns', { account: '444444444444' }],
      // ownerTagKey
      ['an owner tag one character off', { team: 'team-platfor' }],
      ['an owner tag naming a Component', { team: 'checkout-api', owner: 'resource:default/orders-db' }],
      ['a Group under a key that is not an owner tag key', { group: 'team-platform' }],
    ];
    // Rest parameters: a case without accounts must not look like a `done` callback to Jest.
    it.each(cases)('%s', (...[, tags, accounts]) => {
      expect(attribute(tags, accounts)).toMatchObject({ entityRef: null, rule: null });
    });

    it('and when only the rule that would match is left out', () => {
      const tags = { service: 'checkout-api' };
      expect(attribute(tags, {}, { ...settings, rules: ['costTagsAnnotation', 'cloudAccountsAnnotation', 'ownerTagKey'] }).entityRef).toBeNull();
      expect(attribute(tags, {}, { ...settings, entityTagKeys: ['application'] }).entityRef).toBeNull();
      expect(attribute(tags, {}, { ...settings, entityKinds: ['Resource', 'System'] }).entityRef).toBeNull();
      expect(attribute({}, { subAccountId: '444444444444' }, { ...settings, rules: ['entityTagKey', 'costTagsAnnotation', 'ownerTagKey'] }).entityRef).toBeNull();
    });
  });

  it('records annotations it cannot use instead of failing', () => {
    expect(index.problems).toEqual([
      { entityRef: 'component:default/broken', annotation: 'finops.backstage.io/cost-tags', reason: '"nonsense" is not key=value' },
    ]);
  });

  it('is deterministic whatever order the catalog lists entities in', () => {
    const entities = [...index.byRef.values()];
    const reversed = new CatalogIndex([...entities].reverse());
    for (const tags of [{ service: 'checkout-api' }, { app: 'legacy-billing-v1' }, { service: 'payments' }] as Array<Record<string, string>>) {
      expect(attributeCostKey({ tags, billingAccountId: '1', subAccountId: '2' }, reversed, settings)).toEqual(attribute(tags));
    }
  });
});
