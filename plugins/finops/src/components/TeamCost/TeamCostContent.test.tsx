import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import type { FinopsApi } from '../../api';
import { downloadCsv } from '../../lib/csvExport';
import { finopsPageRouteRef } from '../../routes';
import { EntityCostContent } from '../EntityCostContent';
import {
  budgetResponse,
  costResponse,
  engineering,
  freezeDate,
  LocationDisplay,
  shownSearchParams,
  teamPayments,
  teamResponse,
  Wrapper,
} from '../__testUtils__/fixtures';
import type { TeamCostColumn } from './TeamCostContent';

jest.mock('../../lib/csvExport', () => ({
  ...jest.requireActual('../../lib/csvExport'),
  downloadCsv: jest.fn(),
}));

type Query = {
  from: string;
  to: string;
  granularity?: 'day' | 'week' | 'month';
  groupBy?: CostResponse['groupBy'];
};

/** Answers each grouping the team tab asks for. */
function answering(query: Query): Promise<CostResponse> {
  const period = { from: query.from, to: query.to };
  if (query.groupBy === 'entity') {
    return Promise.resolve(teamResponse(period));
  }
  if (query.groupBy === 'childGroup') {
    return Promise.resolve(
      teamResponse({
        ...period,
        entityRef: 'group:default/engineering',
        groupBy: 'childGroup',
        groups: [
          {
            key: 'group:default/team-payments',
            amount: '900.3',
            previousAmount: '850.2',
            changeRatio: 0.0589,
            series: [{ date: '2026-03-15', amount: '900.3' }],
          },
          {
            key: 'group:default/engineering',
            amount: '100',
            previousAmount: '50',
            changeRatio: 1,
            series: [{ date: '2026-03-15', amount: '100' }],
          },
        ],
      }),
    );
  }
  return Promise.resolve(
    costResponse({ ...period, entityRef: 'group:default/team-payments' }),
  );
}

const rowNames = () =>
  screen
    .getAllByTestId('finops-team-row')
    .map(row => within(row).getAllByRole('cell')[0].firstChild?.textContent);

