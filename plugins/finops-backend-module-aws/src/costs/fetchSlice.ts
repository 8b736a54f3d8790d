import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { parseDecimal } from '@backstage-finops/plugin-finops-common';
import type { AwsCostMetric } from '../config';
import { allPages, type RequestContext } from '../aws/requests';
import {
  accountsOfCells,
  combineTagPart,
  type CombineNotes,
  type CostGroup,
  type CostQuery,
  otherChargeRows,
  otherChargesQuery,
  type StoredCostRow,
  tagByAccountQuery,
  tagByServiceQuery,
  tagInAccountQuery,
  untaggedRows,
  untaggedUsageQuery,
} from './costQueries';

/** A range of days within one month, `end` exclusive. */
export interface DaySlice {
  start: string;
  end: string;
}

/** What a slice's queries need to know. */
export interface SliceSettings {
  tagKeys: string[];
  metric: AwsCostMetric;
}

/** The fewest requests one slice takes: two per tag key, the untagged usage and the other charges. */
export function minimumRequestsPerSlice(tagKeys: string[]): number {
  return 2 * tagKeys.length + 2;
}

/** The metric that becomes BilledCost: what is invoiced, net or not like the configured one. */
export function billedMetricOf(metric: AwsCostMetric): AwsCostMetric {
  return metric.startsWith('Net') ? 'NetUnblendedCost' : 'UnblendedCost';
}

/** An answer that cannot be read as Cost Explorer documents it. */
export class UnexpectedAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedAnswerError';
  }
}

function amountOf(
  metrics: Record<string, { Amount?: string; Unit?: string }> | undefined,
  metric: string,
  where: string,
): { value: bigint; unit?: string } {
  const entry = metrics?.[metric];
  if (!entry || entry.Amount === undefined) {
    return { value: 0n };
  }
  const parsed = parseDecimal(entry.Amount);
  if (!parsed.ok) {
    throw new UnexpectedAnswerError(`${where}: ${metric} ${parsed.reason}`);
  }
  return { value: parsed.value, unit: entry.Unit };
}

/** Every group of every page, amounts exact; a group answered twice is an error, not a sum. */
export function groupsOfPages(
  pages: GetCostAndUsageCommandOutput[],
  settings: SliceSettings,
  queryName: string,
): CostGroup[] {
  const billedMetric = billedMetricOf(settings.metric);
  const seen = new Set<string>();
  const groups: CostGroup[] = [];
  for (const page of pages) {
    for (const result of page.ResultsByTime ?? []) {
      const day = result.TimePeriod?.Start;
      if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
        throw new UnexpectedAnswerError(
          `${queryName}: a result has the time period start ${JSON.stringify(
            day,
          )}, not a date`,
        );
      }
      for (const group of result.Groups ?? []) {
        const keys = group.Keys ?? [];
        if (keys.length !== 2) {
          throw new UnexpectedAnswerError(
            `${queryName}: a group of ${day} has ${keys.length} keys, not 2`,
          );
        }
        const identity = `${day}\u0000${keys[0]}\u0000${keys[1]}`;
        if (seen.has(identity)) {
          throw new UnexpectedAnswerError(
            `${queryName}: the group ${JSON.stringify(
              keys,
            )} of ${day} was answered twice`,
          );
        }
        seen.add(identity);
        const where = `${queryName}, ${day} ${JSON.stringify(keys)}`;
        const effective = amountOf(group.Metrics, settings.metric, where);
        const billed = amountOf(group.Metrics, billedMetric, where);
        if (effective.value === 0n && billed.value === 0n) {
          continue;
        }
        groups.push({
          day,
          keys: [keys[0], keys[1]],
          effective: effective.value,
          billed: billed.value,
          currency: (effective.unit || billed.unit || 'USD').toUpperCase(),
        });
      }
    }
  }
  return groups;
}

/** What one slice's fetch gives: its rows and what did not add up. */
export interface FetchedSlice {
  rows: StoredCostRow[];
  notes: CombineNotes;
}

/**
 * Runs the queries of one slice and returns its rows: every dollar of
 * the slice once (see the README's query design). Throws what Cost
 * Explorer throws, e.g. DataUnavailableException, and
 * {@link RequestCapReached} when the run's budget ends first.
 */
export async function fetchSlice(
  client: CostExplorerClient,
  context: RequestContext,
  slice: DaySlice,
  settings: SliceSettings,
): Promise<FetchedSlice> {
  const metrics = [
    ...new Set([settings.metric, billedMetricOf(settings.metric)]),
  ];
  const run = async (query: CostQuery): Promise<CostGroup[]> => {
    const what = `GetCostAndUsage ${query.name} ${slice.start}..${slice.end}`;
    const pages = await allPages(
      context,
      what,
      (token, abortSignal) =>
        client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: slice.start, End: slice.end },
            Granularity: 'DAILY',
            Metrics: metrics,
            Filter: query.filter,
            GroupBy: query.groupBy,
            ...(token ? { NextPageToken: token } : {}),
          }),
          { abortSignal },
        ),
      page => page.NextPageToken || undefined,
    );
    const groups = groupsOfPages(pages, settings, what);
    const outside = groups.find(g => g.day < slice.start || g.day >= slice.end);
    if (outside) {
      throw new UnexpectedAnswerError(
        `${what}: answered the day ${outside.day}, outside the period asked for`,
      );
    }
    return groups;
  };

  const rows: StoredCostRow[] = [];
  const notes: CombineNotes = { mismatchedCells: 0, cellsWithoutAccount: 0 };
  for (let i = 0; i < settings.tagKeys.length; i++) {
    const tagKey = settings.tagKeys[i];
    const byService = await run(tagByServiceQuery(settings.tagKeys, i));
    const byAccount = await run(tagByAccountQuery(settings.tagKeys, i));
    const { sharedAccounts } = accountsOfCells(byAccount, tagKey);
    const inAccount = new Map<string, CostGroup[]>();
    for (const accountId of sharedAccounts) {
      inAccount.set(
        accountId,
        await run(tagInAccountQuery(settings.tagKeys, i, accountId)),
      );
    }
    const part = combineTagPart({ tagKey, byService, byAccount, inAccount });
    rows.push(...part.rows);
    notes.mismatchedCells += part.notes.mismatchedCells;
    notes.cellsWithoutAccount += part.notes.cellsWithoutAccount;
  }
  rows.push(...untaggedRows(await run(untaggedUsageQuery(settings.tagKeys))));
  rows.push(...otherChargeRows(await run(otherChargesQuery())));
  return { rows, notes };
}
