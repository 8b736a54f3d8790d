/**
 * The demo organisation: teams, systems and services whose cloud spend the
 * demo billing data carries. Rendered to examples/finops-demo.yaml.
 */

export interface DemoGroup {
  name: string;
  type: 'organization' | 'department' | 'team';
  parent?: string;
  title: string;
}

export interface DemoComponent {
  name: string;
  kind: 'Component' | 'Resource';
  type: string;
  owner: string;
  system: string;
  description: string;
  annotations?: Record<string, string>;
}

/** The AWS billing account and its sub-accounts. */
export const DEMO_ACCOUNTS = {
  billing: '100000000001',
  production: '200000000002',
  staging: '300000000003',
  shared: '400000000004',
  ci: '500000000005',
} as const;

export const DEMO_GROUPS: DemoGroup[] = [
  { name: 'org', type: 'organization', title: 'Demo Corp' },
  { name: 'engineering', type: 'department', parent: 'org', title: 'Engineering' },
  { name: 'team-payments', type: 'team', parent: 'engineering', title: 'Payments' },
  { name: 'team-storefront', type: 'team', parent: 'engineering', title: 'Storefront' },
  { name: 'team-data', type: 'team', parent: 'engineering', title: 'Data' },
  { name: 'team-platform', type: 'team', parent: 'engineering', title: 'Platform' },
  { name: 'finops', type: 'team', parent: 'org', title: 'FinOps' },
  { name: 'guests', type: 'team', title: 'Guests' },
];

export const DEMO_USERS: Array<{ name: string; memberOf: string[] }> = [
  { name: 'guest', memberOf: ['guests', 'team-payments'] },
  { name: 'alice', memberOf: ['team-payments'] },
  { name: 'bob', memberOf: ['team-storefront'] },
  { name: 'carol', memberOf: ['team-data'] },
  { name: 'dave', memberOf: ['team-platform'] },
  { name: 'erin', memberOf: ['finops'] },
];

export const DEMO_SYSTEMS = [
  { name: 'payments', owner: 'team-payments', domain: 'commerce', description: 'Taking money from customers' },
  { name: 'storefront', owner: 'team-storefront', domain: 'commerce', description: 'What customers browse and buy' },
  { name: 'data-platform', owner: 'team-data', description: 'Analytics and the warehouse' },
  { name: 'platform', owner: 'team-platform', description: 'Kubernetes, CI and shared infrastructure' },
];

export const DEMO_COMPONENTS: DemoComponent[] = [
  { name: 'checkout-api', kind: 'Component', type: 'service', owner: 'team-payments', system: 'payments', description: 'Checkout and order placement API' },
  { name: 'payment-gateway', kind: 'Component', type: 'service', owner: 'team-payments', system: 'payments', description: 'Talks to card processors' },
  { name: 'fraud-detector', kind: 'Component', type: 'service', owner: 'team-payments', system: 'payments', description: 'Scores orders for fraud' },
  {
    name: 'legacy-billing',
    kind: 'Component',
    type: 'service',
    owner: 'team-payments',
    system: 'payments',
    description: 'The old invoicing system, tagged before the tagging policy',
    annotations: { 'finops.backstage.io/cost-tags': 'app=legacy-billing-v1,cost-center=cc-4410' },
  },
  { name: 'web-frontend', kind: 'Component', type: 'website', owner: 'team-storefront', system: 'storefront', description: 'The shop website' },
  { name: 'product-catalog', kind: 'Component', type: 'service', owner: 'team-storefront', system: 'storefront', description: 'Products, prices and stock' },
  { name: 'search-service', kind: 'Component', type: 'service', owner: 'team-storefront', system: 'storefront', description: 'Product search' },
  { name: 'analytics-pipeline', kind: 'Component', type: 'service', owner: 'team-data', system: 'data-platform', description: 'Event ingestion and batch jobs' },
  { name: 'data-warehouse', kind: 'Resource', type: 'database', owner: 'team-data', system: 'data-platform', description: 'The analytics warehouse' },
  { name: 'k8s-platform', kind: 'Component', type: 'service', owner: 'team-platform', system: 'platform', description: 'Shared Kubernetes clusters' },
  {
    name: 'ci-runners',
    kind: 'Component',
    type: 'service',
    owner: 'team-platform',
    system: 'platform',
    description: 'CI build runners in their own AWS account',
    annotations: { 'finops.backstage.io/cloud-accounts': DEMO_ACCOUNTS.ci },
  },
];

/** The demo catalog as multi-document Backstage YAML. */
export function renderDemoCatalogYaml(): string {
  const docs: string[] = [];
  const header = (kind: string, name: string, extra = '') =>
    `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;
  for (const group of DEMO_GROUPS) {
    const children = DEMO_GROUPS.filter(g => g.parent === group.name).map(g => g.name);
    docs.push(
      `${header('Group', group.name)}spec:\n  type: ${group.type}\n  profile:\n    displayName: ${group.title}\n${
        group.parent ? `  parent: ${group.parent}\n` : ''
      }  children: [${children.join(', ')}]\n`,
    );
  }
  for (const user of DEMO_USERS) {
    docs.push(`${header('User', user.name)}spec:\n  memberOf: [${user.memberOf.join(', ')}]\n`);
  }
  docs.push(`${header('Domain', 'commerce', '  description: Everything that sells\n')}spec:\n  owner: engineering\n`);
  for (const system of DEMO_SYSTEMS) {
    docs.push(
      `${header('System', system.name, `  description: ${system.description}\n`)}spec:\n  owner: ${system.owner}\n${
        system.domain ? `  domain: ${system.domain}\n` : ''
      }`,
    );
  }
  for (const component of DEMO_COMPONENTS) {
    const annotations = Object.entries(component.annotations ?? {});
    const meta =
      `  description: ${component.description}\n` +
      (annotations.length ? `  annotations:\n${annotations.map(([k, v]) => `    ${k}: "${v}"\n`).join('')}` : '');
    docs.push(
      `${header(component.kind, component.name, meta)}spec:\n  type: ${component.type}\n${
        component.kind === 'Component' ? '  lifecycle: production\n' : ''
      }  owner: ${component.owner}\n  system: ${component.system}\n`,
    );
  }
  return `# Generated by packages/demo-data (renderDemoCatalogYaml); do not edit by hand.\n---\n${docs.join('---\n')}`;
}
