import { checkFinopsAnnotations } from './annotations';
import { checkEntityMetadata, DEFAULT_METADATA_POLICY, type EntityMetadata, type MetadataPolicy } from './metadataPolicy';

const component = (annotations: Record<string, string> = {}, spec: EntityMetadata['spec'] = { owner: 'team-a', type: 'service' }): EntityMetadata => ({
  kind: 'Component',
  metadata: { name: 'checkout-api', annotations },
  spec,
});
const policy = (overrides: Partial<MetadataPolicy> = {}): MetadataPolicy => ({ ...DEFAULT_METADATA_POLICY, ...overrides });
const rules = (entity: EntityMetadata, p: MetadataPolicy, ownerExists?: boolean) =>
  checkEntityMetadata(entity, p, ownerExists).map(issue => [issue.rule, issue.severity]);

describe('checkFinopsAnnotations', () => {
  it('passes well-formed FinOps annotations and ignores others', () => {
    expect(
      checkFinopsAnnotations({
        'finops.backstage.io/cost-tags': 'service=checkout-api,env=prod',
        'finops.backstage.io/cloud-accounts': '123456789012',
        'finops.backstage.io/monthly-budget': '1200 USD',
        'finops.backstage.io/unit-metrics': 'requests, orders',
        'backstage.io/techdocs-ref': 'dir:.',
      }),
    ).toEqual([]);
  });

  it.each([
    ['finops.backstage.io/cost-tags', 'service', /cost-tags: "service" is not key=value; write "key=value/],
    ['finops.backstage.io/cloud-accounts', ' , ', /names no account id/],
    ['finops.backstage.io/monthly-budget', '1200', /is not "<amount> <currency>"/],
    ['finops.backstage.io/monthly-budget', '-5 USD', /more than 0/],
    ['finops.backstage.io/unit-metrics', 'requests, 9lives', /"9lives" is not a metric name/],
    ['finops.backstage.io/cost-tag', 'service=x', /not a FinOps annotation \(known: finops.backstage.io\/cost-tags/],
  ])('names what is wrong with %s: %j', (annotation, value, message) => {
    expect(checkFinopsAnnotations({ [annotation]: value })).toEqual([{ annotation, message: expect.stringMatching(message) }]);
  });
});

describe('checkEntityMetadata', () => {
  it('finds nothing wrong with an owned component that declares its cost', () => {
    expect(checkEntityMetadata(component({ 'finops.backstage.io/cost-tags': 'service=checkout-api' }), policy(), true)).toEqual([]);
  });

  it('asks for an owner, and for one that exists, with the YAML to add', () => {
    const [missing] = checkEntityMetadata(component({ 'finops.backstage.io/cost-tags': 'service=x' }, { type: 'service' }), policy({ owner: 'error' }));
    expect(missing).toEqual({ rule: 'owner', severity: 'error', message: expect.stringMatching(/has no spec.owner/), fix: 'spec:\n  owner: <team>' });
    expect(rules(component({ 'finops.backstage.io/cost-tags': 'service=x' }), policy(), false)).toEqual([['owner', 'warn']]);
    // Unknown (the lookup failed): not judged.
    expect(rules(component({ 'finops.backstage.io/cost-tags': 'service=x' }), policy())).toEqual([]);
    // Groups and users own nothing themselves.
    expect(rules({ kind: 'Group', metadata: { name: 'team-a' }, spec: {} }, policy({ owner: 'error' }))).toEqual([]);
  });

  it('asks the kinds and types in scope to declare how their cost is found', () => {
    const scoped = policy({ costSource: { severity: 'error', kinds: ['Component'], types: ['service'] } });
    const [issue] = checkEntityMetadata(component(), scoped, true);
    expect(issue).toMatchObject({ rule: 'cost-source', severity: 'error', fix: "metadata:\n  annotations:\n    finops.backstage.io/cost-tags: 'service=checkout-api'" });
    expect(rules(component({ 'finops.backstage.io/cloud-accounts': '123' }), scoped, true)).toEqual([]);
    expect(rules(component({}, { owner: 'team-a', type: 'library' }), scoped, true)).toEqual([]);
    expect(rules({ kind: 'API', metadata: { name: 'x' }, spec: { owner: 'team-a' } }, scoped, true)).toEqual([]);
  });

  it('holds declared cost tags to the allowed values of required tags', () => {
    const tagged = policy({ requiredTags: [{ key: 'Environment', values: ['prod', 'staging', 'dev'], severity: 'error' }] });
    expect(checkEntityMetadata(component({ 'finops.backstage.io/cost-tags': 'service=x,environment=production' }), tagged, true)).toEqual([
      { rule: 'tag-value', severity: 'error', message: 'finops.backstage.io/cost-tags: Environment=production is not an allowed value of Environment (prod, staging, dev)' },
    ]);
    expect(rules(component({ 'finops.backstage.io/cost-tags': 'service=x,environment=prod' }), tagged, true)).toEqual([]);
    // A key the entity does not declare is checked on the billing data, not here.
    expect(rules(component({ 'finops.backstage.io/cost-tags': 'service=x' }), tagged, true)).toEqual([]);
  });

  it('reports malformed annotations at the policy severity, and nothing for a rule that is off', () => {
    const broken = component({ 'finops.backstage.io/monthly-budget': 'lots' });
    expect(rules(broken, policy(), true)).toEqual([
      ['annotation', 'error'],
      ['cost-source', 'warn'],
    ]);
    expect(rules(broken, policy({ annotations: 'off', costSource: { severity: 'off', kinds: ['Component'] } }), true)).toEqual([]);
  });
});
