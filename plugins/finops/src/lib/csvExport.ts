import { toCsv, type CsvCell } from '@backstage-finops/plugin-finops-common';

/** What a CSV download holds: a header and its rows, cells as toCsv takes them. */
export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

/**
 * A file name for an export: the parts joined with `-`, lower case, anything
 * but letters, digits, `.`, `_` and `-` replaced, `.csv` at the end. E.g.
 * `csvFileName(['team-payments', 'owned', '2026-11-01', '2026-12-01'])`.
 */
export function csvFileName(parts: string[]): string {
  const stem = parts
    .filter(Boolean)
    .join('-')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._-]+/g, '_')
    .replace(/_+/g, '_');
  return `${stem || 'finops'}.csv`;
}

/**
 * The CSV text of a table, written by finops-common's `toCsv` (RFC 4180,
 * cells a spreadsheet would run as formulas escaped). Amounts go in as the
 * API's exact decimal strings.
 */
export function csvText(table: CsvTable): string {
  return toCsv(table.header, table.rows);
}

/** Saves a table as a CSV file through the browser. */
export function downloadCsv(fileName: string, table: CsvTable): void {
  const blob = new Blob([csvText(table)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
