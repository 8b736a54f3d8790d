import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import {
  EntityCostContent,
  type EntityCostContentProps,
} from './EntityCostContent';
import {
  costResponse,
  emptyCostResponse,
  freezeDate,
  LocationDisplay,
  responseError,
  shownSearchParams,
  Wrapper,
} from '../__testUtils__/fixtures';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { downloadCsv } from '../../lib/csvExport';

jest.mock('../../lib/csvExport', () => ({
  ...jest.requireActual('../../lib/csvExport'),
  downloadCsv: jest.fn(),
}));

/** A fake `getCosts` that answers for the period and breakdown asked. */
async function answering(query: {
  from: string;
  to: string;
  granularity?: 'day' | 'week' | 'month';
  groupBy?: CostResponse['groupBy'];
}) {
  return costResponse({
    from: query.from,
    to: query.to,
    granularity: query.granularity ?? 'day',
    groupBy: query.groupBy,
  });
}

describe('EntityCostContent', () => {
  beforeEach(() => freezeDate('2026-03-15T10:00:00Z'));
  afterEach(() => jest.useRealTimers());

  async function render(
    getCosts: jest.Mock,
    options: { entity?: Entity; props?: EntityCostContentProps } = {},
  ) {
    await renderInTestApp(
      <Wrapper api={{ getCosts }} entity={options.entity}>
        <EntityCostContent {...options.props} />
      </Wrapper>,
    );
  }

  it('shows progress while the costs load', async () => {
    const getCosts = jest.fn(() => new Promise(() => {}));
    await render(getCosts);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByTestId('finops-total')).not.toBeInTheDocument();
  });

  it('asks for the last 30 days by service, including today', async () => {
    const getCosts = jest.fn().mockResolvedValue(costResponse());
    await render(getCosts);
    await screen.findByTestId('finops-total');
    expect(getCosts).toHaveBeenCalledTimes(1);
    expect(getCosts).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      from: '2026-02-14',
      to: '2026-03-16',
      granularity: 'day',
      groupBy: 'service',
    });
  });

  it('starts with the period and breakdown it is given', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts, {
      props: { defaultPeriod: '90d', defaultBreakdown: 'region' },
    });
    await screen.findByTestId('finops-total');
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        from: '2025-12-16',
        to: '2026-03-16',
        groupBy: 'region',
      }),
    );
    expect(screen.getByLabelText('Period')).toHaveValue('90d');
    expect(screen.getByRole('button', { name: 'Region' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('starts by service when given a breakdown by entity for a component', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts, { props: { defaultBreakdown: 'entity' } });
    await screen.findByTestId('finops-total');
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'service' }),
    );
  });

  it('shows the total, the change and the breakdown', async () => {
    const getCosts = jest.fn().mockResolvedValue(costResponse());
    await render(getCosts);

    expect(await screen.findByTestId('finops-total')).toHaveTextContent(
      '$1,234.50',
    );
    const change = screen.getByTestId('finops-change');
    expect(change).toHaveTextContent(
      '+23.4% (+$234.50) vs the previous 30 days',
    );
    expect(change).toHaveAttribute('data-direction', 'up');

    const rows = screen.getAllByTestId('finops-breakdown-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Amazon Elastic Compute Cloud');
    expect(rows[0]).toHaveTextContent('$800.00');
    expect(rows[0]).toHaveTextContent('64.8%');
    expect(rows[2]).toHaveTextContent('Amazon Simple Storage Service');
    expect(rows[2]).toHaveTextContent('10.9%');

    const chart = screen.getByTestId('finops-cost-chart');
    await waitFor(() =>
      expect(chart.querySelector('.recharts-surface')).not.toBeNull(),
    );
    expect(
      screen.queryByRole('button', { name: 'Entity' }),
    ).not.toBeInTheDocument();
  });

  it('shows a decrease in green terms', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      costResponse({
        previousTotal: { amount: '1500', currency: 'USD' },
        changeRatio: -0.177,
      }),
    );
    await render(getCosts);
    const change = await screen.findByTestId('finops-change');
    expect(change).toHaveTextContent('−17.7% (−$265.50)');
    expect(change).toHaveAttribute('data-direction', 'down');
  });

  it('says so when there was no cost in the previous period', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      costResponse({
        previousTotal: { amount: '0', currency: 'USD' },
        changeRatio: null,
      }),
    );
    await render(getCosts);
    expect(await screen.findByTestId('finops-change')).toHaveTextContent(
      'no cost in the previous 30 days to compare with',
    );
  });

  it('explains how to attribute cost when there is none', async () => {
    const getCosts = jest.fn().mockResolvedValue(emptyCostResponse());
    await render(getCosts);

    expect(
      await screen.findByText('No cost attributed yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('service: checkout-api')).toBeInTheDocument();
    const snippet = screen.getByTestId('finops-annotation-snippet');
    expect(snippet).toHaveTextContent('name: checkout-api');
    expect(snippet).toHaveTextContent(
      'finops.backstage.io/cost-tags: "service=checkout-api"',
    );
    expect(snippet).toHaveTextContent('finops.backstage.io/cloud-accounts:');
    expect(screen.queryByTestId('finops-total')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('suggests the tag keys the cost response says attribution reads', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      emptyCostResponse({
        attributionTagKeys: { entity: ['app', 'workload'], owner: ['squad'] },
      }),
    );
    await render(getCosts);
    expect(await screen.findByText('app: checkout-api')).toBeInTheDocument();
    expect(screen.getByText('workload')).toBeInTheDocument();
    expect(screen.queryByText('service: checkout-api')).not.toBeInTheDocument();
    expect(screen.getByTestId('finops-annotation-snippet')).toHaveTextContent(
      'finops.backstage.io/cost-tags: "app=checkout-api"',
    );
  });

  it("suggests a group's owner tag keys", async () => {
    const getCosts = jest.fn().mockResolvedValue(
      emptyCostResponse({
        entityRef: 'group:default/team-payments',
        attributionTagKeys: { entity: ['app'], owner: ['squad'] },
      }),
    );
    await render(getCosts, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-payments' },
        spec: { type: 'team', children: [] },
      },
    });
    expect(await screen.findByText('squad: team-payments')).toBeInTheDocument();
  });

  it('suggests only annotations when attribution reads no tag keys', async () => {
    const getCosts = jest
      .fn()
      .mockResolvedValue(
        emptyCostResponse({ attributionTagKeys: { entity: [], owner: [] } }),
      );
    await render(getCosts);
    expect(
      await screen.findByText('No cost attributed yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Tag its cloud resources/),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/Annotate the entity with/)).toBeInTheDocument();
  });

  it('says that a 403 means the user may not see the costs', async () => {
    const getCosts = jest.fn().mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message: 'Unauthorized',
      }),
    );
    await render(getCosts);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("You may not see this entity's costs");
    expect(alert).toHaveTextContent('component:default/checkout-api');
    expect(
      screen.queryByRole('button', { name: 'Try again' }),
    ).not.toBeInTheDocument();
  });

  it('explains other errors and retries on request', async () => {
    const getCosts = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(costResponse());
    await render(getCosts);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load cost data');
    expect(alert).toHaveTextContent('Failed to fetch');
    expect(alert).not.toHaveTextContent(/at .*\.tsx?:\d+/);

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('finops-total')).toHaveTextContent(
      '$1,234.50',
    );
    expect(getCosts).toHaveBeenCalledTimes(2);
  });

  it('explains server errors', async () => {
    const getCosts = jest.fn().mockRejectedValue(
      await responseError(500, 'Internal Server Error', {
        name: 'Error',
        message: 'database is locked',
      }),
    );
    await render(getCosts);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The FinOps backend failed to answer');
    expect(alert).toHaveTextContent('database is locked');
    expect(alert).not.toHaveTextContent('Request failed with 500');
  });

  it("shows Backstage's response error panel for other statuses", async () => {
    const getCosts = jest.fn().mockRejectedValue(
      await responseError(429, 'Too Many Requests', {
        name: 'TooManyRequestsError',
        message: 'slow down',
      }),
    );
    await render(getCosts);
    expect(
      await screen.findByText(/Request failed with 429 Too Many Requests/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });

  it('asks for the new period when the period changes', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts);
    await screen.findByTestId('finops-total');

    await userEvent.selectOptions(screen.getByLabelText('Period'), '90d');
    await waitFor(() => expect(getCosts).toHaveBeenCalledTimes(2));
    expect(getCosts).toHaveBeenLastCalledWith(
      expect.objectContaining({
        from: '2025-12-16',
        to: '2026-03-16',
        granularity: 'day',
      }),
    );

    await userEvent.selectOptions(screen.getByLabelText('Period'), '6m');
    await waitFor(() => expect(getCosts).toHaveBeenCalledTimes(3));
    expect(getCosts).toHaveBeenLastCalledWith(
      expect.objectContaining({
        from: '2025-09-15',
        to: '2026-03-16',
        granularity: 'week',
      }),
    );

    await userEvent.selectOptions(screen.getByLabelText('Period'), '12m');
    await waitFor(() => expect(getCosts).toHaveBeenCalledTimes(4));
    expect(getCosts).toHaveBeenLastCalledWith(
      expect.objectContaining({
        from: '2025-03-16',
        to: '2026-03-16',
        granularity: 'month',
      }),
    );
    expect(await screen.findByTestId('finops-change')).toHaveTextContent(
      'vs the previous 12 months',
    );
  });

  it('ends the period at the last day with data, says so, and compares equally long periods', async () => {
    const getCosts = jest.fn(
      async (query: Parameters<typeof answering>[0]) => ({
        ...(await answering(query)),
        dataThrough: '2026-03-12',
        settlingFrom: '2026-03-11',
      }),
    );
    await render(getCosts);
    expect(await screen.findByTestId('finops-data-through')).toHaveTextContent(
      'Data through Mar 12, 2026; the last 2 days may still change.',
    );
    // First as of today, then the 30 days through the 12th, the 30 before them for the change.
    expect(getCosts).toHaveBeenCalledTimes(2);
    expect(getCosts).toHaveBeenLastCalledWith(
      expect.objectContaining({ from: '2026-02-11', to: '2026-03-13' }),
    );
    expect(screen.getByTestId('finops-change')).toHaveTextContent(
      'vs the previous 30 days',
    );

    // The last day is remembered: another period goes there directly.
    await userEvent.selectOptions(screen.getByLabelText('Period'), '90d');
    await waitFor(() => expect(getCosts).toHaveBeenCalledTimes(3));
    expect(getCosts).toHaveBeenLastCalledWith(
      expect.objectContaining({ from: '2025-12-13', to: '2026-03-13' }),
    );
  });

  it('hatches partial buckets and says what they are', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      costResponse({
        from: '2025-03-13',
        to: '2026-03-13',
        granularity: 'month',
        dataThrough: '2026-03-12',
        groups: [],
        series: [
          { date: '2026-01-01', amount: '400' },
          { date: '2026-02-01', amount: '434.5' },
          { date: '2026-03-01', amount: '400', partial: true, settling: true },
        ],
      }),
    );
    await render(getCosts);
    expect(await screen.findByTestId('finops-partial-note')).toHaveTextContent(
      'Hatched: partial months (the period or the data ends within them).',
    );
    const chart = screen.getByTestId('finops-cost-chart');
    await waitFor(() =>
      expect(chart.querySelector('.recharts-bar-rectangle')).not.toBeNull(),
    );
    const fills = [
      ...chart.querySelectorAll('.recharts-bar-rectangle path'),
    ].map(bar => bar.getAttribute('fill'));
    expect(
      fills.filter(fill => fill?.startsWith('url(#finops-partial-')),
    ).toHaveLength(1);
    expect(chart.querySelector('pattern#finops-partial-total')).not.toBeNull();
  });

  it('asks for another breakdown when the toggle changes', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts);
    await screen.findByTestId('finops-total');

    await userEvent.click(screen.getByRole('button', { name: 'Region' }));
    await waitFor(() =>
      expect(getCosts).toHaveBeenLastCalledWith(
        expect.objectContaining({ groupBy: 'region' }),
      ),
    );
    expect(
      await screen.findByRole('columnheader', { name: 'Region' }),
    ).toBeInTheDocument();
  });

  it('offers a currency switch when there is cost in several currencies', async () => {
    const getCosts = jest
      .fn()
      .mockResolvedValueOnce(costResponse({ currencies: ['EUR', 'USD'] }))
      .mockResolvedValueOnce(
        costResponse({
          currency: 'EUR',
          currencies: ['EUR', 'USD'],
          total: { amount: '10', currency: 'EUR' },
          previousTotal: { amount: '10', currency: 'EUR' },
          changeRatio: 0,
        }),
      );
    await render(getCosts);
    await screen.findByTestId('finops-total');

    await userEvent.selectOptions(screen.getByLabelText('Currency'), 'EUR');
    await waitFor(() =>
      expect(getCosts).toHaveBeenLastCalledWith(
        expect.objectContaining({ currency: 'EUR' }),
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('finops-total')).toHaveTextContent('€10.00'),
    );
  });

  it('has no currency switch for a single currency', async () => {
    const getCosts = jest.fn().mockResolvedValue(costResponse());
    await render(getCosts);
    await screen.findByTestId('finops-total');
    expect(screen.queryByLabelText('Currency')).not.toBeInTheDocument();
  });

  it('offers a breakdown by entity for systems, and says what is included', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      costResponse({
        entityRef: 'system:default/payments',
        includedEntityRefs: [
          'system:default/payments',
          'component:default/checkout-api',
        ],
        hiddenEntityCount: 2,
      }),
    );
    await render(getCosts, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'payments' },
        spec: { owner: 'team-payments' },
      },
    });
    await screen.findByTestId('finops-total');
    expect(screen.getByRole('button', { name: 'Entity' })).toBeInTheDocument();
    expect(
      screen.getByText('Includes the cost of 2 catalog entities.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('finops-hidden-entities')).toHaveTextContent(
      'Leaves out 2 entities of this rollup whose cost you may not see.',
    );
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'system:default/payments' }),
    );
  });
});

