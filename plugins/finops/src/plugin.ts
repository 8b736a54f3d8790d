import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { finopsApiFactory } from './api';
import { finopsPageRouteRef, rootRouteRef } from './routes';

/**
 * The FinOps plugin for the legacy frontend system. For the new frontend
 * system use the default export of `@backstage-finops/plugin-finops/alpha`.
 *
 * @public
 */
export const finopsPlugin = createPlugin({
  id: 'finops',
  apis: [finopsApiFactory],
  routes: {
    root: rootRouteRef,
    page: finopsPageRouteRef,
  },
});

/**
 * The entity Cost tab: total, trend and breakdown of the entity's cost, the
 * month's budget and forecast, anomalies with feedback and the forecasts'
 * accuracy (on a Group, the team's view, with its members' budget status).
 * Use inside an `EntityLayout.Route`, e.g. at `/cost`.
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
 * The entity overview card: last 30 days' cost, its change, a sparkline
 * and, when the entity has a budget this month, its status.
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

/**
 * The entity overview card of ownership and cost metadata: complete, or
 * what the organisation's tagging policy misses and the YAML to add. Shows
 * nothing where the policy cannot be read for the entity.
 *
 * @public
 */
export const EntityCostMetadataCard = finopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCostMetadataCard',
    component: {
      lazy: () =>
        import('./components/Ownership/EntityCostMetadataCard').then(
          m => m.EntityCostMetadataCard,
        ),
    },
  }),
);

/**
 * The FinOps page: the organisation's overview (total, trend, spend by team,
 * service category, account and provider, top movers, allocation coverage,
 * data freshness), Compare, Ownership (allocation coverage, suggested owners
 * of unallocated spend, tagging policy findings, a team's compliance), and for
 * sources admins the Imports tab. Mount it
 * at a route, e.g. `<Route path="/finops" element={<FinopsPage />} />`, and
 * add a sidebar item linking there.
 *
 * @public
 */
export const FinopsPage = finopsPlugin.provide(
  createRoutableExtension({
    name: 'FinopsPage',
    component: () => import('./components/FinopsPage').then(m => m.FinopsPage),
    mountPoint: finopsPageRouteRef,
  }),
);
