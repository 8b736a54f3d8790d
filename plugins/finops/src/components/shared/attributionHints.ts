import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CLOUD_ACCOUNTS,
  ANNOTATION_COST_TAGS,
  type CostResponse,
} from '@backstage-finops/plugin-finops-common';

/** How cost can reach an entity: the tag to put on resources and an annotated entity snippet. */
export interface AttributionHints {
  /** `kind:namespace/name` as the user knows it, for messages. */
  entityName: string;
  /**
   * The tag key suggested first, e.g. `service`; also the key of the example
   * `cost-tags` annotation.
   */
  tagKey: string;
  /** Every tag key that works for this entity; empty when attribution reads none. */
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
 * Builds the hints for an entity from the tag keys attribution reads, as the
 * cost response gives them (`attributionTagKeys`): the owner keys for Groups,
 * the entity keys for other kinds.
 */
export function buildAttributionHints(
  entity: Entity,
  attributionTagKeys: CostResponse['attributionTagKeys'],
): AttributionHints {
  const name = entity.metadata.name;
  const namespace = entity.metadata.namespace;
  const ownerTag = entity.kind.toLowerCase() === 'group';
  const tagKeys = ownerTag
    ? attributionTagKeys.owner
    : attributionTagKeys.entity;
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
