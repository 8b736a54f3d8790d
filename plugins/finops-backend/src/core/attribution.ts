/** The attribution rules, by the name configuration and explanations use. */
export const ATTRIBUTION_RULES = [
  'entityTagKey',
  'costTagsAnnotation',
  'cloudAccountsAnnotation',
  'ownerTagKey',
] as const;

export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

/** Where a cost key's cost goes and why. `entityRef` null means unallocated. */
export interface Attribution {
  entityRef: string | null;
  rule: AttributionRule | null;
  detail: string;
}

/** What attribution looks at. */
export interface CostKeyFacts {
  tags: Record<string, string>;
  billingAccountId: string;
  subAccountId: string;
}

/** The facts attribution reads, from a cost key with its tags as canonical JSON. */
export function factsOf(key: { tagsJson: string; billingAccountId: string; subAccountId: string }): CostKeyFacts {
  return {
    tags: JSON.parse(key.tagsJson),
    billingAccountId: key.billingAccountId,
    subAccountId: key.subAccountId,
  };
}
