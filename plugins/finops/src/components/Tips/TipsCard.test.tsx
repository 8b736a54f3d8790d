import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { FinopsApi } from '../../api';
import {
  freezeDate,
  responseError,
  tip,
  tipsResponse,
  Wrapper,
} from '../__testUtils__/fixtures';
import { TipsCard } from './TipsCard';

const ENTITY = 'component:default/checkout-api';

async function renderCard(
  api: Partial<FinopsApi>,
  entityRef: string | null = ENTITY,
) {
  await renderInTestApp(
    <Wrapper api={api}>
      <TipsCard entityRef={entityRef ?? undefined} />
    </Wrapper>,
  );
}

describe('TipsCard', () => {
  beforeEach(() => freezeDate('2026-03-15T10:00:00Z'));
  afterEach(() => jest.useRealTimers());

  it('lists each open tip with its saving, what to do, the resources, how it was estimated, effort and risk', async () => {
    const getTips = jest.fn().mockResolvedValue(tipsResponse([tip()]));
    await renderCard({ getTips });
    const row = await screen.findByTestId('finops-tip-row');
    expect(getTips).toHaveBeenCalledWith({ entityRef: ENTITY, status: 'open' });
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('$24.35a month (estimate)');
    expect(cells[1]).toHaveTextContent('Move vol-0a1b2c3d to gp3');
    expect(cells[1]).toHaveTextContent(
      'Change the volume type to gp3 in place; no downtime.',
    );
    // The ARN shortened, the full id and service in the title.
    expect(
      within(cells[1]).getByTitle(
        /^arn:aws:ec2:.*\(Amazon Elastic Block Store\)$/,
      ),
    ).toHaveTextContent('vol-0a1b2c3d');
    expect(cells[1]).toHaveTextContent(
      'How estimated: 20 % of $121.75/month gp2 storage cost over the last 28 days',
    );
    expect(cells[2]).toHaveTextContent('Effort: lowRisk: low');
    expect(screen.getByTestId('finops-tips-total')).toHaveTextContent(
      '$24.35 a month could be saved by the open tip below.',
    );
    expect(screen.getByTestId('finops-tips-checked')).toHaveTextContent(
      'Tips checked 2 hours ago.',
    );
    // One entity: no entity column.
    expect(
      screen.queryByRole('columnheader', { name: 'Entity' }),
    ).not.toBeInTheDocument();
  });

  it('marks a tip done, and asks a reason to dismiss and a day to snooze', async () => {
    const getTips = jest.fn().mockResolvedValue(tipsResponse([tip()]));
    const patchTip = jest.fn().mockResolvedValue(tip({ status: 'done' }));
    await renderCard({ getTips, patchTip });
    await screen.findByTestId('finops-tip-row');
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() =>
      expect(patchTip).toHaveBeenCalledWith(
        { id: tip().id },
        { status: 'done' },
      ),
    );
    await waitFor(() => expect(getTips).toHaveBeenCalledTimes(2));

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    const dismiss = await screen.findByRole('dialog');
    const submit = within(dismiss).getByRole('button', { name: 'Dismiss' });
    expect(submit).toBeDisabled();
    await userEvent.type(
      within(dismiss).getByTestId('finops-tip-reason'),
      'volume goes away in April',
    );
    await userEvent.click(submit);
    await waitFor(() =>
      expect(patchTip).toHaveBeenLastCalledWith(
        { id: tip().id },
        { status: 'dismissed', reason: 'volume goes away in April' },
      ),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Snooze' }));
    const snooze = await screen.findByRole('dialog');
    // A month from today unless another day is picked.
    expect(within(snooze).getByTestId('finops-tip-until')).toHaveValue(
      '2026-04-14',
    );
    await userEvent.click(
      within(snooze).getByRole('button', { name: 'Snooze' }),
    );
    await waitFor(() =>
      expect(patchTip).toHaveBeenLastCalledWith(
        { id: tip().id },
        { status: 'snoozed', until: '2026-04-14' },
      ),
    );
  });

  it('says why a decision was not saved', async () => {
    const getTips = jest.fn().mockResolvedValue(tipsResponse([tip()]));
    const patchTip = jest
      .fn()
      .mockRejectedValue(
        await responseError(403, 'Forbidden', {
          name: 'NotAllowedError',
          message: 'Not allowed',
        }),
      );
    await renderCard({ getTips, patchTip });
    await userEvent.click(await screen.findByRole('button', { name: 'Done' }));
    expect(await screen.findByTestId('finops-tip-error')).toHaveTextContent(
      'Not saved: you may not change this tip',
    );
  });

  it('shows what a done tip realized, who marked it, and lets it be reopened', async () => {
    const done = tip({
      status: 'done',
      active: false,
      decision: {
        status: 'done',
        reason: null,
        until: null,
        by: 'user:default/ana',
        at: '2026-02-20T09:00:00Z',
      },
      realizedSavings: {
        amount: '76.09375',
        currency: 'USD',
        perDayBefore: '3',
        perDayAfter: '0.5',
        daysBefore: 28,
        daysAfter: 21,
      },
    });
    const getTips = jest.fn(async ({ status }: { status: string }) =>
      tipsResponse(status === 'done' ? [done] : []),
    );
    await renderCard({ getTips: getTips as any });
    expect(await screen.findByTestId('finops-tips-empty')).toHaveTextContent(
      'No open tips',
    );
    await userEvent.click(screen.getByTestId('finops-tips-view'));
    await userEvent.click(await screen.findByRole('option', { name: 'Done' }));
    expect(await screen.findByTestId('finops-tip-realized')).toHaveTextContent(
      'Realized: +$76.09 a month ($3.00 a day in the 28 days before, $0.50 a day in the 21 days after)',
    );
    expect(screen.getByTestId('finops-tip-decision')).toHaveTextContent(
      /^Done by ana, /,
    );
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeEnabled();
  });

  it('lists the organisation’s tips with the entity each is on, and “No owner” for unallocated spend', async () => {
    const getTips = jest
      .fn()
      .mockResolvedValue(
        tipsResponse(
          [
            tip(),
            tip({
              id: 'b',
              rule: 'idle-address',
              title: 'Release eipalloc-1',
              entityRef: null,
            }),
          ],
          { entityRef: null },
        ),
      );
    await renderCard({ getTips }, null);
    await screen.findAllByTestId('finops-tip-row');
    expect(getTips).toHaveBeenCalledWith({ status: 'open' });
    const rows = screen.getAllByTestId('finops-tip-row');
    expect(within(rows[1]).getAllByRole('cell')[2]).toHaveTextContent(
      'No owner',
    );
    expect(
      screen.getByRole('columnheader', { name: 'Entity' }),
    ).toBeInTheDocument();
  });
});
