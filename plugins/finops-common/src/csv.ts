/** A cell of a CSV export: text as it is, numbers in their shortest form, null as empty. */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * One cell as CSV. A cell that a spreadsheet would run as a formula (it
 * begins with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, unless it is
 * a plain number such as `-12.5` (which no spreadsheet runs); a cell that
 * already begins with `'` gets another, so that {@link parseCsv} returns
 * every cell as it was. Quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: CsvCell): string {
  let text = value === null ? '' : String(value);
  if ((FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) || text.startsWith("'")) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV (RFC 4180, CRLF line ends), the header first. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return `${[header, ...rows].map(row => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Reads what {@link toCsv} writes back into rows of strings, undoing the formula escape. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell.startsWith("'") && (FORMULA_START.test(cell.slice(1)) || cell.startsWith("''")) ? cell.slice(1) : cell);
    cell = '';
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
      i += 1;
      continue;
    }
    if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      endCell();
    } else if (char === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i += 1;
    } else if (char === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += char;
    }
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}
