/**
 * The Backstage FinOps frontend for the new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  type OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { finopsApiFactory } from './api';
import { FINOPS_ENTITY_KINDS } from './lib/isFinopsAvailable';
import { finopsTranslationRef } from './translation';

export { finopsTranslationRef } from './translation';

// The FinOps API, reaching the `finops` backend plugin through discovery and
// the app's authenticated fetch. Extension id: `api:finops`.
const finopsApi = ApiBlueprint.make({
  params: defineParams => defineParams(finopsApiFactory),
});

// The entity Cost tab at `cost`, on components, systems, domains, groups and
// resources. Extension id: `entity-content:finops/cost`.
const entityCostContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: 'cost',
    title: finopsTranslationRef('entityContent.title'),
    filter: { kind: { $in: FINOPS_ENTITY_KINDS } },
    loader: () =>
      import('./components/EntityCostContent').then(m => (
        <m.EntityCostContent />
      )),
  },
});

// The cost card on the overview tab of components, systems and groups (a
// system's or team's card shows its rollup). Extension id: `entity-card:finops/cost`.
const entityCostCard = EntityCardBlueprint.make({
  name: 'cost',
  params: {
    filter: { kind: { $in: ['component', 'system', 'group'] } },
    loader: () =>
      import('./components/EntityCostCard').then(m => <m.EntityCostCard />),
  },
});

/**
 * The FinOps plugin for the new frontend system, with the extensions
 * `api:finops`, `entity-content:finops/cost` and `entity-card:finops/cost`.
 *
 * @alpha
 */
const finopsPlugin: OverridableFrontendPlugin = createFrontendPlugin({
  pluginId: 'finops',
  title: 'FinOps',
  extensions: [finopsApi, entityCostContent, entityCostCard],
});

export default finopsPlugin;
