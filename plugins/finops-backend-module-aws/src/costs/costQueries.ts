import type {
  Expression,
  GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import type { ChargeCategory } from '@backstage-finops/plugin-finops-node';

/**
 * The record types that are charges for using a resource: they carry the
 * resource's tags, so they are queried by tag. Everything else (tax,
 * credits, refunds, fees, support, discounts) is queried by account and
 * record type, in one query.
 */
export const USAGE_RECORD_TYPES = [
  'Usage',
  'DiscountedUsage',
  'SavingsPlanCoveredUsage',
  'SavingsPlanNegation',
];

const CHARGE_CATEGORY_OF_RECORD_TYPE: Record<string, ChargeCategory> = {
  Usage: 'Usage',
  DiscountedUsage: 'Usage',
  SavingsPlanCoveredUsage: 'Usage',
  SavingsPlanNegation: 'Usage',
  Tax: 'Tax',
  Credit: 'Credit',
  Refund: 'Adjustment',
  Fee: 'Purchase',
  RIFee: 'Purchase',
  SavingsPlanRecurringFee: 'Purchase',
  SavingsPlanUpfrontFee: 'Purchase',
  Support: 'Purchase',
};

/**
 * The FOCUS ChargeCategory of a Cost Explorer RECORD_TYPE. The empty record
 * type stands for the usage record types, which are queried together.
 * Discounts (Enterprise Discount Program, private rate, bundled,
 * distributor, solution provider) are credits; other fees are purchases;
 * anything else AWS may add is an adjustment.
 */
export function chargeCategoryOf(recordType: string): ChargeCategory {
  if (recordType === '') {
    return 'Usage';
  }
  const known = CHARGE_CATEGORY_OF_RECORD_TYPE[recordType];
  if (known) {
    return known;
  }
  if (/discount|credit/i.test(recordType)) {
    return 'Credit';
  }
  if (/fee|support|purchase/i.test(recordType)) {
    return 'Purchase';
  }
  if (/tax/i.test(recordType)) {
    return 'Tax';
  }
  return 'Adjustment';
}

/** The record-type half of the partition. */
const usage: Expression = {
  Dimensions: { Key: 'RECORD_TYPE', Values: USAGE_RECORD_TYPES },
};
const notUsage: Expression = { Not: usage };

function absent(tagKey: string): Expression {
  return { Tags: { Key: tagKey, MatchOptions: ['ABSENT'] } };
}

function present(tagKey: string): Expression {
  return { Not: absent(tagKey) };
}

function linkedAccount(accountId: string): Expression {
  return { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [accountId] } };
}

/** `And` of one expression is that expression: Cost Explorer wants two or more in an `And`. */
function and(expressions: Expression[]): Expression {
  return expressions.length === 1 ? expressions[0] : { And: expressions };
}

