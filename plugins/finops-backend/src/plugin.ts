import { tmpdir } from 'node:os';
import { durationToMilliseconds } from '@backstage/types';
import { join } from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  FinopsCostSource,
  finopsCostSourcesExtensionPoint,
} from '@backstage-finops/plugin-finops-node';
import { finopsPermissions } from '@backstage-finops/plugin-finops-common';
import { assertModuleSourceIds, readFinopsSettings } from './config';
import { KnexFinopsStore } from './database/KnexFinopsStore';
import { AttributionService } from './service/AttributionService';
import { ImportService } from './service/ImportService';
import { createRouter, SourceRegistry } from './service/router';

/**
 * The FinOps backend plugin: imports billing data, attributes it to catalog
 * entities and serves cost analytics at /api/finops.
 */
export const finopsPlugin = createBackendPlugin({
  pluginId: 'finops',
  register(env) {
    const costSources: FinopsCostSource[] = [];
    env.registerExtensionPoint(finopsCostSourcesExtensionPoint, {
      addCostSource(source) {
        if (costSources.some(existing => existing.id === source.id)) {
          throw new Error(`A FinOps cost source with id "${source.id}" is already registered`);
        }
        costSources.push(source);
      },
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init({
        auditor,
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
      }) {
        permissionsRegistry.addPermissions(finopsPermissions);
        const settings = readFinopsSettings(config);
        assertModuleSourceIds(
          costSources.map(source => source.id),
          settings.sources.map(source => source.id),
        );
        const store = await KnexFinopsStore.create(await database.getClient(), {
          skipMigrations: database.migrations?.skip,
        });
        const attribution = new AttributionService({
          catalog,
          auth,
          store,
          settings: settings.attribution,
          logger,
          // A backstop for the local task below: reads never use a snapshot older than two periods.
          maxIndexAgeMs: 2 * durationToMilliseconds(settings.attribution.refreshFrequency),
        });
        const imports = new ImportService({ store, attribution, logger, workerHeapMb: settings.imports.workerHeapMb });
        lifecycle.addShutdownHook(() => imports.shutdown());

        // An import whose process died stops sending heartbeats; any instance may fail it.
        const sweepAbandonedImports = async () => {
          const staleBefore = new Date(Date.now() - durationToMilliseconds(settings.imports.staleAfter)).toISOString();
          const failed = await store.failAbandonedImports(
            'The process running this import stopped before it finished; the previous data was kept. Upload again or wait for the next scheduled run.',
            staleBefore,
          );
          if (failed > 0) {
            logger.warn(`Marked ${failed} abandoned import(s) as failed`);
          }
          await store.discardAbandonedStaging();
        };
        await sweepAbandonedImports();
        await scheduler.scheduleTask({
          id: 'finops-abandoned-import-sweep',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          fn: sweepAbandonedImports,
        });

        const sourceTaskId = (id: string) => `finops-source-${id}`;
        // Each instance reads the catalog snapshot it serves from; this writes nothing.
        await scheduler.scheduleTask({
          id: 'finops-catalog-snapshot',
          scope: 'local',
          frequency: settings.attribution.refreshFrequency,
          timeout: { minutes: 10 },
          // The first request reads it anyway; waiting lets the catalog start first.
          initialDelay: { seconds: 10 },
          fn: async () => {
            await attribution.reloadIndex();
          },
        });
        // Re-attributing the stored cost keys writes, so it runs on one instance at a time.
        await scheduler.scheduleTask({
          id: 'finops-attribution-refresh',
          frequency: settings.attribution.refreshFrequency,
          timeout: { minutes: 10 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            await attribution.reattribute();
          },
        });
        for (const source of settings.sources) {
          await scheduler.scheduleTask({
            id: sourceTaskId(source.id),
            frequency: source.frequency,
            timeout: { hours: 2 },
            initialDelay: { seconds: 20 },
            fn: async () => {
              await imports.importDirectory(source);
            },
          });
        }
        for (const source of costSources) {
          await scheduler.scheduleTask({
            id: sourceTaskId(source.id),
            frequency: source.frequency,
            timeout: { hours: 2 },
            initialDelay: { seconds: 30 },
            fn: async signal => {
              await imports.importCostSource(source, signal as AbortSignal);
            },
          });
        }

        const sources: SourceRegistry = {
          list: () => [
            ...settings.sources.map(source => ({
              id: source.id,
              type: source.type,
              description: `FOCUS files in ${source.path}`,
            })),
            ...costSources.map(source => ({ id: source.id, type: 'module', description: source.describe() })),
          ],
          run: id => scheduler.triggerTask(sourceTaskId(id)),
        };

        httpRouter.use(
          await createRouter({
            auditor,
            httpAuth,
            permissions,
            sources,
            logger,
            catalog,
            store,
            attribution,
            imports,
            settings,
            uploadDir: join(tmpdir(), 'backstage-finops-uploads'),
          }),
        );
      },
    });
  },
});
