import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { scanCsvFile } from './csvFile';
import type { CsvRecord } from './csvScanner';
import { ColumnIndex, FocusColumn, indexColumns, USAGE_COLUMNS } from './focusColumns';
import { FocusInputError } from './FocusInputError';
import { ownString } from './ownString';
import {
  isNullText,
  parseAmount,
  parseChargeCategory,
  parseCurrency,
  parseQuantity,
  parseTags,
  parseTimestamp,
  ValueResult,
} from './parseFocusValues';

/** What reading a file reports besides its rows. */
export interface FocusReadSummary {
  rows: number;
  /** Amounts with more than 18 decimal places, rounded half-to-even. */
  roundedAmounts: number;
}

/** Options of {@link readFocusFile}. */
export interface ReadFocusOptions {
  /** The name errors use for the file, e.g. the uploaded file's name. */
  displayName: string;
  onRow(row: FocusChargeRow): void;
  /** Called now and then with the bytes read from disk so far. */
  onProgress?(bytesRead: number, rowsRead: number): void;
  /** Awaited after each chunk of input; lets the consumer write out what it holds. */
  afterChunk?(): Promise<void>;
  signal?: AbortSignal;
  /** Whether rows carry their usage detail when the file has usage columns; default true. The benchmark turns it off to measure what it costs. */
  readUsage?: boolean;
}

/** The aggregation joins identifiers with U+0000 and U+0001; no real identifier contains them. */
function hasControlSeparator(value: string): boolean {
  return value.includes('\u0000') || value.includes('\u0001');
}

/** Distinct values a reader remembers parses of; exports repeat timestamps and tag sets endlessly. */
const MEMO_LIMIT = 50_000;

/** Remembers the results of a pure parser for values seen before. */
function memoize<T>(parse: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return text => {
    let result = memo.get(text);
    if (result === undefined) {
      result = parse(text);
      if (memo.size >= MEMO_LIMIT) {
        memo.clear();
      }
      memo.set(ownString(text), result);
    }
    return result;
  };
}

/**
 * Streams a FOCUS CSV or gzip-compressed CSV file row by row with bounded
 * memory. The first invalid value stops the read with a
 * {@link FocusInputError} naming file, line and column.
 */
export async function readFocusFile(path: string, options: ReadFocusOptions): Promise<FocusReadSummary> {
  const file = options.displayName;
  // Memoized results are shared between rows: tag objects must not be mutated downstream.
  const parsers: ValueParsers = { timestamp: memoize(parseTimestamp), tags: memoize(parseTags) };
  let columns: ColumnIndex | undefined;
  let headerLength = 0;
  let hasUsage = false;
  let rows = 0;
  let roundedAmounts = 0;

  const scanOptions = {
    displayName: file,
    signal: options.signal,
    afterChunk: options.afterChunk,
    onChunk: (bytesRead: number) => options.onProgress?.(bytesRead, rows),
  };
  const bytesRead = await scanCsvFile(path, scanOptions, (record, line) => {
    if (!columns) {
      const indexed = indexColumns(record.toArray());
      if (!indexed.ok) {
        throw new FocusInputError(indexed.reason, { file, line, column: indexed.column });
      }
      columns = indexed.index;
      hasUsage = options.readUsage !== false && USAGE_COLUMNS.some(column => columns![column] >= 0);
      headerLength = record.length;
      return;
    }
    if (record.length !== headerLength) {
      throw new FocusInputError(
        `has ${record.length} fields but the header has ${headerLength}`,
        { file, line },
      );
    }
    const row = toChargeRow(record, columns, hasUsage, parsers, (column, reason) => {
      throw new FocusInputError(reason, { file, line, column: columns![column] + 1, field: column });
    });
    roundedAmounts += row.rounded;
    rows++;
    options.onRow(row.row);
  });
  if (!columns) {
    throw new FocusInputError('is empty; a FOCUS file starts with a header row', { file });
  }
  if (rows === 0) {
    throw new FocusInputError('has a header but no rows; nothing to import', { file });
  }
  options.onProgress?.(bytesRead, rows);
  return { rows, roundedAmounts };
}

interface ValueParsers {
  timestamp: typeof parseTimestamp;
  tags: typeof parseTags;
}

