/**
 * A FinOps backend module that imports AWS Cost Explorer costs as a cost
 * source — every dollar once, attributed by the configured tag keys and
 * accounts, cheap on requests and safe under throttling — and shows AWS's
 * recommendations as optimization tips.
 *
 * @packageDocumentation
 */

export { default } from './module';
export { createAwsFinops, type AwsFinopsParts } from './createAwsFinops';
export { AwsCostExplorerSource } from './costs/AwsCostExplorerSource';
export { AwsRecommendationsTipRule } from './recommendations/AwsRecommendationsTipRule';
export {
  AWS_COST_METRICS,
  AWS_SOURCE_TYPE,
  readAwsSourceConfigs,
  type AwsCostExplorerSourceConfig,
  type AwsCostMetric,
  type AwsRecommendationsConfig,
} from './config';
export type { RetryPolicy } from './aws/requests';
