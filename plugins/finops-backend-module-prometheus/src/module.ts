import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { finopsMetricSourcesExtensionPoint } from '@backstage-finops/plugin-finops-node';
import { readPrometheusSourceConfig } from './config';
import { PrometheusMetricSource } from './PrometheusMetricSource';

/**
 * Adds a metric source that reads daily business-metric values from the
 * Prometheus configured at `finops.prometheus`; adds nothing without that block.
 */
export default createBackendModule({
  pluginId: 'finops',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        metricSources: finopsMetricSourcesExtensionPoint,
      },
      async init({ config, logger, metricSources }) {
        const settings = readPrometheusSourceConfig(config);
        if (!settings) {
          logger.info(
            'No finops.prometheus config; no Prometheus metric source added',
          );
          return;
        }
        metricSources.addMetricSource(
          new PrometheusMetricSource(settings, { logger }),
        );
      },
    });
  },
});