describe('EntityCostContent: the view in the URL, and CSV', () => {
  beforeEach(() => {
    freezeDate('2026-03-15T10:00:00Z');
    jest.mocked(downloadCsv).mockClear();
  });
  afterEach(() => jest.useRealTimers());

  async function render(getCosts: jest.Mock, url = '/', entity?: Entity) {
    await renderInTestApp(
      <Wrapper api={{ getCosts }} entity={entity}>
        <EntityCostContent />
        <LocationDisplay />
      </Wrapper>,
      {
        routeEntries: [url],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await screen.findByTestId('finops-total');
  }

  it('restores period, granularity and breakdown from the URL', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts, '/?period=12m&granularity=week&breakdown=region');
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        from: '2025-03-16',
        to: '2026-03-16',
        granularity: 'week',
        groupBy: 'region',
      }),
    );
    expect(screen.getByLabelText('Period')).toHaveValue('12m');
    expect(screen.getByLabelText('Granularity')).toHaveValue('week');
    expect(screen.getByRole('button', { name: 'Region' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('writes what the user changes to the URL, leaving defaults out', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts);
    const params = () =>
      shownSearchParams(screen.getByTestId('location').textContent);
    await userEvent.click(screen.getByRole('button', { name: 'Account' }));
    await waitFor(() => expect(params().get('breakdown')).toBe('account'));
    await userEvent.selectOptions(screen.getByLabelText('Granularity'), 'week');
    await waitFor(() => expect(params().get('granularity')).toBe('week'));
    expect(getCosts).toHaveBeenLastCalledWith(
      expect.objectContaining({ granularity: 'week', groupBy: 'account' }),
    );
    // A new period starts at its own granularity.
    await userEvent.selectOptions(screen.getByLabelText('Period'), '90d');
    await waitFor(() => expect(params().get('period')).toBe('90d'));
    expect(params().get('granularity')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Service' }));
    await waitFor(() => expect(params().get('breakdown')).toBeNull());
  });

  it('exports the breakdown and the chart as CSV with exact amounts', async () => {
    await render(jest.fn(answering));
    await userEvent.click(
      screen.getByRole('button', { name: 'Download Cost by Service as CSV' }),
    );
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toBe('checkout-api-by-service-2026-02-14-2026-03-16.csv');
    expect(table.header).toEqual([
      'service',
      'name',
      'amount',
      'currency',
      'sharePercent',
    ]);
    expect(table.rows[2]).toEqual([
      'Amazon Simple Storage Service',
      'Amazon Simple Storage Service',
      '134.5',
      'USD',
      '10.8951',
    ]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Download the chart as CSV' }),
    );
    const [, chart] = jest.mocked(downloadCsv).mock.calls[1];
    expect(chart.rows[0]).toEqual([
      '2026-03-13',
      'Amazon Elastic Compute Cloud',
      'Amazon Elastic Compute Cloud',
      '260',
      'USD',
      'false',
      'false',
    ]);
  });

  it("names a system's entities and links them to their Cost tabs", async () => {
    const getCosts = jest.fn().mockResolvedValue(
      costResponse({
        entityRef: 'system:default/payments',
        groupBy: 'entity',
        groups: [
          {
            key: 'component:default/checkout-api',
            amount: '1234.5',
            series: [{ date: '2026-03-15', amount: '1234.5' }],
          },
        ],
      }),
    );
    await render(getCosts, '/?breakdown=entity', {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments' },
      spec: { owner: 'team-payments' },
    });
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'entity' }),
    );
    expect(screen.getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/cost',
    );
  });
});
