import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CLOUD_ACCOUNTS,
  ANNOTATION_COST_TAGS,
} from '@backstage-finops/plugin-finops-common';

/** The backend's defaults for `finops.attribution.entityTagKeys` / `ownerTagKeys`. */
export const DEFAULT_ENTITY_TAG_KEYS = [
  'backstage.io/component',
  'service',
  'application',
];
export const DEFAULT_OWNER_TAG_KEYS = ['team', 'owner'];

/** How cost can reach an entity: the tag to put on resources and an annotated entity snippet. */
export interface AttributionHints {
  /** `kind:namespace/name` as the user knows it, for messages. */
  entityName: string;
  /** The tag key suggested first, e.g. `service`. */
  tagKey: string;
  /** Every tag key that works for this entity. */
  tagKeys: string[];
  /** Whether the tag names the entity's owner (Groups) rather than the entity itself. */
  ownerTag: boolean;
  /** The entity's YAML with the two annotations added. */
  yaml: string;
}

function preferred(keys: string[], favourite: string): string {
  return (
    keys.find(key => key.toLowerCase() === favourite) ?? keys[0] ?? favourite
  );
}

function quoted(value: string): string {
  return JSON.stringify(value);
}

/**
 * Builds the hints for an entity from the configured tag keys (falling back
 * to the backend's defaults when the config is not visible to the frontend).
 */
export function buildAttributionHints(
  entity: Entity,
  config: { entityTagKeys?: string[]; ownerTagKeys?: string[] } = {},
): AttributionHints {
  const name = entity.metadata.name;
  const namespace = entity.metadata.namespace;
  const ownerTag = entity.kind.toLowerCase() === 'group';
  const configured = ownerTag ? config.ownerTagKeys : config.entityTagKeys;
  const defaults = ownerTag ? DEFAULT_OWNER_TAG_KEYS : DEFAULT_ENTITY_TAG_KEYS;
  const tagKeys = configured?.length ? configured : defaults;
  const tagKey = preferred(tagKeys, ownerTag ? 'team' : 'service');

  const yaml = [
    `apiVersion: ${entity.apiVersion}`,
    `kind: ${entity.kind}`,
    'metadata:',
    `  name: ${name}`,
    ...(namespace && namespace !== 'default'
      ? [`  namespace: ${namespace}`]
      : []),
    '  annotations:',
    '    # cost of resources tagged with all of these key=value pairs',
    `    ${ANNOTATION_COST_TAGS}: ${quoted(`${tagKey}=${name}`)}`,
    '    # or: all cost of these cloud accounts / subscriptions / projects',
    `    ${ANNOTATION_CLOUD_ACCOUNTS}: ${quoted('123456789012')}`,
  ].join('\n');

  return {
    entityName: name,
    tagKey,
    tagKeys,
    ownerTag,
    yaml,
  };
}
