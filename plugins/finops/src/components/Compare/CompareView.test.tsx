import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { CompareResponse } from '@backstage-finops/plugin-finops-common';
import { downloadCsv } from '../../lib/csvExport';
import {
  freezeDate,
  LocationDisplay,
  responseError,
  shownSearchParams,
  Wrapper,
} from '../__testUtils__/fixtures';
import { CompareView } from './CompareView';

jest.mock('../../lib/csvExport', () => ({
  ...jest.requireActual('../../lib/csvExport'),
  downloadCsv: jest.fn(),
}));

const payments = 'group:default/team-payments';
const data = 'group:default/team-data';

function compareResponse(
  query: { entityRef: string[]; from: string; to: string },
  overrides: Partial<CompareResponse> = {},
): CompareResponse {
  const amounts: Record<string, [string, string, number | null]> = {
    [payments]: ['1000.1', '900.05', 0.11116049],
    [data]: ['2000.2', '0', null],
    'component:default/checkout-api': ['300', '400', -0.25],
  };
  return {
    from: query.from,
    to: query.to,
    granularity: 'day',
    costMetric: 'EffectiveCost',
    currency: 'USD',
    currencies: ['USD'],
    entities: query.entityRef.map(ref => ({
      entityRef: ref,
      total: { amount: amounts[ref][0], currency: 'USD' },
      previousTotal: { amount: amounts[ref][1], currency: 'USD' },
      changeRatio: amounts[ref][2],
      series: [
        { date: '2026-03-14', amount: '1', partial: true },
        { date: '2026-03-15', amount: '2' },
      ],
    })),
    hiddenEntityCount: 0,
    dataThrough: '2026-03-15',
    settlingFrom: null,
    settleDays: 0,
    ...overrides,
  };
}

const catalogEntities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-data', namespace: 'default' },
    spec: { profile: { displayName: 'Data' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
  },
];

describe('CompareView', () => {
  beforeEach(() => {
    freezeDate('2026-03-15T10:00:00Z');
    jest.mocked(downloadCsv).mockClear();
  });
  afterEach(() => jest.useRealTimers());

  async function render(
    getCompare: jest.Mock,
    url: string,
    queryEntities = jest.fn(async () => ({
      items: catalogEntities,
      totalItems: 0,
      pageInfo: {},
    })),
  ) {
    await renderInTestApp(
      <Wrapper api={{ getCompare }} apis={[[catalogApiRef, { queryEntities }]]}>
        <CompareView />
        <LocationDisplay />
      </Wrapper>,
      {
        routeEntries: [url],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    return { queryEntities };
  }

  it('shows the entities of the URL side by side: one line and one row each', async () => {
    const getCompare = jest.fn(async query => compareResponse(query));
    await render(
      getCompare,
      `/?entity=${encodeURIComponent(payments)}&entity=${encodeURIComponent(
        data,
      )}&period=90d`,
    );
    const rows = await screen.findAllByTestId('finops-compare-row');
    expect(getCompare).toHaveBeenCalledWith({
      entityRef: [payments, data],
      from: '2025-12-16',
      to: '2026-03-16',
      granularity: 'day',
    });
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      ['team-payments', 'Group', '$1,000.10', '$900.05', '+$100.05 (+11.1%)'],
      ['team-data', 'Group', '$2,000.20', '$0.00', '+$2,000.20 (new)'],
    ]);
    expect(screen.getByRole('link', { name: 'team-payments' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments/cost',
    );
    const chart = screen.getByTestId('finops-compare-chart');
    await waitFor(() =>
      expect(chart.querySelectorAll('.recharts-line')).toHaveLength(2),
    );
    expect(chart).toHaveTextContent('team-payments');
    expect(chart).toHaveTextContent('The first and last points can be partial');
    expect(
      screen.queryByTestId('finops-compare-hidden'),
    ).not.toBeInTheDocument();
  });

  it('says how many were left out because their cost is hidden', async () => {
    const getCompare = jest.fn(async query =>
      compareResponse(query, { hiddenEntityCount: 1 }),
    );
    await render(getCompare, `/?entity=${payments}&entity=${data}`);
    expect(
      await screen.findByTestId('finops-compare-hidden'),
    ).toHaveTextContent(
      '1 entity asked for, or part of one, is left out: you may not see its cost.',
    );
  });

  it('asks for one more when only one is picked, e.g. from a team tab', async () => {
    const getCompare = jest.fn();
    await render(getCompare, `/?entity=${payments}`);
    expect(await screen.findByTestId('finops-compare-hint')).toHaveTextContent(
      'Pick one or more teams or components to compare with team-payments.',
    );
    expect(getCompare).not.toHaveBeenCalled();
  });

  it('adds a team picked from the catalog to the comparison and the URL', async () => {
    const getCompare = jest.fn(async query => compareResponse(query));
    const { queryEntities } = await render(getCompare, `/?entity=${payments}`);
    await userEvent.click(screen.getByLabelText('Teams and components'));
    const option = await screen.findByRole('option', { name: /Data/ });
    expect(queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: ['Group', 'Component'] },
      }),
    );
    expect(
      screen.getByRole('option', { name: /checkout-api/ }),
    ).toBeInTheDocument();
    await userEvent.click(option);
    await screen.findAllByTestId('finops-compare-row');
    expect(getCompare).toHaveBeenLastCalledWith(
      expect.objectContaining({ entityRef: [payments, data] }),
    );
    expect(
      shownSearchParams(screen.getByTestId('location').textContent).getAll(
        'entity',
      ),
    ).toEqual([payments, data]);
  });

  it('searches the catalog for what is typed', async () => {
    const { queryEntities } = await render(jest.fn(), '/');
    await userEvent.type(screen.getByLabelText('Teams and components'), 'chec');
    await waitFor(() =>
      expect(queryEntities).toHaveBeenLastCalledWith(
        expect.objectContaining({
          fullTextFilter: expect.objectContaining({ term: 'chec' }),
        }),
      ),
    );
  });

  it('says so when none of them may be read', async () => {
    const getCompare = jest.fn().mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message: 'none readable',
      }),
    );
    await render(getCompare, `/?entity=${payments}&entity=${data}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not see the cost of any of these',
    );
  });

  it('exports the table and the series as CSV, exact', async () => {
    const getCompare = jest.fn(async query => compareResponse(query));
    await render(getCompare, `/?entity=${payments}&entity=${data}`);
    await screen.findAllByTestId('finops-compare-row');
    await userEvent.click(
      screen.getByRole('button', { name: 'Download the comparison as CSV' }),
    );
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toBe(
      'compare-team-payments-team-data-2026-02-14-2026-03-16.csv',
    );
    expect(table.rows).toEqual([
      [
        payments,
        'Group',
        'team-payments',
        '1000.1',
        '900.05',
        '100.05',
        0.11116049,
        'USD',
      ],
      [data, 'Group', 'team-data', '2000.2', '0', '2000.2', null, 'USD'],
    ]);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Download the compared series as CSV',
      }),
    );
    const [, series] = jest.mocked(downloadCsv).mock.calls[1];
    expect(series.rows[0]).toEqual([
      '2026-03-14',
      payments,
      'team-payments',
      '1',
      'USD',
      'true',
    ]);
  });
});
