/**
 * An RFC 4180 CSV scanner that takes text in chunks of any size and hands out
 * whole records with the physical line each record starts on. Quoted fields
 * may hold commas, doubled quotes and line breaks; records end in LF or CRLF.
 */

/** A malformed CSV construct, with the physical line and 1-based field number. */
export class CsvSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly field: number) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * One record, valid only during the handler's call: fields are cut from the
 * scanned text when asked for, so columns nobody reads cost no allocation.
 */
export interface CsvRecord {
  readonly length: number;
  field(index: number): string;
  toArray(): string[];
}

/** Receives each complete record and the line it started on. */
export type CsvRecordHandler = (record: CsvRecord, line: number) => void;

/** Field boundaries in the text being scanned; quoted fields are unescaped up front. */
class RecordView implements CsvRecord {
  text = '';
  length = 0;
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly unescaped: Array<string | undefined> = [];

  field(index: number): string {
    const unescaped = this.unescaped[index];
    return unescaped !== undefined ? unescaped : this.text.slice(this.starts[index], this.ends[index]);
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, index) => this.field(index));
  }

  addSlice(start: number, end: number) {
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.unescaped[this.length] = undefined;
    this.length++;
  }

  addValue(value: string) {
    this.unescaped[this.length] = value;
    this.length++;
  }

  isBlank(): boolean {
    return this.length === 1 && this.field(0) === '';
  }
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/** Longest field the scanner holds before declaring the input broken. */
export const MAX_FIELD_LENGTH = 1 << 20;

export class CsvScanner {
  private pending = '';
  private line = 1;
  private readonly record = new RecordView();

  constructor(private readonly onRecord: CsvRecordHandler) {}

  /** Scans a chunk; an incomplete trailing record waits for the next chunk. */
  push(chunk: string): void {
    const text = this.pending.length > 0 ? this.pending + chunk : chunk;
    const consumed = this.scan(text, false);
    this.pending = text.slice(consumed);
    if (this.pending.length > MAX_FIELD_LENGTH * 4) {
      throw new CsvSyntaxError(
        `a record longer than ${MAX_FIELD_LENGTH * 4} characters (unterminated quote?)`,
        this.line,
        1,
      );
    }
  }

  /** Scans what is left; a final record without a line break is complete. */
  end(): void {
    if (this.pending.length > 0) {
      this.scan(this.pending, true);
      this.pending = '';
    }
  }

  /** Returns how many characters of `text` were consumed as complete records. */
  private scan(text: string, final: boolean): number {
    const length = text.length;
    let recordStart = 0;
    let position = 0;
    const record = this.record;
    record.text = text;
    record.length = 0;
    let line = this.line;
    let nextLineFeed = -1;
    let nextCarriageReturn = -1;
    const recordLine = () => this.line;

    while (position <= length) {
      // At the start of a field.
      if (position === length) {
        if (!final || (record.length === 0 && position === recordStart)) {
          return recordStart;
        }
        record.addValue('');
        this.emit(recordLine());
        this.line = line;
        return length;
      }
      let code = text.charCodeAt(position);
      if (code === QUOTE) {
        let cursor = position + 1;
        let parts = '';
        let linesInField = 0;
        for (;;) {
          const close = text.indexOf('"', cursor);
          if (close === -1) {
            if (!final) {
              return recordStart;
            }
            throw new CsvSyntaxError('unterminated quoted field', recordLine(), record.length + 1);
          }
          const segment = text.slice(cursor, close);
          linesInField += countLineFeeds(segment);
          parts += segment;
          if (text.charCodeAt(close + 1) === QUOTE) {
            parts += '"';
            cursor = close + 2;
            continue;
          }
          if (close + 1 === length && !final) {
            // The next chunk may start with the second quote of a pair.
            return recordStart;
          }
          position = close + 1;
          break;
        }
        record.addValue(parts);
        line += linesInField;
        code = position < length ? text.charCodeAt(position) : -1;
        if (code !== COMMA && code !== LF && code !== CR && code !== -1) {
          throw new CsvSyntaxError(
            'a quoted field must be followed by a comma or a line break',
            line,
            record.length + 1,
          );
        }
      } else {
        // Unquoted: the field ends at the next comma or line break, found with indexOf.
        if (nextLineFeed < position) {
          nextLineFeed = text.indexOf('\n', position);
          if (nextLineFeed === -1) nextLineFeed = length;
        }
        if (nextCarriageReturn < position) {
          nextCarriageReturn = text.indexOf('\r', position);
          if (nextCarriageReturn === -1) nextCarriageReturn = length;
        }
        const lineEnd = nextLineFeed < nextCarriageReturn ? nextLineFeed : nextCarriageReturn;
        const comma = text.indexOf(',', position);
        const cursor = comma !== -1 && comma < lineEnd ? comma : lineEnd;
        if (cursor === length && !final) {
          return recordStart;
        }
        if (cursor - position > MAX_FIELD_LENGTH) {
          throw new CsvSyntaxError(
            `field longer than ${MAX_FIELD_LENGTH} characters`,
            line,
            record.length + 1,
          );
        }
        record.addSlice(position, cursor);
        position = cursor;
        code = position < length ? text.charCodeAt(position) : -1;
      }
      if (code === COMMA) {
        position++;
        continue;
      }
      // End of record: LF, CRLF, lone CR, or end of input.
      if (code === CR) {
        if (position + 1 === length && !final) {
          return recordStart;
        }
        position += text.charCodeAt(position + 1) === LF ? 2 : 1;
      } else if (code === LF) {
        position++;
      }
      line++;
      this.emit(recordLine());
      this.line = line;
      record.length = 0;
      recordStart = position;
      if (position === length) {
        return length;
      }
    }
    return recordStart;
  }

  private emit(line: number) {
    // A blank line is no record.
    if (this.record.isBlank()) {
      return;
    }
    this.onRecord(this.record, line);
  }
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    count++;
  }
  return count;
}
