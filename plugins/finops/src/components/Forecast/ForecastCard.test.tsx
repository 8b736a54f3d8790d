import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { FinopsApi } from '../../api';
import { forecastResponse, Wrapper } from '../__testUtils__/fixtures';
import { ForecastAccuracyCard } from './ForecastAccuracyCard';
import { ForecastCard } from './ForecastCard';
import { useForecast } from './useForecast';

const ENTITY = 'component:default/checkout-api';

function Harness() {
  const state = useForecast(ENTITY, 'USD');
  return (
    <>
      <ForecastCard entityRef={ENTITY} state={state} />
      {state.value && <ForecastAccuracyCard response={state.value} />}
    </>
  );
}

async function renderCards(api: Partial<FinopsApi>) {
  await renderInTestApp(
    <Wrapper api={api}>
      <Harness />
    </Wrapper>,
  );
}

describe('ForecastCard and ForecastAccuracyCard', () => {
  it('show the month end and the next three months with their intervals, and how good past forecasts were', async () => {
    const getForecast = jest.fn().mockResolvedValue(forecastResponse());
    await renderCards({ getForecast });
    expect(
      await screen.findByTestId('finops-forecast-month-end'),
    ).toHaveTextContent('$2,600.10');
    expect(getForecast).toHaveBeenCalledWith({
      entityRef: ENTITY,
      months: 3,
      currency: 'USD',
    });
    const card = screen.getByTestId('finops-forecast-card');
    expect(card).toHaveTextContent('Expected for March 2026');
    expect(card).toHaveTextContent('80 % interval: $2,400.00 – $2,800.20');
    const rows = screen.getAllByTestId('finops-forecast-row');
    expect(rows.map(row => row.textContent)).toEqual([
      'March 2026 (to date plus the rest)$2,600.10$2,400.00 – $2,800.20',
      'April 2026$2,700.00$2,300.00 – $3,100.00',
      'May 2026$2,750.50$2,250.00 – $3,250.00',
      'June 2026$2,800.00$2,200.00 – $3,400.00',
    ]);
    expect(card).toHaveTextContent(/Weekday pattern and a robust trend/);

    const accuracy = screen.getByTestId('finops-forecast-accuracy');
    const months = within(accuracy).getAllByTestId('finops-accuracy-row');
    expect(
      months.map(row => within(row).getAllByRole('cell')[0].textContent),
    ).toEqual(['February 2026', 'January 2026']);
    const february = within(months[0]).getAllByTestId('finops-accuracy-cell');
    expect(february.map(cell => cell.textContent)).toEqual([
      '+5.2%Walkrecorded',
      '−2.2%Runrecorded',
      '−0.4%Runrecomputed',
    ]);
    const january = within(months[1]).getAllByTestId('finops-accuracy-cell');
    expect(january[0]).toHaveTextContent('+25.0%Below crawl');
    expect(accuracy).toHaveTextContent(
      'Median error of the day-10 forecasts: 3.3%',
    );
    expect(accuracy).toHaveTextContent(
      'FinOps maturity of forecast variance: crawl under 20 %, walk under 10 %, run under 5 %.',
    );
  });

  it('say when there is nothing to forecast or check yet', async () => {
    await renderCards({
      getForecast: jest
        .fn()
        .mockResolvedValue(
          forecastResponse({ method: 'no-data', months: [], backtest: [] }),
        ),
    });
    expect(await screen.findByTestId('finops-forecast-card')).toHaveTextContent(
      'Nothing to forecast yet: no daily cost to go on.',
    );
    expect(screen.getByTestId('finops-forecast-accuracy')).toHaveTextContent(
      /No closed month to check forecasts against yet/,
    );
  });

  it('say once, not in every cell, when every forecast was recomputed', async () => {
    const { backtest } = forecastResponse();
    await renderCards({
      getForecast: jest.fn().mockResolvedValue(
        forecastResponse({
          backtest: backtest.map(entry => ({
            ...entry,
            recorded: false,
            errorRatio: entry.madeOnDay === 20 ? -0.0001 : entry.errorRatio,
          })),
        }),
      ),
    });
    const cells = await screen.findAllByTestId('finops-accuracy-cell');
    expect(cells[0]).toHaveTextContent(/^[^a-z]*Walk$/);
    // A rounding to nothing has no sign.
    expect(cells[2]).toHaveTextContent(/^0\.0%Run$/);
    expect(screen.getByTestId('finops-accuracy-how')).toHaveTextContent(
      /^Each forecast is recomputed now from the days before its day/,
    );
  });
});
