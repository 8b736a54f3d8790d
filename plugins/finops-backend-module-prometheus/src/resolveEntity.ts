import type { FinopsMetricDeclaration } from '@backstage-finops/plugin-finops-node';

/** What a series' entity label value names, among the entities that declare one metric. */
export type EntityResolution =
  | { kind: 'entity'; entityRef: string }
  /** A full ref of an entity that does not declare the metric, or a name no such entity has. */
  | { kind: 'unknown' }
  /** A name that several entities declaring the metric share. */
  | { kind: 'ambiguous'; entityRefs: string[] };

const FULL_ENTITY_REF = /^[^:/]+:[^:/]+\/[^:/]+$/;

/** Entity refs are case-insensitive in the catalog. */
function normalize(text: string): string {
  return text.toLocaleLowerCase('en-US');
}

function entityName(entityRef: string): string {
  return entityRef.slice(entityRef.lastIndexOf('/') + 1);
}

/**
 * Resolves label values to the entities in `declarations` that declare
 * `metric`: a full entity ref (`component:default/checkout-api`) names that
 * entity, a bare name the one declaring entity of that name.
 */
export function entityResolverFor(
  metric: string,
  declarations: FinopsMetricDeclaration[],
): (labelValue: string) => EntityResolution {
  const byRef = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const { entityRef, metrics } of declarations) {
    if (!metrics.includes(metric) || byRef.has(normalize(entityRef))) {
      continue;
    }
    byRef.set(normalize(entityRef), entityRef);
    const name = normalize(entityName(entityRef));
    byName.set(name, [...(byName.get(name) ?? []), entityRef]);
  }
  return labelValue => {
    const key = normalize(labelValue.trim());
    const candidates = FULL_ENTITY_REF.test(key)
      ? [byRef.get(key)].filter((ref): ref is string => ref !== undefined)
      : byName.get(key) ?? [];
    if (candidates.length === 1) {
      return { kind: 'entity', entityRef: candidates[0] };
    }
    return candidates.length === 0
      ? { kind: 'unknown' }
      : { kind: 'ambiguous', entityRefs: candidates };
  };
}
