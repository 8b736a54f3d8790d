import { finopsApiRef } from './api';
import {
  EntityCostCard,
  EntityCostContent,
  FinopsPage,
  finopsPageRouteRef,
  finopsPlugin,
  isFinopsAvailable,
} from './index';

describe('finops plugin (legacy frontend system)', () => {
  it('exports the plugin and its extensions', () => {
    expect(finopsPlugin.getId()).toBe('finops');
    expect(EntityCostContent).toBeDefined();
    expect(EntityCostCard).toBeDefined();
    expect(FinopsPage).toBeDefined();
    expect(finopsPlugin.routes.page).toBe(finopsPageRouteRef);
  });

  it('builds a client that calls the finops backend through discovery and fetchApi', async () => {
    const [factory] = [...finopsPlugin.getApis()];
    expect(factory.api.id).toBe(finopsApiRef.id);
    const fetch = jest.fn().mockResolvedValue({
      ok: true,
      json: async () => ({ items: [] }),
    });
    const client = factory.factory({
      discoveryApi: {
        getBaseUrl: async (pluginId: string) =>
          `http://backstage/api/${pluginId}`,
      },
      fetchApi: { fetch },
    }) as any;
    await client.listImports({ limit: 5 });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/finops/imports?limit=5',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('tells which kinds have cost', () => {
    const entity = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
    });
    expect(isFinopsAvailable(entity('Component'))).toBe(true);
    expect(isFinopsAvailable(entity('group'))).toBe(true);
    expect(isFinopsAvailable(entity('User'))).toBe(false);
  });
});
