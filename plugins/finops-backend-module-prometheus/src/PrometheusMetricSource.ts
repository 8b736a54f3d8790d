import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  FinopsMetricSource,
  FinopsMetricSourceReadOptions,
  FinopsMetricValue,
} from '@backstage-finops/plugin-finops-node';
import type { PrometheusMetricConfig, PrometheusSourceConfig } from './config';
import {
  metricValuesFromSeries,
  type MetricValuesReport,
} from './metricValuesFromSeries';
import { parseQueryRangeResponse } from './parseQueryRangeResponse';
import {
  queryRangeUrl,
  queryRangeWindow,
  type QueryRangeWindow,
} from './queryRange';
import { entityResolverFor } from './resolveEntity';

/**
 * fetch reports a refused connection or a DNS failure as "fetch failed"
 * with the reason in `cause`. Errors from fetch are not always instances
 * of this realm's Error, hence no instanceof.
 */
function describeFetchError(error: unknown): string {
  const message = (value: unknown) =>
    typeof value === 'object' && value !== null && 'message' in value
      ? String(value.message)
      : String(value);
  const cause =
    typeof error === 'object' && error !== null && 'cause' in error
      ? error.cause
      : undefined;
  return cause === undefined
    ? message(error)
    : `${message(error)}: ${message(cause)}`;
}

/** How many examples a log line about skipped series or gaps lists. */
const EXAMPLES = 5;

/**
 * Daily business-metric values per catalog entity from Prometheus: one
 * `query_range` per configured metric, evaluated at the end of each UTC day.
 */
export class PrometheusMetricSource implements FinopsMetricSource {
  readonly id: string;
  readonly frequency: FinopsMetricSource['frequency'];
  readonly lookbackDays: number;
  readonly #config: PrometheusSourceConfig;
  readonly #logger: LoggerService;

  constructor(
    config: PrometheusSourceConfig,
    options: { logger: LoggerService },
  ) {
    this.id = config.sourceId;
    this.frequency = config.frequency;
    this.lookbackDays = config.lookbackDays;
    this.#config = config;
    this.#logger = options.logger;
  }

  describe(): string {
    const metrics = this.#config.metrics.map(m => m.metric).join(', ');
    return `Prometheus at ${this.#config.baseUrl} (${metrics})`;
  }

  async *read(
    options: FinopsMetricSourceReadOptions,
  ): AsyncIterable<FinopsMetricValue> {
    const window = queryRangeWindow(options.from, options.to);
    if (!window) {
      return;
    }
    for (const metric of this.#config.metrics) {
      if (!options.declarations.some(d => d.metrics.includes(metric.metric))) {
        this.#logger.debug(
          `Prometheus metric "${metric.metric}": no entity declares it, not queried`,
        );
        continue;
      }
      const { series, warnings } = await this.#queryRange(
        metric,
        window,
        options.signal,
      );
      for (const warning of warnings) {
        this.#logger.warn(
          `Prometheus query for metric "${metric.metric}" warned: ${warning}`,
        );
      }
      const report = metricValuesFromSeries(
        metric,
        series,
        window,
        entityResolverFor(metric.metric, options.declarations),
      );
      this.#logReport(metric, report);
      for (const value of report.values) {
        options.signal.throwIfAborted();
        yield value;
      }
    }
  }

  async #queryRange(
    metric: PrometheusMetricConfig,
    window: QueryRangeWindow,
    signal: AbortSignal,
  ) {
    signal.throwIfAborted();
    const url = queryRangeUrl(this.#config.baseUrl, metric.query, window);
    let status: number;
    let body: string;
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json', ...this.#config.headers },
        signal,
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      if (signal.aborted) {
        throw signal.reason ?? error;
      }
      throw new Error(
        `Prometheus query for metric "${metric.metric}" at ${
          this.#config.baseUrl
        } failed: ${describeFetchError(error)}`,
        { cause: error },
      );
    }
    return parseQueryRangeResponse(metric.metric, status, body);
  }

  #logReport(metric: PrometheusMetricConfig, report: MetricValuesReport) {
    const about = `Prometheus metric "${metric.metric}"`;
    const label = metric.entityLabel;
    this.#logger.debug(`${about}: ${report.values.length} daily values`);
    if (report.seriesWithoutLabel > 0) {
      this.#logger.warn(
        `${about}: skipped ${report.seriesWithoutLabel} series without a "${label}" label; does the query aggregate by ${label}?`,
      );
    }
    if (report.ambiguousLabelValues.length > 0) {
      const examples = report.ambiguousLabelValues
        .slice(0, EXAMPLES)
        .map(a => `"${a.labelValue}" (${a.entityRefs.join(', ')})`);
      this.#logger.warn(
        `${about}: skipped ${
          report.ambiguousLabelValues.length
        } series whose ${label} names several entities declaring the metric; use full entity refs. E.g. ${examples.join(
          '; ',
        )}`,
      );
    }
    if (report.unknownLabelValues.length > 0) {
      const examples = report.unknownLabelValues
        .slice(0, EXAMPLES)
        .map(v => `"${v}"`);
      this.#logger.debug(
        `${about}: skipped ${
          report.unknownLabelValues.length
        } ${label} values naming no entity that declares the metric, e.g. ${examples.join(
          ', ',
        )}`,
      );
    }
    if (report.gaps.length > 0) {
      const examples = report.gaps
        .slice(0, EXAMPLES)
        .map(g => `${g.entityRef} ${g.date} "${g.value}"`);
      this.#logger.warn(
        `${about}: ${
          report.gaps.length
        } samples were NaN, infinite or negative and left as gaps, e.g. ${examples.join(
          '; ',
        )}`,
      );
    }
    if (report.conflictingDays.length > 0) {
      const examples = report.conflictingDays
        .slice(0, EXAMPLES)
        .map(c => `${c.entityRef} ${c.date}`);
      this.#logger.warn(
        `${about}: skipped ${
          report.conflictingDays.length
        } days that several series of one entity give values for, e.g. ${examples.join(
          '; ',
        )}`,
      );
    }
    if (report.samplesOutsideWindow > 0) {
      this.#logger.debug(
        `${about}: ignored ${report.samplesOutsideWindow} samples not at the end of a day asked for`,
      );
    }
  }
}
