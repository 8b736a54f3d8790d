import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { EntityCostCard } from './EntityCostCard';
import {
  budgetResponse,
  costResponse,
  emptyCostResponse,
  freezeDate,
  responseError,
  Wrapper,
} from '../__testUtils__/fixtures';

describe('EntityCostCard', () => {
  beforeEach(() => freezeDate('2026-03-15T10:00:00Z'));
  afterEach(() => jest.useRealTimers());

  it('shows the last 30 days with their change and a sparkline', async () => {
    const getCosts = jest.fn().mockResolvedValue(costResponse());
    await renderInTestApp(
      <Wrapper api={{ getCosts }}>
        <EntityCostCard />
      </Wrapper>,
    );

    expect(await screen.findByTestId('finops-card-total')).toHaveTextContent(
      '$1,234.50',
    );
    expect(screen.getByTestId('finops-change')).toHaveTextContent(
      '(+$234.50) vs the previous 30 days',
    );
    const sparkline = screen.getByTestId('finops-sparkline');
    await waitFor(() =>
      expect(sparkline.querySelector('.recharts-surface')).not.toBeNull(),
    );
    expect(screen.getByRole('link', { name: /Cost details/ })).toHaveAttribute(
      'href',
      '/cost',
    );
    expect(getCosts).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
      from: '2026-02-14',
      to: '2026-03-16',
      granularity: 'day',
    });
  });

  it('shows the 30 days through the last day with data', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      costResponse({
        dataThrough: '2026-03-10',
        settlingFrom: null,
        settleDays: 0,
      }),
    );
    await renderInTestApp(
      <Wrapper api={{ getCosts }}>
        <EntityCostCard />
      </Wrapper>,
    );
    expect(await screen.findByTestId('finops-data-through')).toHaveTextContent(
      /^Data through Mar 10, 2026\.$/,
    );
    expect(getCosts).toHaveBeenCalledTimes(2);
    expect(getCosts).toHaveBeenLastCalledWith({
      entityRef: 'component:default/checkout-api',
      from: '2026-02-09',
      to: '2026-03-11',
      granularity: 'day',
    });
  });

  it('shows the period it is given', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      costResponse({
        from: '2025-12-16',
        to: '2026-03-16',
        previousTotal: { amount: '0', currency: 'USD' },
        changeRatio: null,
      }),
    );
    await renderInTestApp(
      <Wrapper api={{ getCosts }}>
        <EntityCostCard defaultPeriod="90d" />
      </Wrapper>,
    );
    expect(await screen.findByTestId('finops-card-total')).toHaveTextContent(
      '$1,234.50',
    );
    expect(screen.getByText('Last 90 days')).toBeInTheDocument();
    expect(screen.getByTestId('finops-change')).toHaveTextContent(
      'no cost in the previous 90 days to compare with',
    );
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ from: '2025-12-16', to: '2026-03-16' }),
    );
  });

  it('says how to attribute cost when there is none', async () => {
    const getCosts = jest.fn().mockResolvedValue(emptyCostResponse());
    await renderInTestApp(
      <Wrapper api={{ getCosts }}>
        <EntityCostCard />
      </Wrapper>,
    );

    const empty = await screen.findByTestId('finops-empty');
    expect(empty).toHaveTextContent(
      'No cost is attributed to checkout-api in the last 30 days.',
    );
    expect(empty).toHaveTextContent('service: checkout-api');
    expect(empty).toHaveTextContent('finops.backstage.io/cost-tags');
    expect(screen.queryByTestId('finops-card-total')).not.toBeInTheDocument();
  });

  it('suggests the tag key the cost response gives', async () => {
    const getCosts = jest.fn().mockResolvedValue(
      emptyCostResponse({
        attributionTagKeys: { entity: ['app'], owner: ['team'] },
      }),
    );
    await renderInTestApp(
      <Wrapper api={{ getCosts }}>
        <EntityCostCard />
      </Wrapper>,
    );
    const empty = await screen.findByTestId('finops-empty');
    expect(empty).toHaveTextContent('app: checkout-api');
    expect(empty).not.toHaveTextContent('service: checkout-api');
  });

  it('shows a compact message on errors', async () => {
    const getCosts = jest.fn().mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message: 'Unauthorized',
      }),
    );
    await renderInTestApp(
      <Wrapper api={{ getCosts }}>
        <EntityCostCard costTabPath={false} />
      </Wrapper>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "You may not see this entity's costs",
    );
    expect(screen.queryByRole('link', { name: /Cost details/ })).toBeNull();
  });

  it("shows the budget's status when the entity has a budget this month", async () => {
    const getBudget = jest
      .fn()
      .mockResolvedValue(budgetResponse({ status: 'at-risk' }));
    await renderInTestApp(
      <Wrapper
        api={{
          getCosts: jest.fn().mockResolvedValue(costResponse()),
          getBudget,
        }}
      >
        <EntityCostCard />
      </Wrapper>,
    );
    const budget = await screen.findByTestId('finops-card-budget');
    expect(budget).toHaveTextContent(
      'At risk$1,234.50 of the $3,000.00 budget for March 2026',
    );
    expect(getBudget).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
    });
  });

  it('shows no budget status without a budget, nor when it cannot be read', async () => {
    const getBudget = jest.fn().mockRejectedValue(new Error('offline'));
    await renderInTestApp(
      <Wrapper
        api={{
          getCosts: jest.fn().mockResolvedValue(costResponse()),
          getBudget,
        }}
      >
        <EntityCostCard />
      </Wrapper>,
    );
    await screen.findByTestId('finops-card-total');
    await waitFor(() => expect(getBudget).toHaveBeenCalled());
    expect(screen.queryByTestId('finops-card-budget')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
