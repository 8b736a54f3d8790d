import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  addDays,
  formatDecimal,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';

/**
 * A loopback AWS for tests: Cost Explorer's JSON 1.1 protocol
 * (`X-Amz-Target: AWSInsightsIndexService.<Operation>`) and Cost
 * Optimization Hub's JSON 1.0 (`CostOptimizationHubService.<Operation>`),
 * answering from an in-memory dataset that it filters, groups and
 * paginates per request as AWS documents. Errors are
 * `{"__type": "...", "message": "..."}` with AWS's status codes.
 */

/** One line item of the dataset: a day's charge of one resource. */
export interface FakeLineItem {
  date: string;
  account: string;
  service: string;
  region: string;
  recordType: string;
  tags: Record<string, string>;
  /** UnblendedCost and NetUnblendedCost. */
  unblended: string;
  /** AmortizedCost and NetAmortizedCost; default `unblended`. */
  amortized?: string;
}

/** A recorded request. */
export interface FakeRequest {
  target: string;
  body: any;
  headers: IncomingMessage['headers'];
}

/** An error to answer instead of the data. */
export interface FakeFault {
  status: number;
  type: string;
  message?: string;
}

interface Expression {
  And?: Expression[];
  Or?: Expression[];
  Not?: Expression;
  Dimensions?: { Key: string; Values?: string[]; MatchOptions?: string[] };
  Tags?: { Key: string; Values?: string[]; MatchOptions?: string[] };
  CostCategories?: unknown;
}

class ValidationError extends Error {}

function dimensionOf(item: FakeLineItem, key: string): string {
  switch (key) {
    case 'SERVICE':
      return item.service;
    case 'LINKED_ACCOUNT':
      return item.account;
    case 'REGION':
      return item.region;
    case 'RECORD_TYPE':
      return item.recordType;
    default:
      throw new ValidationError(`Dimension ${key} is not supported here`);
  }
}

function matches(expression: Expression, item: FakeLineItem): boolean {
  const operators = Object.keys(expression).filter(
    k => (expression as any)[k] !== undefined,
  );
  if (operators.length !== 1) {
    throw new ValidationError(
      'Expression must have exactly one of And, Or, Not, Dimensions, Tags, CostCategories',
    );
  }
  if (expression.And || expression.Or) {
    const list = (expression.And ?? expression.Or)!;
    if (list.length < 2) {
      throw new ValidationError('And and Or need at least two expressions');
    }
    return expression.And
      ? list.every(e => matches(e, item))
      : list.some(e => matches(e, item));
  }
  if (expression.Not) {
    return !matches(expression.Not, item);
  }
  if (expression.Dimensions) {
    const { Key, Values = [] } = expression.Dimensions;
    return Values.includes(dimensionOf(item, Key));
  }
  if (expression.Tags) {
    const { Key, Values = [], MatchOptions = ['EQUALS'] } = expression.Tags;
    if (MatchOptions.includes('ABSENT')) {
      return !(Key in item.tags);
    }
    return Key in item.tags && Values.includes(item.tags[Key]);
  }
  throw new ValidationError('Cost categories are not supported here');
}

const METRICS = [
  'AmortizedCost',
  'UnblendedCost',
  'NetAmortizedCost',
  'NetUnblendedCost',
];

function amountOf(item: FakeLineItem, metric: string): bigint {
  const text = metric.includes('Amortized')
    ? item.amortized ?? item.unblended
    : item.unblended;
  return moneyFromDecimal(text);
}

function fingerprint(body: any): string {
  const { NextPageToken: _a, nextToken: _b, ...rest } = body;
  return createHash('sha256')
    .update(JSON.stringify(rest))
    .digest('hex')
    .slice(0, 12);
}

function pageOf<T>(
  items: T[],
  body: any,
  token: string | undefined,
  size: number,
): { page: T[]; next?: string } {
  let offset = 0;
  if (token) {
    const [at, print] = token.split(':');
    if (!/^\d+$/.test(at ?? '') || !print) {
      throw Object.assign(new Error('The pagination token is invalid.'), {
        fault: { status: 400, type: 'InvalidNextTokenException' },
      });
    }
    if (print !== fingerprint(body)) {
      throw Object.assign(
        new Error('Your request parameters changed between pages.'),
        { fault: { status: 400, type: 'RequestChangedException' } },
      );
    }
    offset = Number(at);
  }
  const page = items.slice(offset, offset + size);
  const end = offset + size;
  return {
    page,
    next: end < items.length ? `${end}:${fingerprint(body)}` : undefined,
  };
}

