import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { addDays, todayUtc } from '@backstage-finops/plugin-finops-common';
import type {
  FinopsCostSource,
  FinopsCostSourceReadOptions,
  FocusChargeRow,
} from '@backstage-finops/plugin-finops-node';
import type { AwsCostExplorerSourceConfig } from '../config';
import {
  awsErrorName,
  DEFAULT_RETRY_POLICY,
  estimatedCostUsd,
  RequestBudget,
  RequestCapReached,
  type RequestContext,
  type RetryPolicy,
} from '../aws/requests';
import type { AwsCostStore } from '../database/AwsCostStore';
import { chargeCategoryOf, type StoredCostRow } from './costQueries';
import { fetchSlice, minimumRequestsPerSlice } from './fetchSlice';
import {
  isMonthWhole,
  nextMonth,
  type PlannedSlice,
  planSlices,
  windowStartOf,
} from './syncPlan';

/** What a source needs besides its config. */
export interface AwsCostExplorerSourceDeps {
  logger: LoggerService;
  /** The module's tables, migrated. */
  store: () => Promise<AwsCostStore>;
  /** The Cost Explorer client, with the account's credentials. */
  client: () => Promise<CostExplorerClient>;
  retry?: RetryPolicy;
  /** The clock; today (UTC) is the exclusive end of what is read. */
  now?: () => Date;
}

/** How many newest days may be given up on for DataUnavailableException before it is an error. */
const MAX_UNAVAILABLE_DAYS = 3;

/** How one run's fetching ended. */
interface SyncOutcome {
  slicesSaved: number;
  daysSaved: number;
  stoppedAtCap: boolean;
  unavailableFrom?: string;
  failure?: Error;
}

/**
 * AWS Cost Explorer as a FinOps cost source. Each read first brings the
 * module's own tables up to date — backfill, trailing restatement days and
 * the once-per-month close re-read, within `maxRequestsPerRun` — then
 * yields every whole month whose stored days changed since it was last
 * yielded in full.
 */
export class AwsCostExplorerSource implements FinopsCostSource {
  readonly id: string;
  readonly frequency: FinopsCostSource['frequency'];

  constructor(
    private readonly config: AwsCostExplorerSourceConfig,
    private readonly deps: AwsCostExplorerSourceDeps,
  ) {
    this.id = config.id;
    this.frequency = config.frequency;
  }

  describe(): string {
    return `AWS Cost Explorer of account ${this.config.accountId} (${this.config.metric})`;
  }

  async *read(
    options: FinopsCostSourceReadOptions,
  ): AsyncIterable<FocusChargeRow> {
    const { logger } = this.deps;
    const today = todayUtc(this.deps.now?.() ?? new Date());
    const store = await this.deps.store();
    const budget = new RequestBudget(this.config.maxRequestsPerRun);
    const context: RequestContext = {
      budget,
      retry: this.deps.retry ?? DEFAULT_RETRY_POLICY,
      signal: options.signal,
    };
    const started = Date.now();
    let outcome: SyncOutcome;
    try {
      outcome = await this.sync(store, context, today);
    } finally {
      const usage = {
        requests: budget.requests,
        pages: budget.pages,
        estimatedCostUsd: estimatedCostUsd(budget.requests),
      };
      logger.info(
        `AWS Cost Explorer source ${this.id}: ${usage.requests} requests, ${
          usage.pages
        } pages, estimated cost $${usage.estimatedCostUsd} in ${
          Date.now() - started
        } ms`,
        { sourceId: this.id, ...usage },
      );
      options.reportRequests?.(usage);
    }
    if (outcome.failure) {
      throw new Error(
        `AWS Cost Explorer source ${this.id} could not finish: ${outcome.failure.message}. ` +
          `It kept the ${outcome.slicesSaved} slice(s) it finished (${outcome.daysSaved} days) for the next run; ` +
          'the data imported before stays as it was.',
      );
    }
    if (outcome.stoppedAtCap) {
      logger.warn(
        `AWS Cost Explorer source ${this.id} stopped at maxRequestsPerRun (${this.config.maxRequestsPerRun}) ` +
          `after ${outcome.slicesSaved} slice(s); the next run goes on from there`,
      );
    }
    if (outcome.unavailableFrom) {
      logger.info(
        `AWS Cost Explorer source ${this.id}: no data yet from ${outcome.unavailableFrom} (DataUnavailableException); read next run`,
      );
    }
    yield* this.deliver(store, today);
  }

