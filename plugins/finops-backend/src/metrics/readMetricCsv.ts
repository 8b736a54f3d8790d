import { checkMetricValue, type MetricValue, type MetricValueField, type MetricValueRules } from '../core';
import { scanCsvFile } from '../focus/csvFile';
import { FocusInputError } from '../focus/FocusInputError';

/** The columns of a metric CSV; `unit` may be left out. */
const METRIC_COLUMNS: MetricValueField[] = ['date', 'entityRef', 'metric', 'value', 'unit'];
const REQUIRED_COLUMNS: MetricValueField[] = ['date', 'entityRef', 'metric', 'value'];

/** Most rows one metric file may hold: they are checked and written at once. */
export const MAX_METRIC_ROWS = 1_000_000;

/** Whether a header row is a metric CSV's (`date,entityRef,metric,value[,unit]`, any order, any case). */
export function isMetricCsvHeader(fields: string[]): boolean {
  const names = fields.map(normalizeName);
  return REQUIRED_COLUMNS.every(column => names.includes(column.toLowerCase()));
}

function normalizeName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/**
 * Reads a metric CSV whole: every row checked as pushed values are, each
 * (entity, metric, day) once. The first problem stops the read with a
 * {@link FocusInputError} naming file, line and column, so that an import
 * writes all of the file or nothing.
 */
export async function readMetricCsv(
  path: string,
  options: { displayName: string; rules: MetricValueRules; signal?: AbortSignal; onProgress?(bytesRead: number, rows: number): void },
): Promise<{ values: MetricValue[]; rows: number }> {
  const file = options.displayName;
  let columns: Partial<Record<MetricValueField, number>> | undefined;
  let headerLength = 0;
  const values: MetricValue[] = [];
  const lineOfDay = new Map<string, number>();
  await scanCsvFile(
    path,
    { displayName: file, signal: options.signal, onChunk: bytes => options.onProgress?.(bytes, values.length) },
    (record, line) => {
      if (!columns) {
        columns = indexHeader(record.toArray(), file, line);
        headerLength = record.length;
        return;
      }
      if (record.length === 1 && record.field(0) === '') {
        return;
      }
      if (record.length !== headerLength) {
        throw new FocusInputError(`has ${record.length} fields but the header has ${headerLength}`, { file, line });
      }
      const field = (name: MetricValueField) => (columns![name] === undefined ? undefined : record.field(columns![name]!));
      const checked = checkMetricValue(
        { date: field('date')!, entityRef: field('entityRef')!.trim(), metric: field('metric')!.trim(), value: field('value'), unit: field('unit') },
        options.rules,
      );
      if (!checked.ok) {
        throw new FocusInputError(checked.reason, { file, line, column: columns[checked.field]! + 1, field: checked.field });
      }
      const { value } = checked;
      const day = `${value.entityRef}\n${value.metric}\n${value.date}`;
      const earlier = lineOfDay.get(day);
      if (earlier !== undefined) {
        throw new FocusInputError(`${value.entityRef} ${value.metric} on ${value.date} is also on line ${earlier}; give each day once`, {
          file,
          line,
        });
      }
      if (values.length >= MAX_METRIC_ROWS) {
        throw new FocusInputError(`has more than ${MAX_METRIC_ROWS} rows; split it into several files`, { file, line });
      }
      lineOfDay.set(day, line);
      values.push(value);
    },
  );
  if (!columns) {
    throw new FocusInputError('is empty; a metric file starts with the header date,entityRef,metric,value[,unit]', { file });
  }
  if (values.length === 0) {
    throw new FocusInputError('has a header but no rows; nothing to import', { file });
  }
  return { values, rows: values.length };
}

function indexHeader(fields: string[], file: string, line: number): Partial<Record<MetricValueField, number>> {
  const index: Partial<Record<MetricValueField, number>> = {};
  fields.forEach((name, position) => {
    const column = METRIC_COLUMNS.find(known => known.toLowerCase() === normalizeName(name));
    if (!column) {
      throw new FocusInputError(`"${name}" is not a metric file column (${METRIC_COLUMNS.join(', ')})`, { file, line, column: position + 1 });
    }
    if (index[column] !== undefined) {
      throw new FocusInputError(`column "${name}" appears twice`, { file, line, column: position + 1 });
    }
    index[column] = position;
  });
  const missing = REQUIRED_COLUMNS.find(column => index[column] === undefined);
  if (missing) {
    throw new FocusInputError(`has no ${missing} column; a metric file's header is date,entityRef,metric,value[,unit]`, { file, line });
  }
  return index;
}
