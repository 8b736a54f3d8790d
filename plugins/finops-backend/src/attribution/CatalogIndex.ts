import {
  ANNOTATION_CLOUD_ACCOUNTS,
  ANNOTATION_COST_TAGS,
  ANNOTATION_UNIT_METRICS,
  normalizeTagKey,
  normalizeTagValue,
  parseCloudAccountsAnnotation,
  parseCostTagsAnnotation,
  parseUnitMetrics,
} from '@backstage-finops/plugin-finops-common';

/** The parts of a catalog entity that attribution and rollups read. */
export interface EntitySummary {
  /** `kind:namespace/name`, lower-case kind as stringifyEntityRef writes it. */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  annotations: Record<string, string>;
  /** Outgoing relations: type and target ref. */
  relations: Array<{ type: string; targetRef: string }>;
}

/** A cost-tags annotation, parsed. */
export interface CostTagsMatcher {
  entityRef: string;
  /** Normalized key → normalized value. */
  pairs: Array<[string, string]>;
  /** As written, for explanations. */
  text: string;
}

/** An annotation attribution could not use, for the logs and the catalog check. */
export interface AnnotationProblem {
  entityRef: string;
  annotation: string;
  reason: string;
}

/**
 * Lookup structures over a catalog snapshot: entities by name and ref,
 * cost-tag matchers, account mappings, and the relation graph for rollups.
 */
export class CatalogIndex {
  readonly byRef = new Map<string, EntitySummary>();
  private readonly byName = new Map<string, EntitySummary[]>();
  readonly costTagMatchers: CostTagsMatcher[] = [];
  readonly entitiesByAccount = new Map<string, string[]>();
  /** The unit metrics each entity that declares any declares, by ref. */
  readonly unitMetrics = new Map<string, string[]>();
  readonly problems: AnnotationProblem[] = [];
  private readonly reverse = new Map<string, Map<string, string[]>>();

  constructor(entities: EntitySummary[]) {
    const sorted = [...entities].sort((a, b) => a.ref.localeCompare(b.ref));
    for (const entity of sorted) {
      this.byRef.set(entity.ref, entity);
      const name = entity.name.toLowerCase();
      this.byName.set(name, [...(this.byName.get(name) ?? []), entity]);
      this.indexAnnotations(entity);
      for (const relation of entity.relations) {
        let byType = this.reverse.get(relation.type);
        if (!byType) {
          byType = new Map();
          this.reverse.set(relation.type, byType);
        }
        const sources = byType.get(relation.targetRef) ?? [];
        sources.push(entity.ref);
        byType.set(relation.targetRef, sources);
      }
    }
  }

  /** Entities of the given kinds called `name` (case-insensitive), in kind order then ref order. */
  findByName(name: string, kinds: string[]): EntitySummary[] {
    const candidates = this.byName.get(name.trim().toLowerCase()) ?? [];
    const rank = (entity: EntitySummary) =>
      kinds.findIndex(kind => kind.toLowerCase() === entity.kind.toLowerCase());
    return candidates
      .filter(entity => rank(entity) >= 0)
      .sort((a, b) => rank(a) - rank(b) || (a.namespace === 'default' ? -1 : 0) - (b.namespace === 'default' ? -1 : 0));
  }

  /** Refs of entities that have a relation of `type` pointing at `targetRef`. */
  sourcesOf(type: string, targetRef: string): string[] {
    return this.reverse.get(type)?.get(targetRef) ?? [];
  }

  /** Refs that `sourceRef`'s relations of `type` point at. */
  targetsOf(type: string, sourceRef: string): string[] {
    return (this.byRef.get(sourceRef)?.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);
  }

  private indexAnnotations(entity: EntitySummary) {
    const metrics = parseUnitMetrics(entity.annotations[ANNOTATION_UNIT_METRICS]);
    if (metrics.length > 0) {
      this.unitMetrics.set(entity.ref, metrics);
    }
    const costTags = entity.annotations[ANNOTATION_COST_TAGS];
    if (costTags !== undefined) {
      const parsed = parseCostTagsAnnotation(costTags);
      if (parsed.ok) {
        this.costTagMatchers.push({
          entityRef: entity.ref,
          text: costTags,
          pairs: parsed.value.map(([key, value]) => [normalizeTagKey(key), normalizeTagValue(value)]),
        });
      } else {
        this.problems.push({ entityRef: entity.ref, annotation: ANNOTATION_COST_TAGS, reason: parsed.reason });
      }
    }
    const accounts = entity.annotations[ANNOTATION_CLOUD_ACCOUNTS];
    if (accounts !== undefined) {
      const parsed = parseCloudAccountsAnnotation(accounts);
      if (parsed.ok) {
        for (const account of parsed.value) {
          this.entitiesByAccount.set(account, [...(this.entitiesByAccount.get(account) ?? []), entity.ref]);
        }
      } else {
        this.problems.push({ entityRef: entity.ref, annotation: ANNOTATION_CLOUD_ACCOUNTS, reason: parsed.reason });
      }
    }
  }
}
