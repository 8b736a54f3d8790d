/* Helpers for this package's tests: reading what the generator wrote, independently of it. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DEMO_COMPONENTS, DEMO_GROUPS, DemoComponent } from '../catalog';

/** Parses RFC 4180 CSV strictly: quoted fields, doubled quotes, LF line ends. */
export function parseCsv(text: string): string[][] {
  if (text.length && !text.endsWith('\n'))
    throw new Error('the last line does not end with a line break');
  const records: string[][] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end);
    if (!line.includes('"')) {
      records.push(line.split(','));
      start = end + 1;
      continue;
    }
    // Slow path: quoted fields, which may hold commas, quotes and line breaks.
    const record: string[] = [];
    let field = '';
    let i = start;
    for (;;) {
      if (text[i] === '"' && field === '') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          field += text[i++];
        }
        if (text[i] !== ',' && text[i] !== '\n')
          throw new Error(`text after a quoted field at ${i}`);
        continue;
      }
      const c = text[i];
      if (c === '"') throw new Error(`quote inside an unquoted field at ${i}`);
      if (c === ',' || c === '\n') {
        record.push(field);
        field = '';
        i++;
        if (c === '\n') break;
      } else {
        field += c;
        i++;
      }
    }
    records.push(record);
    start = i;
  }
  return records;
}

export type Row = Record<string, string>;

/** Reads a generated CSV or CSV.GZ file into header and rows. */
export function readFocusFile(path: string): { header: string[]; rows: Row[] } {
  const raw = readFileSync(path);
  const [header, ...records] = parseCsv(
    (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'),
  );
  for (const record of records) {
    if (record.length !== header.length)
      throw new Error(
        `${path}: a row has ${record.length} fields, the header ${header.length}`,
      );
  }
  return {
    header,
    rows: records.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]]))),
  };
}

const DECIMAL = /^-?\d+(\.\d{1,10})?$/;

/** A decimal string (at most 10 places) as a bigint count of 10⁻¹⁰. */
export function toUnits(text: string): bigint {
  if (!DECIMAL.test(text))
    throw new Error(`"${text}" is not a decimal with at most 10 places`);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const units = BigInt(whole) * 10n ** 10n + BigInt(fraction.padEnd(10, '0'));
  return negative ? -units : units;
}

/** A bigint count of 10⁻¹⁰ as a decimal string without trailing zeros. */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const fraction = (abs % 10n ** 10n)
    .toString()
    .padStart(10, '0')
    .replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / 10n ** 10n}${
    fraction ? `.${fraction}` : ''
  }`;
}

/** Exact sum of decimal strings. */
export function sumDecimal(values: string[]): string {
  return fromUnits(values.reduce((total, v) => total + toUnits(v), 0n));
}

/** Exact sum of a cost column over rows, in 10⁻¹⁰ units. */
export function sumUnits(rows: Row[], column = 'EffectiveCost'): bigint {
  return rows.reduce((total, r) => total + toUnits(r[column]), 0n);
}

export function parseTags(text: string): Record<string, string> {
  return text === '' ? {} : JSON.parse(text);
}

/**
 * What the backend's attribution rules (README, "How cost reaches an entity")
 * make of a row with the demo configuration: entity tag keys, cost-tags
 * annotations, cloud-accounts annotations, owner tag keys, in that order.
 * Returns `component:<name>`, `group:<name>` or undefined (unallocated).
 */
export function attribute(
  row: Row,
  components: DemoComponent[] = DEMO_COMPONENTS,
): string | undefined {
  const tags = Object.entries(parseTags(row.Tags)).map(
    ([k, v]) => [k.trim().toLowerCase(), v.trim()] as const,
  );
  const tag = (key: string) => tags.find(([k]) => k === key)?.[1];
  const names = new Map(components.map(c => [c.name.toLowerCase(), c.name]));
  for (const key of ['backstage.io/component', 'service', 'application']) {
    const value = tag(key)
      ?.toLowerCase()
      .replace(/^(component|resource|system):(default\/)?/, '');
    if (value && names.has(value)) return `component:${names.get(value)}`;
  }
  for (const c of components) {
    const pairs = c.annotations?.['finops.backstage.io/cost-tags']
      ?.split(',')
      .map(p => p.split('='));
    if (
      pairs &&
      pairs.every(
        ([k, v]) =>
          tag(k.trim().toLowerCase())?.toLowerCase() === v.trim().toLowerCase(),
      )
    ) {
      return `component:${c.name}`;
    }
  }
  for (const c of components) {
    const accounts = c.annotations?.['finops.backstage.io/cloud-accounts']
      ?.split(',')
      .map(a => a.trim());
    if (
      accounts?.includes(row.SubAccountId) ||
      accounts?.includes(row.BillingAccountId)
    )
      return `component:${c.name}`;
  }
  const groups = new Set(DEMO_GROUPS.map(g => g.name));
  for (const key of ['team', 'owner']) {
    const value = tag(key)?.toLowerCase();
    if (value && groups.has(value)) return `group:${value}`;
  }
  return undefined;
}
