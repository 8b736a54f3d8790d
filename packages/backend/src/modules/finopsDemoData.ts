import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { addDays, todayUtc } from '@backstage-finops/plugin-finops-common';
import { writeDemoFocusFiles } from '@backstage-finops/demo-data';

/**
 * Seeds the demo: when the directory of the `finops.sources` entry with id
 * `demo` holds no files, writes 13 months of FOCUS billing data for the demo
 * catalog there, ending today. The FinOps plugin then imports it like any
 * other FOCUS directory.
 */
export default createBackendModule({
  pluginId: 'finops',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ config, logger }) {
        const demo = (config.getOptionalConfigArray('finops.sources') ?? []).find(
          source => source.getString('id') === 'demo',
        );
        if (!demo) {
          return;
        }
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
