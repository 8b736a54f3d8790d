import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';

export const UPLOAD_CONTENT_TYPES = ['text/csv', 'application/gzip', 'application/x-gzip', 'application/octet-stream'];

/** An error with an HTTP status the @backstage/errors classes do not cover (413, 429). */
export class HttpError extends Error {
  constructor(readonly statusCode: 413 | 429, message: string) {
    super(message);
    this.name = statusCode === 413 ? 'PayloadTooLargeError' : 'TooManyRequestsError';
  }
}

export function uploadTooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `The upload is larger than the limit of ${maxBytes} bytes (finops.uploads.maxBytes)`);
}

/** A label for an uploaded file; never used as a path. */
export function sanitizeFileName(name: string): string {
  return name.replace(/[^\w.\- ]+/g, '_').slice(0, 200) || 'upload.csv';
}

/** Streams a request body to a new file in `dir`, stopping (413) past `maxBytes`; removes the file on failure. */
export async function saveUpload(body: Readable, dir: string, maxBytes: number) {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(uploadTooLarge(maxBytes));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}
