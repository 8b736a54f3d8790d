import {
  allPages,
  backoffDelayMs,
  estimatedCostUsd,
  isRetryable,
  RequestBudget,
  RequestCapReached,
  sendCounted,
} from './requests';
import { instantRetry } from '../__testUtils__/harness';

function awsError(name: string, status = 400) {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status },
  });
}

function context(max = 100, sleeps: number[] = []) {
  return {
    budget: new RequestBudget(max),
    retry: instantRetry(sleeps),
    signal: new AbortController().signal,
  };
}

describe('requests', () => {
  it('prices requests at a cent each, exactly', () => {
    expect(estimatedCostUsd(0)).toBe('0.00');
    expect(estimatedCostUsd(7)).toBe('0.07');
    expect(estimatedCostUsd(1234)).toBe('12.34');
  });

  it('waits a uniformly random time below a doubling, capped ceiling (full jitter)', () => {
    const policy = { ...instantRetry([]), baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(
      [0, 1, 2, 3, 4].map(retry =>
        backoffDelayMs({ ...policy, random: () => 0.999 }, retry),
      ),
    ).toEqual([999, 1998, 3996, 4995, 4995]);
    expect(backoffDelayMs({ ...policy, random: () => 0 }, 3)).toBe(0);
  });

  it('retries throttling, 5xx and dropped connections, not client errors', () => {
    expect(isRetryable(awsError('LimitExceededException'))).toBe(true);
    expect(isRetryable(awsError('ThrottlingException'))).toBe(true);
    expect(isRetryable(awsError('InternalServerError', 500))).toBe(true);
    expect(isRetryable(awsError('Whatever', 503))).toBe(true);
    expect(
      isRetryable(Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
    ).toBe(true);
    expect(isRetryable(awsError('ValidationException'))).toBe(false);
    expect(isRetryable(awsError('DataUnavailableException'))).toBe(false);
    expect(isRetryable(awsError('AccessDeniedException', 403))).toBe(false);
  });

  it('counts every attempt, gives up after the last with what was asked, and never sends past the cap', async () => {
    const sleeps: number[] = [];
    const ctx = context(100, sleeps);
    const send = jest
      .fn()
      .mockRejectedValue(awsError('LimitExceededException'));

    await expect(sendCounted(ctx, 'GetCostAndUsage x', send)).rejects.toThrow(
      'GetCostAndUsage x failed 5 times; the last: LimitExceededException (HTTP 400): LimitExceededException happened',
    );
    expect(send).toHaveBeenCalledTimes(5);
    expect(sleeps).toEqual([50, 100, 200, 400]);
    expect(ctx.budget).toMatchObject({ requests: 5, pages: 0 });

    const capped = context(2);
    const failing = jest
      .fn()
      .mockRejectedValue(awsError('ThrottlingException'));
    await expect(sendCounted(capped, 'x', failing)).rejects.toBeInstanceOf(
      RequestCapReached,
    );
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('restarts a paginated query from its first page when its token or request changed, a bounded number of times', async () => {
    const tokens: Array<string | undefined> = [];
    let calls = 0;
    const pages = await allPages(
      context(),
      'q',
      async token => {
        tokens.push(token);
        calls++;
        if (calls === 2) throw awsError('RequestChangedException');
        return { next: token === undefined ? 't1' : undefined, token };
      },
      page => page.next,
    );
    expect(tokens).toEqual([undefined, 't1', undefined, 't1']);
    expect(pages).toHaveLength(2);

    await expect(
      allPages(
        context(),
        'q',
        async () => {
          throw awsError('InvalidNextTokenException');
        },
        () => undefined,
      ),
    ).rejects.toThrow(
      'q was restarted 3 times and still failed: InvalidNextTokenException (HTTP 400)',
    );
  });
});
