import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ChargeCategory, FocusUsageDetail } from './focusChargeRow';

/**
 * One resource's usage of one kind on one day, as imported: the charge
 * rows of that resource, day, tag set and usage detail, summed. Amounts are
 * exact bigint atto-units of `currency`.
 */
export interface FinopsUsageFact extends FocusUsageDetail {
  /** `YYYY-MM-DD`. */
  usageDate: string;
  billingAccountId: string;
  subAccountId: string;
  providerName: string;
  serviceName: string;
  serviceCategory: string;
  regionId: string;
  /** Empty for charges without a resource (some commitment fees, taxes). */
  resourceId: string;
  chargeCategory: ChargeCategory;
  currency: string;
  /** The resource's tags on that day. */
  tags: Record<string, string>;
  /** The catalog entity the cost is attributed to; undefined when it is unallocated. */
  entityRef?: string;
  /** Hours the charge periods cover, summed: 24 for an hourly resource that ran all day. */
  billedHours: number;
  effectiveCost: bigint;
  billedCost: bigint;
  listCost: bigint;
}

/** What a tip rule evaluates. */
export interface FinopsTipRuleInput {
  /**
   * Every usage fact from `from` to `to`, inclusive. The window is long (see
   * TIP_WINDOW_DAYS in the backend) so that rules about growth see months;
   * rules about current behaviour look at its last weeks.
   */
  facts: FinopsUsageFact[];
  /** First day of the window, `YYYY-MM-DD`. */
  from: string;
  /** Last day with data, `YYYY-MM-DD`. */
  to: string;
  /** Aborted when the backend stops. */
  signal: AbortSignal;
}

/** How much work or risk acting on a tip is. */
export type FinopsTipLevel = 'low' | 'medium' | 'high';

/** A way to spend less that a rule found. */
export interface FinopsTip {
  /**
   * What the tip is about, besides its rule, when that is not its resources
   * (e.g. an account for a commitment purchase). A tip's id is derived from
   * its rule and this, or its sorted resource ids: it stays the same across
   * evaluations while the finding does.
   */
  subject?: string;
  title: string;
  /** What to do, in a sentence or two. */
  description: string;
  /** The resources the tip is about; their cost attributes the tip to catalog entities. */
  resources: Array<{ resourceId: string; serviceName: string }>;
  /** Estimated saving per month, exact atto-units of `currency`; positive. */
  estimatedMonthlySavings: bigint;
  currency: string;
  /** How the saving was estimated, with the figures used. */
  method: string;
  effort: FinopsTipLevel;
  risk: FinopsTipLevel;
  /**
   * The entity the tip belongs to when the rule knows it better than the
   * resources' cost does (an external recommendation naming a tagged
   * resource the billing data has not seen yet).
   */
  entityRef?: string;
}

/**
 * A rule that finds optimization tips: from the imported usage facts, or
 * from an outside service's recommendations (which may ignore `facts`).
 */
export interface FinopsTipRule {
  /** Unique among rules, stable: part of every tip's id, e.g. `gp2-to-gp3`. */
  readonly id: string;
  /** A short human name, e.g. `gp2 volumes to gp3`. */
  readonly title: string;
  evaluate(input: FinopsTipRuleInput): Promise<FinopsTip[]> | FinopsTip[];
}

/** Registers tip rules with the FinOps backend plugin. */
export interface FinopsTipRulesExtensionPoint {
  addTipRule(rule: FinopsTipRule): void;
}

/** Extension point through which backend modules add tip rules. */
export const finopsTipRulesExtensionPoint =
  createExtensionPoint<FinopsTipRulesExtensionPoint>({
    id: 'finops.tip-rules',
  });
