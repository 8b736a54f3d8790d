/**
 * A FinOps backend module that reads daily business-metric values
 * (requests, orders…) per catalog entity from Prometheus, so that the
 * FinOps plugin can show unit costs.
 *
 * @packageDocumentation
 */

export { default } from './module';
export { PrometheusMetricSource } from './PrometheusMetricSource';
export { readPrometheusSourceConfig } from './config';
export type { PrometheusMetricConfig, PrometheusSourceConfig } from './config';
