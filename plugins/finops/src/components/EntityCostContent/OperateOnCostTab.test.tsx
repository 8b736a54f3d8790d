import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityCostContent } from './EntityCostContent';
import {
  anomaliesResponse,
  budgetResponse,
  costResponse,
  forecastResponse,
  freezeDate,
  Wrapper,
} from '../__testUtils__/fixtures';

/** March 1st to 15th, 80.30 a day but 441.20 on the 13th: the whole month so far. */
function monthSoFar() {
  const series = Array.from({ length: 15 }, (_, i) => {
    const date = `2026-03-${String(i + 1).padStart(2, '0')}`;
    return { date, amount: date === '2026-03-13' ? '441.2' : '80.3' };
  });
  return costResponse({ series, groups: [] });
}

describe('budgets, forecasts and anomalies on the Cost tab', () => {
  beforeEach(() => freezeDate('2026-03-15T10:00:00Z'));
  afterEach(() => jest.useRealTimers());

  it('shows the budget, the forecast and the anomalies, and draws the forecast and the anomaly on the trend', async () => {
    const getForecast = jest.fn().mockResolvedValue(forecastResponse());
    const getAnomalies = jest.fn().mockResolvedValue(anomaliesResponse());
    await renderInTestApp(
      <Wrapper
        api={{
          getCosts: jest.fn().mockResolvedValue(monthSoFar()),
          getBudget: jest.fn().mockResolvedValue(budgetResponse()),
          getForecast,
          getAnomalies,
        }}
      >
        <EntityCostContent />
      </Wrapper>,
    );
    expect(await screen.findByTestId('finops-budget-status')).toHaveTextContent(
      'On track',
    );
    expect(
      await screen.findByTestId('finops-forecast-month-end'),
    ).toHaveTextContent('$2,600.10');
    expect(getForecast).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      months: 3,
      currency: 'USD',
    });
    // The anomalies of the tab's period.
    expect(getAnomalies).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      from: '2026-02-14',
      to: '2026-03-16',
    });
    expect(await screen.findAllByTestId('finops-anomaly-row')).toHaveLength(1);
    expect(screen.getByTestId('finops-forecast-accuracy')).toBeInTheDocument();

    const chart = screen.getByTestId('finops-cost-chart');
    await waitFor(() =>
      expect(
        within(chart).getByTestId('finops-anomaly-marker'),
      ).toHaveAttribute('data-date', '2026-03-13'),
    );
    // The rest of March as a band after the data, said to be a forecast.
    expect(chart.querySelector('.recharts-area-area')).not.toBeNull();
    expect(screen.getByTestId('finops-chart-overlay-note')).toHaveTextContent(
      'Shaded, after the data: the rest of the month’s forecast spread evenly over its days, with its 80 % interval; dashed: the expected amount. Red dots: anomalies, listed under Anomalies.',
    );
  });
});
