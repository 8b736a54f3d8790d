import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogIndex, EntitySummary } from './CatalogIndex';
import { normalizeTagKey, normalizeTagValue } from '@backstage-finops/plugin-finops-common';
import type { Attribution, AttributionRule, CostKeyFacts } from '../core';

/** How attribution is configured. */
export interface AttributionSettings {
  /** Rules in the order they are tried; the first that matches decides. */
  rules: AttributionRule[];
  /** Tag keys whose value names an entity, tried in order. */
  entityTagKeys: string[];
  /** Kinds a tag value may name, in order of preference when names collide. */
  entityKinds: string[];
  /** Tag keys whose value names a Group, tried in order. */
  ownerTagKeys: string[];
}

type RuleFn = (
  facts: CostKeyFacts,
  tags: Map<string, { key: string; value: string }>,
  index: CatalogIndex,
  settings: AttributionSettings,
) => Attribution | undefined;

const RULES: Record<AttributionRule, RuleFn> = {
  entityTagKey: (_facts, tags, index, settings) =>
    byTagKeys(tags, index, settings.entityTagKeys, settings.entityKinds, 'entityTagKey'),
  ownerTagKey: (_facts, tags, index, settings) =>
    byTagKeys(tags, index, settings.ownerTagKeys, ['Group'], 'ownerTagKey'),
  costTagsAnnotation: (_facts, tags, index) => {
    const matches = index.costTagMatchers.filter(matcher =>
      matcher.pairs.every(([key, value]) => {
        const tag = tags.get(key);
        return tag !== undefined && normalizeTagValue(tag.value) === value;
      }),
    );
    if (matches.length === 0) {
      return undefined;
    }
    const mostSpecific = Math.max(...matches.map(m => m.pairs.length));
    const best = matches.filter(m => m.pairs.length === mostSpecific);
    const chosen = best[0];
    return {
      entityRef: chosen.entityRef,
      rule: 'costTagsAnnotation',
      detail: `tags match annotation finops.backstage.io/cost-tags "${chosen.text}" of ${chosen.entityRef}${tieNote(best.map(m => m.entityRef))}`,
    };
  },
  cloudAccountsAnnotation: (facts, _tags, index) => {
    for (const [label, account] of [
      ['sub-account', facts.subAccountId],
      ['billing account', facts.billingAccountId],
    ] as const) {
      const refs = account ? index.entitiesByAccount.get(account) : undefined;
      if (refs && refs.length > 0) {
        return {
          entityRef: refs[0],
          rule: 'cloudAccountsAnnotation',
          detail: `${label} ${account} is listed in finops.backstage.io/cloud-accounts of ${refs[0]}${tieNote(refs)}`,
        };
      }
    }
    return undefined;
  },
};

/**
 * Decides which single catalog entity a tag set in an account belongs to, by
 * the configured rules in order. Deterministic: the same catalog, settings and
 * facts give the same answer, and the answer says which rule and tag decided.
 */
export function attributeCostKey(
  facts: CostKeyFacts,
  index: CatalogIndex,
  settings: AttributionSettings,
): Attribution {
  const tags = normalizedTags(facts.tags);
  for (const rule of settings.rules) {
    const attribution = RULES[rule](facts, tags, index, settings);
    if (attribution) {
      return attribution;
    }
  }
  return {
    entityRef: null,
    rule: null,
    detail:
      Object.keys(facts.tags).length === 0
        ? 'untagged, and its account is not mapped to an entity'
        : 'no rule matched its tags or account',
  };
}

function byTagKeys(
  tags: Map<string, { key: string; value: string }>,
  index: CatalogIndex,
  keys: string[],
  kinds: string[],
  rule: AttributionRule,
): Attribution | undefined {
  for (const configuredKey of keys) {
    const tag = tags.get(normalizeTagKey(configuredKey));
    if (!tag || tag.value.trim() === '') {
      continue;
    }
    const candidates = resolveEntityName(tag.value, index, kinds);
    if (candidates.length > 0) {
      return {
        entityRef: candidates[0].ref,
        rule,
        detail: `tag "${tag.key}=${tag.value}" names ${candidates[0].ref}${tieNote(candidates.map(c => c.ref))}`,
      };
    }
  }
  return undefined;
}

/** A tag value names an entity by full ref (`component:default/x`) or by name. */
function resolveEntityName(value: string, index: CatalogIndex, kinds: string[]): EntitySummary[] {
  const trimmed = value.trim();
  if (trimmed.includes(':')) {
    try {
      const ref = stringifyEntityRef(parseEntityRef(trimmed));
      const entity = index.byRef.get(ref);
      const allowed = entity && kinds.some(kind => kind.toLowerCase() === entity.kind.toLowerCase());
      return allowed ? [entity] : [];
    } catch {
      return [];
    }
  }
  if (trimmed.includes('/')) {
    return [];
  }
  return index.findByName(trimmed, kinds);
}

function normalizedTags(tags: Record<string, string>): Map<string, { key: string; value: string }> {
  const normalized = new Map<string, { key: string; value: string }>();
  for (const key of Object.keys(tags).sort()) {
    const normalizedKey = normalizeTagKey(key);
    if (!normalized.has(normalizedKey)) {
      normalized.set(normalizedKey, { key, value: tags[key] });
    }
  }
  return normalized;
}

function tieNote(refs: string[]): string {
  return refs.length > 1 ? ` (also matched ${refs.slice(1).join(', ')}; the first in order wins)` : '';
}