describe('the team Cost tab (EntityCostContent on a Group)', () => {
  beforeEach(() => {
    freezeDate('2026-03-15T10:00:00Z');
    jest.mocked(downloadCsv).mockClear();
  });
  afterEach(() => jest.useRealTimers());

  async function render(
    getCosts: jest.Mock,
    options: {
      entity?: Entity;
      url?: string;
      columns?: TeamCostColumn[];
      apis?: [any, any][];
      api?: Partial<FinopsApi>;
    } = {},
  ) {
    await renderInTestApp(
      <Wrapper
        api={{ getCosts, ...options.api }}
        entity={options.entity ?? teamPayments}
        apis={options.apis}
      >
        <EntityCostContent teamColumns={options.columns} />
        <LocationDisplay />
      </Wrapper>,
      {
        routeEntries: [options.url ?? '/'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/finops': finopsPageRouteRef,
        },
      },
    );
    await screen.findAllByTestId('finops-team-row');
  }

  it("shows the team's total and change and asks for everything it owns", async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts);
    expect(screen.getByTestId('finops-total')).toHaveTextContent('$1,000.30');
    expect(screen.getByTestId('finops-change')).toHaveTextContent(
      '+11.1% (+$100.10) vs the previous 30 days',
    );
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'group:default/team-payments',
        groupBy: 'entity',
        from: '2026-02-14',
        to: '2026-03-16',
      }),
    );
    // The breakdown by service shares the team's period.
    await waitFor(() =>
      expect(getCosts).toHaveBeenCalledWith(
        expect.objectContaining({
          groupBy: 'service',
          from: '2026-02-14',
          to: '2026-03-16',
        }),
      ),
    );
    expect(screen.getByText('Cost by component')).toBeInTheDocument();
    expect(
      screen.getByText('Everything team-payments owns'),
    ).toBeInTheDocument();
  });

  it('lists each entity with kind, cost, exact share and change, largest first', async () => {
    await render(jest.fn(answering));
    const rows = screen.getAllByTestId('finops-team-row');
    expect(rows.map(row => row.getAttribute('data-entity-ref'))).toEqual([
      'component:default/checkout-api',
      'component:default/fraud-detector',
      'group:default/team-payments',
      'resource:default/payments-db',
    ]);
    const cells = (index: number) =>
      within(rows[index])
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells(0)).toEqual([
      'checkout-api',
      'Component',
      '$600.10',
      '60.0%',
      '+$100.00 (+20.0%)',
    ]);
    expect(cells(1)).toEqual([
      'fraud-detector',
      'Component',
      '$300.10',
      '30.0%',
      '−$50.00 (−14.3%)',
    ]);
    expect(cells(3)).toEqual([
      'payments-db',
      'Resource',
      '$0.10',
      '0.0%',
      '+$0.10 (new)',
    ]);
    expect(within(rows[1]).getByText('−$50.00 (−14.3%)')).toHaveAttribute(
      'data-direction',
      'down',
    );
    const total = screen.getByTestId('finops-team-total-row');
    expect(total).toHaveTextContent('Team total');
    expect(total).toHaveTextContent('$1,000.30');
    expect(total).toHaveTextContent('100.0%');
    // system:default/payments is in the rollup without cost of its own.
    expect(
      screen.getByText(/1 more entity of this team has no cost of its own/),
    ).toBeInTheDocument();
  });

  it("links each row to that entity's Cost tab", async () => {
    await render(jest.fn(answering));
    expect(screen.getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/cost',
    );
    expect(screen.getByRole('link', { name: 'payments-db' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/payments-db/cost',
    );
  });

  it('sorts by any column, and keeps the sort in the URL', async () => {
    await render(jest.fn(answering));
    const table = screen.getByRole('table', {
      name: 'Cost of what the team owns',
    });
    await userEvent.click(within(table).getByRole('button', { name: 'Name' }));
    expect(rowNames()).toEqual([
      'checkout-api',
      'fraud-detector',
      'payments-db',
      'team-payments',
    ]);
    expect(
      shownSearchParams(screen.getByTestId('location').textContent).get('sort'),
    ).toBe('name');

    await userEvent.click(within(table).getByRole('button', { name: 'Name' }));
    expect(rowNames()).toEqual([
      'team-payments',
      'payments-db',
      'fraud-detector',
      'checkout-api',
    ]);

    await userEvent.click(
      within(table).getByRole('button', { name: 'Change vs previous period' }),
    );
    // +100, +50, +0.10, −50: by the exact change, largest first.
    expect(rowNames()).toEqual([
      'checkout-api',
      'team-payments',
      'payments-db',
      'fraud-detector',
    ]);

    await userEvent.click(within(table).getByRole('button', { name: 'Cost' }));
    await userEvent.click(within(table).getByRole('button', { name: 'Cost' }));
    expect(rowNames()).toEqual([
      'payments-db',
      'team-payments',
      'fraud-detector',
      'checkout-api',
    ]);
    const params = shownSearchParams(
      screen.getByTestId('location').textContent,
    );
    expect(params.get('sort')).toBeNull();
    expect(params.get('order')).toBe('asc');
  });

  it('restores the sort, the kind filter and the period from the URL', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts, { url: '/?period=90d&sort=name&kind=component' });
    expect(rowNames()).toEqual(['checkout-api', 'fraud-detector']);
    expect(screen.getByLabelText('Kind')).toHaveValue('component');
    expect(screen.getByTestId('finops-team-total-row')).toHaveTextContent(
      'Total of the 2 rows shown$900.2090.0%',
    );
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ from: '2025-12-16', to: '2026-03-16' }),
    );
    expect(screen.getByLabelText('Period')).toHaveValue('90d');
  });

  it('exports the rows shown as CSV, with exact amounts and shares', async () => {
    await render(jest.fn(answering));
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download what the team owns as CSV',
      }),
    );
    expect(downloadCsv).toHaveBeenCalledTimes(1);
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toBe('team-payments-owned-2026-02-14-2026-03-16.csv');
    expect(table.header).toEqual([
      'entityRef',
      'kind',
      'name',
      'amount',
      'previousAmount',
      'change',
      'changeRatio',
      'sharePercent',
      'currency',
    ]);
    expect(table.rows[0]).toEqual([
      'component:default/checkout-api',
      'Component',
      'checkout-api',
      '600.1',
      '500.1',
      '100',
      0.19996001,
      '59.9920',
      'USD',
    ]);
    expect(table.rows[3]).toEqual([
      'resource:default/payments-db',
      'Resource',
      'payments-db',
      '0.1',
      '0',
      '0.1',
      null,
      '0.0100',
      'USD',
    ]);
  });

  it('names entities as the catalog presents them', async () => {
    const forEntity = (ref: string) => {
      const title =
        ref === 'component:default/checkout-api' ? 'Checkout API' : ref;
      const snapshot = { entityRef: ref, primaryTitle: title };
      return { snapshot, promise: Promise.resolve(snapshot) };
    };
    await render(jest.fn(answering), {
      apis: [[entityPresentationApiRef, { forEntity }]],
    });
    expect(
      await screen.findByRole('link', { name: 'Checkout API' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api/cost');
    // The ref's name stays beside a title that differs from it.
    const row = screen.getAllByTestId('finops-team-row')[0];
    expect(row).toHaveTextContent('Checkout APIcheckout-api');
  });

  it('offers the trend by sub-team only to a group with child groups', async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts);
    expect(
      screen.queryByRole('button', { name: 'By sub-team' }),
    ).not.toBeInTheDocument();
    expect(getCosts).not.toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'childGroup' }),
    );
  });

  it("stacks a parent group's trend by its sub-teams on request", async () => {
    const getCosts = jest.fn(answering);
    await render(getCosts, { entity: engineering });
    await userEvent.click(screen.getByRole('button', { name: 'By sub-team' }));
    expect(await screen.findByText('Cost by sub-team')).toBeInTheDocument();
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'group:default/engineering',
        groupBy: 'childGroup',
      }),
    );
    const chart = screen.getByTestId('finops-cost-chart');
    await waitFor(() =>
      expect(chart).toHaveTextContent('engineering (owned directly)'),
    );
    expect(chart).toHaveTextContent('team-payments');
    expect(
      shownSearchParams(screen.getByTestId('location').textContent).get(
        'trend',
      ),
    ).toBe('subteam');
  });

  it('links to Compare with this team picked', async () => {
    await render(jest.fn(answering));
    expect(screen.getByTestId('finops-compare-with')).toHaveAttribute(
      'href',
      '/finops?tab=compare&entity=group%3Adefault%2Fteam-payments',
    );
  });

  it('has room for more columns, such as budget status', async () => {
    const budget: TeamCostColumn = {
      id: 'budget',
      title: 'Budget',
      render: row => (row.kind === 'Component' ? 'on track' : '–'),
      csv: row => (row.kind === 'Component' ? 'on track' : null),
    };
    await render(jest.fn(answering), { columns: [budget] });
    expect(
      screen.getByRole('columnheader', { name: 'Budget' }),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('finops-team-row')[0]).toHaveTextContent(
      'on track',
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download what the team owns as CSV',
      }),
    );
    const [, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(table.header.at(-1)).toBe('budget');
    expect(table.rows[0].at(-1)).toBe('on track');
  });

  it("shows each member's budget status in the table, and the team's budget, from one GET /budgets", async () => {
    const getBudget = jest.fn().mockResolvedValue(
      budgetResponse({
        entityRef: 'group:default/team-payments',
        budget: {
          amount: '4800',
          currency: 'USD',
          source: 'annotation',
          updatedBy: null,
          updatedAt: null,
        },
        monthToDate: { amount: '2500.4', currency: 'USD' },
        forecast: {
          method: 'seasonal-trend',
          amount: '5400.2',
          low: '5100',
          high: '5700',
        },
        status: 'at-risk',
        membersBudget: { amount: '3050', currency: 'USD' },
        members: [
          {
            entityRef: 'component:default/checkout-api',
            budget: { amount: '3000', currency: 'USD' },
            monthToDate: { amount: '1100.25', currency: 'USD' },
            forecast: '2400',
            status: 'on-track',
          },
          {
            entityRef: 'component:default/fraud-detector',
            budget: { amount: '50', currency: 'USD' },
            monthToDate: { amount: '330.1', currency: 'USD' },
            forecast: '700',
            status: 'over',
          },
        ],
      }),
    );
    await render(jest.fn(answering), { api: { getBudget } });
    expect(getBudget).toHaveBeenCalledTimes(1);
    expect(getBudget).toHaveBeenCalledWith({
      entityRef: 'group:default/team-payments',
      includeMembers: true,
    });
    expect(
      await screen.findByRole('columnheader', { name: 'Budget this month' }),
    ).toBeInTheDocument();
    const cellOf = (ref: string) => {
      const row = screen
        .getAllByTestId('finops-team-row')
        .find(candidate => candidate.dataset.entityRef === ref)!;
      return within(row).getAllByRole('cell').at(-1)!;
    };
    expect(cellOf('component:default/checkout-api')).toHaveTextContent(
      'On track$1,100.25 of $3,000.00',
    );
    expect(
      within(cellOf('component:default/fraud-detector')).getByTestId(
        'finops-budget-status',
      ),
    ).toHaveAttribute('data-status', 'over');
    expect(cellOf('resource:default/payments-db')).toHaveTextContent(/^—$/);
    // The team's own row: its budget is the card's.
    expect(cellOf('group:default/team-payments')).toHaveTextContent(/^—$/);

    const card = screen.getByTestId('finops-budget-card');
    expect(within(card).getByTestId('finops-budget-status')).toHaveTextContent(
      'At risk',
    );
    expect(card).toHaveTextContent('$2,500.40 of $4,800.00');
    expect(card).toHaveTextContent('Its members’ budgets add up to $3,050.00.');

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download what the team owns as CSV',
      }),
    );
    const [, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(table.header.at(-1)).toBe('budgetStatus');
    const byRef = new Map(table.rows.map(row => [row[0], row.at(-1)]));
    expect(byRef.get('component:default/checkout-api')).toBe('on-track');
    expect(byRef.get('component:default/fraud-detector')).toBe('over');
    expect(byRef.get('resource:default/payments-db')).toBe('');
  });
});
