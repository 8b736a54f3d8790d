import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { FinopsApi } from '../../api';
import type { BudgetResponse } from '../../lib/operate';
import {
  budgetResponse,
  noBudgetResponse,
  responseError,
  Wrapper,
} from '../__testUtils__/fixtures';
import { BudgetCard } from './BudgetCard';
import { useBudget } from './useBudget';

const ENTITY = 'component:default/checkout-api';

function Harness() {
  const state = useBudget(ENTITY);
  return <BudgetCard entityRef={ENTITY} state={state} />;
}

async function renderCard(api: Partial<FinopsApi>) {
  await renderInTestApp(
    <Wrapper api={api}>
      <Harness />
    </Wrapper>,
  );
}

describe('BudgetCard', () => {
  it('says how to add a budget when there is none', async () => {
    const getBudget = jest.fn().mockResolvedValue(noBudgetResponse());
    await renderCard({ getBudget });
    const empty = await screen.findByTestId('finops-budget-empty');
    expect(getBudget).toHaveBeenCalledWith({ entityRef: ENTITY });
    expect(empty).toHaveTextContent('No budget for March 2026');
    expect(empty).toHaveTextContent(
      'Month to date: $1,234.50; forecast at month end: $2,600.10.',
    );
    expect(empty).toHaveTextContent(
      'finops.backstage.io/monthly-budget: "1200 USD"',
    );
    expect(screen.getByRole('button', { name: 'Set budget' })).toBeEnabled();
    expect(screen.queryByTestId('finops-budget-status')).toBeNull();
    expect(screen.queryByTestId('finops-budget-remove')).toBeNull();
  });

  it.each<[BudgetResponse['status'], Partial<BudgetResponse>, string, string]>([
    [
      'on-track',
      {},
      'On track',
      'The month-end forecast leaves $399.90 of the budget.',
    ],
    [
      'at-risk',
      {
        forecast: {
          method: 'seasonal-trend',
          amount: '3200.3',
          low: '3000',
          high: '3400',
        },
      },
      'At risk',
      'Not over yet, but the month-end forecast is $200.30 above the budget.',
    ],
    [
      'over',
      { monthToDate: { amount: '3100.25', currency: 'USD' } },
      'Over budget',
      'Month to date is already $100.25 above the budget.',
    ],
  ])(
    'shows a budget %s as a chip with what it rests on',
    async (status, overrides, chip, reason) => {
      await renderCard({
        getBudget: jest
          .fn()
          .mockResolvedValue(budgetResponse({ status, ...overrides })),
      });
      const statusChip = await screen.findByTestId('finops-budget-status');
      expect(statusChip).toHaveTextContent(chip);
      expect(statusChip).toHaveAttribute('data-status', status);
      expect(screen.getByTestId('finops-budget-reason')).toHaveTextContent(
        reason,
      );
      const amount =
        overrides.monthToDate?.amount === '3100.25' ? '$3,100.25' : '$1,234.50';
      expect(screen.getByTestId('finops-budget-headline')).toHaveTextContent(
        `${amount} of $3,000.00`,
      );
      expect(screen.getByTestId('finops-budget-bar')).toHaveAccessibleName(
        expect.stringMatching(
          /^Month to date \$[\d,.]+, budget \$3,000\.00, forecast at month end \$[\d,.]+$/,
        ),
      );
      expect(screen.getByTestId('finops-budget-interval')).toBeInTheDocument();
      expect(screen.getByTestId('finops-budget-source')).toHaveTextContent(
        'From the annotation finops.backstage.io/monthly-budget in the catalog.',
      );
    },
  );

  it('shows who set an API budget, and removes it', async () => {
    const getBudget = jest
      .fn()
      .mockResolvedValueOnce(
        budgetResponse({
          budget: {
            amount: '2000',
            currency: 'USD',
            source: 'api',
            updatedBy: 'user:default/alice',
            updatedAt: '2026-03-02T09:30:00Z',
          },
        }),
      )
      .mockResolvedValue(budgetResponse());
    const deleteBudget = jest.fn().mockResolvedValue({ deleted: 1 });
    await renderCard({ getBudget, deleteBudget });
    expect(await screen.findByTestId('finops-budget-source')).toHaveTextContent(
      /^Set by alice on Mar 2, 2026, .+; it overrides the annotation, if any\.$/,
    );
    await userEvent.click(screen.getByTestId('finops-budget-remove'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Remove the budget set for March 2026?');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Remove budget' }),
    );
    expect(deleteBudget).toHaveBeenCalledWith({
      entityRef: ENTITY,
      month: '2026-03',
    });
    await waitFor(() =>
      expect(screen.getByTestId('finops-budget-source')).toHaveTextContent(
        'From the annotation',
      ),
    );
    expect(getBudget).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('finops-budget-remove')).toBeNull();
  });

  it('sets a budget for this month only, then shows it', async () => {
    const getBudget = jest
      .fn()
      .mockResolvedValueOnce(noBudgetResponse())
      .mockResolvedValue(
        budgetResponse({
          budget: {
            amount: '2500',
            currency: 'USD',
            source: 'api',
            updatedBy: 'user:default/guest',
            updatedAt: '2026-03-15T10:00:00Z',
          },
          status: 'at-risk',
        }),
      );
    const putBudget = jest.fn().mockResolvedValue(budgetResponse());
    await renderCard({ getBudget, putBudget });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Set budget' }),
    );
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByRole('textbox', { name: /Amount/ });
    await userEvent.type(amount, '0');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(dialog).toHaveTextContent('Enter a positive amount, e.g. 1200');
    expect(putBudget).not.toHaveBeenCalled();

    await userEvent.clear(amount);
    await userEvent.type(amount, '2500');
    expect(
      within(dialog).getByRole('textbox', { name: /Currency/ }),
    ).toHaveValue('USD');
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'March 2026 only' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(putBudget).toHaveBeenCalledWith({
      entityRef: ENTITY,
      amount: '2500',
      currency: 'USD',
      month: '2026-03',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await screen.findByTestId('finops-budget-headline'),
    ).toHaveTextContent('$1,234.50 of $2,500.00');
    expect(screen.getByTestId('finops-budget-status')).toHaveTextContent(
      'At risk',
    );
    expect(getBudget).toHaveBeenCalledTimes(2);
  });

  it('says "You may not change this budget" on a 403, and keeps the dialog open', async () => {
    const getBudget = jest.fn().mockResolvedValue(budgetResponse());
    const putBudget = jest.fn().mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message: 'not allowed',
      }),
    );
    await renderCard({ getBudget, putBudget });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Change budget' }),
    );
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByRole('textbox', { name: /Amount/ });
    expect(amount).toHaveValue('3000');
    await userEvent.clear(amount);
    await userEvent.type(amount, '4000');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByTestId('finops-budget-error'),
    ).toHaveTextContent(/^You may not change this budget\.$/);
    expect(putBudget).toHaveBeenCalledWith({
      entityRef: ENTITY,
      amount: '4000',
      currency: 'USD',
      fromMonth: '2026-03',
    });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(getBudget).toHaveBeenCalledTimes(1);
  });

  it("shows a rollup's members' budgets beside its own, and a budget in another currency uncompared", async () => {
    await renderCard({
      getBudget: jest.fn().mockResolvedValue(
        budgetResponse({
          entityRef: 'group:default/team-payments',
          budget: {
            amount: '4800',
            currency: 'EUR',
            source: 'annotation',
            updatedBy: null,
            updatedAt: null,
          },
          status: null,
          membersBudget: { amount: '3050', currency: 'EUR' },
          membersBudgetOtherCurrencies: 1,
          hiddenEntityCount: 2,
        }),
      ),
    });
    const members = await screen.findByTestId('finops-members-budget');
    expect(members).toHaveTextContent(
      'Its members’ budgets add up to €3,050.00.',
    );
    expect(members).toHaveTextContent(
      '1 member budgeted in another currency is not counted.',
    );
    expect(screen.getByTestId('finops-budget-card')).toHaveTextContent(
      'Not compared: the budget is in EUR, the cost in USD.',
    );
    expect(screen.getByTestId('finops-budget-card')).toHaveTextContent(
      'Month to date leaves out 2 entities whose cost you may not see.',
    );
    expect(screen.queryByTestId('finops-budget-status')).toBeNull();
    expect(screen.queryByTestId('finops-budget-bar')).toBeNull();
  });
});
