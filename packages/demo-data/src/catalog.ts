/**
 * The demo organisation: teams, people, systems and services whose cloud
 * spend the demo billing data carries. Rendered to examples/finops-demo.yaml
 * by {@link renderDemoCatalogYaml}; a test keeps the two equal.
 */

/** A Group of the demo organisation. */
export interface DemoGroup {
  name: string;
  type: 'organization' | 'department' | 'team';
  parent?: string;
  title: string;
  description: string;
  annotations?: Record<string, string>;
}

/** A User of the demo organisation. */
export interface DemoUser {
  name: string;
  displayName: string;
  memberOf: string[];
}

/** A System of the demo catalog. */
export interface DemoSystem {
  name: string;
  owner: string;
  domain?: string;
  description: string;
}

/** A Component or Resource of the demo catalog that has cloud spend. */
export interface DemoComponent {
  name: string;
  kind: 'Component' | 'Resource';
  type: string;
  owner: string;
  system: string;
  description: string;
  annotations?: Record<string, string>;
}

/** The annotation that gives an entity a monthly budget, e.g. `1200 USD`. */
export const MONTHLY_BUDGET_ANNOTATION = 'finops.backstage.io/monthly-budget';

/**
 * The demo's monthly budgets, sized from the demo's own cost (about what a
 * 31-day month costs at the end of the data, see the README): every month
 * `team-payments` is at risk (its forecast, some 5 400 USD, above its
 * 4 800 USD until month-to-date passes it around the 25th) and
 * `legacy-billing` over (deprecated, budgeted at what its storage should
 * cost once switched off, and passed on the 3rd); the rest on track, with
 * 15–60 % to spare.
 */
export const DEMO_BUDGETS: Record<string, string> = {
  'group:team-payments': '4800 USD',
  'group:team-data': '7500 USD',
  'component:checkout-api': '3000 USD',
  'component:legacy-billing': '50 USD',
  'component:web-frontend': '1500 USD',
  'component:analytics-pipeline': '5000 USD',
};

function budgetAnnotation(ref: string): Record<string, string> {
  const budget = DEMO_BUDGETS[ref];
  return budget ? { [MONTHLY_BUDGET_ANNOTATION]: budget } : {};
}

/** The AWS billing (management) account and its sub-accounts: 12-digit ids. */
export const DEMO_ACCOUNTS = {
  /** The management account that receives the invoice; also where tax lands. */
  billing: '318945520417',
  /** Production workloads of every team, tagged. */
  production: '482916301754',
  /** Staging and dev environments, running all week. */
  nonProduction: '739204815562',
  /** Shared networking and the untagged leftovers. */
  shared: '561038294670',
  /** CI build runners, untagged: attributed by account to `ci-runners`. */
  ci: '904812337161',
} as const;

/** Display names of the AWS accounts, by id. */
export const DEMO_ACCOUNT_NAMES: Record<string, string> = {
  [DEMO_ACCOUNTS.billing]: 'demo-corp-management',
  [DEMO_ACCOUNTS.production]: 'demo-corp-prod',
  [DEMO_ACCOUNTS.nonProduction]: 'demo-corp-nonprod',
  [DEMO_ACCOUNTS.shared]: 'demo-corp-shared',
  [DEMO_ACCOUNTS.ci]: 'demo-corp-ci',
};

/** The small Azure slice: one EA billing account, one subscription. */
export const DEMO_AZURE = {
  billingAccount: '84920317',
  billingAccountName: 'Demo Corp EA',
  subscription: '/subscriptions/0b6f3e1c-2d4a-4f8b-9c7e-5a1d2e3f4b6c',
  subscriptionName: 'storefront-search-prod',
} as const;

export const DEMO_GROUPS: DemoGroup[] = [
  {
    name: 'org',
    type: 'organization',
    title: 'Demo Corp',
    description: 'The whole company',
  },
  {
    name: 'engineering',
    type: 'department',
    parent: 'org',
    title: 'Engineering',
    description: 'Everyone who builds and runs the product',
  },
  {
    name: 'team-payments',
    type: 'team',
    parent: 'engineering',
    title: 'Payments',
    description: 'Checkout, payments and fraud',
    annotations: budgetAnnotation('group:team-payments'),
  },
  {
    name: 'team-storefront',
    type: 'team',
    parent: 'engineering',
    title: 'Storefront',
    description: 'The shop, its catalog and search',
  },
  {
    name: 'team-data',
    type: 'team',
    parent: 'engineering',
    title: 'Data',
    description: 'Analytics pipeline and warehouse',
    annotations: budgetAnnotation('group:team-data'),
  },
  {
    name: 'team-platform',
    type: 'team',
    parent: 'engineering',
    title: 'Platform',
    description: 'Kubernetes, CI and shared infrastructure',
  },
  {
    name: 'finops',
    type: 'team',
    parent: 'org',
    title: 'FinOps',
    description: 'Cloud cost visibility and optimisation',
  },
  {
    name: 'guests',
    type: 'team',
    title: 'Guests',
    description: 'Demo visitors',
  },
];

