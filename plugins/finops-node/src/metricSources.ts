import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** A catalog entity and the unit metrics its `finops.backstage.io/unit-metrics` annotation declares. */
export interface FinopsMetricDeclaration {
  /** Full entity ref, e.g. `component:default/checkout-api`. */
  entityRef: string;
  /** Metric names as declared, e.g. `['requests', 'orders']`. */
  metrics: string[];
}

/** One day's value of a business metric for one entity. */
export interface FinopsMetricValue {
  entityRef: string;
  metric: string;
  /** The UTC day the value counts, YYYY-MM-DD. */
  date: string;
  /**
   * How many units that day, as a decimal string ("1234", "0.5", "1.2e6"):
   * kept exactly. Not negative.
   */
  value: string;
  /** What one unit is, e.g. `request`; optional. */
  unit?: string;
}

/** What a metric source's read gets from the FinOps backend. */
export interface FinopsMetricSourceReadOptions {
  /** First day to read (inclusive), YYYY-MM-DD. */
  from: string;
  /** Day after the last day to read (exclusive), YYYY-MM-DD. */
  to: string;
  /** Every entity that declares unit metrics; values for anything else are not stored. */
  declarations: FinopsMetricDeclaration[];
  /** Aborted when the backend stops. */
  signal: AbortSignal;
}

/**
 * A source of daily business-metric values (requests, orders, customers…),
 * such as a metrics system. Each read yields the values of the days asked
 * for; each (entity, metric, day) it yields replaces the value stored for it.
 */
export interface FinopsMetricSource {
  /** Unique among metric sources; stored as the `source` of its values. */
  readonly id: string;
  /** How often the backend reads it, e.g. `{ hours: 1 }`. */
  readonly frequency: { minutes?: number; hours?: number; days?: number };
  /** How many days back each read covers, so that late values replace early ones; default 7. */
  readonly lookbackDays?: number;
  /** A short human name, e.g. the server it reads. */
  describe(): string;
  read(options: FinopsMetricSourceReadOptions): AsyncIterable<FinopsMetricValue>;
}

/** Registers metric sources with the FinOps backend plugin. */
export interface FinopsMetricSourcesExtensionPoint {
  addMetricSource(source: FinopsMetricSource): void;
}

/** Extension point through which backend modules add metric sources. */
export const finopsMetricSourcesExtensionPoint =
  createExtensionPoint<FinopsMetricSourcesExtensionPoint>({
    id: 'finops.metric-sources',
  });
