import { DEFAULT_METADATA_POLICY, type MetadataPolicy } from '@backstage-finops/plugin-finops-common';
import { parse } from 'yaml';
import { costTagsFor, writeCostMetadata } from './costMetadata';

const policy: MetadataPolicy = {
  ...DEFAULT_METADATA_POLICY,
  requiredTags: [
    { key: 'environment', values: ['prod', 'staging', 'dev'], severity: 'warn' },
    { key: 'cost-center', severity: 'warn' },
  ],
};

const file = `# The payments service.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api # its name in the catalog
  annotations:
    # Where its code is.
    github.com/project-slug: acme/payments-api
    finops.backstage.io/cost-tags: 'service=old'
    finops.backstage.io/unit-metrics: requests
spec:
  type: service
  lifecycle: experimental
  owner: team-payments
`;

describe('writeCostMetadata', () => {
  it('writes the cost tags and budget, keeping comments, formatting and the other annotations, replacing the FinOps ones it writes', () => {
    const result = writeCostMetadata(file, { tags: { environment: 'prod', team: 'payments' }, monthlyBudget: '1200 usd' }, policy);
    expect(result.annotations).toEqual({
      'finops.backstage.io/cost-tags': 'service=payments-api,environment=prod,team=payments',
      'finops.backstage.io/monthly-budget': '1200 USD',
    });
    expect(result.text).toContain('# The payments service.\n');
    expect(result.text).toContain('  name: payments-api # its name in the catalog\n');
    expect(result.text).toContain('    # Where its code is.\n    github.com/project-slug: acme/payments-api\n');
    // Replaced in place, not added twice.
    expect(result.text.match(/cost-tags/g)).toHaveLength(1);
    expect(parse(result.text).metadata.annotations).toEqual({
      'github.com/project-slug': 'acme/payments-api',
      'finops.backstage.io/cost-tags': 'service=payments-api,environment=prod,team=payments',
      'finops.backstage.io/unit-metrics': 'requests',
      'finops.backstage.io/monthly-budget': '1200 USD',
    });
    expect(parse(result.text).spec).toEqual({ type: 'service', lifecycle: 'experimental', owner: 'team-payments' });
  });

  it('adds the annotations map when there is none, and writes no budget when none is given', () => {
    const result = writeCostMetadata('kind: Component\nmetadata:\n  name: web\nspec:\n  owner: team-a\n', { tags: { environment: 'dev' }, monthlyBudget: '' }, policy);
    expect(result.annotations).toEqual({ 'finops.backstage.io/cost-tags': 'service=web,environment=dev' });
    expect(parse(result.text).metadata).toEqual({ name: 'web', annotations: { 'finops.backstage.io/cost-tags': 'service=web,environment=dev' } });
  });

  it('edits the Component of a file with several entities and leaves the others alone', () => {
    const text = `kind: Group\nmetadata: { name: team-a }\n---\n# the service\nkind: Component\nmetadata:\n  name: web\nspec: { owner: team-a }\n`;
    const result = writeCostMetadata(text, { tags: { environment: 'staging' } }, policy);
    expect(result.text).toBe(
      "kind: Group\nmetadata: { name: team-a }\n---\n# the service\nkind: Component\nmetadata:\n  name: web\n  annotations:\n    finops.backstage.io/cost-tags: service=web,environment=staging\nspec: { owner: team-a }\n",
    );
  });

  it('fails on a tag value outside the allowed set, naming the key and the allowed values', () => {
    expect(() => writeCostMetadata(file, { tags: { environment: 'production' } }, policy)).toThrow(
      'tags.environment: "production" is not an allowed value of environment (allowed: prod, staging, dev)',
    );
  });

  it('fails when a required tag with allowed values is not given', () => {
    expect(() => writeCostMetadata(file, { tags: { team: 'payments' } }, policy)).toThrow(
      'tags.environment is required by the FinOps metadata policy: give one of prod, staging, dev',
    );
  });

  it('fails on a budget that is not "<amount> <currency>", with the reason', () => {
    expect(() => writeCostMetadata(file, { tags: { environment: 'prod' }, monthlyBudget: '1200' }, policy)).toThrow(
      'monthlyBudget: "1200" is not "<amount> <currency>", e.g. "1200 USD"',
    );
    expect(() => writeCostMetadata(file, { tags: { environment: 'prod' }, monthlyBudget: '12OO USD' }, policy)).toThrow(
      'monthlyBudget: "12OO" is not a decimal number',
    );
    expect(() => writeCostMetadata(file, { tags: { environment: 'prod' }, monthlyBudget: '1200 dollars' }, policy)).toThrow(
      'monthlyBudget: "dollars" is not a currency code such as USD',
    );
  });

  it('fails on an error-severity issue of the policy in the result', () => {
    const strict: MetadataPolicy = { ...policy, owner: 'error' };
    expect(() => writeCostMetadata('kind: Component\nmetadata:\n  name: web\n', { tags: { environment: 'prod' } }, strict)).toThrow(
      /Component web does not meet the FinOps metadata policy: Component web has no spec.owner/,
    );
    // A broken FinOps annotation the action does not write is still checked.
    expect(() =>
      writeCostMetadata(
        'kind: Component\nmetadata:\n  name: web\n  annotations:\n    finops.backstage.io/cloud-accounts: ","\nspec: { owner: a }\n',
        { tags: { environment: 'prod' } },
        policy,
      ),
    ).toThrow(/does not meet the FinOps metadata policy: .*cloud-accounts/);
  });

  it('fails on a file with no Component, or that is not YAML', () => {
    expect(() => writeCostMetadata('kind: Group\nmetadata: { name: a }\n', {}, policy)).toThrow('catalog-info.yaml has no entity of kind Component');
    expect(() => writeCostMetadata('kind: [Component\n', {}, policy)).toThrow(/catalog-info.yaml is not valid YAML/);
  });
});

describe('costTagsFor', () => {
  it('puts service first, then the required tags in the policy order, then the others; keys match case-insensitively', () => {
    expect(costTagsFor('web', { team: 'web', 'Cost-Center': '42', Environment: 'prod' }, policy)).toEqual([
      ['service', 'web'],
      ['environment', 'prod'],
      ['cost-center', '42'],
      ['team', 'web'],
    ]);
  });

  it('takes a given service tag instead of the name, and rejects values that would break the annotation', () => {
    expect(costTagsFor('web', { service: 'web-frontend', environment: 'dev' }, policy)).toEqual([
      ['service', 'web-frontend'],
      ['environment', 'dev'],
    ]);
    expect(() => costTagsFor('web', { environment: 'dev', team: 'a,b' }, policy)).toThrow('tags.team: "a,b" is not a tag value');
    expect(() => costTagsFor('web', { environment: 'dev', 'a=b': 'c' }, policy)).toThrow('tags: "a=b" is not a tag key');
  });
});