  /** Fetches the planned slices, saving each as it completes. Never throws what AWS throws: it says so in the outcome. */
  private async sync(
    store: AwsCostStore,
    context: RequestContext,
    today: string,
  ): Promise<SyncOutcome> {
    const { config } = this;
    const windowStart = windowStartOf(today, config.backfillMonths);
    const fetchedOn = await store.fetchedDays(this.id, windowStart);
    const sliceDays = new Map(
      (await store.months(this.id))
        .filter(m => m.sliceDays !== null)
        .map(m => [m.billingPeriod, m.sliceDays!]),
    );
    const plan = planSlices({
      today,
      backfillMonths: config.backfillMonths,
      restatementDays: config.restatementDays,
      fetchedOn,
      sliceDays,
    });
    const outcome: SyncOutcome = {
      slicesSaved: 0,
      daysSaved: 0,
      stoppedAtCap: false,
    };
    if (plan.length > 0) {
      this.deps.logger.info(
        `AWS Cost Explorer source ${this.id}: ${
          plan.length
        } slice(s) to read, ${plan[0].start}..${
          plan[0].end
        } first (${plan[0].reasons.join(', ')})`,
      );
    }
    const client = await this.deps.client();
    const minimum = minimumRequestsPerSlice(config.tagKeys);
    for (const [index, planned] of plan.entries()) {
      if (context.budget.remaining < minimum) {
        outcome.stoppedAtCap = true;
        break;
      }
      let slice: PlannedSlice = planned;
      let done = false;
      try {
        while (!done) {
          try {
            const fetched = await fetchSlice(client, context, slice, {
              tagKeys: config.tagKeys,
              metric: config.metric,
            });
            this.noteMismatches(slice, fetched.notes);
            await store.saveSlice({
              sourceId: this.id,
              month: slice.month,
              start: slice.start,
              end: slice.end,
              fetchedOn: today,
              rows: fetched.rows,
            });
            outcome.slicesSaved++;
            outcome.daysSaved += daysIn(slice);
            done = true;
          } catch (error) {
            // The newest days may not be in Cost Explorer yet: read up to the day before, or not at all.
            const newest =
              planned.end === today &&
              slice.end > addDays(today, -MAX_UNAVAILABLE_DAYS) &&
              awsErrorName(error) === 'DataUnavailableException';
            if (!newest) {
              throw error;
            }
            const end = addDays(slice.end, -1);
            outcome.unavailableFrom = end;
            if (end > slice.start) {
              slice = { ...slice, end };
            } else {
              done = true;
            }
          }
        }
      } catch (error) {
        if (error instanceof RequestCapReached) {
          outcome.stoppedAtCap = true;
          if (index === 0) {
            await this.shrinkSlices(store, slice, outcome);
          }
          break;
        }
        outcome.failure = error as Error;
        break;
      }
    }
    return outcome;
  }

  /** A slice that did not fit a whole run's requests is read in halves from the next run on. */
  private async shrinkSlices(
    store: AwsCostStore,
    slice: PlannedSlice,
    outcome: SyncOutcome,
  ): Promise<void> {
    const days = daysIn(slice);
    if (days <= 1) {
      outcome.failure = new Error(
        `one day (${slice.start}) of Cost Explorer data needs more than maxRequestsPerRun (${this.config.maxRequestsPerRun}) requests; raise it`,
      );
      return;
    }
    const half = Math.ceil(days / 2);
    await store.setSliceDays(this.id, slice.month, half);
    this.deps.logger.warn(
      `AWS Cost Explorer source ${this.id}: ${slice.start}..${slice.end} needs more than maxRequestsPerRun (${this.config.maxRequestsPerRun}) requests; ` +
        `${slice.month.slice(0, 7)} is read ${half} days at a time from now on`,
    );
  }

  private noteMismatches(
    slice: PlannedSlice,
    notes: { mismatchedCells: number; cellsWithoutAccount: number },
  ) {
    if (notes.mismatchedCells > 0 || notes.cellsWithoutAccount > 0) {
      this.deps.logger.warn(
        `AWS Cost Explorer source ${this.id}, ${slice.start}..${slice.end}: the by-account answers differed from the by-service ones ` +
          `(${notes.mismatchedCells} tag value-days differ by more than a cent, ${notes.cellsWithoutAccount} have no account); ` +
          'the data probably changed between the queries. Amounts come from the by-service answers; the next run reads the days again if they are recent',
      );
    }
  }

  /**
   * Yields each whole month of the window whose stored days changed since
   * it was last yielded in full; marks them yielded once the backend has
   * read them all.
   */
  private async *deliver(
    store: AwsCostStore,
    today: string,
  ): AsyncIterable<FocusChargeRow> {
    const windowStart = windowStartOf(today, this.config.backfillMonths);
    const fetchedOn = await store.fetchedDays(this.id, windowStart);
    const due = (await store.months(this.id)).filter(
      m =>
        m.billingPeriod >= windowStart &&
        m.changedSeq > m.deliveredSeq &&
        isMonthWhole(m.billingPeriod, today, fetchedOn),
    );
    for (const month of due) {
      const rows = await store.rows(
        this.id,
        month.billingPeriod,
        nextMonth(month.billingPeriod),
      );
      for (const row of rows) {
        yield this.toFocusRow(row, month.billingPeriod);
      }
    }
    for (const month of due) {
      await store.markDelivered(this.id, month.billingPeriod, month.changedSeq);
    }
  }

  private toFocusRow(
    row: StoredCostRow,
    billingPeriodStart: string,
  ): FocusChargeRow {
    return {
      chargePeriodStart: `${row.usageDate}T00:00:00Z`,
      chargePeriodEnd: `${addDays(row.usageDate, 1)}T00:00:00Z`,
      billingPeriodStart,
      billingAccountId: this.config.accountId,
      subAccountId: row.subAccountId,
      providerName: 'AWS',
      serviceName: row.serviceName,
      serviceCategory: '',
      regionId: '',
      resourceId: '',
      chargeCategory: chargeCategoryOf(row.recordType),
      billingCurrency: row.currency,
      tags: row.tagKey && row.tagValue ? { [row.tagKey]: row.tagValue } : {},
      billedCost: row.billed,
      effectiveCost: row.effective,
      listCost: row.billed,
    };
  }
}

function daysIn(slice: { start: string; end: string }): number {
  return Math.round(
    (Date.parse(slice.end) - Date.parse(slice.start)) / 86_400_000,
  );
}
