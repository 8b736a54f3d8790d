import { formatDecimal, largestFirst, type Money, normalizeTagKey, type RequiredTag } from '@backstage-finops/plugin-finops-common';
import { factsOf, type StoredCostKey } from '../core';

/** What is wrong with the tags of resources that cost money. */
export type FindingKind = 'missing-tag' | 'value-not-allowed' | 'names-no-entity';

/** One policy finding: every cost key it applies to, and what they cost. */
export interface PolicyFinding {
  kind: FindingKind;
  severity: 'error' | 'warn';
  tagKey: string;
  /** The offending value; null for a missing tag. */
  value: string | null;
  message: string;
  /** Cost in the period, exact. */
  amount: string;
  /** The period's cost scaled to 30 days, to compare periods of any length; an estimate, rounded down. */
  monthlyAmount: string;
  /** Tag sets (cost keys) with the finding. */
  costKeys: number;
  /** The largest of them. */
  examples: Array<{ tags: Record<string, string>; billingAccountId: string; subAccountId: string; amount: string }>;
}

const EXAMPLES_PER_FINDING = 3;

/**
 * The tagging policy held against the resources that cost money in a
 * period: required tag keys missing or with a value outside their allowed
 * set, and ownership tags (entity or owner tag keys) whose value names no
 * catalog entity, so the spend is unallocated (a renamed or deleted team).
 * One finding per kind, key and value, with the exact cost of every tag set
 * it applies to; worst (most costly) first.
 */
export function policyFindings(input: {
  keys: ReadonlyArray<{ key: StoredCostKey; amount: Money }>;
  requiredTags: readonly RequiredTag[];
  /** Tag keys whose value names an entity or an owner (`finops.attribution.entityTagKeys` and `ownerTagKeys`). */
  ownershipTagKeys: readonly string[];
  days: number;
}): PolicyFinding[] {
  type Open = Omit<PolicyFinding, 'amount' | 'monthlyAmount' | 'costKeys' | 'examples'> & { total: Money; items: Array<{ key: StoredCostKey; amount: Money }> };
  const findings = new Map<string, Open>();
  const note = (finding: Omit<Open, 'total' | 'items'>, item: { key: StoredCostKey; amount: Money }) => {
    const id = `${finding.kind}\n${normalizeTagKey(finding.tagKey)}\n${finding.value ?? ''}`;
    const open = findings.get(id) ?? { ...finding, total: 0n, items: [] };
    open.total += item.amount;
    open.items.push(item);
    findings.set(id, open);
  };
  const ownership = new Set(input.ownershipTagKeys.map(normalizeTagKey));
  for (const item of input.keys) {
    const tags = Object.entries(factsOf(item.key).tags);
    const valueOf = (tagKey: string) => tags.find(([key]) => normalizeTagKey(key) === normalizeTagKey(tagKey))?.[1];
    for (const required of input.requiredTags) {
      if (required.severity === 'off') {
        continue;
      }
      const value = valueOf(required.key);
      if (value === undefined || value.trim() === '') {
        note({ kind: 'missing-tag', severity: required.severity, tagKey: required.key, value: null, message: `resources without the required tag ${required.key}` }, item);
      } else if (required.values && !required.values.includes(value)) {
        note(
          {
            kind: 'value-not-allowed',
            severity: required.severity,
            tagKey: required.key,
            value,
            message: `${required.key}=${value} is not an allowed value of ${required.key} (${required.values.join(', ')})`,
          },
          item,
        );
      }
    }
    if (item.key.entityRef === null) {
      for (const [tagKey, value] of tags) {
        if (ownership.has(normalizeTagKey(tagKey)) && value.trim() !== '') {
          note({ kind: 'names-no-entity', severity: 'warn', tagKey, value, message: `${tagKey}=${value} names no catalog entity (a renamed or deleted one?)` }, item);
        }
      }
    }
  }
  return [...findings.values()]
    .sort((a, b) => largestFirst(a.total, b.total) || a.kind.localeCompare(b.kind) || a.tagKey.localeCompare(b.tagKey) || (a.value ?? '').localeCompare(b.value ?? ''))
    .map(({ total, items, ...finding }) => ({
      ...finding,
      amount: formatDecimal(total),
      monthlyAmount: formatDecimal(input.days > 0 ? (total * 30n) / BigInt(input.days) : total),
      costKeys: items.length,
      examples: items
        .sort((a, b) => largestFirst(a.amount, b.amount))
        .slice(0, EXAMPLES_PER_FINDING)
        .map(({ key, amount }) => ({ tags: factsOf(key).tags, billingAccountId: key.billingAccountId, subAccountId: key.subAccountId, amount: formatDecimal(amount) })),
    }));
}
