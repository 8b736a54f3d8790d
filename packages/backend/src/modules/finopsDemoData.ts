import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { addDays, todayUtc } from '@backstage-finops/plugin-finops-common';
import { finopsMetricSourcesExtensionPoint } from '@backstage-finops/plugin-finops-node';
import { demoMetricValues, writeDemoFocusFiles } from '@backstage-finops/demo-data';

/**
 * Seeds the demo: when the directory of the `finops.sources` entry with id
 * `demo` holds no files, writes 13 months of FOCUS billing data for the demo
 * catalog there, ending today. The FinOps plugin then imports it like any
 * other FOCUS directory. It also adds a metric source with the demo
 * services' daily orders, requests, queries and events over the same 13
 * months, for their unit costs.
 */
export default createBackendModule({
  pluginId: 'finops',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        metricSources: finopsMetricSourcesExtensionPoint,
      },
      async init({ config, logger, metricSources }) {
        const demo = (config.getOptionalConfigArray('finops.sources') ?? []).find(
          source => source.getString('id') === 'demo',
        );
        if (!demo) {
          return;
        }
        metricSources.addMetricSource({
          id: 'demo-metrics',
          frequency: { hours: 1 },
          // The whole span of the demo billing data, every run.
          lookbackDays: 400,
          describe: () => 'Demo services\' daily business metrics',
          async *read({ from, to }) {
            yield* demoMetricValues({ from, to, endDate: addDays(todayUtc(), 1) });
          },
        });
        const outDir = resolve(demo.getString('path'));
        const existing = await readdir(outDir).catch(() => []);
        if (existing.some(name => /\.csv(\.gz)?$/.test(name))) {
          return;
        }
        const started = Date.now();
        const result = await writeDemoFocusFiles({
          outDir,
          endDate: addDays(todayUtc(), 1),
          months: 13,
        });
        logger.info(
          `Wrote ${result.rows} demo FOCUS rows in ${result.files.length} files to ${outDir} in ${Date.now() - started} ms`,
        );
      },
    });
  },
});
