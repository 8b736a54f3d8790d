import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  type AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { AwsClients } from './aws/clients';
import type { RetryPolicy } from './aws/requests';
import { readAttributionTagKeys, readAwsSourceConfigs } from './config';
import { AwsCostExplorerSource } from './costs/AwsCostExplorerSource';
import { AwsCostStore, migrateAwsTables } from './database/AwsCostStore';
import { AwsRecommendationsTipRule } from './recommendations/AwsRecommendationsTipRule';

/** What the module adds to the FinOps backend. */
export interface AwsFinopsParts {
  costSources: AwsCostExplorerSource[];
  /** Undefined when no source turns a recommendation on. */
  tipRule?: AwsRecommendationsTipRule;
}

/**
 * The cost sources and tip rule of every `finops.sources` entry of type
 * `aws-cost-explorer` in `config`. Checks the config now (a mistake throws,
 * naming the key); talks to AWS and migrates the module's tables only when
 * a source is first read.
 */
export function createAwsFinops(options: {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  /** Default: `DefaultAwsCredentialsManager.fromConfig(config)`. */
  credentialsManager?: AwsCredentialsManager;
  retry?: RetryPolicy;
  now?: () => Date;
}): AwsFinopsParts {
  const configs = readAwsSourceConfigs(options.config);
  if (configs.length === 0) {
    return { costSources: [] };
  }
  const credentialsManager =
    options.credentialsManager ??
    DefaultAwsCredentialsManager.fromConfig(options.config);
  let store: Promise<AwsCostStore> | undefined;
  const openStore = () => {
    store ??= (async () => {
      const knex = await options.database.getClient();
      if (!options.database.migrations?.skip) {
        await migrateAwsTables(knex);
      }
      return new AwsCostStore(knex);
    })().catch(error => {
      store = undefined;
      throw new Error(
        `The AWS Cost Explorer tables could not be opened: ${error.message}`,
      );
    });
    return store;
  };
  const { entityTagKeys } = readAttributionTagKeys(options.config);
  const parts = configs.map(config => {
    const clients = new AwsClients(
      {
        ...config,
        costOptimizationHubEndpoint:
          config.recommendations.costOptimizationHubEndpoint,
      },
      credentialsManager,
    );
    return { config, clients };
  });
  const costSources = parts.map(
    ({ config, clients }) =>
      new AwsCostExplorerSource(config, {
        logger: options.logger,
        store: openStore,
        client: () => clients.costExplorer(),
        retry: options.retry,
        now: options.now,
      }),
  );
  const withRecommendations = parts.filter(
    ({ config }) =>
      config.recommendations.rightsizing ||
      config.recommendations.savingsPlans ||
      config.recommendations.costOptimizationHub,
  );
  return {
    costSources,
    tipRule:
      withRecommendations.length > 0
        ? new AwsRecommendationsTipRule(
            withRecommendations.map(({ config, clients }) => ({
              config,
              entityTagKeys,
              costExplorer: () => clients.costExplorer(),
              costOptimizationHub: () => clients.costOptimizationHub(),
            })),
            { logger: options.logger, retry: options.retry },
          )
        : undefined,
  };
}
