import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { finopsOrgReadPermission } from '@backstage-finops/plugin-finops-common';
import { downloadCsv } from '../../lib/csvExport';
import type {
  ComplianceResponse,
  OwnershipCoverageResponse,
  OwnershipSuggestionsResponse,
  PolicyFindingsResponse,
} from '../../lib/ownership';
import {
  freezeDate,
  LocationDisplay,
  responseError,
  shownSearchParams,
  Wrapper,
} from '../__testUtils__/fixtures';
import { FinopsPage } from '../FinopsPage';

jest.mock('../../lib/csvExport', () => ({
  ...jest.requireActual('../../lib/csvExport'),
  downloadCsv: jest.fn(),
}));

const BANDS: OwnershipCoverageResponse['bands'] = [
  { stage: 'crawl', minPercent: 70, inclusive: true },
  { stage: 'walk', minPercent: 85, inclusive: true },
  { stage: 'run', minPercent: 90, inclusive: false },
];

function coverage(query: {
  from: string;
  to: string;
  granularity?: 'day' | 'month';
  groupBy?: 'provider' | 'account';
}): OwnershipCoverageResponse {
  return {
    from: query.from,
    to: query.to,
    granularity: query.granularity ?? 'day',
    groupBy: query.groupBy ?? 'provider',
    currency: 'USD',
    currencies: ['USD'],
    total: '1000',
    allocated: '873',
    allocatedPercent: 87.3,
    series: [
      {
        date: '2026-03-14',
        total: '500',
        allocated: '450',
        allocatedPercent: 90,
      },
      {
        date: '2026-03-15',
        total: '500',
        allocated: '423',
        allocatedPercent: 84.6,
      },
    ],
    groups:
      query.groupBy === 'account'
        ? [
            {
              key: '482916301754',
              total: '1000',
              allocated: '873',
              allocatedPercent: 87.3,
              series: [],
            },
          ]
        : [
            {
              key: 'AWS',
              total: '900',
              allocated: '850',
              allocatedPercent: 94.4,
              series: [],
            },
            {
              key: 'Microsoft',
              total: '100',
              allocated: '23',
              allocatedPercent: 23,
              series: [],
            },
          ],
    bands: BANDS,
    dataThrough: '2026-03-15',
  };
}

function suggestions(
  items: OwnershipSuggestionsResponse['items'] = [
    {
      tags: { team: 'Team_Payments' },
      billingAccountId: '482916301754',
      subAccountId: '482916301754',
      amount: '95.25',
      topResources: [
        {
          resourceId: 'i-0abc',
          serviceName: 'Amazon Elastic Compute Cloud',
          amount: '80',
        },
      ],
      suggestions: [
        {
          entityRef: 'group:default/team-payments',
          confidence: 0.82,
          evidence: [
            {
              kind: 'tagValue',
              detail: 'Team_Payments is team-payments in another case',
            },
          ],
        },
        {
          entityRef: 'component:default/checkout-api',
          confidence: 0.3,
          evidence: [
            {
              kind: 'accountSpend',
              detail: '60% of the account goes to checkout-api',
            },
          ],
        },
      ],
    },
    {
      tags: {},
      billingAccountId: '999',
      subAccountId: '',
      amount: '4.5',
      topResources: [],
      suggestions: [],
    },
  ],
): OwnershipSuggestionsResponse {
  return {
    from: '2026-02-14',
    to: '2026-03-16',
    currency: 'USD',
    currencies: ['USD'],
    minConfidence: 0.1,
    items,
  };
}

function findings(
  overrides: Partial<PolicyFindingsResponse> = {},
): PolicyFindingsResponse {
  return {
    from: '2026-02-14',
    to: '2026-03-16',
    currency: 'USD',
    currencies: ['USD'],
    requiredTags: [
      { key: 'team', severity: 'error' },
      {
        key: 'environment',
        values: ['prod', 'staging', 'dev'],
        severity: 'warn',
      },
    ],
    findings: [
      {
        kind: 'value-not-allowed',
        severity: 'warn',
        tagKey: 'environment',
        value: 'production',
        message: 'environment=production is not one of prod, staging, dev',
        amount: '12.5',
        monthlyAmount: '12.5',
        costKeys: 1,
        examples: [
          {
            tags: { environment: 'production' },
            billingAccountId: '482916301754',
            subAccountId: '482916301754',
            amount: '12.5',
          },
        ],
      },
      {
        kind: 'missing-tag',
        severity: 'error',
        tagKey: 'team',
        value: null,
        message: 'no team tag',
        amount: '300.75',
        monthlyAmount: '300',
        costKeys: 3,
        examples: [],
      },
    ],
    ...overrides,
  };
}

