import { HumanDuration } from '@backstage/types';

export interface Config {
  finops?: {
    /**
     * Daily business-metric values (requests, orders…) per catalog entity,
     * read from Prometheus. Without this block the module adds no metric source.
     */
    prometheus?: {
      /** Where Prometheus answers, e.g. `http://prometheus:9090`; `/api/v1/query_range` is appended. */
      baseUrl: string;
      /** Sent with every query, e.g. `{ Authorization: 'Bearer …' }`. */
      headers?: {
        /** @visibility secret */
        [name: string]: string;
      };
      /** How often the FinOps backend reads the metrics; default every hour. */
      frequency?: HumanDuration | string;
      /** How many days back each read covers, so that late samples replace early ones; integer 1–400, default 7. */
      lookbackDays?: number;
      /** Stored as the source of the values; default `prometheus`. Letters, digits, `_`, `.`, `-`. */
      sourceId?: string;
      /** One PromQL query per metric; at least one. */
      metrics: Array<{
        /** The metric's name as entities declare it in `finops.backstage.io/unit-metrics`, e.g. `requests`. */
        metric: string;
        /** What one unit is, e.g. `request`. */
        unit?: string;
        /**
         * PromQL whose value at the end of each UTC day is that day's total,
         * one series per entity, e.g. `sum by (service) (increase(http_requests_total[1d]))`.
         */
        query: string;
        /** The series label naming the entity: a full entity ref or an entity name; default `entity`. */
        entityLabel?: string;
      }>;
    };
  };
}