export const DEMO_USERS: DemoUser[] = [
  // The demo signs in as guest; membership of team-payments lets the visitor "own" something.
  {
    name: 'guest',
    displayName: 'Guest',
    memberOf: ['guests', 'team-payments'],
  },
  { name: 'alice', displayName: 'Alice Adams', memberOf: ['team-payments'] },
  { name: 'bob', displayName: 'Bob Brown', memberOf: ['team-storefront'] },
  { name: 'carol', displayName: 'Carol Clark', memberOf: ['team-data'] },
  { name: 'dave', displayName: 'Dave Davis', memberOf: ['team-platform'] },
  { name: 'erin', displayName: 'Erin Evans', memberOf: ['finops'] },
];

export const DEMO_DOMAINS = [
  {
    name: 'commerce',
    owner: 'engineering',
    description: 'Everything that sells',
  },
];

export const DEMO_SYSTEMS: DemoSystem[] = [
  {
    name: 'payments',
    owner: 'team-payments',
    domain: 'commerce',
    description: 'Taking money from customers',
  },
  {
    name: 'storefront',
    owner: 'team-storefront',
    domain: 'commerce',
    description: 'What customers browse and buy',
  },
  {
    name: 'data-platform',
    owner: 'team-data',
    description: 'Analytics and the warehouse',
  },
  {
    name: 'platform',
    owner: 'team-platform',
    description: 'Kubernetes, CI and shared infrastructure',
  },
];

/** The cost-tags annotation value of legacy-billing: its resources carry only these tags. */
export const LEGACY_BILLING_TAGS = {
  app: 'legacy-billing-v1',
  'cost-center': 'cc-4410',
} as const;

export const DEMO_COMPONENTS: DemoComponent[] = [
  {
    name: 'checkout-api',
    kind: 'Component',
    type: 'service',
    owner: 'team-payments',
    system: 'payments',
    description: 'Checkout and order placement API',
    annotations: {
      'finops.backstage.io/unit-metrics': 'orders, requests',
      ...budgetAnnotation('component:checkout-api'),
    },
  },
  {
    name: 'payment-gateway',
    kind: 'Component',
    type: 'service',
    owner: 'team-payments',
    system: 'payments',
    description: 'Talks to card processors',
  },
  {
    name: 'fraud-detector',
    kind: 'Component',
    type: 'service',
    owner: 'team-payments',
    system: 'payments',
    description: 'Scores orders for fraud',
  },
  {
    name: 'legacy-billing',
    kind: 'Component',
    type: 'service',
    owner: 'team-payments',
    system: 'payments',
    description: 'The old invoicing system, tagged before the tagging policy',
    annotations: {
      'finops.backstage.io/cost-tags': Object.entries(LEGACY_BILLING_TAGS)
        .map(([key, value]) => `${key}=${value}`)
        .join(','),
      ...budgetAnnotation('component:legacy-billing'),
    },
  },
  {
    name: 'web-frontend',
    kind: 'Component',
    type: 'website',
    owner: 'team-storefront',
    system: 'storefront',
    description: 'The shop website',
    annotations: {
      'finops.backstage.io/unit-metrics': 'requests',
      ...budgetAnnotation('component:web-frontend'),
    },
  },
  {
    name: 'product-catalog',
    kind: 'Component',
    type: 'service',
    owner: 'team-storefront',
    system: 'storefront',
    description: 'Products, prices and stock',
  },
  {
    name: 'search-service',
    kind: 'Component',
    type: 'service',
    owner: 'team-storefront',
    system: 'storefront',
    description: 'Product search, partly on Azure',
    annotations: { 'finops.backstage.io/unit-metrics': 'queries' },
  },
  {
    name: 'analytics-pipeline',
    kind: 'Component',
    type: 'service',
    owner: 'team-data',
    system: 'data-platform',
    description: 'Event ingestion and batch jobs',
    annotations: {
      'finops.backstage.io/unit-metrics': 'events',
      ...budgetAnnotation('component:analytics-pipeline'),
    },
  },
  {
    name: 'data-warehouse',
    kind: 'Resource',
    type: 'database',
    owner: 'team-data',
    system: 'data-platform',
    description: 'The analytics warehouse',
  },
  {
    name: 'k8s-platform',
    kind: 'Component',
    type: 'service',
    owner: 'team-platform',
    system: 'platform',
    description: 'Shared Kubernetes clusters',
  },
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

/**
 * The name of the `index`-th synthetic component (1-based) of scaled data:
 * `svc-0001`, `svc-0002`, …
 */
export function syntheticComponentName(index: number): string {
  return `svc-${String(index).padStart(4, '0')}`;
}

/**
 * The components whose spend the generated data carries at a scale: the demo
 * components, then for scale > 1 `11 × (scale − 1)` synthetic ones
 * (`svc-0001`…), each a copy of a demo component (same owner and system, plain
 * `service` tags), in the order the generator uses.
 */
export function demoComponentsAtScale(
  scale = 1,
): Array<DemoComponent & { template: string }> {
  const copies = normalizeScale(scale);
  const result: Array<DemoComponent & { template: string }> =
    DEMO_COMPONENTS.map(c => ({ ...c, template: c.name }));
  for (let copy = 1; copy < copies; copy++) {
    for (const [i, template] of DEMO_COMPONENTS.entries()) {
      result.push({
        name: syntheticComponentName(
          (copy - 1) * DEMO_COMPONENTS.length + i + 1,
        ),
        kind: 'Component',
        type: 'service',
        owner: template.owner,
        system: template.system,
        description: `Synthetic copy of ${template.name}`,
        template: template.name,
      });
    }
  }
  return result;
}

/** Scale as a whole number of catalog copies, at least 1. */
export function normalizeScale(scale: number | undefined): number {
  const value = Math.floor(scale ?? 1);
  if (!Number.isFinite(value) || value < 1) {
    throw new Error(`scale must be a number >= 1, not ${scale}`);
  }
  return value;
}

/** A YAML single-quoted scalar (as prettier writes them). */
function quoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A YAML scalar: plain when that is unambiguous, else single-quoted. */
function scalar(value: string): string {
  return /^[A-Za-z][A-Za-z0-9 ._/-]*$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value)
    ? value
    : quoted(value);
}

