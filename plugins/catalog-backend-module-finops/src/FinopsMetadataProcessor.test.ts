import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_METADATA_POLICY, type MetadataPolicy } from '@backstage-finops/plugin-finops-common';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { FinopsMetadataProcessor } from './FinopsMetadataProcessor';

const location = { type: 'url', target: 'https://example.com/catalog-info.yaml' };
const component = (annotations: Record<string, string>, owner: string | null = 'team-a'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', ...(owner ? { owner } : {}) },
});

async function process(entity: Entity, policy: Partial<MetadataPolicy>, owners = ['group:default/team-a']) {
  const logger = mockServices.logger.mock();
  const lookups: string[] = [];
  const processor = new FinopsMetadataProcessor({
    policy: { ...DEFAULT_METADATA_POLICY, ...policy },
    logger,
    ownerExists: async ref => {
      lookups.push(ref);
      return owners.includes(ref);
    },
  });
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(entity, location, r => emitted.push(r));
  const errors = emitted.map(r => (r.type === 'error' ? r.error.message : `unexpected ${r.type}`));
  const warnings = (logger.debug as jest.Mock).mock.calls.map(([message]) => message as string);
  return { result, errors, warnings, lookups, processor };
}

describe('FinopsMetadataProcessor', () => {
  it('leaves a compliant entity as it is and emits nothing', async () => {
    const entity = component({ 'finops.backstage.io/cost-tags': 'service=checkout-api' });
    const { result, errors, warnings } = await process(entity, { owner: 'error', costSource: { severity: 'error', kinds: ['Component'] } });
    expect(result).toBe(entity);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it.each<[string, Entity, Partial<MetadataPolicy>, RegExp]>([
    ['an entity without an owner', component({ 'finops.backstage.io/cost-tags': 'service=x' }, null), { owner: 'error' }, /has no spec.owner[\s\S]*Add to catalog-info.yaml:\nspec:\n {2}owner: <team>/],
    ['an owner that is not in the catalog', component({ 'finops.backstage.io/cost-tags': 'service=x' }, 'team-gone'), { owner: 'error' }, /spec.owner "team-gone" .* names no Group or User/],
    ['a malformed FinOps annotation', component({ 'finops.backstage.io/monthly-budget': '12OO USD' }), { annotations: 'error' }, /monthly-budget/],
    ['a service that does not say how its cost is found', component({}), { costSource: { severity: 'error', kinds: ['Component'] } }, /does not say how its cost is found[\s\S]*finops.backstage.io\/cost-tags: 'service=checkout-api'/],
    [
      'a cost tag outside the allowed values',
      component({ 'finops.backstage.io/cost-tags': 'service=x,environment=qa' }),
      { requiredTags: [{ key: 'environment', values: ['prod', 'dev'], severity: 'error' }] },
      /environment=qa is not an allowed value/,
    ],
  ])('fails %s when the rule is an error, with what to add', async (_, entity, policy, message) => {
    const { errors } = await process(entity, { owner: 'off', annotations: 'off', costSource: { severity: 'off', kinds: [] }, ...policy });
    expect(errors).toEqual([expect.stringMatching(/^FinOps metadata policy: /)]);
    expect(errors[0]).toMatch(message);
  });

  it('only logs the same issues when the rules are warnings', async () => {
    const entity = component({ 'finops.backstage.io/monthly-budget': 'lots' }, 'team-gone');
    const { errors, warnings } = await process(entity, { owner: 'warn', annotations: 'warn', costSource: { severity: 'warn', kinds: ['Component'] } });
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^FinOps metadata policy \(warn\) for component:default\/checkout-api: /);
  });

  it('looks an owner up as a Group in the entity namespace, once a minute, and does not judge it when the lookup fails', async () => {
    let now = 0;
    let calls = 0;
    const processor = new FinopsMetadataProcessor({
      policy: { ...DEFAULT_METADATA_POLICY, owner: 'error', costSource: { severity: 'off', kinds: [] } },
      logger: mockServices.logger.mock(),
      now: () => now,
      ownerExists: async ref => {
        calls++;
        if (ref === 'group:default/flaky') {
          throw new Error('catalog unavailable');
        }
        return ref === 'group:default/team-a';
      },
    });
    const errorsOf = async (entity: Entity) => {
      const errors: string[] = [];
      await processor.postProcessEntity(entity, location, r => r.type === 'error' && errors.push(r.error.message));
      return errors;
    };
    expect(await errorsOf(component({}, 'team-a'))).toEqual([]);
    expect(await errorsOf(component({}, 'group:default/team-a'))).toEqual([]);
    expect(calls).toBe(1);
    now = 61_000;
    await errorsOf(component({}, 'team-a'));
    expect(calls).toBe(2);
    expect(await errorsOf(component({}, 'flaky'))).toEqual([]);
  });
});
