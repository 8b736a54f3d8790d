import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { downloadCsv } from '../../lib/csvExport';
import {
  declaredMetric,
  LocationDisplay,
  responseError,
  shownSearchParams,
  unitCostResponse,
  Wrapper,
} from '../__testUtils__/fixtures';
import { UnitCostCard, type UnitCostCardProps } from './UnitCostCard';

jest.mock('../../lib/csvExport', () => ({
  ...jest.requireActual('../../lib/csvExport'),
  downloadCsv: jest.fn(),
}));

const requests = declaredMetric();
const orders = declaredMetric({ metric: 'orders', unit: null, days: 30 });

const cardProps: UnitCostCardProps = {
  entityRef: 'component:default/checkout-api',
  metrics: [requests],
  from: '2026-02-14',
  to: '2026-03-16',
  granularity: 'day',
  currency: 'USD',
  periodLabel: 'Last 30 days',
  comparedTo: 'previous 30 days',
};

async function renderCard(
  getUnitCosts: jest.Mock,
  props: Partial<UnitCostCardProps> = {},
) {
  await renderInTestApp(
    <Wrapper api={{ getUnitCosts }}>
      <UnitCostCard {...cardProps} {...props} />
      <LocationDisplay />
    </Wrapper>,
  );
}

const card = () => screen.getByTestId('finops-unit-cost-card');