/** Options and state of a fake; tests change them between runs. */
export interface FakeAwsState {
  items: FakeLineItem[];
  /** Groups per GetCostAndUsage page. */
  pageSize: number;
  /** Days from this one on are not in Cost Explorer yet: DataUnavailableException. */
  unavailableFrom?: string;
  /** Decides an error for a request; `index` counts every request from 0. */
  fault?: (request: FakeRequest, index: number) => FakeFault | undefined;
  rightsizing: any[];
  savingsPlans?: any;
  hub: any[];
  /** Items per page of the recommendation operations. */
  recommendationPageSize: number;
}

function getCostAndUsage(state: FakeAwsState, body: any) {
  if (body.Granularity !== 'DAILY') {
    throw new ValidationError('This fake answers DAILY only');
  }
  const metrics: string[] = body.Metrics ?? [];
  if (metrics.length === 0 || metrics.some(m => !METRICS.includes(m))) {
    throw new ValidationError(
      `Metrics ${JSON.stringify(metrics)} are not valid`,
    );
  }
  const groupBy: Array<{ Type: string; Key: string }> = body.GroupBy ?? [];
  if (groupBy.length > 2) {
    throw new ValidationError('GroupBy takes at most two groups');
  }
  const { Start, End } = body.TimePeriod ?? {};
  if (!Start || !End || Start >= End) {
    throw new ValidationError('TimePeriod must have Start before End');
  }
  if (state.unavailableFrom && End > state.unavailableFrom) {
    throw Object.assign(
      new Error('Data is not available yet for the requested period.'),
      {
        fault: { status: 400, type: 'DataUnavailableException' },
      },
    );
  }
  const keyOf = (item: FakeLineItem) =>
    groupBy.map(g =>
      g.Type === 'TAG'
        ? `${g.Key}$${item.tags[g.Key] ?? ''}`
        : dimensionOf(item, g.Key),
    );
  const sums = new Map<
    string,
    { day: string; keys: string[]; amounts: bigint[] }
  >();
  for (const item of state.items) {
    if (item.date < Start || item.date >= End) {
      continue;
    }
    if (body.Filter && !matches(body.Filter, item)) {
      continue;
    }
    const keys = keyOf(item);
    const id = JSON.stringify([item.date, ...keys]);
    let sum = sums.get(id);
    if (!sum) {
      sum = { day: item.date, keys, amounts: metrics.map(() => 0n) };
      sums.set(id, sum);
    }
    metrics.forEach((m, i) => {
      sum!.amounts[i] += amountOf(item, m);
    });
  }
  const entries = [...sums.values()].sort((a, b) =>
    JSON.stringify([a.day, ...a.keys]).localeCompare(
      JSON.stringify([b.day, ...b.keys]),
    ),
  );
  const { page, next } = pageOf(
    entries,
    body,
    body.NextPageToken,
    state.pageSize,
  );
  const days: string[] = [];
  for (let day = Start; day < End; day = addDays(day, 1)) {
    days.push(day);
  }
  const firstPage = !body.NextPageToken;
  const results = days
    .filter(
      day =>
        (firstPage && !entries.some(e => e.day === day)) ||
        page.some(e => e.day === day),
    )
    .map(day => ({
      TimePeriod: { Start: day, End: addDays(day, 1) },
      Total: {},
      Groups: page
        .filter(e => e.day === day)
        .map(e => ({
          Keys: e.keys,
          Metrics: Object.fromEntries(
            metrics.map((m, i) => [
              m,
              { Amount: formatDecimal(e.amounts[i]), Unit: 'USD' },
            ]),
          ),
        })),
      Estimated: false,
    }));
  return {
    GroupDefinitions: groupBy,
    ResultsByTime: results,
    DimensionValueAttributes: [],
    ...(next ? { NextPageToken: next } : {}),
  };
}

