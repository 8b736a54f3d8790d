import { Config, readDurationFromConfig } from '@backstage/config';
import { isMetricName } from '@backstage-finops/plugin-finops-common';
import type { FinopsMetricSource } from '@backstage-finops/plugin-finops-node';

/** How one business metric is read: its PromQL and the label that names the entity. */
export interface PrometheusMetricConfig {
  metric: string;
  unit?: string;
  query: string;
  entityLabel: string;
}

/** The checked contents of `finops.prometheus`. */
export interface PrometheusSourceConfig {
  sourceId: string;
  /** Without a trailing slash. */
  baseUrl: string;
  headers: Record<string, string>;
  frequency: FinopsMetricSource['frequency'];
  lookbackDays: number;
  metrics: PrometheusMetricConfig[];
}

const CONFIG_KEY = 'finops.prometheus';
const DEFAULT_SOURCE_ID = 'prometheus';
const DEFAULT_ENTITY_LABEL = 'entity';
const DEFAULT_LOOKBACK_DAYS = 7;
const MAX_LOOKBACK_DAYS = 400;
const DEFAULT_FREQUENCY = { hours: 1 };
/** The FinOps backend puts source ids in task ids and stored rows, and accepts only these. */
const SOURCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Reads and checks `finops.prometheus`; undefined when the block is absent.
 * A mistake throws, naming the key.
 */
export function readPrometheusSourceConfig(
  config: Config,
): PrometheusSourceConfig | undefined {
  const block = config.getOptionalConfig(CONFIG_KEY);
  if (!block) {
    return undefined;
  }
  const sourceId = block.getOptionalString('sourceId') ?? DEFAULT_SOURCE_ID;
  if (!SOURCE_ID_PATTERN.test(sourceId)) {
    throw new Error(
      `${CONFIG_KEY}.sourceId "${sourceId}" must match ${SOURCE_ID_PATTERN}`,
    );
  }
  return {
    sourceId,
    baseUrl: readBaseUrl(block.getString('baseUrl')),
    headers: readHeaders(block.getOptionalConfig('headers')),
    frequency: block.has('frequency')
      ? readFrequency(config)
      : DEFAULT_FREQUENCY,
    lookbackDays: readLookbackDays(block.getOptionalNumber('lookbackDays')),
    metrics: readMetrics(block.getOptionalConfigArray('metrics') ?? []),
  };
}

function readBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${CONFIG_KEY}.baseUrl "${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `${CONFIG_KEY}.baseUrl "${text}" must be an http or https URL`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `${CONFIG_KEY}.baseUrl "${text}" must not have a query or fragment`,
    );
  }
  return text.replace(/\/+$/, '');
}

function readHeaders(headers: Config | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of headers?.keys() ?? []) {
    result[name] = headers!.getString(name);
  }
  return result;
}

/** The metric-source interface takes minutes, hours and days only. */
function readFrequency(config: Config): FinopsMetricSource['frequency'] {
  const key = `${CONFIG_KEY}.frequency`;
  const {
    weeks = 0,
    days = 0,
    hours = 0,
    minutes = 0,
    ...otherUnits
  } = readDurationFromConfig(config, { key });
  const unsupported = Object.entries(otherUnits).filter(([, value]) => value);
  if (unsupported.length > 0) {
    throw new Error(
      `${key} must be given in weeks, days, hours or minutes, not ${unsupported
        .map(([unit]) => unit)
        .join(', ')}`,
    );
  }
  const frequency = {
    ...(weeks || days ? { days: weeks * 7 + days } : {}),
    ...(hours ? { hours } : {}),
    ...(minutes ? { minutes } : {}),
  };
  if (
    Object.values(frequency).some(value => value < 0) ||
    !Object.values(frequency).some(value => value > 0)
  ) {
    throw new Error(`${key} must be longer than zero`);
  }
  return frequency;
}

function readLookbackDays(value: number | undefined): number {
  if (value === undefined) {
    return DEFAULT_LOOKBACK_DAYS;
  }
  if (!Number.isInteger(value) || value < 1 || value > MAX_LOOKBACK_DAYS) {
    throw new Error(
      `${CONFIG_KEY}.lookbackDays must be a whole number from 1 to ${MAX_LOOKBACK_DAYS}, not ${value}`,
    );
  }
  return value;
}

function readMetrics(entries: Config[]): PrometheusMetricConfig[] {
  if (entries.length === 0) {
    throw new Error(`${CONFIG_KEY}.metrics must list at least one metric`);
  }
  const firstIndexOf = new Map<string, number>();
  return entries.map((entry, i) => {
    const key = `${CONFIG_KEY}.metrics[${i}]`;
    const metric = entry.getString('metric');
    if (!isMetricName(metric)) {
      throw new Error(
        `${key}.metric "${metric}" is not a metric name: a letter, then letters, digits, _, . or -, at most 64 characters`,
      );
    }
    const earlier = firstIndexOf.get(metric);
    if (earlier !== undefined) {
      throw new Error(
        `${key}.metric "${metric}" is already configured at ${CONFIG_KEY}.metrics[${earlier}]`,
      );
    }
    firstIndexOf.set(metric, i);
    const query = entry.getString('query');
    if (!query.trim()) {
      throw new Error(`${key}.query must not be empty`);
    }
    const entityLabel =
      entry.getOptionalString('entityLabel') ?? DEFAULT_ENTITY_LABEL;
    if (!entityLabel) {
      throw new Error(`${key}.entityLabel must not be empty`);
    }
    const unit = entry.getOptionalString('unit');
    return { metric, query, entityLabel, ...(unit ? { unit } : {}) };
  });
}
