import type { FinopsMetricValue } from '@backstage-finops/plugin-finops-node';
import type { PrometheusMetricConfig } from './config';
import type { PrometheusSeries } from './parseQueryRangeResponse';
import { dayOfSample, type QueryRangeWindow } from './queryRange';
import type { EntityResolution } from './resolveEntity';

/** The values one metric's series give, and what was left out and why. */
export interface MetricValuesReport {
  values: FinopsMetricValue[];
  /** Series without the entity label: the query probably does not aggregate by it. */
  seriesWithoutLabel: number;
  /** Label values naming no entity that declares the metric, distinct. */
  unknownLabelValues: string[];
  /** Label values naming several such entities. */
  ambiguousLabelValues: Array<{ labelValue: string; entityRefs: string[] }>;
  /** Samples that are not a count: NaN, ±Inf, negative. The day stays without a value. */
  gaps: Array<{ entityRef: string; date: string; value: string }>;
  /** Days that two series of one entity both give a value for (e.g. label values differing in case). */
  conflictingDays: Array<{ entityRef: string; date: string }>;
  /** Samples at a time that is not the end of a day asked for. */
  samplesOutsideWindow: number;
}

/** Prometheus writes floats like Go does ("1234", "0.5", "1e+21"); NaN, ±Inf and negatives fail this. */
const NON_NEGATIVE_DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The daily values of `metric` in `series`, each sample's value kept as
 * Prometheus wrote it. Only series whose entity label resolves to one
 * entity count.
 */
export function metricValuesFromSeries(
  metric: PrometheusMetricConfig,
  series: PrometheusSeries[],
  window: QueryRangeWindow,
  resolveEntity: (labelValue: string) => EntityResolution,
): MetricValuesReport {
  const report: MetricValuesReport = {
    values: [],
    seriesWithoutLabel: 0,
    unknownLabelValues: [],
    ambiguousLabelValues: [],
    gaps: [],
    conflictingDays: [],
    samplesOutsideWindow: 0,
  };
  const unknown = new Set<string>();
  const valuesByEntityDay = new Map<string, FinopsMetricValue[]>();
  for (const { labels, samples } of series) {
    const labelValue = labels[metric.entityLabel];
    if (labelValue === undefined || labelValue === '') {
      report.seriesWithoutLabel += 1;
      continue;
    }
    const resolution = resolveEntity(labelValue);
    if (resolution.kind === 'unknown') {
      unknown.add(labelValue);
      continue;
    }
    if (resolution.kind === 'ambiguous') {
      report.ambiguousLabelValues.push({
        labelValue,
        entityRefs: resolution.entityRefs,
      });
      continue;
    }
    const { entityRef } = resolution;
    for (const [timestamp, value] of samples) {
      const date = dayOfSample(timestamp, window);
      if (date === undefined) {
        report.samplesOutsideWindow += 1;
      } else if (!NON_NEGATIVE_DECIMAL.test(value)) {
        report.gaps.push({ entityRef, date, value });
      } else {
        const key = `${entityRef}\u0000${date}`;
        const sameDay = valuesByEntityDay.get(key) ?? [];
        sameDay.push({
          entityRef,
          metric: metric.metric,
          date,
          value,
          ...(metric.unit ? { unit: metric.unit } : {}),
        });
        valuesByEntityDay.set(key, sameDay);
      }
    }
  }
  for (const sameDay of valuesByEntityDay.values()) {
    if (sameDay.length === 1) {
      report.values.push(sameDay[0]);
    } else {
      report.conflictingDays.push({
        entityRef: sameDay[0].entityRef,
        date: sameDay[0].date,
      });
    }
  }
  report.unknownLabelValues = [...unknown];
  return report;
}
