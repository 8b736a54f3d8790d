import { createHash } from 'node:crypto';

/**
 * What attribution works on: one distinct tag set in one account. Few
 * thousand of these stand for millions of charge rows.
 */
export interface CostKey {
  /** sha256 of tags, billing account and sub-account: the key's identity. */
  hash: string;
  /** The tags as canonical JSON: keys sorted. */
  tagsJson: string;
  billingAccountId: string;
  subAccountId: string;
}

/** Sorted-key JSON, so that equal tag sets compare equal whatever the file's key order. */
export function canonicalTagsJson(tags: Record<string, string>): string {
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) {
    return '{}';
  }
  // No prototype: a tag may be called `__proto__`.
  const sorted: Record<string, string> = Object.create(null);
  for (const key of keys) {
    sorted[key] = tags[key];
  }
  return JSON.stringify(sorted);
}

/** The identity of a tag set in an account. */
export function costKeyHash(tagsJson: string, billingAccountId: string, subAccountId: string): string {
  return createHash('sha256')
    .update(`${tagsJson}\u0000${billingAccountId}\u0000${subAccountId}`)
    .digest('hex');
}
