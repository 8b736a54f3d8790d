import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import { EntityCostContent } from '../EntityCostContent';
import {
  costResponse,
  declaredMetric,
  freezeDate,
  metricsList,
  responseError,
  teamPayments,
  teamResponse,
  unitCostResponse,
  Wrapper,
} from '../__testUtils__/fixtures';

describe('the unit cost on the Cost tab', () => {
  beforeEach(() => freezeDate('2026-03-15T10:00:00Z'));
  afterEach(() => jest.useRealTimers());

  async function renderTab(
    api: {
      getCosts: jest.Mock;
      listMetrics?: jest.Mock;
      getUnitCosts?: jest.Mock;
    },
    entity?: Entity,
  ) {
    await renderInTestApp(
      <Wrapper api={api} entity={entity}>
        <EntityCostContent />
      </Wrapper>,
    );
  }

  it('shows nothing of it when the entity declares no metric', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    const listMetrics = jest.fn().mockResolvedValue(metricsList([]));
    await renderTab({
      getCosts: jest.fn().mockResolvedValue(costResponse()),
      listMetrics,
      getUnitCosts,
    });
    await screen.findByTestId('finops-total');
    await waitFor(() => expect(listMetrics).toHaveBeenCalled());
    expect(listMetrics).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
    });
    expect(screen.queryByText('Unit cost')).not.toBeInTheDocument();
    expect(getUnitCosts).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows nothing of it, and no error, when the metrics cannot be listed', async () => {
    const getUnitCosts = jest.fn().mockResolvedValue(unitCostResponse());
    const listMetrics = jest.fn().mockRejectedValue(
      await responseError(404, 'Not Found', {
        name: 'NotFoundError',
        message: 'no such route',
      }),
    );
    await renderTab({
      getCosts: jest.fn().mockResolvedValue(costResponse()),
      listMetrics,
      getUnitCosts,
    });
    await screen.findByTestId('finops-total');
    await waitFor(() => expect(listMetrics).toHaveBeenCalled());
    expect(screen.queryByText('Unit cost')).not.toBeInTheDocument();
    expect(screen.queryByText(/No cost data/)).not.toBeInTheDocument();
    expect(getUnitCosts).not.toHaveBeenCalled();
  });

  it('shows the card over the period, granularity and currency of the cost chart', async () => {
    // The data ends on 2026-03-10: the page's period moves to end there.
    const getCosts = jest.fn(async (query: any) =>
      costResponse({
        from: query.from,
        to: query.to,
        granularity: query.granularity,
        currency: 'EUR',
        dataThrough: '2026-03-10',
      }),
    );
    const getUnitCosts = jest.fn(async (query: any) =>
      unitCostResponse({
        from: query.from,
        to: query.to,
        granularity: query.granularity,
        currency: 'EUR',
      }),
    );
    await renderTab({
      getCosts,
      listMetrics: jest.fn().mockResolvedValue(metricsList()),
      getUnitCosts,
    });
    expect(await screen.findByTestId('finops-unit-cost')).toHaveTextContent(
      '€12.30 per million requests',
    );
    expect(getUnitCosts).toHaveBeenCalledTimes(1);
    expect(getUnitCosts).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      metric: 'requests',
      from: '2026-02-09',
      to: '2026-03-11',
      granularity: 'day',
      currency: 'EUR',
    });

    await userEvent.selectOptions(screen.getByLabelText('Granularity'), 'week');
    await waitFor(() =>
      expect(getUnitCosts).toHaveBeenLastCalledWith(
        expect.objectContaining({ granularity: 'week' }),
      ),
    );
  });

  it("shows the team's unit cost over the metrics its members declare", async () => {
    const getCosts = jest.fn(async (query: { groupBy?: string }) =>
      query.groupBy === 'entity'
        ? teamResponse()
        : costResponse({
            entityRef: 'group:default/team-payments',
            groupBy: query.groupBy as CostResponse['groupBy'],
          }),
    );
    const listMetrics = jest.fn().mockResolvedValue(
      metricsList(
        [
          declaredMetric({
            entityRefs: [
              'component:default/checkout-api',
              'component:default/fraud-detector',
            ],
          }),
        ],
        'group:default/team-payments',
      ),
    );
    const getUnitCosts = jest.fn().mockResolvedValue(
      unitCostResponse({
        entityRef: 'group:default/team-payments',
        includedEntityRefs: [
          'component:default/checkout-api',
          'component:default/fraud-detector',
        ],
      }),
    );
    await renderTab({ getCosts, listMetrics, getUnitCosts }, teamPayments);
    expect(await screen.findByTestId('finops-unit-cost')).toHaveTextContent(
      '$12.30 per million requests',
    );
    expect(listMetrics).toHaveBeenCalledWith({
      entityRef: 'group:default/team-payments',
    });
    expect(getUnitCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'group:default/team-payments',
        metric: 'requests',
        from: '2026-02-14',
        to: '2026-03-16',
      }),
    );
    expect(
      screen.getByText(
        'Counts the cost and requests of the 2 entities that declare requests: their total cost over their total requests.',
      ),
    ).toBeInTheDocument();
  });
});