const byService: GroupDefinition = { Type: 'DIMENSION', Key: 'SERVICE' };
const byAccount: GroupDefinition = { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' };
const byRecordType: GroupDefinition = { Type: 'DIMENSION', Key: 'RECORD_TYPE' };
function byTag(tagKey: string): GroupDefinition {
  return { Type: 'TAG', Key: tagKey };
}

/** One GetCostAndUsage query of a slice, without its time period. */
export interface CostQuery {
  /** For logs and errors, e.g. `tag team by service`. */
  name: string;
  filter: Expression;
  groupBy: [GroupDefinition, GroupDefinition];
}

/**
 * The filter of part `i` of the tagged usage: usage record types whose
 * first present tag key, in the configured order, is `tagKeys[i]`.
 */
function taggedPart(tagKeys: string[], i: number): Expression[] {
  return [usage, present(tagKeys[i]), ...tagKeys.slice(0, i).map(absent)];
}

/** Part `i` by tag value and service: the amounts of the tagged usage. */
export function tagByServiceQuery(tagKeys: string[], i: number): CostQuery {
  return {
    name: `tag ${tagKeys[i]} by service`,
    filter: and(taggedPart(tagKeys, i)),
    groupBy: [byTag(tagKeys[i]), byService],
  };
}

/** Part `i` by tag value and linked account: which accounts hold each value each day. */
export function tagByAccountQuery(tagKeys: string[], i: number): CostQuery {
  return {
    name: `tag ${tagKeys[i]} by account`,
    filter: and(taggedPart(tagKeys, i)),
    groupBy: [byTag(tagKeys[i]), byAccount],
  };
}

/** Part `i` within one linked account, by tag value and service: for values that several accounts share. */
export function tagInAccountQuery(
  tagKeys: string[],
  i: number,
  accountId: string,
): CostQuery {
  return {
    name: `tag ${tagKeys[i]} by service in account ${accountId}`,
    filter: and([...taggedPart(tagKeys, i), linkedAccount(accountId)]),
    groupBy: [byTag(tagKeys[i]), byService],
  };
}

/** Usage without any of the tag keys, by account and service. */
export function untaggedUsageQuery(tagKeys: string[]): CostQuery {
  return {
    name: 'untagged usage by account and service',
    filter: and([usage, ...tagKeys.map(absent)]),
    groupBy: [byAccount, byService],
  };
}

/** Every other record type (tax, credits, refunds, fees…), by account and record type. */
export function otherChargesQuery(): CostQuery {
  return {
    name: 'other charges by account and record type',
    filter: notUsage,
    groupBy: [byAccount, byRecordType],
  };
}

/** One group of one day of a query's answer, its amounts parsed exactly. */
export interface CostGroup {
  day: string;
  keys: [string, string];
  billed: bigint;
  effective: bigint;
  currency: string;
}

/** A row as this module stores it: one day × account × tag × service × record type. */
export interface StoredCostRow {
  usageDate: string;
  subAccountId: string;
  /** The first configured tag key the charges carry; empty when untagged. */
  tagKey: string;
  /** Its value; empty when untagged or when the tag is empty. */
  tagValue: string;
  serviceName: string;
  /** The Cost Explorer record type; empty for the usage record types, queried together. */
  recordType: string;
  currency: string;
  billed: bigint;
  effective: bigint;
}

/** `team$payments` → `payments`; `team$` → ``. */
export function tagValueOf(tagKey: string, groupKey: string): string {
  const prefix = `${tagKey}$`;
  if (groupKey.startsWith(prefix)) {
    return groupKey.slice(prefix.length);
  }
  const dollar = groupKey.indexOf('$');
  return dollar < 0 ? groupKey : groupKey.slice(dollar + 1);
}

function cellOf(day: string, tagValue: string): string {
  return `${day}\u0000${tagValue}`;
}

/** What combining a tag part found that does not add up; logged, never fatal: amounts come from one query only. */
export interface CombineNotes {
  /** Cells (day × tag value) whose by-service and by-account sums differ by more than a cent. */
  mismatchedCells: number;
  /** Cells in the by-service answer that the by-account answer lacks: stored without an account. */
  cellsWithoutAccount: number;
}

/** Whether two amounts differ by more than a cent (10^16 atto-units). */
function differsByMoreThanACent(a: bigint, b: bigint): boolean {
  const diff = a > b ? a - b : b - a;
  return diff > 10n ** 16n;
}

/**
 * The accounts that hold each (day, tag value) cell of part `i`, from its
 * by-account answer, and the accounts whose cells are shared with another
 * account: those need a per-account query.
 */
export function accountsOfCells(accountGroups: CostGroup[], tagKey: string) {
  const accounts = new Map<string, Set<string>>();
  for (const group of accountGroups) {
    const cell = cellOf(group.day, tagValueOf(tagKey, group.keys[0]));
    let set = accounts.get(cell);
    if (!set) {
      set = new Set();
      accounts.set(cell, set);
    }
    set.add(group.keys[1]);
  }
  const shared = new Set<string>();
  for (const set of accounts.values()) {
    if (set.size > 1) {
      set.forEach(account => shared.add(account));
    }
  }
  return { accounts, sharedAccounts: [...shared].sort() };
}

/**
 * The rows of tag part `i`. A (day, tag value) cell that one account holds
 * takes its by-service amounts from the part's by-service answer, with that
 * account. A cell that several accounts hold takes them from the
 * per-account answers instead, each with its account. So every cell's
 * amounts come from exactly one partition of it.
 */
export function combineTagPart(input: {
  tagKey: string;
  byService: CostGroup[];
  byAccount: CostGroup[];
  /** The per-account by-service answers, for every shared account. */
  inAccount: Map<string, CostGroup[]>;
}): { rows: StoredCostRow[]; notes: CombineNotes } {
  const { tagKey } = input;
  const { accounts } = accountsOfCells(input.byAccount, tagKey);
  const notes: CombineNotes = { mismatchedCells: 0, cellsWithoutAccount: 0 };
  const rows: StoredCostRow[] = [];
  const row = (
    group: CostGroup,
    tagValue: string,
    subAccountId: string,
  ): StoredCostRow => ({
    usageDate: group.day,
    subAccountId,
    tagKey,
    tagValue,
    serviceName: group.keys[1],
    recordType: '',
    currency: group.currency,
    billed: group.billed,
    effective: group.effective,
  });
  const serviceSums = new Map<string, bigint>();
  for (const group of input.byService) {
    const tagValue = tagValueOf(tagKey, group.keys[0]);
    const cell = cellOf(group.day, tagValue);
    serviceSums.set(cell, (serviceSums.get(cell) ?? 0n) + group.effective);
    const holders = accounts.get(cell);
    if (holders && holders.size > 1) {
      continue;
    }
    if (!holders) {
      notes.cellsWithoutAccount++;
    }
    rows.push(row(group, tagValue, holders ? [...holders][0] : ''));
  }
  for (const [accountId, groups] of input.inAccount) {
    for (const group of groups) {
      const tagValue = tagValueOf(tagKey, group.keys[0]);
      const holders = accounts.get(cellOf(group.day, tagValue));
      if (holders && holders.size > 1) {
        rows.push(row(group, tagValue, accountId));
      }
    }
  }
  const accountSums = new Map<string, bigint>();
  for (const group of input.byAccount) {
    const cell = cellOf(group.day, tagValueOf(tagKey, group.keys[0]));
    accountSums.set(cell, (accountSums.get(cell) ?? 0n) + group.effective);
  }
  for (const [cell, sum] of serviceSums) {
    if (differsByMoreThanACent(sum, accountSums.get(cell) ?? 0n)) {
      notes.mismatchedCells++;
    }
  }
  return { rows, notes };
}

/** Rows of the untagged usage: keys are [account, service]. */
export function untaggedRows(groups: CostGroup[]): StoredCostRow[] {
  return groups.map(group => ({
    usageDate: group.day,
    subAccountId: group.keys[0],
    tagKey: '',
    tagValue: '',
    serviceName: group.keys[1],
    recordType: '',
    currency: group.currency,
    billed: group.billed,
    effective: group.effective,
  }));
}

/** Rows of the other charges: keys are [account, record type]. */
export function otherChargeRows(groups: CostGroup[]): StoredCostRow[] {
  return groups.map(group => ({
    usageDate: group.day,
    subAccountId: group.keys[0],
    tagKey: '',
    tagValue: '',
    serviceName: '',
    recordType: group.keys[1],
    currency: group.currency,
    billed: group.billed,
    effective: group.effective,
  }));
}
