import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A FOCUS charge row for tests, as CSV text values. */
export type CsvRow = Record<string, string>;

const DEFAULTS: CsvRow = {
  BilledCost: '1.00',
  BillingAccountId: '111111111111',
  BillingAccountName: 'Acme',
  BillingCurrency: 'USD',
  BillingPeriodStart: '2024-09-01T00:00:00Z',
  BillingPeriodEnd: '2024-10-01T00:00:00Z',
  ChargeCategory: 'Usage',
  ChargeClass: '',
  ChargeDescription: 'test charge',
  ChargeFrequency: 'Usage-Based',
  ChargePeriodStart: '2024-09-10T00:00:00Z',
  ChargePeriodEnd: '2024-09-10T01:00:00Z',
  EffectiveCost: '1.00',
  ListCost: '1.00',
  ProviderName: 'AWS',
  PublisherName: 'AWS',
  InvoiceIssuerName: 'AWS',
  RegionId: 'us-east-1',
  ResourceId: 'i-1',
  ServiceCategory: 'Compute',
  ServiceName: 'Amazon Elastic Compute Cloud',
  SubAccountId: '222222222222',
  Tags: '{"service":"checkout-api"}',
};

/** The columns rows get by default, in this order. */
export const DEFAULT_COLUMNS = Object.keys(DEFAULTS);

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text for rows, each overriding the defaults. */
export function focusCsv(
  rows: Array<Partial<CsvRow>>,
  columns: string[] = DEFAULT_COLUMNS,
  lineEnding: '\n' | '\r\n' = '\n',
): string {
  const lines = [columns.join(',')];
  for (const row of rows) {
    const full = { ...DEFAULTS, ...row };
    lines.push(columns.map(column => quote(full[column] ?? '')).join(','));
  }
  return `${lines.join(lineEnding)}${lineEnding}`;
}

/** Writes content to a new temporary file and returns its path. */
export function writeTempFile(name: string, content: string | Buffer, options: { gzip?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'finops-test-'));
  const path = join(dir, name);
  writeFileSync(path, options.gzip ? gzipSync(content) : content);
  return path;
}

/** The charge period of one hour in September 2024, as FOCUS columns. */
export function septemberHour(day: number, hour = 0): Pick<CsvRow, 'ChargePeriodStart' | 'ChargePeriodEnd'> {
  const start = Date.UTC(2024, 8, day, hour);
  const iso = (time: number) => `${new Date(time).toISOString().slice(0, 19)}Z`;
  return { ChargePeriodStart: iso(start), ChargePeriodEnd: iso(start + 3_600_000) };
}
