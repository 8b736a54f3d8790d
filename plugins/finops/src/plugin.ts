import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { finopsApiFactory } from './api';
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
    finopsApiFactory,
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
