import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Wrapper } from '../__testUtils__/fixtures';
import { FinopsPage } from '../FinopsPage';

// A file of its own: usePermission caches answers for the whole module
// (SWR), so a denial must not follow an allowance of the same permission.
describe('the Ownership tab without finops.org.read', () => {
  it('says that it needs finops.org.read and asks for nothing', async () => {
    const getOwnershipCoverage = jest.fn();
    const getOwnershipSuggestions = jest.fn();
    await renderInTestApp(
      <Wrapper
        api={{ getOwnershipCoverage, getOwnershipSuggestions }}
        apis={[
          [permissionApiRef, mockApis.permission({ authorize: 'DENY' as any })],
        ]}
      >
        <FinopsPage />
      </Wrapper>,
      { routeEntries: ['/finops?tab=ownership'] },
    );
    expect(
      await screen.findByTestId('finops-org-not-allowed'),
    ).toHaveTextContent(
      'The Ownership tab needs the finops.org.read permission',
    );
    expect(screen.getByRole('tab', { name: 'Ownership' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(getOwnershipCoverage).not.toHaveBeenCalled();
    expect(getOwnershipSuggestions).not.toHaveBeenCalled();
  });
});
