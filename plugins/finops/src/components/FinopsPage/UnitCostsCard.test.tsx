import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { downloadCsv } from '../../lib/csvExport';
import { organisationUnitCosts } from '../__testUtils__/fixtures';
import { UnitCostsCard } from './UnitCostsCard';

jest.mock('../../lib/csvExport', () => ({
  ...jest.requireActual('../../lib/csvExport'),
  downloadCsv: jest.fn(),
}));

async function renderCard(unitCosts = organisationUnitCosts()) {
  await renderInTestApp(
    <UnitCostsCard
      unitCosts={unitCosts}
      currency="USD"
      periodLabel="Last 30 days"
      comparedTo="previous 30 days"
      fileName="organisation-unit-costs-2026-02-14-2026-03-16.csv"
    />,
  );
}

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe('UnitCostsCard', () => {
  beforeEach(() => jest.mocked(downloadCsv).mockClear());

  it('shows a row per metric: unit cost per a round number of units, its change, what moved it, the totals and the declaring entities', async () => {
    await renderCard();
    expect(screen.getByText('Unit costs')).toBeInTheDocument();
    const rows = screen.getAllByTestId('finops-unit-costs-row');
    expect(rows).toHaveLength(3);
    expect(cells(rows[0])).toEqual([
      'orders',
      '$1.74 per thousand orders',
      // 1.73996 - 1.81077 per thousand, below $0.10: to two significant digits.
      '−$0.071 per thousand orders (−3.9%)',
      'cost +0.8%, orders +4.9%',
      '$1,925.67 for 1.1M orders',
      '2 entities',
    ]);
    expect(cells(rows[1])).toEqual([
      'requests',
      '$12.31 per million requests',
      '−$0.92 per million requests (−6.9%)',
      'cost +5.8%, requests +13.7%',
      '$4,210.50 for 342.1M requests',
      '3 entities',
    ]);
    // Less per unit is good news: green, as less spend is.
    expect(
      within(rows[0]).getByText('−$0.071 per thousand orders (−3.9%)'),
    ).toHaveAttribute('data-direction', 'down');
    expect(within(rows[1]).getByText('3 entities')).toHaveAttribute(
      'title',
      'component:default/checkout-api, component:default/payments-api, component:default/storefront',
    );
  });

  it('shows a metric without a unit cost as "—" with why, never as 0', async () => {
    await renderCard();
    const row = screen.getAllByTestId('finops-unit-costs-row')[2];
    expect(cells(row).slice(0, 4)).toEqual([
      'signups',
      '—',
      '—',
      'cost —, signups —',
    ]);
    expect(within(row).getByTestId('finops-unit-costs-none')).toHaveAttribute(
      'title',
      'No unit cost in the last 30 days: no day has both cost and a signups value.',
    );
    expect(row).toHaveTextContent(
      '$310.20 of cost on days without a value for signups is left out.',
    );
    expect(row).not.toHaveTextContent('$0.00 per');
  });

  it('says there is nothing to compare with when the previous period had no unit cost', async () => {
    const [orders] = organisationUnitCosts();
    await renderCard([
      {
        ...orders,
        previousTotal: { cost: '0', quantity: '0', unitCost: null },
        changeRatio: null,
        costChangeRatio: null,
        quantityChangeRatio: null,
      },
    ]);
    const row = screen.getByTestId('finops-unit-costs-row');
    expect(cells(row).slice(1, 4)).toEqual([
      '$1.74 per thousand orders',
      'no unit cost in the previous 30 days to compare with',
      'cost —, orders —',
    ]);
  });

  it('exports every metric as CSV, exact strings and an empty cell for a missing unit cost', async () => {
    await renderCard();
    await userEvent.click(
      screen.getByRole('button', { name: 'Download the unit costs as CSV' }),
    );
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toBe('organisation-unit-costs-2026-02-14-2026-03-16.csv');
    expect(table.header).toEqual([
      'metric',
      'unit',
      'unitCost',
      'previousUnitCost',
      'changeRatio',
      'cost',
      'quantity',
      'entities',
      'currency',
    ]);
    expect(table.rows).toEqual([
      [
        'orders',
        null,
        '0.00173996027428',
        '0.00181077409546',
        -0.03910693,
        '1925.6731942',
        '1106734',
        2,
        'USD',
      ],
      [
        'requests',
        'request',
        '0.0000123071571797',
        '0.0000132225913621',
        -0.06923259,
        '4210.5',
        '342118000',
        3,
        'USD',
      ],
      ['signups', null, null, null, null, '0', '0', 1, 'USD'],
    ]);
    const { csvText } = jest.requireActual('../../lib/csvExport');
    expect(csvText(table).split('\r\n')[3]).toBe('signups,,,,,0,0,1,USD');
  });

  it('renders nothing when no metric is declared', async () => {
    await renderCard([]);
    expect(screen.queryByText('Unit costs')).not.toBeInTheDocument();
    expect(screen.queryByTestId('finops-unit-costs')).not.toBeInTheDocument();
  });
});