describe('UnitCostCard', () => {
  beforeEach(() => jest.mocked(downloadCsv).mockClear());

  it('asks for the unit cost of the metric over the period it is given', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);
    await screen.findByTestId('finops-unit-cost');
    expect(getUnitCosts).toHaveBeenCalledTimes(1);
    expect(getUnitCosts).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      metric: 'requests',
      from: '2026-02-14',
      to: '2026-03-16',
      granularity: 'day',
      currency: 'USD',
    });
  });

  it('shows the unit cost per a round number of units, with its change', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);

    expect(await screen.findByTestId('finops-unit-cost')).toHaveTextContent(
      /^\$12\.30 per million requests$/,
    );
    const change = screen.getByTestId('finops-unit-cost-change');
    // 12.30 - 15.3749999231 per million: down, in green terms.
    expect(change).toHaveTextContent(
      '−20.0% (−$3.07 per million requests) vs the previous 30 days',
    );
    expect(change).toHaveAttribute('data-direction', 'down');
    expect(screen.getByText('$1,230.00 for 100M requests')).toBeInTheDocument();
    expect(
      screen.getByText('Previous period: $15.37 per million requests'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Last 30 days: cost per request, daily'),
    ).toBeInTheDocument();
  });

  it('reads a rising cost with faster-rising volume as good news', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);
    const drivers = await screen.findByTestId('finops-unit-cost-drivers');
    expect(drivers).toHaveTextContent(
      'Cost +20.0%, requests +50.0%: each request costs 20.0% less.',
    );
    expect(drivers).toHaveAttribute('data-outcome', 'better');
  });

  it('reads volume rising slower than cost as each unit costing more', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(
      unitCostResponse({
        previousTotal: {
          cost: '1025',
          quantity: '90909091',
          unitCost: '0.0000112749999887',
        },
        changeRatio: 0.0909090909,
        costChangeRatio: 0.2,
        quantityChangeRatio: 0.1,
      }),
    );
    await renderCard(getUnitCosts);
    const drivers = await screen.findByTestId('finops-unit-cost-drivers');
    expect(drivers).toHaveTextContent(
      'Cost +20.0%, requests +10.0%: each request costs 9.1% more.',
    );
    expect(drivers).toHaveAttribute('data-outcome', 'worse');
    expect(screen.getByTestId('finops-unit-cost-change')).toHaveAttribute(
      'data-direction',
      'up',
    );
  });

  it('says there is nothing to compare with when the previous period had no unit cost', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(
      unitCostResponse({
        previousTotal: { cost: '0', quantity: '0', unitCost: null },
        changeRatio: null,
        costChangeRatio: null,
        quantityChangeRatio: null,
      }),
    );
    await renderCard(getUnitCosts);
    expect(
      await screen.findByTestId('finops-unit-cost-change'),
    ).toHaveTextContent('no unit cost in the previous 30 days to compare with');
    expect(
      screen.queryByTestId('finops-unit-cost-drivers'),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/^Previous period/)).not.toBeInTheDocument();
  });

  it('leaves gaps out of the chart instead of drawing them as zero', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);
    const chart = await screen.findByTestId('finops-unit-cost-chart');
    await waitFor(() =>
      expect(chart.querySelector('.recharts-line-curve')).not.toBeNull(),
    );
    // Three buckets, the middle one a gap: two dots and two bars, and a line
    // broken in two segments rather than dipping to zero between them.
    expect(chart.querySelectorAll('.recharts-line-dots circle')).toHaveLength(
      2,
    );
    expect(chart.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(
      2,
    );
    const path = chart.querySelector('.recharts-line-curve')!.getAttribute('d');
    expect(path?.match(/M/g)).toHaveLength(2);
  });

  it('draws a bucket of zero units as zero, unlike a gap', async () => {
    const response = unitCostResponse();
    response.series[1] = {
      ...response.series[1],
      cost: '0',
      quantity: '0',
      unitCost: null,
    };
    const getUnitCosts = jest.fn().mockResolvedValue(response);
    await renderCard(getUnitCosts);
    const chart = await screen.findByTestId('finops-unit-cost-chart');
    await waitFor(() =>
      expect(chart.querySelector('.recharts-line-curve')).not.toBeNull(),
    );
    // The line still breaks (no unit cost of zero units), the bar is there.
    expect(chart.querySelectorAll('.recharts-line-dots circle')).toHaveLength(
      2,
    );
    expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3);
  });

  it('says how much cost is left out for days without a metric value', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);
    expect(
      await screen.findByTestId('finops-unit-cost-uncovered'),
    ).toHaveTextContent(
      '$430.00 of cost on days without a value for requests is left out.',
    );
  });

  it('has no such note when all cost is covered', async () => {
    const getUnitCosts = jest
      .fn()
      .mockResolvedValue(unitCostResponse({ uncoveredCost: '0' }));
    await renderCard(getUnitCosts);
    await screen.findByTestId('finops-unit-cost');
    expect(
      screen.queryByTestId('finops-unit-cost-uncovered'),
    ).not.toBeInTheDocument();
  });

  it('switches between the metrics the entity declares, keeping the choice in the URL', async () => {
    const getUnitCosts = jest.fn(async (query: { metric: string }) =>
      query.metric === 'orders'
        ? unitCostResponse({
            metric: 'orders',
            unit: null,
            total: { cost: '1230', quantity: '4100', unitCost: '0.3' },
          })
        : unitCostResponse(),
    );
    await renderCard(getUnitCosts, { metrics: [requests, orders] });
    expect(await screen.findByTestId('finops-unit-cost')).toHaveTextContent(
      '$12.30 per million requests',
    );

    const picker = screen.getByLabelText('Metric');
    expect(picker).toHaveValue('requests');
    await userEvent.selectOptions(picker, 'orders');

    await waitFor(() =>
      expect(screen.getByTestId('finops-unit-cost')).toHaveTextContent(
        /^\$0\.30 per order$/,
      ),
    );
    expect(getUnitCosts).toHaveBeenLastCalledWith(
      expect.objectContaining({ metric: 'orders' }),
    );
    expect(screen.getByText('$1,230.00 for 4.1K orders')).toBeInTheDocument();
    expect(
      shownSearchParams(screen.getByTestId('location').textContent).get(
        'unitMetric',
      ),
    ).toBe('orders');

    await userEvent.selectOptions(screen.getByLabelText('Metric'), 'requests');
    await waitFor(() =>
      expect(screen.getByTestId('finops-unit-cost')).toHaveTextContent(
        'per million requests',
      ),
    );
    expect(
      shownSearchParams(screen.getByTestId('location').textContent).has(
        'unitMetric',
      ),
    ).toBe(false);
  });

  it('has no picker for a single metric', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);
    await screen.findByTestId('finops-unit-cost');
    expect(screen.queryByLabelText('Metric')).not.toBeInTheDocument();
  });

  it('says why there is no unit cost when no day has both cost and a value', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(
      unitCostResponse({
        series: unitCostResponse().series.map(point => ({
          ...point,
          cost: null,
          quantity: null,
          unitCost: null,
        })),
        total: { cost: '0', quantity: '0', unitCost: null },
        changeRatio: null,
        costChangeRatio: null,
        quantityChangeRatio: null,
        uncoveredCost: '1230',
      }),
    );
    await renderCard(getUnitCosts, {
      metrics: [declaredMetric({ lastDate: null, days: 0 })],
    });
    const empty = await screen.findByTestId('finops-unit-cost-empty');
    expect(empty).toHaveTextContent(
      'No unit cost in the last 30 days: no day has both cost and a requests value.',
    );
    expect(empty).toHaveTextContent('No requests value has arrived yet');
    expect(screen.getByTestId('finops-unit-cost-uncovered')).toHaveTextContent(
      '$1,230.00 of cost',
    );
    expect(screen.queryByTestId('finops-unit-cost')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('finops-unit-cost-chart'),
    ).not.toBeInTheDocument();
  });

  it('shows progress while the unit cost loads', async () => {
    const getUnitCosts = jest.fn(() => new Promise(() => {}));
    await renderCard(getUnitCosts);
    expect(await within(card()).findByTestId('progress')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Download the unit cost as CSV' }),
    ).toBeDisabled();
  });

  it('explains a failed request and tries again', async () => {
    const getUnitCosts = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(500, 'Internal Server Error', {
          name: 'Error',
          message: 'database down',
        }),
      )
      .mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);
    const alert = await within(card()).findByRole('alert');
    expect(alert).toHaveTextContent('The FinOps backend failed to answer');
    expect(alert).toHaveTextContent('(database down)');
    expect(screen.queryByTestId('finops-unit-cost')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('finops-unit-cost')).toHaveTextContent(
      '$12.30 per million requests',
    );
  });

  it('exports the series as CSV in the columns of /unit-costs?format=csv', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    await renderCard(getUnitCosts);
    await screen.findByTestId('finops-unit-cost');
    await userEvent.click(
      screen.getByRole('button', { name: 'Download the unit cost as CSV' }),
    );
    const [fileName, table] = jest.mocked(downloadCsv).mock.calls[0];
    expect(fileName).toBe(
      'checkout-api-unit-cost-requests-2026-02-14-2026-03-16.csv',
    );
    expect(table.header).toEqual([
      'date',
      'cost',
      'quantity',
      'unitCost',
      'uncoveredCost',
      'uncoveredQuantity',
      'currency',
      'unit',
    ]);
    expect(table.rows).toEqual([
      [
        '2026-03-13',
        '400',
        '32000000',
        '0.0000125',
        '0',
        '0',
        'USD',
        'request',
      ],
      ['2026-03-14', null, null, null, '430', '0', 'USD', 'request'],
      [
        '2026-03-15',
        '830',
        '68000000',
        '0.0000122058823529',
        '0',
        '0',
        'USD',
        'request',
      ],
    ]);
  });
});
