import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { FinopsClient } from '@backstage-finops/plugin-finops-common';
import { finopsApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The FinOps plugin for the legacy frontend system. For the new frontend
 * system use the default export of `@backstage-finops/plugin-finops/alpha`.
 *
 * @public
 */
export const finopsPlugin = createPlugin({
  id: 'finops',
  apis: [
    createApiFactory({
      api: finopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FinopsClient({
          baseUrl: () => discoveryApi.getBaseUrl('finops'),
          fetch: (input, init) => fetchApi.fetch(input, init),
        }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The entity Cost tab: total, trend and breakdown of the entity's cost. Use
 * inside an `EntityLayout.Route`, e.g. at `/cost`.
 *
 * @public
 */
export const EntityCostContent = finopsPlugin.provide(
  createRoutableExtension({
    name: 'EntityCostContent',
    component: () =>
      import('./components/EntityCostContent').then(m => m.EntityCostContent),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The entity overview card: last 30 days' cost, its change and a sparkline.
 *
 * @public
 */
export const EntityCostCard = finopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCostCard',
    component: {
      lazy: () =>
        import('./components/EntityCostCard').then(m => m.EntityCostCard),
    },
  }),
);