const compliance: ComplianceResponse = {
  entityRef: 'group:default/team-payments',
  from: '2026-02-14',
  to: '2026-03-16',
  score: { compliant: 1, total: 2, percent: 50 },
  entities: [
    {
      entityRef: 'component:default/checkout-api',
      kind: 'Component',
      issues: [
        {
          rule: 'cost-source',
          severity: 'error',
          message: 'checkout-api declares no way to find its cost',
          fix: "metadata:\n  annotations:\n    finops.backstage.io/cost-tags: 'service=checkout-api'",
        },
      ],
    },
    { entityRef: 'component:default/ledger', kind: 'Component', issues: [] },
  ],
  unallocatedInAccounts: {
    currency: 'USD',
    amount: '40',
    accounts: [{ account: '482916301754', amount: '40' }],
  },
};

const teamPayments = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'team-payments',
    namespace: 'default',
    title: 'Payments',
    annotations: {
      'backstage.io/edit-url':
        'https://github.com/acme/org/edit/main/teams/payments.yaml',
    },
  },
};

function permissions(...allowed: string[]) {
  return mockApis.permission({
    authorize: request =>
      allowed.includes(request.permission.name) ? 'ALLOW' : 'DENY',
  });
}

describe('the Ownership tab', () => {
  let restoreDate: () => void;
  beforeEach(() => {
    freezeDate('2026-03-16T12:00:00Z');
    restoreDate = () => jest.useRealTimers();
    jest.mocked(downloadCsv).mockClear();
  });
  afterEach(() => restoreDate());

  const api = () => ({
    getOwnershipCoverage: jest.fn(async (query: any) => coverage(query)),
    getOwnershipSuggestions: jest.fn(async () => suggestions()),
    getOwnershipFindings: jest.fn(async () => findings()),
    getOwnershipCompliance: jest.fn(async () => compliance),
  });

  async function render(
    finopsApi: Record<string, jest.Mock>,
    url = '/finops?tab=ownership',
    allowed = [finopsOrgReadPermission.name],
  ) {
    await renderInTestApp(
      <Wrapper
        api={finopsApi}
        apis={[
          [
            catalogApiRef,
            {
              queryEntities: jest.fn(async () => ({
                items: [],
                totalItems: 0,
                pageInfo: {},
              })),
              getEntities: jest.fn(async () => ({ items: [teamPayments] })),
              getEntitiesByRefs: jest.fn(async (request: any) => ({
                items: request.entityRefs.map((ref: string) =>
                  ref === 'group:default/team-payments'
                    ? teamPayments
                    : undefined,
                ),
              })),
            },
          ],
          [permissionApiRef, permissions(...allowed)],
        ]}
      >
        <FinopsPage />
        <LocationDisplay />
      </Wrapper>,
      {
        routeEntries: [url],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
  }

  it("shows the period's coverage and stage, the chart's bands and a row per provider", async () => {
    const finopsApi = api();
    await render(finopsApi);
    expect(
      await screen.findByTestId('finops-ownership-coverage-figure'),
    ).toHaveTextContent('87.3% allocated — Walk');
    expect(screen.getByRole('tab', { name: 'Ownership' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(finopsApi.getOwnershipCoverage).toHaveBeenCalledWith(
      expect.objectContaining({ granularity: 'day', groupBy: 'provider' }),
    );
    const rows = screen.getAllByTestId('finops-ownership-coverage-row');
    expect(rows.map(row => row.textContent)).toEqual([
      'AWS$900.00$850.0094.4%Run',
      'Microsoft$100.00$23.0023.0%below crawl',
    ]);
  });

  it('keeps granularity and grouping in the URL and asks for them', async () => {
    const finopsApi = api();
    await render(finopsApi);
    await screen.findByTestId('finops-ownership-coverage-figure');
    await userEvent.click(screen.getByRole('button', { name: 'Per account' }));
    await waitFor(() =>
      expect(
        screen.getAllByTestId('finops-ownership-coverage-row')[0],
      ).toHaveTextContent('482916301754'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Monthly' }));
    await waitFor(() =>
      expect(finopsApi.getOwnershipCoverage).toHaveBeenLastCalledWith(
        expect.objectContaining({ granularity: 'month', groupBy: 'account' }),
      ),
    );
    const params = shownSearchParams(
      screen.getByTestId('location').textContent,
    );
    expect(params.get('tab')).toBe('ownership');
    expect(params.get('groupBy')).toBe('account');
    expect(params.get('granularity')).toBe('month');
  });

  it('exports the coverage per provider as CSV with exact amounts', async () => {
    await render(api());
    await screen.findByTestId('finops-ownership-coverage-figure');
    await userEvent.click(
      screen.getByRole('button', {
        name: /allocation coverage per provider or account/,
      }),
    );
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toContain('coverage-by-provider');
    expect(table.header).toEqual([
      'provider',
      'total',
      'allocated',
      'allocatedPercent',
      'stage',
      'currency',
    ]);
    expect(table.rows[0]).toEqual(['AWS', '900', '850', 94.4, 'run', 'USD']);
  });

  it('lists unallocated spend with suggested owners, confidence, evidence and the annotation to add', async () => {
    await render(api());
    const items = await screen.findAllByTestId('finops-suggestion-item');
    expect(items).toHaveLength(2);
    const first = within(items[0]);
    expect(items[0]).toHaveTextContent('$95.25');
    expect(items[0]).toHaveTextContent('team=Team_Payments');
    expect(items[0]).toHaveTextContent('i-0abc');
    const [best, other] = first.getAllByTestId('finops-suggestion');
    expect(
      within(best).getByTestId('finops-suggestion-confidence'),
    ).toHaveTextContent('82% confidence · high');
    expect(best).toHaveTextContent(
      'Team_Payments is team-payments in another case',
    );
    expect(
      within(best).getByRole('link', { name: 'team-payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(
      within(best).getByTestId('finops-suggestion-yaml'),
    ).toHaveTextContent("finops.backstage.io/cost-tags: 'team=Team_Payments'");
    expect(
      await within(best).findByRole('link', { name: /Edit catalog-info.yaml/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/org/edit/main/teams/payments.yaml',
    );
    expect(
      within(best).getByLabelText('Copy the annotation'),
    ).toBeInTheDocument();
    expect(
      within(other).getByTestId('finops-suggestion-confidence'),
    ).toHaveTextContent('30% confidence · medium');
    expect(
      within(other).getByTestId('finops-suggestion-yaml'),
    ).toHaveTextContent("finops.backstage.io/cloud-accounts: '482916301754'");
    expect(
      within(other).queryByRole('link', { name: /Edit catalog-info.yaml/ }),
    ).not.toBeInTheDocument();
    expect(items[1]).toHaveTextContent('no tags');
    expect(items[1]).toHaveTextContent('No owner could be suggested');
  });

  it('exports the suggestions as CSV, a row per suggestion', async () => {
    await render(api());
    await screen.findAllByTestId('finops-suggestion-item');
    await userEvent.click(
      screen.getByRole('button', {
        name: /Largest unallocated spend and suggested owners/,
      }),
    );
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toContain('unallocated-suggestions');
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]).toEqual([
      '{"team":"Team_Payments"}',
      '482916301754',
      '482916301754',
      '95.25',
      'USD',
      'i-0abc (Amazon Elastic Compute Cloud): 80',
      'group:default/team-payments',
      0.82,
      'finops.backstage.io/cost-tags: team=Team_Payments',
      'Team_Payments is team-payments in another case',
    ]);
    expect(table.rows[2].slice(6)).toEqual(['', '', '', '']);
  });

  it('says when nothing is unallocated, and shows an error with retry', async () => {
    const finopsApi = api();
    finopsApi.getOwnershipSuggestions.mockImplementation(async () =>
      suggestions([]),
    );
    finopsApi.getOwnershipFindings.mockImplementation(async () => {
      throw await responseError(500, 'Internal Server Error', {
        name: 'Error',
        message: 'findings broke',
      });
    });
    await render(finopsApi);
    expect(
      await screen.findByText('All spend in this period is allocated.'),
    ).toBeInTheDocument();
    expect(
      await within(screen.getByTestId('finops-ownership-findings')).findByText(
        /findings broke/,
      ),
    ).toBeInTheDocument();
  });

  it('lists policy findings worst first, in words, with their cost per period and month', async () => {
    await render(api());
    const rows = await screen.findAllByTestId('finops-finding-row');
    expect(rows[0]).toHaveTextContent('Required tag missing');
    expect(rows[0]).toHaveTextContent('$300.75');
    expect(rows[0]).toHaveTextContent('$300.00/month');
    expect(rows[0]).toHaveTextContent('(missing)');
    expect(rows[0]).toHaveTextContent('3 tag sets');
    expect(rows[1]).toHaveTextContent('Value not allowed');
    expect(rows[1]).toHaveTextContent('production');
    expect(rows[1]).toHaveTextContent('Warning');
    expect(rows[1]).toHaveTextContent('environment=production');
    expect(screen.getByTestId('finops-ownership-findings')).toHaveTextContent(
      'Required tags checked: team, environment (prod, staging, dev).',
    );
  });

  it('says which required tags were checked when there is no finding, or that none are configured', async () => {
    const finopsApi = api();
    finopsApi.getOwnershipFindings.mockImplementation(async () =>
      findings({ findings: [] }),
    );
    await render(finopsApi);
    expect(
      await screen.findByTestId('finops-findings-empty'),
    ).toHaveTextContent('(team, environment (prod, staging, dev))');
  });

  it('says that no required tags are configured', async () => {
    const finopsApi = api();
    finopsApi.getOwnershipFindings.mockImplementation(async () =>
      findings({ findings: [], requiredTags: [] }),
    );
    await render(finopsApi);
    expect(
      await screen.findByTestId('finops-findings-empty'),
    ).toHaveTextContent('finops.metadataPolicy.requiredTags');
  });

  it("shows a team's score, its entities' issues with the YAML fix, and unallocated spend in its accounts", async () => {
    const finopsApi = api();
    await render(
      finopsApi,
      '/finops?tab=ownership&team=group:default/team-payments',
    );
    expect(
      await screen.findByTestId('finops-compliance-score'),
    ).toHaveTextContent('50.0% compliant (1 of 2 entities)');
    expect(finopsApi.getOwnershipCompliance).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'group:default/team-payments' }),
    );
    const entities = screen.getAllByTestId('finops-compliance-entity');
    expect(entities).toHaveLength(1);
    expect(entities[0]).toHaveTextContent(
      'checkout-api declares no way to find its cost',
    );
    expect(
      within(entities[0]).getByTestId('finops-compliance-fix'),
    ).toHaveTextContent(
      "finops.backstage.io/cost-tags: 'service=checkout-api'",
    );
    expect(screen.getByTestId('finops-compliance')).toHaveTextContent(
      '$40.00 unallocated in the team’s accounts: 482916301754 ($40.00)',
    );
  });

  it('asks for a team, and picking one puts it in the URL', async () => {
    const finopsApi = api();
    await render(finopsApi);
    expect(
      await screen.findByText('Pick a team to see its score and what to fix.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Team'));
    await userEvent.click(await screen.findByText('Payments'));
    await screen.findByTestId('finops-compliance-score');
    expect(
      shownSearchParams(screen.getByTestId('location').textContent).get('team'),
    ).toBe('group:default/team-payments');
  });

  it("shows the compliance request's error", async () => {
    const finopsApi = api();
    finopsApi.getOwnershipCompliance.mockImplementation(async () => {
      throw await responseError(500, 'Internal Server Error', {
        name: 'Error',
        message: 'compliance broke',
      });
    });
    await render(
      finopsApi,
      '/finops?tab=ownership&team=group:default/team-payments',
    );
    expect(await screen.findByText(/compliance broke/)).toBeInTheDocument();
  });

  it('shows the coverage request’s error', async () => {
    const finopsApi = api();
    finopsApi.getOwnershipCoverage.mockImplementation(async () => {
      throw await responseError(500, 'Internal Server Error', {
        name: 'Error',
        message: 'coverage broke',
      });
    });
    await render(finopsApi);
    expect(await screen.findByText(/coverage broke/)).toBeInTheDocument();
  });
});
