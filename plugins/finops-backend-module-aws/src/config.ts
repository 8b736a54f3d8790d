import { Config, readDurationFromConfig } from '@backstage/config';
import type { FinopsCostSource } from '@backstage-finops/plugin-finops-node';

/** The type of the `finops.sources` entries this module reads. */
export const AWS_SOURCE_TYPE = 'aws-cost-explorer';

/** The Cost Explorer metrics a source may import as EffectiveCost. */
export const AWS_COST_METRICS = [
  'AmortizedCost',
  'UnblendedCost',
  'NetAmortizedCost',
  'NetUnblendedCost',
] as const;

/** One of {@link AWS_COST_METRICS}. */
export type AwsCostMetric = (typeof AWS_COST_METRICS)[number];

/** Which AWS recommendations become tips. */
export interface AwsRecommendationsConfig {
  rightsizing: boolean;
  savingsPlans: boolean;
  costOptimizationHub: boolean;
  /** Where Cost Optimization Hub answers; default the source's `endpoint`, else AWS's. */
  costOptimizationHubEndpoint?: string;
}

/** The checked contents of one `finops.sources` entry of type `aws-cost-explorer`. */
export interface AwsCostExplorerSourceConfig {
  id: string;
  /** Where in the config it was written, e.g. `finops.sources[2]`, for messages. */
  configPath: string;
  accountId: string;
  region: string;
  endpoint?: string;
  metric: AwsCostMetric;
  backfillMonths: number;
  restatementDays: number;
  maxRequestsPerRun: number;
  frequency: FinopsCostSource['frequency'];
  recommendations: AwsRecommendationsConfig;
  /**
   * The tag keys the costs are grouped by, in order: the attribution's
   * entity tag keys, then its owner tag keys (`finops.attribution.*`).
   */
  tagKeys: string[];
}

/** The FinOps backend's defaults for `finops.attribution.entityTagKeys` and `ownerTagKeys`. */
export const DEFAULT_ENTITY_TAG_KEYS = [
  'backstage.io/component',
  'service',
  'application',
];
export const DEFAULT_OWNER_TAG_KEYS = ['team', 'owner'];

const SOURCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ACCOUNT_ID_PATTERN = /^\d{12}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Cost Explorer accepts tag keys of at most 1024 characters; `$` separates key and value in its answers. */
const MAX_TAG_KEY_LENGTH = 1024;
const DEFAULTS = {
  region: 'us-east-1',
  metric: 'AmortizedCost' as AwsCostMetric,
  backfillMonths: 13,
  restatementDays: 5,
  maxRequestsPerRun: 500,
  frequency: { hours: 8 },
};

/**
 * Reads and checks every `finops.sources` entry of type `aws-cost-explorer`;
 * entries of other types are skipped. A mistake throws, naming the key.
 */
export function readAwsSourceConfigs(
  config: Config,
): AwsCostExplorerSourceConfig[] {
  const entries = config.getOptionalConfigArray('finops.sources') ?? [];
  const tagKeys = readTagKeys(config);
  const result: AwsCostExplorerSourceConfig[] = [];
  entries.forEach((entry, i) => {
    if (entry.getOptionalString('type') !== AWS_SOURCE_TYPE) {
      return;
    }
    result.push(readSource(entry, `finops.sources[${i}]`, tagKeys));
  });
  const seen = new Map<string, string>();
  for (const source of result) {
    const earlier = seen.get(source.id);
    if (earlier) {
      throw new Error(
        `${source.configPath}.id "${source.id}" is already the id of ${earlier}`,
      );
    }
    seen.set(source.id, source.configPath);
  }
  return result;
}