function toChargeRow(
  record: CsvRecord,
  columns: ColumnIndex,
  hasUsage: boolean,
  parsers: ValueParsers,
  reject: (column: FocusColumn, reason: string) => never,
): { row: FocusChargeRow; rounded: number } {
  let rounded = 0;
  const text = (column: FocusColumn) => {
    const index = columns[column];
    if (index < 0) {
      return '';
    }
    const value = record.field(index);
    if (hasControlSeparator(value)) {
      reject(column, 'contains the control character U+0000 or U+0001, which no identifier carries');
    }
    return isNullText(value) ? '' : value;
  };
  const required = <T>(column: FocusColumn, parse: (t: string) => ValueResult<T>): T => {
    const raw = record.field(columns[column]);
    if (isNullText(raw)) {
      reject(column, 'is empty, but FOCUS requires a value here');
    }
    const result = parse(raw);
    if (!result.ok) {
      return reject(column, result.reason);
    }
    return result.value;
  };
  const amount = (column: FocusColumn): bigint => {
    const parsed = required(column, parseAmount);
    if (parsed.rounded) {
      rounded++;
    }
    return parsed.amount;
  };

  // Dated by the calendar date written (before any offset); ordered by the instant.
  const chargePeriodStart = required('ChargePeriodStart', parsers.timestamp);
  const chargePeriodEnd = required('ChargePeriodEnd', parsers.timestamp);
  if (chargePeriodEnd.epochMs <= chargePeriodStart.epochMs) {
    reject('ChargePeriodEnd', `${chargePeriodEnd.text} is not after ChargePeriodStart ${chargePeriodStart.text}`);
  }
  const billingPeriodStart = required('BillingPeriodStart', parsers.timestamp);
  const billingPeriodEnd = required('BillingPeriodEnd', parsers.timestamp);
  if (billingPeriodEnd.epochMs <= billingPeriodStart.epochMs) {
    reject('BillingPeriodEnd', `${billingPeriodEnd.text} is not after BillingPeriodStart ${billingPeriodStart.text}`);
  }
  const tagsResult = columns.Tags < 0 ? { ok: true as const, value: {} } : parsers.tags(record.field(columns.Tags));
  if (!tagsResult.ok) {
    reject('Tags', tagsResult.reason);
  }
  const billingAccountId = required('BillingAccountId', t =>
    hasControlSeparator(t)
      ? { ok: false, reason: 'contains the control character U+0000 or U+0001, which no identifier carries' }
      : { ok: true, value: t.trim() },
  );

  const row: FocusChargeRow = {
    chargePeriodStart: chargePeriodStart.text,
    chargePeriodEnd: chargePeriodEnd.text,
    billingPeriodStart: billingPeriodStart.date,
    billingAccountId,
    subAccountId: text('SubAccountId').trim(),
    providerName: (text('ServiceProviderName') || text('ProviderName')).trim(),
    serviceName: text('ServiceName').trim(),
    serviceCategory: text('ServiceCategory').trim(),
    regionId: text('RegionId').trim(),
    resourceId: text('ResourceId').trim(),
    chargeCategory: required('ChargeCategory', parseChargeCategory),
    billingCurrency: required('BillingCurrency', parseCurrency),
    tags: (tagsResult as { value: Record<string, string> }).value,
    billedCost: amount('BilledCost'),
    effectiveCost: amount('EffectiveCost'),
    listCost: amount('ListCost'),
  };
  if (hasUsage) {
    const quantity = (column: FocusColumn): number => {
      const raw = text(column);
      if (raw === '') {
        return 0;
      }
      const result = parseQuantity(raw);
      return result.ok ? result.value : reject(column, result.reason);
    };
    row.usage = {
      usageType: text('x_UsageType').trim(),
      operation: text('x_Operation').trim(),
      skuMeter: text('SkuMeter').trim(),
      skuPriceDetails: text('SkuPriceDetails').trim(),
      chargeDescription: text('ChargeDescription').trim(),
      resourceType: text('ResourceType').trim(),
      pricingCategory: text('PricingCategory').trim(),
      commitmentDiscountId: text('CommitmentDiscountId').trim(),
      commitmentDiscountType: text('CommitmentDiscountType').trim(),
      commitmentDiscountStatus: text('CommitmentDiscountStatus').trim(),
      consumedQuantity: quantity('ConsumedQuantity'),
      consumedUnit: text('ConsumedUnit').trim(),
      pricingQuantity: quantity('PricingQuantity'),
      pricingUnit: text('PricingUnit').trim(),
    };
  }
  // Only now: parsing the amounts counts what they round.
  return { row, rounded };
}
