import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Wrapper } from '../__testUtils__/fixtures';
import { FinopsPage } from './FinopsPage';

// A file of its own: usePermission caches answers for the whole module
// (SWR), so a denial must not follow an allowance of the same permission.
describe('FinopsPage without finops.org.read and finops.sources.admin', () => {
  it('tells the user that the overview is not for them, and still offers Compare', async () => {
    const getOverview = jest.fn();
    await renderInTestApp(
      <Wrapper
        api={{ getOverview, getCoverage: jest.fn() }}
        apis={[
          [permissionApiRef, mockApis.permission({ authorize: 'DENY' as any })],
        ]}
      >
        <FinopsPage />
      </Wrapper>,
    );
    expect(
      await screen.findByTestId('finops-org-not-allowed'),
    ).toHaveTextContent('You may not see the organisation’s costs');
    expect(screen.getByTestId('finops-org-not-allowed')).toHaveTextContent(
      'finops.org.read',
    );
    expect(getOverview).not.toHaveBeenCalled();
    expect(screen.getByRole('tab', { name: 'Compare' })).toBeInTheDocument();
    expect(
      screen.queryByRole('tab', { name: 'Imports' }),
    ).not.toBeInTheDocument();
  });

  it('says that Imports is for the FinOps team when its URL is opened', async () => {
    await renderInTestApp(
      <Wrapper
        api={{ getOverview: jest.fn() }}
        apis={[
          [permissionApiRef, mockApis.permission({ authorize: 'DENY' as any })],
        ]}
      >
        <FinopsPage />
      </Wrapper>,
      { routeEntries: ['/finops?tab=imports'] },
    );
    expect(
      await screen.findByText(/Imports are for the FinOps team/),
    ).toBeInTheDocument();
  });
});
