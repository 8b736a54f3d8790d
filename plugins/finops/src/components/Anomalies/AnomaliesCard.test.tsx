import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { FinopsApi } from '../../api';
import type { Anomaly } from '../../lib/operate';
import {
  anomaliesResponse,
  anomaly,
  freezeDate,
  responseError,
  Wrapper,
} from '../__testUtils__/fixtures';
import { AnomaliesCard } from './AnomaliesCard';
import { useAnomalies } from './useAnomalies';

const ENTITY = 'component:default/checkout-api';
const PERIOD = { from: '2026-02-14', to: '2026-03-16' };

function Harness(props: { entityRef?: string }) {
  const entityRef = props.entityRef ?? ENTITY;
  const state = useAnomalies(entityRef, PERIOD);
  return (
    <AnomaliesCard
      entityRef={entityRef}
      state={state}
      periodLabel="Last 30 days"
    />
  );
}

async function renderCard(api: Partial<FinopsApi>, entityRef?: string) {
  await renderInTestApp(
    <Wrapper api={api}>
      <Harness entityRef={entityRef} />
    </Wrapper>,
  );
}

/** A promise and the functions that settle it, for requests a test holds open. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('AnomaliesCard', () => {
  beforeEach(() => freezeDate('2026-03-15T10:00:00Z'));
  afterEach(() => jest.useRealTimers());

  it('lists each anomaly: day, actual against expected, impact, contributors, status', async () => {
    const getAnomalies = jest.fn().mockResolvedValue(anomaliesResponse());
    await renderCard({ getAnomalies });
    const row = await screen.findByTestId('finops-anomaly-row');
    expect(getAnomalies).toHaveBeenCalledWith({ entityRef: ENTITY, ...PERIOD });
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('Mar 13, 2026Spike');
    expect(cells[1]).toHaveTextContent('$441.20 vs $70.10 expected');
    expect(cells[2]).toHaveTextContent('+$371.10+529%');
    expect(cells[3]).toHaveTextContent(
      'Service:Amazon DynamoDB +$360.50, Amazon EC2 +$10.40',
    );
    expect(cells[3]).toHaveTextContent('Account:482916301754 +$371.10');
    expect(cells[3]).toHaveTextContent('Region:us-east-1 +$371.10');
    // Resource ids shortened, the full id in the title; (other) under 1 %.
    expect(cells[3]).toHaveTextContent(
      'Resource:table/checkout-api-orders +$360.50, i-0548bcf12adebc98f +$10.10',
    );
    expect(within(cells[3]).getByTitle(/^arn:aws:dynamodb:/)).toHaveTextContent(
      'table/checkout-api-orders',
    );
    expect(within(row).getByTestId('finops-anomaly-status')).toHaveTextContent(
      'Open',
    );
    expect(screen.getByTestId('finops-anomalies-checked')).toHaveTextContent(
      'Checked 2 hours ago.',
    );
    // One entity: no column naming it.
    expect(screen.queryByRole('columnheader', { name: 'Entity' })).toBeNull();
  });

  it('marks an anomaly expected at once, then shows who did', async () => {
    const saved = deferred<Anomaly>();
    const postAnomalyFeedback = jest.fn().mockReturnValue(saved.promise);
    await renderCard({
      getAnomalies: jest.fn().mockResolvedValue(anomaliesResponse()),
      postAnomalyFeedback,
    });
    const row = await screen.findByTestId('finops-anomaly-row');
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Mark the anomaly of Mar 13, 2026 as expected',
      }),
    );
    expect(postAnomalyFeedback).toHaveBeenCalledWith(
      { id: 'anomaly-1' },
      { verdict: 'expected' },
    );
    // Shown before the server answers, the buttons held meanwhile.
    expect(within(row).getByTestId('finops-anomaly-status')).toHaveTextContent(
      'Expected',
    );
    expect(
      within(row).getByRole('button', { name: /as unexpected/ }),
    ).toBeDisabled();

    saved.resolve(
      anomaly({
        status: 'expected',
        feedback: {
          verdict: 'expected',
          comment: null,
          by: 'user:default/alice',
          at: '2026-03-15T09:58:00Z',
        },
      }),
    );
    await waitFor(() =>
      expect(row).toHaveTextContent(/by alice, Mar 15, 2026/),
    );
    expect(
      within(row).getByRole('button', { name: /as expected/ }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      within(row).getByRole('button', { name: /as unexpected/ }),
    ).toBeEnabled();
  });

  it('undoes feedback the server refuses and says why', async () => {
    const postAnomalyFeedback = jest.fn().mockRejectedValue(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message: 'not allowed',
      }),
    );
    await renderCard({
      getAnomalies: jest.fn().mockResolvedValue(anomaliesResponse()),
      postAnomalyFeedback,
    });
    const row = await screen.findByTestId('finops-anomaly-row');
    await userEvent.click(
      within(row).getByRole('button', { name: /as unexpected/ }),
    );
    expect(
      await within(row).findByTestId('finops-anomaly-feedback-error'),
    ).toHaveTextContent('Not saved: you may not give feedback on this anomaly');
    expect(within(row).getByTestId('finops-anomaly-status')).toHaveTextContent(
      'Open',
    );
    expect(row).toHaveAttribute('data-status', 'open');
  });

  it("names each anomaly's entity for a rollup", async () => {
    await renderCard(
      {
        getAnomalies: jest.fn().mockResolvedValue(
          anomaliesResponse(
            [
              anomaly(),
              anomaly({
                id: 'anomaly-2',
                entityRef: 'component:default/fraud-detector',
                date: '2026-02-20',
                direction: 'dip',
                actual: '10',
                expected: '60',
                impact: '-50',
                impactRatio: -0.83333333,
                status: 'unexpected',
              }),
            ],
            { entityRef: 'group:default/team-payments', hiddenEntityCount: 1 },
          ),
        ),
      },
      'group:default/team-payments',
    );
    const rows = await screen.findAllByTestId('finops-anomaly-row');
    expect(rows).toHaveLength(2);
    expect(
      screen.getByRole('columnheader', { name: 'Entity' }),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('fraud-detector');
    expect(rows[1]).toHaveTextContent('Dip');
    expect(rows[1]).toHaveTextContent('−$50.00−83.3%');
    expect(
      within(rows[1]).getByTestId('finops-anomaly-status'),
    ).toHaveTextContent('Unexpected');
    expect(screen.getByTestId('finops-anomalies-card')).toHaveTextContent(
      'Leaves out 1 entity of this rollup whose cost you may not see.',
    );
  });

  it('says when there is none, and when detection has not run', async () => {
    await renderCard({
      getAnomalies: jest
        .fn()
        .mockResolvedValue(anomaliesResponse([], { evaluatedAt: null })),
    });
    expect(
      await screen.findByTestId('finops-anomalies-empty'),
    ).toHaveTextContent('No anomalies in the last 30 days.');
    expect(screen.getByTestId('finops-anomalies-checked')).toHaveTextContent(
      'Anomaly detection has not run yet; it runs after each billing import and daily.',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });
});
