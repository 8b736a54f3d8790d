import { formatDecimal, isIsoDate, isMetricName, type Money, parseDecimal } from '@backstage-finops/plugin-finops-common';

/** One day's units of one entity's metric, exact. */
export interface MetricValue {
  entityRef: string;
  metric: string;
  /** YYYY-MM-DD, UTC. */
  date: string;
  /** Units in atto-units (10^-18), as money is held. */
  quantity: Money;
  unit: string | null;
}

/** A stored value and where it came from. */
export interface StoredMetricValue extends MetricValue {
  /** `api`, `import` or a metric source's id. */
  source: string;
}

/** What is stored of one entity's metric. */
export interface MetricSummary {
  entityRef: string;
  metric: string;
  /** The unit of the newest value, null when none was given. */
  unit: string | null;
  lastDate: string;
  /** The source of the newest value. */
  source: string;
  days: number;
}

/** Where pushed and imported values come from; metric sources use their own ids. */
export const METRIC_SOURCE_API = 'api';
export const METRIC_SOURCE_IMPORT = 'import';

/** Longest unit name stored. */
const MAX_UNIT_LENGTH = 64;

/** A value as it arrives, before it is checked: from a request, a CSV row or a metric source. */
export interface MetricValueInput {
  entityRef: string;
  metric: string;
  date: string;
  value: unknown;
  unit?: string | null;
}

/** Which part of a metric value is wrong, for the error's location. */
export type MetricValueField = 'entityRef' | 'metric' | 'date' | 'value' | 'unit';

export type CheckedMetricValue =
  | { ok: true; value: MetricValue }
  | { ok: false; field: MetricValueField; reason: string };

/** What a value is checked against. */
export interface MetricValueRules {
  /** The metrics an entity declares; undefined when the catalog has no such entity. */
  declaredMetrics(entityRef: string): string[] | undefined;
  /** Today, UTC (YYYY-MM-DD): values for later days are refused. */
  today: string;
}

/**
 * Checks a metric value the same way wherever it comes from: a known
 * entity that declares the metric, a real date not in the future, and a
 * non-negative finite decimal (a number or a decimal string, kept exactly).
 */
export function checkMetricValue(input: MetricValueInput, rules: MetricValueRules): CheckedMetricValue {
  const declared = rules.declaredMetrics(input.entityRef);
  if (!declared) {
    return { ok: false, field: 'entityRef', reason: `no entity ${input.entityRef} in the catalog` };
  }
  if (!isMetricName(input.metric)) {
    return { ok: false, field: 'metric', reason: `"${input.metric}" is not a metric name (a letter, then letters, digits, _ . -)` };
  }
  if (!declared.includes(input.metric)) {
    const declaredText = declared.length > 0 ? `it declares ${declared.join(', ')}` : 'it declares none';
    return {
      ok: false,
      field: 'metric',
      reason: `${input.entityRef} does not declare metric "${input.metric}" in finops.backstage.io/unit-metrics (${declaredText})`,
    };
  }
  if (!isIsoDate(input.date)) {
    return { ok: false, field: 'date', reason: `"${input.date}" is not a date (YYYY-MM-DD)` };
  }
  if (input.date > rules.today) {
    return { ok: false, field: 'date', reason: `${input.date} is in the future (today is ${rules.today} UTC)` };
  }
  const quantity = readQuantity(input.value);
  if (!quantity.ok) {
    return { ok: false, field: 'value', reason: quantity.reason };
  }
  const unit = input.unit?.trim() || null;
  if (unit && unit.length > MAX_UNIT_LENGTH) {
    return { ok: false, field: 'unit', reason: `the unit is longer than ${MAX_UNIT_LENGTH} characters` };
  }
  return { ok: true, value: { entityRef: input.entityRef, metric: input.metric, date: input.date, quantity: quantity.value, unit } };
}

function readQuantity(value: unknown): { ok: true; value: Money } | { ok: false; reason: string } {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return { ok: false, reason: `${value} is not a finite number` };
    }
    // The shortest text that reads back as this double: what the sender wrote, for any value JSON can carry.
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { ok: false, reason: `a value must be a number or a decimal string, not ${value === null ? 'null' : typeof value}` };
  }
  const parsed = parseDecimal(text);
  if (!parsed.ok) {
    return { ok: false, reason: parsed.reason };
  }
  if (parsed.value < 0n) {
    return { ok: false, reason: `${formatDecimal(parsed.value)} is negative; a day's units are 0 or more` };
  }
  return { ok: true, value: parsed.value };
}