function list(values: string[]): string {
  return `[${values.map(scalar).join(', ')}]`;
}

function entity(
  kind: string,
  metadata: {
    name: string;
    description?: string;
    annotations?: Record<string, string>;
  },
  spec: Array<[string, string | undefined]>,
): string {
  const lines = [
    'apiVersion: backstage.io/v1alpha1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${metadata.name}`,
  ];
  if (metadata.description) {
    lines.push(`  description: ${scalar(metadata.description)}`);
  }
  const annotations = Object.entries(metadata.annotations ?? {});
  if (annotations.length) {
    lines.push(
      '  annotations:',
      ...annotations.map(([key, value]) => `    ${key}: ${quoted(value)}`),
    );
  }
  lines.push('spec:');
  for (const [key, value] of spec) {
    if (value !== undefined) {
      lines.push(
        value.startsWith('\n')
          ? `  ${key}:${value.replace(/\n/g, '\n    ')}`
          : `  ${key}: ${value}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The demo catalog as multi-document Backstage YAML: Groups, Users, Domain,
 * Systems, Components and Resources. With `scale` > 1 it also holds the
 * synthetic components of scaled billing data (for benchmarks).
 */
export function renderDemoCatalogYaml(
  options: { scale?: number } = {},
): string {
  const docs: string[] = [];
  for (const group of DEMO_GROUPS) {
    const children = DEMO_GROUPS.filter(g => g.parent === group.name).map(
      g => g.name,
    );
    docs.push(
      entity('Group', group, [
        ['type', group.type],
        ['profile', `\ndisplayName: ${scalar(group.title)}`],
        ['parent', group.parent],
        ['children', list(children)],
      ]),
    );
  }
  for (const user of DEMO_USERS) {
    docs.push(
      entity('User', user, [
        [
          'profile',
          `\ndisplayName: ${scalar(user.displayName)}\nemail: ${
            user.name
          }@example.com`,
        ],
        ['memberOf', list(user.memberOf)],
      ]),
    );
  }
  for (const domain of DEMO_DOMAINS) {
    docs.push(entity('Domain', domain, [['owner', domain.owner]]));
  }
  for (const system of DEMO_SYSTEMS) {
    docs.push(
      entity('System', system, [
        ['owner', system.owner],
        ['domain', system.domain],
      ]),
    );
  }
  const lifecycle = (component: DemoComponent) => {
    if (component.kind !== 'Component') return undefined;
    return component.name === 'legacy-billing' ? 'deprecated' : 'production';
  };
  for (const component of demoComponentsAtScale(options.scale)) {
    docs.push(
      entity(component.kind, component, [
        ['type', component.type],
        ['lifecycle', lifecycle(component)],
        ['owner', component.owner],
        ['system', component.system],
      ]),
    );
  }
  return `# Generated by packages/demo-data (renderDemoCatalogYaml); do not edit by hand.\n---\n${docs.join(
    '---\n',
  )}`;
}
