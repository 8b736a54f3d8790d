import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { type CsvRecordHandler, CsvScanner, CsvSyntaxError } from './csvScanner';
import { FocusInputError } from './FocusInputError';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Options of {@link scanCsvFile}. */
export interface ScanCsvFileOptions {
  /** The name errors use for the file, e.g. the uploaded file's name. */
  displayName: string;
  /** Called after each chunk with the bytes read from disk so far. */
  onChunk?(bytesRead: number): void;
  /** Awaited after each chunk of input; lets the consumer write out what it holds. */
  afterChunk?(): Promise<void>;
  signal?: AbortSignal;
}

/**
 * Streams a CSV or gzip-compressed CSV file's records to `onRecord` with
 * bounded memory. Whatever goes wrong — bad CSV, bad UTF-8, a truncated
 * gzip, a {@link FocusInputError} the handler throws — stops the read with a
 * FocusInputError naming the file and, where there is one, the line.
 * Resolves with the bytes read.
 */
export async function scanCsvFile(path: string, options: ScanCsvFileOptions, onRecord: CsvRecordHandler): Promise<number> {
  const file = options.displayName;
  const gzip = await startsWith(path, GZIP_MAGIC);
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const input = gzip ? source.pipe(createGunzip({ chunkSize: 1 << 20 })) : source;
  source.on('error', error => input.destroy(error));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let currentLine = 1;
  const scanner = new CsvScanner((record, line) => {
    currentLine = line;
    onRecord(record, line);
  });
  try {
    for await (const chunk of input) {
      options.signal?.throwIfAborted();
      scanner.push(decoder.decode(chunk as Buffer, { stream: true }));
      options.onChunk?.(source.bytesRead);
      await options.afterChunk?.();
    }
    scanner.push(decoder.decode());
    scanner.end();
  } catch (error) {
    source.destroy();
    throw locate(error, file, currentLine);
  }
  return source.bytesRead;
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

/** Whether the file begins with these bytes. */
export async function startsWith(path: string, bytes: number[]): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes.length);
    const { bytesRead } = await handle.read(buffer, 0, bytes.length, 0);
    return bytesRead === bytes.length && bytes.every((b, i) => buffer[i] === b);
  } finally {
    await handle.close();
  }
}

/** Thrown to stop a scan once the header is read. */
const HEADER_READ = Symbol('header read');

/** The fields of a CSV file's first record; empty for an empty or unreadable file. */
export async function readCsvHeader(path: string): Promise<string[]> {
  let header: string[] = [];
  try {
    await scanCsvFile(path, { displayName: path }, record => {
      header = record.toArray();
      throw HEADER_READ;
    });
  } catch (error) {
    if (error !== HEADER_READ) {
      return [];
    }
  }
  return header;
}
