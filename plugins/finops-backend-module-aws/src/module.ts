import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  finopsCostSourcesExtensionPoint,
  finopsTipRulesExtensionPoint,
} from '@backstage-finops/plugin-finops-node';
import { createAwsFinops } from './createAwsFinops';

/**
 * Adds a cost source for every `finops.sources` entry of type
 * `aws-cost-explorer`, and AWS's recommendations as a tip rule where those
 * entries turn them on; adds nothing without such entries.
 */
export default createBackendModule({
  pluginId: 'finops',
  moduleId: 'aws',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        costSources: finopsCostSourcesExtensionPoint,
        tipRules: finopsTipRulesExtensionPoint,
      },
      async init({ config, logger, database, costSources, tipRules }) {
        const parts = createAwsFinops({ config, logger, database });
        if (parts.costSources.length === 0) {
          logger.info(
            'No finops.sources entry of type aws-cost-explorer; no AWS cost source added',
          );
          return;
        }
        for (const source of parts.costSources) {
          costSources.addCostSource(source);
        }
        if (parts.tipRule) {
          tipRules.addTipRule(parts.tipRule);
        }
      },
    });
  },
});
