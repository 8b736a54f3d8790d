/**
 * The Backstage FinOps frontend for the new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  type OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import AccountBalanceWalletIcon from '@material-ui/icons/AccountBalanceWallet';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { z } from 'zod';
import { finopsApiFactory } from './api';
import { BREAKDOWN_DIMENSIONS } from './lib/dimensions';
import { FINOPS_ENTITY_KINDS } from './lib/isFinopsAvailable';
import { PERIOD_IDS } from './lib/periods';
import { finopsPageRouteRef } from './routes';
import { finopsTranslationRef } from './translation';

export { finopsTranslationRef } from './translation';

// The FinOps API, reaching the `finops` backend plugin through discovery and
// the app's authenticated fetch. Extension id: `api:finops`.
const finopsApi = ApiBlueprint.make({
  params: defineParams => defineParams(finopsApiFactory),
});

// The entity Cost tab at `cost`, on components, systems, domains, groups and
// resources (on a Group, the team's view), with the month's budget, the
// forecast, anomalies and forecast accuracy composed in it. Extension id:
// `entity-content:finops/cost`. Config: `defaultPeriod` (30d, 90d, 6m, 12m)
// and `defaultGroupBy` (the breakdown shown first: service, account,
// region, resource, entity), besides the blueprint's own `path` and `title`.
const entityCostContent = EntityContentBlueprint.makeWithOverrides({
  name: 'cost',
  configSchema: {
    defaultPeriod: z.enum(PERIOD_IDS).optional(),
    defaultGroupBy: z.enum(BREAKDOWN_DIMENSIONS).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      path: 'cost',
      title: finopsTranslationRef('entityContent.title'),
      filter: { kind: { $in: FINOPS_ENTITY_KINDS } },
      loader: () =>
        import('./components/EntityCostContent').then(m => (
          <m.EntityCostContent
            defaultPeriod={config.defaultPeriod}
            defaultBreakdown={config.defaultGroupBy}
            costTabPath={config.path ?? 'cost'}
          />
        )),
    });
  },
});

// The cost card on the overview tab of components, systems and groups (a
// system's or team's card shows its rollup, and the budget's status when
// there is a budget). Extension id:
// `entity-card:finops/cost`. Config: `defaultPeriod`, the period it shows.
const entityCostCard = EntityCardBlueprint.makeWithOverrides({
  name: 'cost',
  configSchema: {
    defaultPeriod: z.enum(PERIOD_IDS).optional(),
  },
  factory(originalFactory, { config }) {
    return originalFactory({
      filter: { kind: { $in: ['component', 'system', 'group'] } },
      loader: () =>
        import('./components/EntityCostCard').then(m => (
          <m.EntityCostCard defaultPeriod={config.defaultPeriod} />
        )),
    });
  },
});

// Whether the entity's ownership and cost metadata follow the tagging policy,
// and the YAML to add if not, on the overview of the kinds the policy
// covers. Extension id: `entity-card:finops/cost-metadata`.
const entityCostMetadataCard = EntityCardBlueprint.make({
  name: 'cost-metadata',
  params: {
    filter: { kind: { $in: ['component', 'resource', 'system'] } },
    loader: () =>
      import('./components/Ownership/EntityCostMetadataCard').then(m => (
        <m.EntityCostMetadataCard />
      )),
  },
});

// The FinOps page at `/finops` (Overview, Compare, Ownership and, for sources
// admins, Imports), with a sidebar item: the app's nav lists pages that have a
// route ref, a title and an icon. Extension id: `page:finops`; its `path`
// and `title` can be configured like any page's.
const finopsPage = PageBlueprint.make({
  params: {
    path: '/finops',
    routeRef: finopsPageRouteRef,
    title: finopsTranslationRef('page.title'),
    icon: <AccountBalanceWalletIcon fontSize="inherit" />,
    loader: () =>
      Promise.all([
        import('./components/FinopsPage'),
        import('@backstage/core-components'),
      ]).then(([m, { Content }]) => (
        <Content>
          <m.FinopsPageContent />
        </Content>
      )),
  },
});

/**
 * The FinOps plugin for the new frontend system, with the extensions
 * `api:finops`, `page:finops`, `entity-content:finops/cost`,
 * `entity-card:finops/cost` and `entity-card:finops/cost-metadata`.
 *
 * @alpha
 */
const finopsPlugin: OverridableFrontendPlugin = createFrontendPlugin({
  pluginId: 'finops',
  title: 'FinOps',
  icon: <AccountBalanceWalletIcon fontSize="inherit" />,
  routes: { page: finopsPageRouteRef },
  extensions: [
    finopsApi,
    finopsPage,
    entityCostContent,
    entityCostCard,
    entityCostMetadataCard,
  ],
});

export default finopsPlugin;
