import { Knex } from 'knex';
import {
  formatDecimal,
  parseDecimal,
} from '@backstage-finops/plugin-finops-common';
import type { FinopsTipLevel } from '@backstage-finops/plugin-finops-node';
import { bySavings, type EvaluatedTip } from '../optimize/evaluateTips';
import { chunk, IN_BATCH } from './knexSupport';

/** What a user decided about a tip. */
export type TipStatus = 'open' | 'dismissed' | 'snoozed' | 'done';

/** A user's decision, with who and when. */
export interface TipDecision {
  status: TipStatus;
  reason: string | null;
  /** The last day a snoozed tip stays hidden, `YYYY-MM-DD`. */
  until: string | null;
  by: string;
  at: string;
}

/** A tip as stored: the last evaluation's finding and the decision about it. */
export interface StoredTip extends EvaluatedTip {
  /** Found by the last evaluation. */
  active: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  status: TipStatus;
  decision: TipDecision | null;
}

/** Optimization tips and what users decided about them. */
export interface TipStore {
  /**
   * Stores what an evaluation found: new tips, and the current figures of
   * known ones (active again); tips it did not find become inactive.
   * Decisions stay as they were.
   */
  saveEvaluation(tips: EvaluatedTip[], at: string): Promise<void>;
  /** Tips of these entities (`null`: of unallocated spend; `undefined`: all), largest saving first. */
  listTips(filter: { entityRefs?: string[] | null }): Promise<StoredTip[]>;
  getTip(id: string): Promise<StoredTip | undefined>;
  /** Resolves with the tip as it now is; undefined when there is none with that id. */
  decide(id: string, decision: TipDecision): Promise<StoredTip | undefined>;
}

const TIPS = 'finops_tips';

function money(text: string): bigint {
  const parsed = parseDecimal(text);
  if (!parsed.ok) {
    throw new Error(`${TIPS} holds an amount that is not a decimal: ${text}`);
  }
  return parsed.value;
}

function toStoredTip(row: Record<string, any>): StoredTip {
  return {
    id: row.id,
    rule: row.rule,
    entityRef: row.entity_ref ?? null,
    title: row.title,
    description: row.description,
    resources: JSON.parse(row.resources),
    estimatedMonthlySavings: money(row.estimated_monthly_savings),
    currency: row.currency,
    method: row.method,
    effort: row.effort as FinopsTipLevel,
    risk: row.risk as FinopsTipLevel,
    active: Boolean(row.active),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    status: row.status,
    decision: row.status_at
      ? {
          status: row.status,
          reason: row.status_reason ?? null,
          until: row.snoozed_until ?? null,
          by: row.status_by,
          at: row.status_at,
        }
      : null,
  };
}

function findingColumns(tip: EvaluatedTip) {
  return {
    rule: tip.rule,
    entity_ref: tip.entityRef,
    title: tip.title,
    description: tip.description,
    resources: JSON.stringify(tip.resources),
    estimated_monthly_savings: formatDecimal(tip.estimatedMonthlySavings),
    currency: tip.currency,
    method: tip.method,
    effort: tip.effort,
    risk: tip.risk,
  };
}

/** {@link TipStore} on knex. */
export class KnexTipStore implements TipStore {
  constructor(private readonly knex: Knex) {}

  async saveEvaluation(tips: EvaluatedTip[], at: string): Promise<void> {
    await this.knex.transaction(async tx => {
      const known = new Set<string>(await tx(TIPS).pluck('id'));
      for (const tip of tips) {
        if (known.has(tip.id)) {
          await tx(TIPS)
            .where('id', tip.id)
            .update({ ...findingColumns(tip), active: true, last_seen_at: at });
        } else {
          await tx(TIPS).insert({
            id: tip.id,
            ...findingColumns(tip),
            active: true,
            first_seen_at: at,
            last_seen_at: at,
            status: 'open',
          });
        }
      }
      const found = new Set(tips.map(tip => tip.id));
      const gone = [...known].filter(id => !found.has(id));
      for (const ids of chunk(gone, IN_BATCH)) {
        await tx(TIPS).whereIn('id', ids).update({ active: false });
      }
    });
  }

  async listTips(filter: {
    entityRefs?: string[] | null;
  }): Promise<StoredTip[]> {
    const query = () => this.knex(TIPS).select('*');
    let rows: Array<Record<string, any>>;
    if (filter.entityRefs === null) {
      rows = await query().whereNull('entity_ref');
    } else if (filter.entityRefs) {
      rows = [];
      for (const refs of chunk(filter.entityRefs, IN_BATCH)) {
        rows.push(...(await query().whereIn('entity_ref', refs)));
      }
    } else {
      rows = await query();
    }
    return rows.map(toStoredTip).sort(bySavings);
  }

  async getTip(id: string): Promise<StoredTip | undefined> {
    const row = await this.knex(TIPS).where('id', id).first();
    return row ? toStoredTip(row) : undefined;
  }

  async decide(
    id: string,
    decision: TipDecision,
  ): Promise<StoredTip | undefined> {
    await this.knex(TIPS).where('id', id).update({
      status: decision.status,
      status_reason: decision.reason,
      snoozed_until: decision.until,
      status_by: decision.by,
      status_at: decision.at,
    });
    return this.getTip(id);
  }
}
