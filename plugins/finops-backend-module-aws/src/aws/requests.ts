/**
 * How this module calls AWS: every request counted against a hard cap,
 * throttling and server faults retried with exponential backoff and full
 * jitter, and paginated queries restarted from their first page when AWS
 * says the request or its token changed.
 */

/** Cost Explorer's price of one request (each page is one). */
export const USD_PER_REQUEST = '0.01';

/** Thrown instead of sending a request past the run's cap. */
export class RequestCapReached extends Error {
  constructor(readonly max: number) {
    super(`the run reached maxRequestsPerRun (${max}) before it finished`);
    this.name = 'RequestCapReached';
  }
}

/** What a run sent: requests (retries included) and the pages that came back. */
export interface RequestUsage {
  requests: number;
  pages: number;
}

/**
 * The requests one run may send. Every attempt is counted, retries
 * included, so that the cap bounds what is sent whatever AWS answers.
 */
export class RequestBudget implements RequestUsage {
  requests = 0;
  pages = 0;

  constructor(readonly max: number) {}

  get remaining(): number {
    return this.max - this.requests;
  }

  /** Takes one request, or throws {@link RequestCapReached} without sending. */
  take(): void {
    if (this.requests >= this.max) {
      throw new RequestCapReached(this.max);
    }
    this.requests++;
  }
}

/** `$0.01 × requests`, exactly, as a decimal string. */
export function estimatedCostUsd(requests: number): string {
  const cents = BigInt(requests);
  const whole = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, '0');
  return `${whole}.${rest}`;
}

/** How failed requests are retried; the delays are injectable so that tests need not wait. */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** The backoff's first ceiling; each retry doubles it. */
  baseDelayMs: number;
  /** The most any one wait may be. */
  maxDelayMs: number;
  /** Waits; rejects when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Uniform in [0, 1): the jitter. */
  random(): number;
}

/** Five attempts, waits of up to 1, 2, 4 and 8 seconds (capped at 20 s). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 20_000,
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      let timer: NodeJS.Timeout | undefined = undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
  random: Math.random,
};

/** The wait before retry number `retry` (0 for the first): full jitter. */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

interface AwsErrorLike {
  name?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  code?: string;
}

/** The AWS error code of an SDK error (its `name`), or undefined for anything else. */
export function awsErrorName(error: unknown): string | undefined {
  return (error as AwsErrorLike | undefined)?.name;
}

const THROTTLING = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** True for throttling, 5xx and dropped connections: worth another attempt. */
export function isRetryable(error: unknown): boolean {
  const e = error as AwsErrorLike | undefined;
  if (!e) {
    return false;
  }
  if (e.name && THROTTLING.has(e.name)) {
    return true;
  }
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) {
    return true;
  }
  return e.name === 'TimeoutError' || (!!e.code && NETWORK_CODES.has(e.code));
}

/** What the request layer needs: the run's cap, the retry policy and the abort signal. */
export interface RequestContext {
  budget: RequestBudget;
  retry: RetryPolicy;
  signal: AbortSignal;
}

/** A request that failed after its retries, or for good; says what was asked and why. */
export class AwsRequestError extends Error {
  constructor(message: string, readonly awsError: unknown) {
    super(message);
    this.name = 'AwsRequestError';
  }
}

function describeError(error: unknown): string {
  const e = error as AwsErrorLike;
  const status = e?.$metadata?.httpStatusCode;
  return `${e?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${
    e?.message ?? String(error)
  }`;
}

/**
 * Sends one request, counted against the budget, retrying what
 * {@link isRetryable} accepts with full-jitter exponential backoff.
 * Non-retryable AWS errors are rethrown as they are, so that callers can
 * act on their name; a request that fails its last attempt throws an
 * {@link AwsRequestError} naming `what`.
 */
export async function sendCounted<T>(
  context: RequestContext,
  what: string,
  send: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { budget, retry, signal } = context;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    budget.take();
    try {
      const result = await send(signal);
      budget.pages++;
      return result;
    } catch (error) {
      if (signal.aborted) {
        throw signal.reason;
      }
      if (!isRetryable(error)) {
        throw error;
      }
      if (attempt >= retry.maxAttempts) {
        throw new AwsRequestError(
          `${what} failed ${attempt} times; the last: ${describeError(error)}`,
          error,
        );
      }
      await retry.sleep(backoffDelayMs(retry, attempt - 1), signal);
    }
  }
}

/** The pages of one pass through a query, from its first page. */
async function readPages<P>(
  context: RequestContext,
  what: string,
  fetchPage: (token: string | undefined, signal: AbortSignal) => Promise<P>,
  nextToken: (page: P) => string | undefined,
): Promise<P[]> {
  const pages: P[] = [];
  let token: string | undefined;
  do {
    const current = token;
    const page = await sendCounted(
      context,
      `${what}, page ${pages.length + 1}`,
      signal => fetchPage(current, signal),
    );
    pages.push(page);
    token = nextToken(page);
  } while (token);
  return pages;
}

/** Errors after which a paginated query starts again from its first page. */
const RESTART = new Set([
  'RequestChangedException',
  'InvalidNextTokenException',
]);

/** How often one query may start over before the run gives up on it. */
export const MAX_QUERY_RESTARTS = 3;

/**
 * Every page of a paginated query. When AWS answers RequestChanged or
 * InvalidNextToken, what was read is dropped and the query starts again
 * from its first page (at most {@link MAX_QUERY_RESTARTS} times).
 */
export async function allPages<P>(
  context: RequestContext,
  what: string,
  fetchPage: (token: string | undefined, signal: AbortSignal) => Promise<P>,
  nextToken: (page: P) => string | undefined,
): Promise<P[]> {
  for (let restarts = 0; ; restarts++) {
    try {
      return await readPages(context, what, fetchPage, nextToken);
    } catch (error) {
      const name = awsErrorName(error);
      if (!name || !RESTART.has(name)) {
        throw error;
      }
      if (restarts >= MAX_QUERY_RESTARTS) {
        throw new AwsRequestError(
          `${what} was restarted ${restarts} times and still failed: ${describeError(
            error,
          )}`,
          error,
        );
      }
    }
  }
}
