import { ResponseError } from '@backstage/errors';
import { FakeXhr } from '../components/__testUtils__/fakeXhr';
import {
  UploadCancelledError,
  uploadContentType,
  uploadFocusFile,
} from './upload';

describe('uploadFocusFile', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = FakeXhr.install();
  });
  afterEach(() => restore());

  const file = new Blob(['BilledCost\n1\n'], { type: 'text/csv' });

  it('posts the file to /imports with the token, and reports progress', async () => {
    const progress: [number, number][] = [];
    const handle = uploadFocusFile({
      baseUrl: 'http://backstage/api/finops',
      token: 'user-token',
      file,
      fileName: 'nov 2026.csv',
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    const xhr = FakeXhr.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(
      'http://backstage/api/finops/imports?source=upload&fileName=nov+2026.csv',
    );
    expect(xhr.headers).toEqual({
      'content-type': 'text/csv',
      authorization: 'Bearer user-token',
    });
    expect(xhr.body).toBe(file);
    xhr.progress(5, 13);
    xhr.progress(13, 13);
    expect(progress).toEqual([
      [5, 13],
      [13, 13],
    ]);
    xhr.respond(202, { id: 'imp-1', status: 'queued' });
    await expect(handle.result).resolves.toEqual({
      id: 'imp-1',
      status: 'queued',
    });
  });

  it("fails with the server's error as a ResponseError", async () => {
    const handle = uploadFocusFile({
      baseUrl: 'http://backstage/api/finops',
      file,
      fileName: 'big.csv.gz',
    });
    const xhr = FakeXhr.last;
    expect(xhr.headers['content-type']).toBe('application/gzip');
    expect(xhr.headers.authorization).toBeUndefined();
    xhr.respond(
      413,
      {
        error: { name: 'PayloadTooLargeError', message: 'above 2 GB' },
        response: { statusCode: 413 },
      },
      'Payload Too Large',
    );
    const error = await handle.result.catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(413);
    expect(error.cause.message).toBe('above 2 GB');
  });

  it('tells a cancel and a network failure apart', async () => {
    const cancelled = uploadFocusFile({
      baseUrl: 'x',
      file,
      fileName: 'a.csv',
    });
    cancelled.abort();
    await expect(cancelled.result).rejects.toBeInstanceOf(UploadCancelledError);

    const failed = uploadFocusFile({ baseUrl: 'x', file, fileName: 'a.csv' });
    FakeXhr.last.fail();
    await expect(failed.result).rejects.toThrow(
      'The upload could not reach the FinOps API',
    );
  });
});

describe('uploadContentType', () => {
  it('is gzip for .gz and CSV otherwise', () => {
    expect(uploadContentType('bill.csv.gz')).toBe('application/gzip');
    expect(uploadContentType('bill.CSV')).toBe('text/csv');
  });
});
