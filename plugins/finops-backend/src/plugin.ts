import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  FinopsCostSource,
  finopsCostSourcesExtensionPoint,
  FinopsMetricSource,
  finopsMetricSourcesExtensionPoint,
  FinopsTipRule,
  finopsTipRulesExtensionPoint,
} from '@backstage-finops/plugin-finops-node';
import { finopsPermissions } from '@backstage-finops/plugin-finops-common';
import { assertModuleSourceIds, readFinopsSettings } from './config';
import { createFinopsStores } from './database/FinopsStores';
import { AbandonedImportSweep } from './jobs/AbandonedImportSweep';
import { CatalogSnapshotJob, ReattributionJob } from './jobs/AttributionJobs';
import { scheduleJobs, schedulePeriodMs } from './jobs/FinopsJob';
import { MetricPullJob } from './jobs/MetricPullJob';
import { EvaluationJob, WeeklyDigestJob } from './jobs/OperateJobs';
import { SourceImportJob } from './jobs/SourceImportJob';
import { AttributionService } from './service/AttributionService';
import { BudgetService } from './service/BudgetService';
import { ImportService } from './service/ImportService';
import { OperateEvaluator } from './service/OperateEvaluator';
import { TipService } from './service/TipService';
import { BUILT_IN_TIP_RULES } from './optimize/rules';
import { createRouter, SourceRegistry } from './service/router';

/** The snapshot's period when its schedule is not a duration (a cron or manual trigger). */
const DEFAULT_SNAPSHOT_PERIOD_MS = 5 * 60_000;

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
    const metricSources: FinopsMetricSource[] = [];
    env.registerExtensionPoint(finopsMetricSourcesExtensionPoint, {
      addMetricSource(source) {
        if (metricSources.some(existing => existing.id === source.id)) {
          throw new Error(`A FinOps metric source with id "${source.id}" is already registered`);
        }
        metricSources.push(source);
      },
    });
    const tipRules: FinopsTipRule[] = [...BUILT_IN_TIP_RULES];
    env.registerExtensionPoint(finopsTipRulesExtensionPoint, {
      addTipRule(rule) {
        if (tipRules.some(existing => existing.id === rule.id)) {
          throw new Error(`A FinOps tip rule with id "${rule.id}" is already registered`);
        }
        tipRules.push(rule);
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
        notifications: notificationService,
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
        notifications,
        permissions,
        permissionsRegistry,
        scheduler,
      }) {
        permissionsRegistry.addPermissions(finopsPermissions);
        const settings = readFinopsSettings(config);
        assertModuleSourceIds(
          [...costSources, ...metricSources].map(source => source.id),
          settings,
        );
        const stores = await createFinopsStores(await database.getClient(), {
          skipMigrations: database.migrations?.skip,
        });
        const attribution = new AttributionService({
          catalog,
          auth,
          store: stores.attribution,
          settings: settings.attribution,
          logger,
          // A backstop for the snapshot job: reads never use a snapshot older than two of its periods.
          maxIndexAgeMs: 2 * (schedulePeriodMs(settings.schedules.catalogSnapshot) ?? DEFAULT_SNAPSHOT_PERIOD_MS),
        });
        const budgets = new BudgetService({ stores, attribution, settings });
        const evaluator = new OperateEvaluator({
          stores,
          attribution,
          budgets,
          settings,
          logger,
          sender: {
            send: ({ recipientEntityRef, ...payload }) =>
              notifications.send({ recipients: { type: 'entity', entityRef: recipientEntityRef }, payload }),
          },
        });
        const tips = new TipService({ stores, rules: tipRules, settings, logger });
        const evaluation = new EvaluationJob(
          {
            async evaluate() {
              await evaluator.evaluate();
              await tips.evaluate();
            },
          },
          settings.schedules.evaluation,
          scheduler,
        );
        const imports = new ImportService({
          stores,
          attribution,
          logger,
          workerHeapMb: settings.imports.workerHeapMb,
          onCostImported: () => evaluation.request(),
        });
        lifecycle.addShutdownHook(() => imports.shutdown());

        const sweep = new AbandonedImportSweep({
          stores,
          staleAfter: settings.imports.staleAfter,
          schedule: settings.schedules.abandonedImportSweep,
          logger,
        });
        await sweep.run();
        const moduleJobs = costSources.map(source => ({
          source,
          job: new SourceImportJob(
            source.id,
            { frequency: source.frequency, timeout: { hours: 2 }, initialDelay: { seconds: 30 } },
            signal => imports.importCostSource(source, signal),
          ),
        }));
        const metricJobs = metricSources.map(source => ({
          source,
          job: new MetricPullJob(source, { declarations: attribution, store: stores.metrics, logger }),
        }));
        await scheduleJobs(scheduler, [
          sweep,
          new CatalogSnapshotJob(attribution, settings.schedules.catalogSnapshot),
          new ReattributionJob(attribution, settings.schedules.reattribution),
          ...settings.sources.map(
            source => new SourceImportJob(source.id, source.schedule, () => imports.importDirectory(source)),
          ),
          ...moduleJobs.map(({ job }) => job),
          ...metricJobs.map(({ job }) => job),
          evaluation,
          ...(settings.weeklyDigest ? [new WeeklyDigestJob(evaluator, settings.weeklyDigest.schedule)] : []),
        ]);

        const sources: SourceRegistry = {
          list: () => [
            ...settings.sources.map(source => ({
              id: source.id,
              type: source.type,
              description: `FOCUS files in ${source.path}`,
              schedule: source.schedule,
            })),
            ...moduleJobs.map(({ source, job }) => ({
              id: source.id,
              type: 'module',
              description: source.describe(),
              schedule: job.schedule,
            })),
            ...metricJobs.map(({ source, job }) => ({
              id: source.id,
              type: 'metrics',
              description: source.describe(),
              schedule: job.schedule,
            })),
          ],
          run: id =>
            scheduler.triggerTask(
              metricJobs.some(({ source }) => source.id === id) ? MetricPullJob.taskIdOf(id) : SourceImportJob.taskIdOf(id),
            ),
        };

        httpRouter.use(
          await createRouter({
            auditor,
            httpAuth,
            permissions,
            sources,
            catalog,
            stores,
            attribution,
            imports,
            tips,
            settings,
            uploadDir: join(tmpdir(), 'backstage-finops-uploads'),
          }),
        );
      },
    });
  },
});