function answerOperation(state: FakeAwsState, target: string, body: any) {
  switch (target) {
    case 'AWSInsightsIndexService.GetCostAndUsage':
      return getCostAndUsage(state, body);
    case 'AWSInsightsIndexService.GetRightsizingRecommendation': {
      if (body.Service !== 'AmazonEC2') {
        throw new ValidationError('Service must be AmazonEC2');
      }
      const { page, next } = pageOf(
        state.rightsizing,
        body,
        body.NextPageToken,
        state.recommendationPageSize,
      );
      return {
        Metadata: {
          RecommendationId: 'r-1',
          GenerationTimestamp: '2026-03-01T00:00:00Z',
          LookbackPeriodInDays: 'FOURTEEN_DAYS',
        },
        Summary: {
          TotalRecommendationCount: String(state.rightsizing.length),
          SavingsCurrencyCode: 'USD',
        },
        RightsizingRecommendations: page,
        Configuration: body.Configuration,
        ...(next ? { NextPageToken: next } : {}),
      };
    }
    case 'AWSInsightsIndexService.GetSavingsPlansPurchaseRecommendation': {
      for (const field of [
        'SavingsPlansType',
        'TermInYears',
        'PaymentOption',
        'LookbackPeriodInDays',
      ]) {
        if (!body[field]) {
          throw new ValidationError(`${field} is required`);
        }
      }
      const details = state.savingsPlans?.details ?? [];
      const { page, next } = pageOf(
        details,
        body,
        body.NextPageToken,
        state.recommendationPageSize,
      );
      return {
        Metadata: {
          RecommendationId: 'sp-1',
          GenerationTimestamp: '2026-03-01T00:00:00Z',
        },
        SavingsPlansPurchaseRecommendation: {
          AccountScope: body.AccountScope ?? 'PAYER',
          SavingsPlansType: body.SavingsPlansType,
          TermInYears: body.TermInYears,
          PaymentOption: body.PaymentOption,
          LookbackPeriodInDays: body.LookbackPeriodInDays,
          SavingsPlansPurchaseRecommendationDetails: page,
          SavingsPlansPurchaseRecommendationSummary:
            state.savingsPlans?.summary,
        },
        ...(next ? { NextPageToken: next } : {}),
      };
    }
    case 'CostOptimizationHubService.ListRecommendations': {
      const { page, next } = pageOf(
        state.hub,
        body,
        body.nextToken,
        Math.min(body.maxResults ?? 1000, state.recommendationPageSize),
      );
      return { items: page, ...(next ? { nextToken: next } : {}) };
    }
    default:
      throw Object.assign(new Error(`Unknown operation ${target}`), {
        fault: { status: 400, type: 'UnknownOperationException' },
      });
  }
}

/** Starts a fake on 127.0.0.1 with a free port. */
export async function startFakeAws(initial: Partial<FakeAwsState> = {}) {
  const state: FakeAwsState = {
    items: [],
    pageSize: 1000,
    rightsizing: [],
    hub: [],
    recommendationPageSize: 100,
    ...initial,
  };
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const json10 = target.startsWith('CostOptimizationHubService.');
      const contentType = json10
        ? 'application/x-amz-json-1.0'
        : 'application/x-amz-json-1.1';
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, {
          'content-type': contentType,
          'x-amzn-requestid': `req-${requests.length}`,
        });
        res.end(JSON.stringify(payload));
      };
      const fail = (fault: FakeFault) =>
        send(fault.status, {
          __type: fault.type,
          message: fault.message ?? fault.type,
        });
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        fail({
          status: 400,
          type: 'SerializationException',
          message: 'The body is not JSON',
        });
        return;
      }
      const request: FakeRequest = { target, body, headers: req.headers };
      const index = requests.length;
      requests.push(request);
      if (
        req.method !== 'POST' ||
        req.headers['content-type'] !== contentType
      ) {
        fail({
          status: 400,
          type: 'UnknownOperationException',
          message: `expected POST with ${contentType}`,
        });
        return;
      }
      if (
        !String(req.headers.authorization ?? '').startsWith(
          'AWS4-HMAC-SHA256 Credential=',
        )
      ) {
        fail({
          status: 403,
          type: 'MissingAuthenticationTokenException',
          message: 'Missing Authentication Token',
        });
        return;
      }
      const fault = state.fault?.(request, index);
      if (fault) {
        fail(fault);
        return;
      }
      try {
        send(200, answerOperation(state, target, body));
      } catch (error) {
        if (error instanceof ValidationError) {
          fail({
            status: 400,
            type: 'ValidationException',
            message: error.message,
          });
        } else if ((error as any).fault) {
          fail({ ...(error as any).fault, message: (error as Error).message });
        } else {
          fail({
            status: 500,
            type: 'InternalServerError',
            message: String(error),
          });
        }
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    requests,
    /** The GetCostAndUsage requests recorded so far. */
    costRequests: () =>
      requests.filter(
        r => r.target === 'AWSInsightsIndexService.GetCostAndUsage',
      ),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A started fake. */
export type FakeAws = Awaited<ReturnType<typeof startFakeAws>>;
