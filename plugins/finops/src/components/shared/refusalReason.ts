import { ResponseError } from '@backstage/errors';

/** Why the server refused a change, in words: `forbidden` for a 403, else the server's message. */
export function refusalReason(error: Error, forbidden: string): string {
  if (ResponseError.is(error)) {
    return error.statusCode === 403
      ? forbidden
      : error.cause.message || error.message;
  }
  return error.message;
}
