import { ResponseError } from '@backstage/errors';
import type { FinopsImport } from '@backstage-finops/plugin-finops-common';

/** File names an upload accepts: FOCUS CSV, plain or gzip-compressed. */
export const UPLOAD_FILE_PATTERN = /\.csv(\.gz)?$|\.gz$/i;

/** The Content-Type the API expects for a file: gzip by name, else CSV. */
export function uploadContentType(fileName: string): string {
  return /\.gz$/i.test(fileName) ? 'application/gzip' : 'text/csv';
}

/** The error of an upload cancelled by the user. */
export class UploadCancelledError extends Error {
  constructor() {
    super('The upload was cancelled');
    this.name = 'UploadCancelledError';
  }
}

/** A running upload: its answer, and a way to cancel it. */
export interface UploadHandle {
  /** The queued import (202), or a ResponseError / network error. */
  result: Promise<FinopsImport>;
  abort(): void;
}

/** The options of {@link uploadFocusFile}. */
export interface UploadOptions {
  /** The FinOps API's base URL, from `discoveryApi.getBaseUrl('finops')`. */
  baseUrl: string;
  /** The caller's Backstage token, from `identityApi.getCredentials()`. */
  token?: string;
  file: Blob;
  fileName: string;
  /** Called as the body goes out: bytes sent and the body's size. */
  onProgress?: (loaded: number, total: number) => void;
}

/**
 * Uploads a FOCUS file to `POST /imports?source=upload` with XMLHttpRequest,
 * which, unlike fetch, reports upload progress. The body is the file itself.
 * Errors are the same `ResponseError`s the FinOps client throws, so that the
 * server's message (413 too large, 429 too many pending, a 400's reason)
 * reaches the user; a network failure or a cancel is a plain Error.
 */
export function uploadFocusFile(options: UploadOptions): UploadHandle {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({
    source: 'upload',
    fileName: options.fileName,
  });
  const result = new Promise<FinopsImport>((resolve, reject) => {
    xhr.open('POST', `${options.baseUrl}/imports?${query}`);
    xhr.setRequestHeader('Content-Type', uploadContentType(options.fileName));
    if (options.token) {
      xhr.setRequestHeader('Authorization', `Bearer ${options.token}`);
    }
    xhr.upload.onprogress = event => {
      options.onProgress?.(
        event.loaded,
        event.lengthComputable ? event.total : options.file.size,
      );
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as FinopsImport);
        } catch {
          reject(
            new Error('The FinOps API answered the upload with no import'),
          );
        }
        return;
      }
      ResponseError.fromResponse(
        new Response(xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: {
            'content-type':
              xhr.getResponseHeader('content-type') ?? 'text/plain',
          },
        }),
      ).then(reject, reject);
    };
    xhr.onerror = () =>
      reject(new Error('The upload could not reach the FinOps API'));
    xhr.onabort = () => reject(new UploadCancelledError());
    xhr.send(options.file);
  });
  return { result, abort: () => xhr.abort() };
}
