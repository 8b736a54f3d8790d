import { createHash } from 'node:crypto';
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsTipRuleInput,
} from '@backstage-finops/plugin-finops-node';

/** A tip as the evaluation found it: with its stable id, its rule and the entity it belongs to. */
export interface EvaluatedTip extends Omit<FinopsTip, 'entityRef' | 'subject'> {
  id: string;
  rule: string;
  /** The entity whose cost the tip is about; null for unallocated spend. */
  entityRef: string | null;
}

/** Orders the larger amount first, ties by name: for savings and the owners of cost. */
export function largestAmountFirst(
  a: { amount: bigint; name: string },
  b: { amount: bigint; name: string },
): number {
  if (a.amount === b.amount) {
    return a.name.localeCompare(b.name);
  }
  return a.amount > b.amount ? -1 : 1;
}

/** Tips with the largest estimated saving first, ties by id. */
export function bySavings(
  a: Pick<EvaluatedTip, 'id' | 'estimatedMonthlySavings'>,
  b: Pick<EvaluatedTip, 'id' | 'estimatedMonthlySavings'>,
): number {
  return largestAmountFirst(
    { amount: a.estimatedMonthlySavings, name: a.id },
    { amount: b.estimatedMonthlySavings, name: b.id },
  );
}

/** A rule that threw: the others' tips still count. */
export interface TipRuleFailure {
  rule: string;
  error: Error;
}

/**
 * Stable across evaluations of the same finding: derived from the rule, the
 * currency and the tip's subject, or its sorted resource ids.
 */
export function tipId(
  rule: string,
  tip: Pick<FinopsTip, 'subject' | 'resources' | 'currency'>,
): string {
  const subject =
    tip.subject ??
    [...new Set(tip.resources.map(resource => resource.resourceId))]
      .sort()
      .join('\u0000');
  return createHash('sha256')
    .update(`${rule}\u0001${tip.currency}\u0001${subject}`)
    .digest('hex')
    .slice(0, 24);
}

/**
 * Runs every rule on the input and gives each tip its id and entity: the
 * rule's own, or the entity carrying most of its resources' cost in the
 * window (unallocated cost counts as an owner of its own, so a tip mostly
 * about untagged resources stays with the FinOps team). A rule that throws
 * is reported and skipped; a tip with no positive saving, or one whose id
 * another tip of the evaluation already has, is dropped.
 */
export async function evaluateTips(
  rules: FinopsTipRule[],
  input: FinopsTipRuleInput,
): Promise<{ tips: EvaluatedTip[]; failures: TipRuleFailure[] }> {
  const costByResource = new Map<string, Map<string, bigint>>();
  for (const fact of input.facts) {
    let byEntity = costByResource.get(fact.resourceId);
    if (!byEntity) {
      byEntity = new Map();
      costByResource.set(fact.resourceId, byEntity);
    }
    const owner = fact.entityRef ?? '';
    byEntity.set(owner, (byEntity.get(owner) ?? 0n) + fact.effectiveCost);
  }
  const entityOf = (tip: FinopsTip): string | null => {
    if (tip.entityRef) {
      return tip.entityRef;
    }
    const costByOwner = new Map<string, bigint>();
    for (const { resourceId } of tip.resources) {
      for (const [owner, cost] of costByResource.get(resourceId) ?? []) {
        costByOwner.set(owner, (costByOwner.get(owner) ?? 0n) + cost);
      }
    }
    const [top] = [...costByOwner]
      .map(([name, amount]) => ({ name, amount }))
      .sort(largestAmountFirst);
    return top && top.name !== '' ? top.name : null;
  };

  const tips = new Map<string, EvaluatedTip>();
  const failures: TipRuleFailure[] = [];
  for (const rule of rules) {
    let found: FinopsTip[];
    try {
      found = await rule.evaluate(input);
    } catch (error) {
      failures.push({
        rule: rule.id,
        error: error instanceof Error ? error : new Error(String(error)),
      });
      continue;
    }
    for (const tip of found) {
      const id = tipId(rule.id, tip);
      if (tip.estimatedMonthlySavings <= 0n || tips.has(id)) {
        continue;
      }
      const { subject: _subject, entityRef: _entityRef, ...content } = tip;
      tips.set(id, { ...content, id, rule: rule.id, entityRef: entityOf(tip) });
    }
  }
  return {
    tips: [...tips.values()].sort(bySavings),
    failures,
  };
}
