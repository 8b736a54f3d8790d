import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  finopsOrgReadPermission,
  finopsSourcesAdminPermission,
  type CoverageResponse,
  type OverviewResponse,
} from '@backstage-finops/plugin-finops-common';
import { downloadCsv } from '../../lib/csvExport';
import {
  freezeDate,
  LocationDisplay,
  organisationUnitCosts,
  responseError,
  shownSearchParams,
  Wrapper,
} from '../__testUtils__/fixtures';
import { FinopsPage } from './FinopsPage';

jest.mock('../../lib/csvExport', () => ({
  ...jest.requireActual('../../lib/csvExport'),
  downloadCsv: jest.fn(),
}));

function overview(query: { from: string; to: string }): OverviewResponse {
  return {
    unitCosts: organisationUnitCosts(),
    from: query.from,
    to: query.to,
    granularity: 'day',
    costMetric: 'EffectiveCost',
    currency: 'USD',
    currencies: ['USD'],
    total: { amount: '20397.7270987031', currency: 'USD' },
    previousTotal: { amount: '19816.891726097', currency: 'USD' },
    changeRatio: 0.02931011,
    series: [
      { date: '2026-03-14', amount: '10000' },
      { date: '2026-03-15', amount: '10397.7270987031', settling: true },
    ],
    byTeam: [
      { key: 'group:default/engineering', amount: '18115.7236246031' },
      { key: '(unowned)', amount: '2282.0034741' },
    ],
    byServiceCategory: [
      { key: 'Compute', amount: '12000' },
      { key: 'Storage', amount: '8397.7270987031' },
    ],
    byAccount: [
      { key: '482916301754', amount: '20000' },
      { key: '=cmd|calc', amount: '397.7270987031' },
    ],
    byProvider: [
      { key: 'AWS', amount: '20018.6137187031' },
      { key: 'Microsoft', amount: '379.11338' },
    ],
    movers: {
      minimumAmount: '100',
      increases: [
        {
          entityRef: 'component:default/analytics-pipeline',
          amount: '3920.3208978',
          previousAmount: '3866.9056978',
          change: '53.4152',
          changeRatio: 0.01381342,
        },
      ],
      decreases: [
        {
          entityRef: 'component:default/fraud-detector',
          amount: '1184.0947863653',
          previousAmount: '1666.5923622102',
          change: '-482.4975758449',
          changeRatio: -0.28951145,
        },
      ],
    },
    coverage: {
      allocatedPercent: 88.812461,
      monthly: [
        {
          month: '2026-02-01',
          total: '100',
          allocated: '65',
          allocatedPercent: 65,
        },
        {
          month: '2026-03-01',
          total: '20297.7270987031',
          allocated: '18050.7236246031',
          allocatedPercent: 88.93,
        },
      ],
    },
    sources: [
      {
        sourceId: 'demo',
        dataThrough: '2026-03-15',
        lastImportedAt: '2026-03-15T09:50:00Z',
        nextRunAt: '2026-03-15T10:20:00Z',
      },
    ],
    dataThrough: '2026-03-15',
    settlingFrom: '2026-03-14',
    settleDays: 2,
  };
}

function coverage(query: { from: string; to: string }): CoverageResponse {
  return {
    from: query.from,
    to: query.to,
    costMetric: 'EffectiveCost',
    currency: 'USD',
    currencies: ['USD'],
    total: { amount: '20397.7270987031', currency: 'USD' },
    allocated: { amount: '18115.7236246031', currency: 'USD' },
    unallocated: { amount: '2282.0034741', currency: 'USD' },
    allocatedPercent: 88.812461,
    unallocatedItems: [
      {
        tags: { 'cost-center': 'cc-9000' },
        billingAccountId: '318945520417',
        subAccountId: '561038294670',
        amount: '880.9247508',
        topResources: [
          {
            resourceId: 'i-0b05fafd64eb75e95',
            serviceName: 'Amazon Elastic Compute Cloud',
            amount: '181.44',
          },
        ],
      },
    ],
    dataThrough: '2026-03-15',
    settlingFrom: null,
    settleDays: 0,
  };
}

/** A permission API that allows what is listed. */
function permissions(...allowed: string[]) {
  return mockApis.permission({
    authorize: request =>
      allowed.includes(request.permission.name)
        ? ('ALLOW' as any)
        : ('DENY' as any),
  });
}

