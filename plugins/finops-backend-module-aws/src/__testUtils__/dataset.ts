import {
  addDays,
  formatDecimal,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';
import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { chargeCategoryOf, USAGE_RECORD_TYPES } from '../costs/costQueries';
import type { FakeLineItem } from './fakeAws';

export const PAYER = '111111111111';
export const ACCOUNTS = ['222222222222', '333333333333', '444444444444'];
export const TAG_KEYS = [
  'backstage.io/component',
  'service',
  'application',
  'team',
  'owner',
];

const SERVICES = [
  'Amazon Elastic Compute Cloud - Compute',
  'Amazon Simple Storage Service',
  'Amazon Relational Database Service',
  'AWS Lambda',
];

/** Tag sets that overlap: several keys at once, empty values, keys alone, none. */
const TAG_SETS: Array<Record<string, string>> = [
  { service: 'checkout', team: 'payments' },
  {
    'backstage.io/component': 'cart',
    service: 'checkout',
    team: 'payments',
    owner: 'alice',
  },
  { team: 'payments' },
  { team: 'search-team', owner: 'bob' },
  { application: 'shop', team: 'web' },
  { service: 'search' },
  { owner: 'carol' },
  { service: '', team: 'platform' },
  { team: '' },
  { environment: 'prod' },
  {},
];

/** A deterministic pseudo-random amount with up to ten decimals, as Cost Explorer writes them. */
function amount(seed: number): string {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  const cents = Math.floor((x - Math.floor(x)) * 1e9);
  return formatDecimal(BigInt(cents) * 10n ** 8n);
}

/**
 * Line items for each day of [from, to): every account has usage with each
 * tag set on some services, so that tag values are shared across accounts
 * (search is in one account only), plus tax, credits, a refund, fees and
 * support, and usage under Savings Plans.
 */
export function makeDataset(from: string, to: string): FakeLineItem[] {
  const items: FakeLineItem[] = [];
  let seed = 1;
  const next = () => amount(seed++);
  for (let date = from; date < to; date = addDays(date, 1)) {
    for (const [a, account] of ACCOUNTS.entries()) {
      for (const [t, tags] of TAG_SETS.entries()) {
        if ((tags.service === 'search' && a > 0) || (t + a) % 4 === 3) {
          continue;
        }
        const service = SERVICES[(t + a) % SERVICES.length];
        items.push({
          date,
          account,
          service,
          region: ['us-east-1', 'eu-west-1'][t % 2],
          recordType: t % 5 === 1 ? 'SavingsPlanCoveredUsage' : 'Usage',
          tags,
          unblended: next(),
          amortized: next(),
        });
      }
      items.push({
        date,
        account,
        service: 'Tax',
        region: '',
        recordType: 'Tax',
        tags: {},
        unblended: next(),
      });
    }
    items.push({
      date,
      account: ACCOUNTS[0],
      service: 'AWS Support (Business)',
      region: '',
      recordType: 'Support',
      tags: {},
      unblended: '3.25',
    });
    items.push({
      date,
      account: ACCOUNTS[1],
      service: 'Amazon Elastic Compute Cloud - Compute',
      region: 'us-east-1',
      recordType: 'Credit',
      tags: { team: 'payments' },
      unblended: '-1.5',
    });
    if (date.endsWith('-01')) {
      items.push({
        date,
        account: PAYER,
        service: 'Savings Plans for AWS Compute usage',
        region: '',
        recordType: 'SavingsPlanRecurringFee',
        tags: {},
        unblended: '720',
        amortized: '0',
      });
      items.push({
        date,
        account: ACCOUNTS[2],
        service: 'Amazon Simple Storage Service',
        region: '',
        recordType: 'Refund',
        tags: {},
        unblended: '-12.34',
      });
      items.push({
        date,
        account: ACCOUNTS[0],
        service: 'AWS Marketplace',
        region: '',
        recordType: 'Enterprise Discount Program Discount',
        tags: { team: 'web' },
        unblended: '-4.2',
      });
    }
  }
  return items;
}

/** What a row is keyed by when comparing: day, account, tag, service, category. */
export function rowKey(row: {
  date: string;
  account: string;
  tagKey: string;
  tagValue: string;
  service: string;
  category: string;
  currency?: string;
}): string {
  return [
    row.date,
    row.account,
    row.tagKey,
    row.tagValue,
    row.service,
    row.category,
  ].join(' | ');
}

/**
 * The partition the module's queries are designed to give, computed
 * directly from the line items: usage by its first present tag key (in
 * order) and service, untagged usage by service, the rest by record type.
 * Amounts of the effective metric (amortized here) and billed (unblended).
 */
export function expectedPartition(
  items: FakeLineItem[],
  tagKeys: string[],
  options: { from?: string; to?: string } = {},
): Map<string, { effective: bigint; billed: bigint }> {
  const sums = new Map<string, { effective: bigint; billed: bigint }>();
  for (const item of items) {
    if (
      (options.from && item.date < options.from) ||
      (options.to && item.date >= options.to)
    ) {
      continue;
    }
    const usage = USAGE_RECORD_TYPES.includes(item.recordType);
    const firstKey = usage ? tagKeys.find(key => key in item.tags) : undefined;
    const tagValue = firstKey ? item.tags[firstKey] : '';
    const key = rowKey({
      date: item.date,
      account: item.account,
      tagKey: firstKey && tagValue ? firstKey : '',
      tagValue,
      service: usage ? item.service : '',
      category: usage ? 'Usage' : chargeCategoryOf(item.recordType),
    });
    const sum = sums.get(key) ?? { effective: 0n, billed: 0n };
    sum.effective += moneyFromDecimal(item.amortized ?? item.unblended);
    sum.billed += moneyFromDecimal(item.unblended);
    sums.set(key, sum);
  }
  for (const [key, sum] of sums) {
    if (sum.effective === 0n && sum.billed === 0n) {
      sums.delete(key);
    }
  }
  return sums;
}

/** The rows a source yielded, summed by the same key. */
export function partitionOfRows(
  rows: FocusChargeRow[],
): Map<string, { effective: bigint; billed: bigint }> {
  const sums = new Map<string, { effective: bigint; billed: bigint }>();
  for (const row of rows) {
    const [tagKey = ''] = Object.keys(row.tags);
    const key = rowKey({
      date: row.chargePeriodStart.slice(0, 10),
      account: row.subAccountId,
      tagKey,
      tagValue: tagKey ? row.tags[tagKey] : '',
      service: row.serviceName,
      category: row.chargeCategory,
    });
    const sum = sums.get(key) ?? { effective: 0n, billed: 0n };
    sum.effective += row.effectiveCost;
    sum.billed += row.billedCost;
    sums.set(key, sum);
  }
  return sums;
}

/** The sum of a metric over the items of [from, to). */
export function totalOf(
  items: FakeLineItem[],
  from: string,
  to: string,
  metric: 'amortized' | 'unblended' = 'amortized',
): bigint {
  return items
    .filter(i => i.date >= from && i.date < to)
    .reduce(
      (sum, i) =>
        sum +
        moneyFromDecimal(
          metric === 'amortized' ? i.amortized ?? i.unblended : i.unblended,
        ),
      0n,
    );
}
