import {
  ANNOTATION_CLOUD_ACCOUNTS,
  ANNOTATION_COST_TAGS,
  checkFinopsAnnotations,
  normalizeTagKey,
  parseCostTagsAnnotation,
} from './annotations';

/** How a metadata rule is enforced: `error` fails the entity's processing, `warn` records and shows it, `off` skips it. */
export type RuleSeverity = 'error' | 'warn' | 'off';

/** A tag key resources must carry, and the values it may take (any when absent). */
export interface RequiredTag {
  key: string;
  values?: string[];
  severity: RuleSeverity;
}

/** The organisation's ownership and cost metadata policy (config `finops.metadataPolicy`). */
export interface MetadataPolicy {
  /** `spec.owner` present and naming an existing Group or User. */
  owner: RuleSeverity;
  /** Every `finops.backstage.io/*` annotation well formed. */
  annotations: RuleSeverity;
  /** Entities of these kinds (and types, when given) declare how their cost is found. */
  costSource: { severity: RuleSeverity; kinds: string[]; types?: string[] };
  /** Tag keys resources must carry; an entity's cost tags must use their allowed values. */
  requiredTags: RequiredTag[];
}

export const DEFAULT_METADATA_POLICY: MetadataPolicy = {
  owner: 'warn',
  annotations: 'error',
  costSource: { severity: 'warn', kinds: ['Component'] },
  requiredTags: [],
};

/** What an entity's metadata lacks, and the YAML that fixes it. */
export interface MetadataIssue {
  rule: 'owner' | 'annotation' | 'cost-source' | 'tag-value';
  severity: 'error' | 'warn';
  message: string;
  /** A catalog-info.yaml fragment to add, where one fixes it. */
  fix?: string;
}

/** The parts of an entity the policy reads. */
export interface EntityMetadata {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { owner?: unknown; type?: unknown };
}

/** Kinds whose `spec.owner` Backstage's own model requires. */
const OWNED_KINDS = ['component', 'api', 'resource', 'system', 'domain'];

/**
 * The policy's issues with an entity's ownership and cost metadata.
 * `ownerExists` says whether `spec.owner` names an entity in the catalog
 * (undefined: not known, not checked).
 */
export function checkEntityMetadata(entity: EntityMetadata, policy: MetadataPolicy, ownerExists?: boolean): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const add = (severity: RuleSeverity, issue: Omit<MetadataIssue, 'severity'>) => {
    if (severity !== 'off') {
      issues.push({ ...issue, severity });
    }
  };
  const kind = entity.kind.toLowerCase();
  const annotations = entity.metadata.annotations ?? {};
  const owner = entity.spec?.owner;
  if (OWNED_KINDS.includes(kind)) {
    if (typeof owner !== 'string' || owner.trim() === '') {
      add(policy.owner, { rule: 'owner', message: `${entity.kind} ${entity.metadata.name} has no spec.owner: add the team that owns it`, fix: 'spec:\n  owner: <team>' });
    } else if (ownerExists === false) {
      add(policy.owner, {
        rule: 'owner',
        message: `spec.owner "${owner}" of ${entity.kind} ${entity.metadata.name} names no Group or User in the catalog: a renamed or deleted team?`,
      });
    }
  }
  for (const issue of checkFinopsAnnotations(annotations)) {
    add(policy.annotations, { rule: 'annotation', message: issue.message });
  }
  const { costSource } = policy;
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
  const inScope =
    costSource.kinds.some(k => k.toLowerCase() === kind) && (!costSource.types || (type !== undefined && costSource.types.includes(type)));
  if (inScope && annotations[ANNOTATION_COST_TAGS] === undefined && annotations[ANNOTATION_CLOUD_ACCOUNTS] === undefined) {
    add(costSource.severity, {
      rule: 'cost-source',
      message: `${entity.kind} ${entity.metadata.name} does not say how its cost is found: add ${ANNOTATION_COST_TAGS} (the tags on its cloud resources) or ${ANNOTATION_CLOUD_ACCOUNTS} (accounts whose whole cost is its)`,
      fix: `metadata:\n  annotations:\n    ${ANNOTATION_COST_TAGS}: 'service=${entity.metadata.name}'`,
    });
  }
  const costTags = annotations[ANNOTATION_COST_TAGS] === undefined ? undefined : parseCostTagsAnnotation(annotations[ANNOTATION_COST_TAGS]);
  if (costTags?.ok) {
    for (const required of policy.requiredTags) {
      const declared = costTags.value.find(([key]) => normalizeTagKey(key) === normalizeTagKey(required.key));
      if (declared && required.values && !required.values.includes(declared[1])) {
        add(required.severity, {
          rule: 'tag-value',
          message: `${ANNOTATION_COST_TAGS}: ${required.key}=${declared[1]} is not an allowed value of ${required.key} (${required.values.join(', ')})`,
        });
      }
    }
  }
  return issues;
}