describe('FinopsPage', () => {
  beforeEach(() => {
    freezeDate('2026-03-15T10:00:00Z');
    jest.mocked(downloadCsv).mockClear();
  });
  afterEach(() => jest.useRealTimers());

  async function render(
    api: Record<string, jest.Mock>,
    options: { url?: string; allowed?: string[] } = {},
  ) {
    await renderInTestApp(
      <Wrapper
        api={api}
        apis={[
          [
            catalogApiRef,
            {
              queryEntities: jest.fn(async () => ({
                items: [],
                totalItems: 0,
                pageInfo: {},
              })),
            },
          ],
          [
            permissionApiRef,
            permissions(
              ...(options.allowed ?? [
                finopsOrgReadPermission.name,
                finopsSourcesAdminPermission.name,
              ]),
            ),
          ],
        ]}
      >
        <FinopsPage />
        <LocationDisplay />
      </Wrapper>,
      {
        routeEntries: [options.url ?? '/finops'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
  }

  const api = () => ({
    getOverview: jest.fn(async query => overview(query)),
    getCoverage: jest.fn(async query => coverage(query)),
  });

  it("shows the organisation's total, trend and change", async () => {
    const apis = api();
    await render(apis);
    expect(await screen.findByTestId('finops-org-total')).toHaveTextContent(
      '$20,397.73',
    );
    expect(apis.getOverview).toHaveBeenCalledWith({
      from: '2026-02-14',
      to: '2026-03-16',
      granularity: 'day',
    });
    expect(screen.getByTestId('finops-change')).toHaveTextContent(
      '+2.9% (+$580.84) vs the previous 30 days',
    );
    expect(screen.getByText('Spend over time')).toBeInTheDocument();
    const chart = screen.getByTestId('finops-cost-chart');
    await waitFor(() =>
      expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(2),
    );
  });

  it('shows spend by team (by name), service category, account and provider', async () => {
    await render(api());
    const byTeam = await screen.findByTestId('finops-byTeam');
    const rows = within(byTeam).getAllByTestId('finops-key-amount-row');
    expect(rows[0]).toHaveTextContent('engineering$18,115.7288.8%');
    expect(within(rows[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/engineering/cost',
    );
    expect(rows[1]).toHaveTextContent(
      'No team (unallocated included)$2,282.0011.2%',
    );
    expect(screen.getByTestId('finops-byServiceCategory')).toHaveTextContent(
      'Compute$12,000.0058.8%Storage$8,397.7341.2%',
    );
    expect(screen.getByTestId('finops-byAccount')).toHaveTextContent(
      '482916301754$20,000.0098.1%',
    );
    expect(screen.getByTestId('finops-byProvider')).toHaveTextContent(
      'AWS$20,018.6198.1%Microsoft$379.111.9%',
    );
  });

  it('exports a section as CSV, exact and escaped by toCsv', async () => {
    await render(api());
    await screen.findByTestId('finops-byAccount');
    await userEvent.click(
      screen.getByRole('button', { name: 'Download By account as CSV' }),
    );
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toBe('organisation-byaccount-2026-02-14-2026-03-16.csv');
    expect(table.header).toEqual([
      'account',
      'name',
      'amount',
      'currency',
      'sharePercent',
    ]);
    expect(table.rows[1]).toEqual([
      '=cmd|calc',
      '=cmd|calc',
      '397.7270987031',
      'USD',
      '1.9499',
    ]);
    const { csvText } = jest.requireActual('../../lib/csvExport');
    expect(csvText(table).split('\r\n')[2]).toBe(
      "'=cmd|calc,'=cmd|calc,397.7270987031,USD,1.9499",
    );
  });

  it('lists the top movers with absolute and relative change and the minimum', async () => {
    await render(api());
    const movers = await screen.findByTestId('finops-movers');
    expect(
      screen.getByText(
        /among entities with at least \$100\.00 in one of the two/,
      ),
    ).toBeInTheDocument();
    const rows = within(movers).getAllByTestId('finops-mover-row');
    expect(rows[0]).toHaveTextContent(
      'analytics-pipelineComponent$3,866.91$3,920.32+$53.42 (+1.4%)',
    );
    expect(rows[1]).toHaveTextContent(
      'fraud-detectorComponent$1,666.59$1,184.09−$482.50 (−29.0%)',
    );
    expect(
      within(rows[1]).getByRole('link', { name: 'fraud-detector' }),
    ).toHaveAttribute('href', '/catalog/default/component/fraud-detector/cost');
  });

  it('shows the unit cost of each metric declared in the catalog, with a CSV', async () => {
    await render(api());
    const table = await screen.findByTestId('finops-unit-costs');
    const rows = within(table).getAllByTestId('finops-unit-costs-row');
    expect(rows.map(row => row.firstChild?.textContent)).toEqual([
      'orders',
      'requests',
      'signups',
    ]);
    expect(rows[0]).toHaveTextContent('$1.74 per thousand orders');
    expect(
      screen.getByText(
        /^Last 30 days against the period before: each metric’s total cost/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Download the unit costs as CSV' }),
    );
    const [fileName, csv] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toBe('organisation-unit-costs-2026-02-14-2026-03-16.csv');
    expect(csv.rows).toHaveLength(3);
  });

  it('shows no unit-cost card when no metric is declared', async () => {
    await render({
      getOverview: jest.fn(async query => ({
        ...overview(query),
        unitCosts: [],
      })),
      getCoverage: jest.fn(async query => coverage(query)),
    });
    await screen.findByTestId('finops-movers');
    expect(screen.queryByText('Unit costs')).not.toBeInTheDocument();
    expect(screen.queryByTestId('finops-unit-costs')).not.toBeInTheDocument();
  });

  it('draws coverage per month against the maturity bands, with the largest unallocated spend', async () => {
    const apis = api();
    await render(apis);
    expect(
      await screen.findByTestId('finops-coverage-percent'),
    ).toHaveTextContent('88.8%');
    expect(screen.getByTestId('finops-coverage')).toHaveTextContent(
      'of the spend in the last 30 days has an owner: maturity stage Walk.',
    );
    const chart = screen.getByTestId('finops-coverage-chart');
    await waitFor(() =>
      expect(chart.querySelectorAll('.recharts-reference-area')).toHaveLength(
        3,
      ),
    );
    expect(chart).toHaveTextContent('Crawl');
    expect(chart).toHaveTextContent('Walk');
    expect(chart).toHaveTextContent('Run');
    expect(
      [...chart.querySelectorAll('[data-stage]')].map(bar =>
        bar.getAttribute('data-stage'),
      ),
    ).toEqual(['below', 'walk']);

    const row = await screen.findByTestId('finops-unallocated-row');
    expect(apis.getCoverage).toHaveBeenCalledWith({
      from: '2026-02-14',
      to: '2026-03-16',
      currency: 'USD',
      limit: 10,
    });
    expect(row).toHaveTextContent('cost-center=cc-9000');
    expect(row).toHaveTextContent('561038294670');
    expect(row).toHaveTextContent('billing account 318945520417');
    expect(row).toHaveTextContent('$880.92');
    expect(row).toHaveTextContent(
      'i-0b05fafd64eb75e95 · Amazon Elastic Compute Cloud · $181.44',
    );
  });

  it('says how fresh each source is', async () => {
    await render(api());
    const row = await screen.findByTestId('finops-freshness-row');
    expect(row).toHaveTextContent('demo');
    expect(row).toHaveTextContent('Mar 15, 2026');
    expect(row).toHaveTextContent('10 minutes ago');
    expect(row).toHaveTextContent('in 20 minutes');
  });

  it('tells a user the overview is not for them when the API answers 403', async () => {
    const getOverview = jest.fn().mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message: 'Unauthorized',
      }),
    );
    await render({ getOverview, getCoverage: jest.fn() });
    expect(
      await screen.findByTestId('finops-org-not-allowed'),
    ).toBeInTheDocument();
  });

  it('keeps the tab and period in the URL', async () => {
    const apis = api();
    await render(apis, { url: '/finops?period=12m' });
    await screen.findByTestId('finops-org-total');
    expect(apis.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ granularity: 'month', from: '2025-03-16' }),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Compare' }));
    expect(
      await screen.findByTestId('finops-compare-hint'),
    ).toBeInTheDocument();
    const params = shownSearchParams(
      screen.getByTestId('location').textContent,
    );
    expect(params.get('tab')).toBe('compare');
    expect(params.get('period')).toBe('12m');
    expect(screen.getByRole('tab', { name: 'Compare' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });
});
