import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { ComplianceResponse } from '../../lib/ownership';
import { Wrapper } from '../__testUtils__/fixtures';
import { CostMetadataStatus } from './CostMetadataStatus';

const entityRef = 'component:default/checkout-api';
const compliance = (
  issues: ComplianceResponse['entities'][number]['issues'],
): ComplianceResponse => ({
  entityRef,
  from: '2026-11-03',
  to: '2026-12-03',
  score: {
    compliant: issues.length ? 0 : 1,
    total: 1,
    percent: issues.length ? 0 : 100,
  },
  entities: [{ entityRef, kind: 'Component', issues }],
  unallocatedInAccounts: { currency: 'USD', amount: '0', accounts: [] },
});

async function render(
  getOwnershipCompliance: () => Promise<ComplianceResponse>,
) {
  await renderInTestApp(
    <Wrapper api={{ getOwnershipCompliance: jest.fn(getOwnershipCompliance) }}>
      <CostMetadataStatus entityRef={entityRef} />
    </Wrapper>,
  );
}

describe('CostMetadataStatus', () => {
  it('says the metadata is complete when the entity has no issue', async () => {
    await render(async () => compliance([]));
    expect(await screen.findByTestId('finops-metadata-status')).toHaveAttribute(
      'data-complete',
      'true',
    );
    expect(
      screen.getByText(/^Complete: the owner is known/),
    ).toBeInTheDocument();
  });

  it('lists what is missing with the YAML to add', async () => {
    const fix =
      "metadata:\n  annotations:\n    finops.backstage.io/cost-tags: 'service=checkout-api'";
    await render(async () =>
      compliance([
        {
          rule: 'cost-source',
          severity: 'warn',
          message: 'Component checkout-api does not say how its cost is found',
          fix,
        },
        {
          rule: 'annotation',
          severity: 'error',
          message:
            'finops.backstage.io/monthly-budget: "lots" is not "<amount> <currency>"',
        },
      ]),
    );
    expect(await screen.findByTestId('finops-metadata-status')).toHaveAttribute(
      'data-complete',
      'false',
    );
    expect(screen.getAllByTestId('finops-metadata-issue')).toHaveLength(2);
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(screen.getByText('Error')).toBeInTheDocument();
    expect(screen.getByTestId('finops-compliance-fix').textContent).toBe(fix);
  });

  it('shows nothing when the policy cannot be read for the entity', async () => {
    const failing = jest.fn(async () => {
      throw new Error('403');
    });
    await render(failing);
    await waitFor(() => expect(failing).toHaveBeenCalled());
    expect(
      screen.queryByTestId('finops-metadata-status'),
    ).not.toBeInTheDocument();
  });
});
