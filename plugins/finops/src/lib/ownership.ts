import type { components } from '@backstage-finops/plugin-finops-common';
import { compareDecimals } from './money';

export type OwnershipCoverageResponse =
  components['schemas']['OwnershipCoverageResponse'];
export type OwnershipSuggestionsResponse =
  components['schemas']['OwnershipSuggestionsResponse'];
export type UnallocatedItem = OwnershipSuggestionsResponse['items'][number];
export type OwnerSuggestion = components['schemas']['OwnerSuggestion'];
export type PolicyFindingsResponse =
  components['schemas']['PolicyFindingsResponse'];
export type PolicyFinding = components['schemas']['PolicyFinding'];
export type ComplianceResponse = components['schemas']['ComplianceResponse'];

/** The annotation that gives an entity the cost of tagged resources. */
export const COST_TAGS_ANNOTATION = 'finops.backstage.io/cost-tags';
/** The annotation that gives an entity whole accounts' cost. */
export const CLOUD_ACCOUNTS_ANNOTATION = 'finops.backstage.io/cloud-accounts';
/** Where an entity's catalog-info.yaml can be edited (set by the catalog). */
export const EDIT_URL_ANNOTATION = 'backstage.io/edit-url';

export type ConfidenceLevel = 'high' | 'medium' | 'low';

/** A suggestion's confidence in words: high from 0.5, medium from 0.25, else low. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.5) {
    return 'high';
  }
  if (confidence >= 0.25) {
    return 'medium';
  }
  return 'low';
}

/** The account an item's cost is in: its sub-account, else its billing account. */
export function itemAccount(item: {
  billingAccountId: string;
  subAccountId: string;
}): string {
  return item.subAccountId || item.billingAccountId;
}

/** Evidence kinds that point at the account rather than at the tags. */
const ACCOUNT_EVIDENCE = new Set(['accountAnnotation', 'accountSpend']);

/** Quotes a YAML value in single quotes, doubling any inside. */
function yamlQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The annotation to add to a suggested entity's catalog-info.yaml so that the
 * next attribution run gives it the item's spend: the item's tag pairs as
 * `finops.backstage.io/cost-tags` (a resource matches when it has all of
 * them), or the account as `finops.backstage.io/cloud-accounts` when the
 * suggestion's strongest evidence is the account or the item has no tags.
 */
export function annotationFor(
  item: UnallocatedItem,
  suggestion: OwnerSuggestion,
): { key: string; value: string; yaml: string } {
  const tags = Object.entries(item.tags)
    .filter(([key, value]) => key && value && !/[,=]/.test(key + value))
    .sort(([a], [b]) => a.localeCompare(b));
  const byAccount =
    tags.length === 0 ||
    (suggestion.evidence.length > 0 &&
      ACCOUNT_EVIDENCE.has(suggestion.evidence[0].kind));
  const key = byAccount ? CLOUD_ACCOUNTS_ANNOTATION : COST_TAGS_ANNOTATION;
  const value = byAccount
    ? itemAccount(item)
    : tags.map(([tag, tagValue]) => `${tag}=${tagValue}`).join(',');
  return {
    key,
    value,
    yaml: `metadata:\n  annotations:\n    ${key}: ${yamlQuoted(value)}`,
  };
}

/** Findings, worst (most costly in the period) first, exactly. */
export function sortFindings(findings: PolicyFinding[]): PolicyFinding[] {
  return [...findings].sort((a, b) => compareDecimals(b.amount, a.amount));
}
