import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { CostOptimizationHubClient } from '@aws-sdk/client-cost-optimization-hub';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { AwsCostExplorerSourceConfig } from '../config';

/** Cost Optimization Hub answers in us-east-1 only. */
const COST_OPTIMIZATION_HUB_REGION = 'us-east-1';

/**
 * The AWS clients of one source, made on first use with the credentials
 * that `@backstage/integration-aws-node` gives for its account. The SDK's
 * own retries are off (`maxAttempts: 1`): this module retries, so that
 * every attempt is counted against `maxRequestsPerRun`.
 */
export class AwsClients {
  private credentials?: Promise<
    Awaited<ReturnType<AwsCredentialsManager['getCredentialProvider']>>
  >;
  private costExplorerClient?: Promise<CostExplorerClient>;
  private hubClient?: Promise<CostOptimizationHubClient>;

  constructor(
    private readonly config: Pick<
      AwsCostExplorerSourceConfig,
      'accountId' | 'region' | 'endpoint' | 'configPath'
    > & { costOptimizationHubEndpoint?: string },
    private readonly credentialsManager: AwsCredentialsManager,
  ) {}

  costExplorer(): Promise<CostExplorerClient> {
    this.costExplorerClient ??= this.provider().then(
      provider =>
        new CostExplorerClient({
          region: this.config.region,
          ...(this.config.endpoint ? { endpoint: this.config.endpoint } : {}),
          credentials: provider.sdkCredentialProvider,
          maxAttempts: 1,
        }),
      error => {
        this.costExplorerClient = undefined;
        throw error;
      },
    );
    return this.costExplorerClient;
  }

  costOptimizationHub(): Promise<CostOptimizationHubClient> {
    const endpoint =
      this.config.costOptimizationHubEndpoint ?? this.config.endpoint;
    this.hubClient ??= this.provider().then(
      provider =>
        new CostOptimizationHubClient({
          region: COST_OPTIMIZATION_HUB_REGION,
          ...(endpoint ? { endpoint } : {}),
          credentials: provider.sdkCredentialProvider,
          maxAttempts: 1,
        }),
      error => {
        this.hubClient = undefined;
        throw error;
      },
    );
    return this.hubClient;
  }

  private provider() {
    this.credentials ??= this.credentialsManager
      .getCredentialProvider({ accountId: this.config.accountId })
      .catch(error => {
        this.credentials = undefined;
        throw new Error(
          `${this.config.configPath}: no AWS credentials for account ${this.config.accountId}: ${error.message}`,
        );
      });
    return this.credentials;
  }
}
