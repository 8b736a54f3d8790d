import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { type MetadataPolicy, parseDecimal } from '@backstage-finops/plugin-finops-common';
import { readMetadataPolicy } from '@backstage-finops/plugin-finops-node';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { AttributionSettings } from './attribution/attributeCostKey';
import { ANOMALY_DEFAULTS } from './operate/anomalies';
import { ATTRIBUTION_RULES, AttributionRule, type CostColumn } from './core';
import type { OperateSettings } from './service/OperateEvaluator';

/** A configured directory of FOCUS files. */
export interface FocusDirectorySource {
  id: string;
  type: 'focus-directory';
  path: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** When the plugin's own jobs run. */
export interface FinopsSchedules {
  /** Fails imports whose process died and deletes what they left. */
  abandonedImportSweep: SchedulerServiceTaskScheduleDefinition;
  /** Each instance's reload of the catalog snapshot it attributes with. */
  catalogSnapshot: SchedulerServiceTaskScheduleDefinition;
  /** Re-attribution of the stored cost keys to the current catalog. */
  reattribution: SchedulerServiceTaskScheduleDefinition;
  /** The operate evaluation: anomalies, budget status, kept forecasts, alerts. */
  evaluation: SchedulerServiceTaskScheduleDefinition;
}

/** The plugin's settings, read once from `finops.*`. */
export interface FinopsSettings {
  costMetric: CostColumn;
  sources: FocusDirectorySource[];
  /** Entries of `finops.sources` of other types: a backend module reads each and adds a cost source with its id. */
  moduleSources: Array<{ id: string; type: string; index: number }>;
  attribution: AttributionSettings;
  schedules: FinopsSchedules;
  uploads: { maxBytes: number; maxPending: number };
  imports: { staleAfter: HumanDuration; workerHeapMb?: number };
  /** How many of the last days with data may still change. */
  freshness: { settleDays: number };
  /** The least an entity must cost in one of the two periods to be listed among the movers. */
  movers: { minimumAmount: bigint };
  operate: OperateSettings;
  /** The ownership and cost metadata policy (`finops.metadataPolicy`), as the catalog module enforces it. */
  metadataPolicy: MetadataPolicy;
  /** The weekly team digest; undefined when it is off. */
  weeklyDigest?: { schedule: SchedulerServiceTaskScheduleDefinition };
}

/** Source ids are used in task ids and stored per row. */
export const SOURCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Fails unless the sources and metric sources modules added have valid,
 * distinct ids that are not those of configured FOCUS directories, and
 * every `finops.sources` entry of another type was read by a module that
 * added a source with its id.
 */
export function assertModuleSourceIds(
  moduleSourceIds: string[],
  settings: Pick<FinopsSettings, 'sources' | 'moduleSources'>,
): void {
  const seen = new Set<string>();
  for (const id of moduleSourceIds) {
    if (!SOURCE_ID_PATTERN.test(id) || id === 'upload') {
      throw new Error(`The FinOps source id "${id}" of a backend module must match ${SOURCE_ID_PATTERN} and not be "upload"`);
    }
    if (settings.sources.some(source => source.id === id)) {
      throw new Error(`The FinOps source id "${id}" of a backend module is also the id of a source in finops.sources`);
    }
    if (seen.has(id)) {
      throw new Error(`The FinOps source id "${id}" is used by a cost source and a metric source; source ids must be unique`);
    }
    seen.add(id);
  }
  for (const entry of settings.moduleSources) {
    if (!seen.has(entry.id)) {
      throw new Error(
        `finops.sources[${entry.index}] ("${entry.id}") has type ${entry.type}, which no installed backend module reads ` +
          `(focus-directory is built in; aws-cost-explorer needs @backstage-finops/plugin-finops-backend-module-aws)`,
      );
    }
  }
}

export const DEFAULT_ENTITY_TAG_KEYS = ['backstage.io/component', 'service', 'application'];
export const DEFAULT_OWNER_TAG_KEYS = ['team', 'owner'];
export const DEFAULT_ENTITY_KINDS = ['Component', 'Resource', 'System'];
/** Late charges (corrections, usage reported late) change about the last two days of an export. */
export const DEFAULT_SETTLE_DAYS = 2;

/** Reads and checks `finops.*`; a mistake names the key. */
export function readFinopsSettings(config: Config): FinopsSettings {
  const finops = config.getOptionalConfig('finops');
  const costMetric = finops?.getOptionalString('costMetric') ?? 'EffectiveCost';
  if (costMetric !== 'EffectiveCost' && costMetric !== 'BilledCost') {
    throw new Error(`finops.costMetric must be EffectiveCost or BilledCost, not "${costMetric}"`);
  }
  const entries = (finops?.getOptionalConfigArray('sources') ?? []).map((source, index) => {
    const id = source.getString('id');
    if (!SOURCE_ID_PATTERN.test(id) || id === 'upload') {
      throw new Error(`finops.sources[${index}].id "${id}" must match ${SOURCE_ID_PATTERN} and not be "upload"`);
    }
    return { id, type: source.getString('type'), index, source };
  });
  const moduleSources = entries.filter(entry => entry.type !== 'focus-directory').map(({ id, type, index }) => ({ id, type, index }));
  const sources = entries.filter(entry => entry.type === 'focus-directory').map(({ id, type, source }) => {
    const frequency = source.has('frequency') ? readDurationFromConfig(source, { key: 'frequency' }) : { minutes: 30 };
    return {
      id,
      type,
      path: source.getString('path'),
      schedule: readSchedule(source, 'schedule', { frequency, timeout: { hours: 2 }, initialDelay: { seconds: 20 } }),
    } as FocusDirectorySource;
  });
  const ids = entries.map(s => s.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    throw new Error(`finops.sources has two sources with id "${duplicate}"`);
  }
  const attribution = finops?.getOptionalConfig('attribution');
  const rules = (attribution?.getOptionalStringArray('rules') ?? [...ATTRIBUTION_RULES]) as AttributionRule[];
  for (const rule of rules) {
    if (!ATTRIBUTION_RULES.includes(rule)) {
      throw new Error(`finops.attribution.rules: unknown rule "${rule}" (known: ${ATTRIBUTION_RULES.join(', ')})`);
    }
  }
  const refreshFrequency: HumanDuration = attribution?.has('refreshFrequency')
    ? readDurationFromConfig(attribution, { key: 'refreshFrequency' })
    : { minutes: 5 };
  const settleDays = finops?.getOptionalNumber('freshness.settleDays') ?? DEFAULT_SETTLE_DAYS;
  if (!Number.isInteger(settleDays) || settleDays < 0 || settleDays > 366) {
    throw new Error(`finops.freshness.settleDays must be a whole number of days from 0 to 366, not ${settleDays}`);
  }
  return {
    costMetric,
    sources,
    moduleSources,
    attribution: {
      rules,
      entityTagKeys: attribution?.getOptionalStringArray('entityTagKeys') ?? DEFAULT_ENTITY_TAG_KEYS,
      entityKinds: attribution?.getOptionalStringArray('entityKinds') ?? DEFAULT_ENTITY_KINDS,
      ownerTagKeys: attribution?.getOptionalStringArray('ownerTagKeys') ?? DEFAULT_OWNER_TAG_KEYS,
    },
    schedules: {
      abandonedImportSweep: readSchedule(finops, 'schedules.abandonedImportSweep', {
        frequency: { minutes: 1 },
        timeout: { minutes: 1 },
      }),
      // The first request reads the snapshot anyway; waiting lets the catalog start first.
      catalogSnapshot: readSchedule(finops, 'schedules.catalogSnapshot', {
        frequency: refreshFrequency,
        timeout: { minutes: 10 },
        initialDelay: { seconds: 10 },
      }),
      reattribution: readSchedule(finops, 'schedules.reattribution', {
        frequency: refreshFrequency,
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      }),
      evaluation: readSchedule(finops, 'schedules.evaluation', {
        frequency: { hours: 24 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 1 },
      }),
    },
    uploads: {
      maxBytes: finops?.getOptionalNumber('uploads.maxBytes') ?? 2 * 1024 ** 3,
      maxPending: finops?.getOptionalNumber('uploads.maxPending') ?? 4,
    },
    imports: {
      staleAfter: finops?.has('imports.staleAfter')
        ? readDurationFromConfig(finops, { key: 'imports.staleAfter' })
        : { minutes: 2 },
      workerHeapMb: finops?.getOptionalNumber('imports.workerHeapMb'),
    },
    freshness: { settleDays },
    movers: { minimumAmount: readAmount(finops, 'movers.minimumAmount', '100') },
    operate: readOperateSettings(finops),
    metadataPolicy: readMetadataPolicy(config),
    weeklyDigest: finops?.getOptionalBoolean('alerts.weeklyDigest.enabled')
      ? { schedule: readSchedule(finops, 'alerts.weeklyDigest.schedule', { frequency: { cron: '0 8 * * 1' }, timeout: { minutes: 30 } }) }
      : undefined,
  };
}

/** `finops.anomalies.*` and `finops.alerts.*`; a value out of range names its key. */
function readOperateSettings(finops: Config | undefined): OperateSettings {
  const positive = (key: string, fallback: number, integer = false) => {
    const value = finops?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0) || (integer && !Number.isInteger(value))) {
      throw new Error(`finops.${key} must be a ${integer ? 'whole number' : 'number'} above 0, not ${value}`);
    }
    return value;
  };
  return {
    anomalies: {
      absoluteThreshold: readAmount(finops, 'anomalies.absoluteThreshold', ANOMALY_DEFAULTS.absoluteThreshold),
      relativeThreshold: positive('anomalies.relativeThreshold', ANOMALY_DEFAULTS.relativeThreshold),
      noiseThreshold: positive('anomalies.noiseThreshold', ANOMALY_DEFAULTS.noiseThreshold),
    },
    evaluationDays: positive('anomalies.evaluationDays', 90, true),
    alerts: {
      enabled: finops?.getOptionalBoolean('alerts.enabled') ?? true,
      anomalyMaxAgeDays: positive('alerts.anomalyMaxAgeDays', 7, true),
    },
  };
}

/** A task schedule at `key` (Backstage's schedule config: frequency, timeout, initialDelay, scope), or the default. */
function readSchedule(
  config: Config | undefined,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config?.has(key) ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config.getConfig(key)) : fallback;
}

/** An amount of at least 0 at `finops.<key>`, a decimal string or number in the report's currency. */
function readAmount(finops: Config | undefined, key: string, fallback: string): bigint {
  const value = finops?.getOptional(key) ?? fallback;
  const parsed = parseDecimal(String(value));
  if (typeof value === 'boolean' || !parsed.ok || parsed.value < 0n) {
    throw new Error(`finops.${key} must be a decimal amount of at least 0, such as "100" or 250.5, not ${JSON.stringify(value)}`);
  }
  return parsed.value;
}
