import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readMetadataPolicy } from '@backstage-finops/plugin-finops-node';
import { createFinopsCostMetadataAction } from './action';

/**
 * The scaffolder module that adds the `finops:cost-metadata` action: install
 * it beside the scaffolder backend,
 * `backend.add(import('@backstage-finops/plugin-scaffolder-backend-module-finops'))`.
 */
export const scaffolderModuleFinops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'finops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(createFinopsCostMetadataAction({ policy: readMetadataPolicy(config) }));
      },
    });
  },
});
