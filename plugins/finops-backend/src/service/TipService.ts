import type { LoggerService } from '@backstage/backend-plugin-api';
import { addDays } from '@backstage-finops/plugin-finops-common';
import type { FinopsTipRule } from '@backstage-finops/plugin-finops-node';
import type { FinopsSettings } from '../config';
import type { FinopsStores } from '../database/FinopsStores';
import type { StoredTip, TipDecision, TipStatus } from '../database/TipStore';
import { evaluateTips } from '../optimize/evaluateTips';
import {
  MIN_DAYS_AFTER,
  REALIZED_SAVINGS_WEEKS,
  realizedSavings,
  type RealizedSavings,
} from '../optimize/realizedSavings';

/** Days of usage facts the rules see: 14 weeks, so that rules about growth see three months. */
export const TIP_WINDOW_DAYS = 98;

/** A tip as listed: its status as of today (a snooze that ran out is open again) and, once done, what it saved. */
export interface ListedTip extends StoredTip {
  realizedSavings?: RealizedSavings;
}

/**
 * Optimization tips: evaluates the rules on the usage facts (after each
 * import and daily, with the operate evaluation), lists tips with their
 * status and realized savings, and records decisions.
 */
export class TipService {
  private lastEvaluatedAt: string | null = null;

  constructor(
    private readonly options: {
      stores: Pick<FinopsStores, 'usage' | 'tips' | 'slices' | 'costs'>;
      rules: FinopsTipRule[];
      settings: Pick<FinopsSettings, 'costMetric'>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The last day with usage or cost data. */
  private async dataThrough(): Promise<string | null> {
    const slices = await this.options.stores.slices.listSlices();
    return slices.reduce<string | null>(
      (last, slice) =>
        slice.lastUsageDate && (!last || slice.lastUsageDate > last)
          ? slice.lastUsageDate
          : last,
      null,
    );
  }

  /** Runs every rule on the last {@link TIP_WINDOW_DAYS} days of usage facts and stores what they found. */
  async evaluate(
    signal: AbortSignal = new AbortController().signal,
  ): Promise<{ tips: number; failedRules: string[] }> {
    const { stores, rules, logger } = this.options;
    const to = await this.dataThrough();
    if (!to) {
      return { tips: 0, failedRules: [] };
    }
    const from = addDays(to, -(TIP_WINDOW_DAYS - 1));
    const facts = await stores.usage.readUsageFacts({ from, to });
    const { tips, failures } = await evaluateTips(rules, {
      facts,
      from,
      to,
      signal,
    });
    for (const failure of failures) {
      logger.warn(
        `FinOps tip rule ${failure.rule} failed; its tips stay as they were found before: ${failure.error.message}`,
      );
    }
    // A failed rule's tips are kept from before rather than marked gone.
    const failed = new Set(failures.map(failure => failure.rule));
    const kept =
      failed.size === 0
        ? []
        : (await stores.tips.listTips({})).filter(
            tip => tip.active && failed.has(tip.rule),
          );
    const at = this.now().toISOString();
    await stores.tips.saveEvaluation([...tips, ...kept], at);
    this.lastEvaluatedAt = at;
    logger.info(
      `FinOps tips: ${tips.length} found by ${
        rules.length - failed.size
      } rules over ${facts.length} usage facts from ${from} to ${to}`,
    );
    return { tips: tips.length, failedRules: [...failed] };
  }

  get evaluatedAt(): string | null {
    return this.lastEvaluatedAt;
  }

  /**
   * Tips of these entities (`null`: unallocated spend; `undefined`: all):
   * those the last evaluation found, and done ones whose finding is gone
   * (acted on), with the status as of today; only `status` ones when given.
   */
  async listTips(filter: {
    entityRefs?: string[] | null;
    status?: TipStatus;
  }): Promise<ListedTip[]> {
    const today = this.now().toISOString().slice(0, 10);
    const stored = await this.options.stores.tips.listTips({
      entityRefs: filter.entityRefs,
    });
    const listed = stored
      .filter(tip => tip.active || tip.status === 'done')
      .map(tip =>
        tip.status === 'snoozed' && (tip.decision?.until ?? '') < today
          ? { ...tip, status: 'open' as const }
          : tip,
      )
      .filter(tip => !filter.status || tip.status === filter.status);
    const through = await this.dataThrough();
    return Promise.all(
      listed.map(tip => this.withRealizedSavings(tip, through)),
    );
  }

  /** A done tip with what it saved since, once the data shows it. */
  private async withRealizedSavings(
    tip: StoredTip,
    through: string | null,
  ): Promise<ListedTip> {
    const doneDate = (tip.decision?.at ?? '').slice(0, 10);
    if (tip.status !== 'done' || !through || addDays(doneDate, MIN_DAYS_AFTER) > through) {
      return tip;
    }
    const resourceIds = tip.resources
      .map(resource => resource.resourceId)
      .filter(Boolean);
    if (resourceIds.length === 0) {
      return tip;
    }
    const from = addDays(doneDate, -REALIZED_SAVINGS_WEEKS * 7);
    const sums = await this.options.stores.costs.sumCosts(
      {
        from,
        to: addDays(through, 1),
        metric: this.options.settings.costMetric,
        resourceIds,
      },
      ['usageDate'],
    );
    const daily = sums
      .filter(sum => sum.currency === tip.currency)
      .map(sum => ({ date: sum.dimensions.usageDate!, amount: sum.amount }));
    const saved = realizedSavings(daily, doneDate, through);
    return saved ? { ...tip, realizedSavings: saved } : tip;
  }

  async getTip(id: string): Promise<StoredTip | undefined> {
    return this.options.stores.tips.getTip(id);
  }

  async decide(
    id: string,
    decision: Omit<TipDecision, 'at'>,
  ): Promise<ListedTip | undefined> {
    const updated = await this.options.stores.tips.decide(id, {
      ...decision,
      at: this.now().toISOString(),
    });
    return (
      updated && this.withRealizedSavings(updated, await this.dataThrough())
    );
  }
}