function readSource(
  entry: Config,
  path: string,
  tagKeys: string[],
): AwsCostExplorerSourceConfig {
  const id = entry.getString('id');
  if (!SOURCE_ID_PATTERN.test(id) || id === 'upload') {
    throw new Error(
      `${path}.id "${id}" must match ${SOURCE_ID_PATTERN} and not be "upload"`,
    );
  }
  const accountId = readAccountId(entry, path);
  const region = entry.getOptionalString('region') ?? DEFAULTS.region;
  if (!REGION_PATTERN.test(region)) {
    throw new Error(
      `${path}.region "${region}" is not an AWS region name such as us-east-1`,
    );
  }
  const endpoint = readEndpoint(entry.getOptionalString('endpoint'), path);
  const metric = (entry.getOptionalString('metric') ??
    DEFAULTS.metric) as AwsCostMetric;
  if (!AWS_COST_METRICS.includes(metric)) {
    throw new Error(
      `${path}.metric must be one of ${AWS_COST_METRICS.join(
        ', ',
      )}, not "${metric}"`,
    );
  }
  const recommendations = entry.getOptionalConfig('recommendations');
  const flag = (key: 'rightsizing' | 'savingsPlans' | 'costOptimizationHub') =>
    recommendations?.getOptionalBoolean(key) ?? false;
  const hubEndpoint = readEndpoint(
    recommendations?.getOptionalString('costOptimizationHubEndpoint'),
    `${path}.recommendations`,
    'costOptimizationHubEndpoint',
  );
  return {
    id,
    configPath: path,
    accountId,
    region,
    ...(endpoint ? { endpoint } : {}),
    metric,
    backfillMonths: readWholeNumber(
      entry,
      path,
      'backfillMonths',
      1,
      38,
      DEFAULTS.backfillMonths,
    ),
    restatementDays: readWholeNumber(
      entry,
      path,
      'restatementDays',
      1,
      62,
      DEFAULTS.restatementDays,
    ),
    maxRequestsPerRun: readWholeNumber(
      entry,
      path,
      'maxRequestsPerRun',
      1,
      100_000,
      DEFAULTS.maxRequestsPerRun,
    ),
    frequency: entry.has('frequency')
      ? readFrequency(entry, path)
      : DEFAULTS.frequency,
    recommendations: {
      rightsizing: flag('rightsizing'),
      savingsPlans: flag('savingsPlans'),
      costOptimizationHub: flag('costOptimizationHub'),
      ...(hubEndpoint ? { costOptimizationHubEndpoint: hubEndpoint } : {}),
    },
    tagKeys,
  };
}

function readAccountId(entry: Config, path: string): string {
  const value = entry.getOptional('accountId');
  if (value === undefined) {
    throw new Error(
      `${path}.accountId is required: the twelve-digit AWS account whose Cost Explorer is read`,
    );
  }
  // YAML reads an unquoted 012345678901 as a number and drops the leading zero.
  const text = String(value);
  if (!ACCOUNT_ID_PATTERN.test(text)) {
    throw new Error(
      `${path}.accountId must be twelve digits written as a string (quote it in YAML), not ${JSON.stringify(
        value,
      )}`,
    );
  }
  return text;
}

function readEndpoint(
  text: string | undefined,
  path: string,
  key = 'endpoint',
): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${path}.${key} "${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${path}.${key} "${text}" must be an http or https URL`);
  }
  return text;
}

function readWholeNumber(
  entry: Config,
  path: string,
  key: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = entry.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${path}.${key} must be a whole number from ${min} to ${max}, not ${value}`,
    );
  }
  return value;
}

/** The cost-source interface takes minutes, hours and days only. */
function readFrequency(
  entry: Config,
  path: string,
): FinopsCostSource['frequency'] {
  const key = `${path}.frequency`;
  let duration;
  try {
    duration = readDurationFromConfig(entry, { key: 'frequency' });
  } catch (error) {
    throw new Error(`${key}: ${(error as Error).message}`);
  }
  const {
    weeks = 0,
    days = 0,
    hours = 0,
    minutes = 0,
    ...otherUnits
  } = duration;
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

/** `finops.attribution.entityTagKeys` and `ownerTagKeys`, with the backend's defaults. */
export function readAttributionTagKeys(config: Config): {
  entityTagKeys: string[];
  ownerTagKeys: string[];
} {
  return {
    entityTagKeys:
      config.getOptionalStringArray('finops.attribution.entityTagKeys') ??
      DEFAULT_ENTITY_TAG_KEYS,
    ownerTagKeys:
      config.getOptionalStringArray('finops.attribution.ownerTagKeys') ??
      DEFAULT_OWNER_TAG_KEYS,
  };
}

/**
 * The tag keys Cost Explorer is asked to group by: `finops.attribution`'s
 * entity tag keys, then its owner tag keys, with the backend's defaults,
 * each once, in that order.
 */
export function readTagKeys(config: Config): string[] {
  const { entityTagKeys, ownerTagKeys } = readAttributionTagKeys(config);
  const keys: string[] = [];
  for (const key of [...entityTagKeys, ...ownerTagKeys]) {
    if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH) {
      throw new Error(
        `finops.attribution tag key "${key}" must have 1 to ${MAX_TAG_KEY_LENGTH} characters`,
      );
    }
    if (!keys.includes(key)) {
      keys.push(key);
    }
  }
  return keys;
}
