import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { CsvRecord, CsvScanner, CsvSyntaxError } from './csvScanner';
import { ColumnIndex, FocusColumn, indexColumns } from './focusColumns';
import { FocusInputError } from './FocusInputError';
import { ownString } from './ownString';
import {
  isNullText,
  parseAmount,
  parseChargeCategory,
  parseCurrency,
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
}

const GZIP_MAGIC = [0x1f, 0x8b];

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
  const gzip = await startsWith(path, GZIP_MAGIC);
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const input = gzip ? source.pipe(createGunzip({ chunkSize: 1 << 20 })) : source;
  source.on('error', error => input.destroy(error));

  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Memoized results are shared between rows: tag objects must not be mutated downstream.
  const parsers: ValueParsers = { timestamp: memoize(parseTimestamp), tags: memoize(parseTags) };
  let columns: ColumnIndex | undefined;
  let headerLength = 0;
  let rows = 0;
  let roundedAmounts = 0;
  let currentLine = 1;

  const scanner = new CsvScanner((record, line) => {
    currentLine = line;
    if (!columns) {
      const indexed = indexColumns(record.toArray());
      if (!indexed.ok) {
        throw new FocusInputError(indexed.reason, { file, line, column: indexed.column });
      }
      columns = indexed.index;
      headerLength = record.length;
      return;
    }
    if (record.length !== headerLength) {
      throw new FocusInputError(
        `has ${record.length} fields but the header has ${headerLength}`,
        { file, line },
      );
    }
    const row = toChargeRow(record, columns, parsers, (column, reason) => {
      throw new FocusInputError(reason, { file, line, column: columns![column] + 1, field: column });
    });
    roundedAmounts += row.rounded;
    rows++;
    options.onRow(row.row);
  });

  try {
    for await (const chunk of input) {
      options.signal?.throwIfAborted();
      scanner.push(decoder.decode(chunk as Buffer, { stream: true }));
      options.onProgress?.(source.bytesRead, rows);
      await options.afterChunk?.();
    }
    scanner.push(decoder.decode());
    scanner.end();
  } catch (error) {
    source.destroy();
    throw locate(error, file, currentLine);
  }
  if (!columns) {
    throw new FocusInputError('is empty; a FOCUS file starts with a header row', { file });
  }
  if (rows === 0) {
    throw new FocusInputError('has a header but no rows; nothing to import', { file });
  }
  options.onProgress?.(source.bytesRead, rows);
  return { rows, roundedAmounts };
}

function locate(error: unknown, file: string, line: number): unknown {
  if (error instanceof FocusInputError) {
    return error;
  }
  if (error instanceof CsvSyntaxError) {
    return new FocusInputError(error.message, { file, line: error.line, column: error.field });
  }
  // Checked by code, not class: TextDecoder's TypeError may come from another realm.
  if ((error as { code?: string })?.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    return new FocusInputError('is not valid UTF-8 text', { file, line });
  }
  const code = (error as { code?: string })?.code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String((error as Error)?.message))) {
    return new FocusInputError(`is not a complete gzip file (${(error as Error).message})`, { file });
  }
  return error;
}

interface ValueParsers {
  timestamp: typeof parseTimestamp;
  tags: typeof parseTags;
}

function toChargeRow(
  record: CsvRecord,
  columns: ColumnIndex,
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
  // Only now: parsing the amounts counts what they round.
  return { row, rounded };
}

async function startsWith(path: string, magic: number[]): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(buffer, 0, magic.length, 0);
    return bytesRead === magic.length && magic.every((byte, i) => buffer[i] === byte);
  } finally {
    await handle.close();
  }
}
