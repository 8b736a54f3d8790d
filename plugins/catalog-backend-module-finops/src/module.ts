import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint, catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readMetadataPolicy } from '@backstage-finops/plugin-finops-node';
import { FinopsMetadataProcessor } from './FinopsMetadataProcessor';

/**
 * The catalog module that enforces `finops.metadataPolicy`: install it
 * beside the catalog backend, `backend.add(import('@backstage-finops/plugin-catalog-backend-module-finops'))`.
 */
export const catalogModuleFinops = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'finops',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ processing, catalog, auth, config, logger }) {
        processing.addProcessor(
          new FinopsMetadataProcessor({
            policy: readMetadataPolicy(config),
            logger,
            ownerExists: async entityRef => {
              const owner = await catalog.getEntityByRef(entityRef, { credentials: await auth.getOwnServiceCredentials() });
              return owner !== undefined && ['group', 'user'].includes(owner.kind.toLowerCase());
            },
          }),
        );
      },
    });
  },
});
