import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  FinopsMetricDeclaration,
  FinopsMetricValue,
} from '@backstage-finops/plugin-finops-node';
import type { PrometheusMetricConfig, PrometheusSourceConfig } from './config';
import { PrometheusMetricSource } from './PrometheusMetricSource';

interface QueryRangeRequest {
  path: string;
  query: string;
  start: number;
  end: number;
  step: number;
  headers: IncomingMessage['headers'];
}

type Answer = { status: number; body: string; contentType?: string } | 'hang';

/** A Prometheus HTTP API on loopback: records each `query_range` and answers as `answer` says. */
async function fakePrometheus(answer: (request: QueryRangeRequest) => Answer) {
  const requests: QueryRangeRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://prometheus');
    const request: QueryRangeRequest = {
      path: url.pathname,
      query: url.searchParams.get('query') ?? '',
      start: Number(url.searchParams.get('start')),
      end: Number(url.searchParams.get('end')),
      step: Number(url.searchParams.get('step')),
      headers: req.headers,
    };
    requests.push(request);
    if (req.method !== 'GET' || url.pathname !== '/api/v1/query_range') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
      return;
    }
    const reply = answer(request);
    if (reply === 'hang') {
      hanging.push(res);
      return;
    }
    res.writeHead(reply.status, {
      'content-type': reply.contentType ?? 'application/json',
    });
    res.end(reply.body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        hanging.forEach(res => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const DAY = 86_400;

function unixSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/**
 * A matrix evaluated like `increase(x[1d])` over a table of daily totals:
 * the sample at each step t is the total of the day that ends at t.
 */
function matrixOfDailyTotals(
  request: QueryRangeRequest,
  seriesTotals: Array<{
    labels: Record<string, string>;
    totals: Record<string, string>;
  }>,
): string {
  const result = seriesTotals.map(({ labels, totals }) => {
    const values: Array<[number, string]> = [];
    for (let t = request.start; t <= request.end; t += request.step) {
      const day = new Date((t - DAY) * 1000).toISOString().slice(0, 10);
      if (totals[day] !== undefined) {
        values.push([t, totals[day]]);
      }
    }
    return { metric: labels, values };
  });
  return JSON.stringify({
    status: 'success',
    data: { resultType: 'matrix', result },
  });
}

function success(body: string): Answer {
  return { status: 200, body };
}

const requestsMetric: PrometheusMetricConfig = {
  metric: 'requests',
  unit: 'request',
  query: 'sum by (service) (increase(http_requests_total[1d]))',
  entityLabel: 'service',
};

function sourceConfig(
  baseUrl: string,
  metrics: PrometheusMetricConfig[] = [requestsMetric],
): PrometheusSourceConfig {
  return {
    sourceId: 'prometheus',
    baseUrl,
    headers: { Authorization: 'Bearer t0k3n', 'X-Scope-OrgID': 'tenant-a' },
    frequency: { hours: 1 },
    lookbackDays: 7,
    metrics,
  };
}

const declarations: FinopsMetricDeclaration[] = [
  {
    entityRef: 'component:default/checkout-api',
    metrics: ['requests', 'orders'],
  },
  { entityRef: 'component:default/payments', metrics: ['requests'] },
  { entityRef: 'component:shop/search', metrics: ['requests'] },
  { entityRef: 'component:default/search', metrics: ['requests'] },
  { entityRef: 'component:default/billing', metrics: ['orders'] },
];

async function readAll(
  source: PrometheusMetricSource,
  options: {
    from: string;
    to: string;
    declarations?: FinopsMetricDeclaration[];
    signal?: AbortSignal;
  },
): Promise<FinopsMetricValue[]> {
  const values: FinopsMetricValue[] = [];
  for await (const value of source.read({
    declarations,
    signal: new AbortController().signal,
    ...options,
  })) {
    values.push(value);
  }
  return values;
}

function byEntityAndDate(a: FinopsMetricValue, b: FinopsMetricValue) {
  return `${a.entityRef} ${a.date}`.localeCompare(`${b.entityRef} ${b.date}`);
}

describe('PrometheusMetricSource', () => {
  let prometheus: Awaited<ReturnType<typeof fakePrometheus>> | undefined;
  afterEach(async () => {
    await prometheus?.close();
    prometheus = undefined;
  });

  it('asks query_range for the ends of the days read, with the configured headers, and gives each sample the day that ends at it', async () => {
    prometheus = await fakePrometheus(request =>
      success(
        matrixOfDailyTotals(request, [
          {
            labels: { service: 'checkout-api' },
            totals: {
              '2026-01-01': '1200',
              '2026-01-02': '1.5e+06',
              '2026-01-03': '0',
            },
          },
        ]),
      ),
    );
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl),
      {
        logger: mockServices.logger.mock(),
      },
    );

    const values = await readAll(source, {
      from: '2026-01-01',
      to: '2026-01-04',
    });

    expect(prometheus.requests).toHaveLength(1);
    const [request] = prometheus.requests;
    expect(request.path).toBe('/api/v1/query_range');
    expect(request.query).toBe(requestsMetric.query);
    expect(request.start).toBe(unixSeconds('2026-01-02'));
    expect(request.start).toBe(1767312000);
    expect(request.end).toBe(unixSeconds('2026-01-04'));
    expect(request.step).toBe(86400);
    expect(request.headers.authorization).toBe('Bearer t0k3n');
    expect(request.headers['x-scope-orgid']).toBe('tenant-a');
    expect(values).toEqual([
      {
        entityRef: 'component:default/checkout-api',
        metric: 'requests',
        date: '2026-01-01',
        value: '1200',
        unit: 'request',
      },
      {
        entityRef: 'component:default/checkout-api',
        metric: 'requests',
        date: '2026-01-02',
        value: '1.5e+06',
        unit: 'request',
      },
      {
        entityRef: 'component:default/checkout-api',
        metric: 'requests',
        date: '2026-01-03',
        value: '0',
        unit: 'request',
      },
    ]);
  });

  it('maps a literal sample at 2026-01-02T00:00Z to 2026-01-01 and ignores samples outside the days asked for', async () => {
    prometheus = await fakePrometheus(() =>
      success(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { service: 'checkout-api' },
                values: [
                  [1767225600, '5'],
                  [1767312000, '1200'],
                  [1767312000 + 3600, '9'],
                  [1767398400, '1300'],
                ],
              },
            ],
          },
        }),
      ),
    );
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl),
      {
        logger: mockServices.logger.mock(),
      },
    );

    const values = await readAll(source, {
      from: '2026-01-01',
      to: '2026-01-02',
    });

    expect(prometheus.requests[0].start).toBe(1767312000);
    expect(prometheus.requests[0].end).toBe(1767312000);
    expect(values.map(v => [v.date, v.value])).toEqual([
      ['2026-01-01', '1200'],
    ]);
  });

  it('names entities by full ref or bare name, case-insensitively, and skips undeclared, unknown, ambiguous and unlabelled series', async () => {
    prometheus = await fakePrometheus(request =>
      success(
        matrixOfDailyTotals(request, [
          {
            labels: { service: 'Component:Default/Checkout-API' },
            totals: { '2026-03-01': '10' },
          },
          { labels: { service: 'PAYMENTS' }, totals: { '2026-03-01': '20' } },
          { labels: { service: 'billing' }, totals: { '2026-03-01': '30' } },
          {
            labels: { service: 'component:default/not-in-catalog' },
            totals: { '2026-03-01': '40' },
          },
          {
            labels: { service: 'legacy-monolith' },
            totals: { '2026-03-01': '50' },
          },
          { labels: { service: 'search' }, totals: { '2026-03-01': '60' } },
          {
            labels: { service: 'component:shop/search' },
            totals: { '2026-03-01': '70' },
          },
          { labels: { job: 'api' }, totals: { '2026-03-01': '80' } },
        ]),
      ),
    );
    const logger = mockServices.logger.mock();
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl),
      { logger },
    );

    const values = await readAll(source, {
      from: '2026-03-01',
      to: '2026-03-02',
    });

    expect(
      values.sort(byEntityAndDate).map(v => [v.entityRef, v.value]),
    ).toEqual([
      ['component:default/checkout-api', '10'],
      ['component:default/payments', '20'],
      ['component:shop/search', '70'],
    ]);
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /"requests".*skipped 1 series without a "service" label/,
        ),
        expect.stringMatching(
          /"requests".*skipped 1 series whose service names several entities.*"search" \(component:shop\/search, component:default\/search\)/,
        ),
      ]),
    );
    const debugs = logger.debug.mock.calls.map(([message]) => message);
    expect(debugs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /skipped 3 service values naming no entity.*"billing".*"component:default\/not-in-catalog".*"legacy-monolith"/,
        ),
      ]),
    );
  });

  it('reads each configured metric that some entity declares, with its own query and label, and no other', async () => {
    const metrics: PrometheusMetricConfig[] = [
      requestsMetric,
      {
        metric: 'orders',
        query: 'sum by (entity) (increase(orders_total[1d]))',
        entityLabel: 'entity',
      },
      {
        metric: 'customers',
        query: 'count by (entity) (customers)',
        entityLabel: 'entity',
      },
    ];
    prometheus = await fakePrometheus(request =>
      success(
        matrixOfDailyTotals(
          request,
          request.query.includes('orders_total')
            ? [
                {
                  labels: { entity: 'checkout-api' },
                  totals: { '2026-03-01': '3' },
                },
                {
                  labels: { entity: 'payments' },
                  totals: { '2026-03-01': '4' },
                },
              ]
            : [
                {
                  labels: { service: 'payments' },
                  totals: { '2026-03-01': '5' },
                },
              ],
        ),
      ),
    );
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl, metrics),
      {
        logger: mockServices.logger.mock(),
      },
    );

    const values = await readAll(source, {
      from: '2026-03-01',
      to: '2026-03-02',
    });

    expect(prometheus.requests.map(r => r.query)).toEqual([
      metrics[0].query,
      metrics[1].query,
    ]);
    expect(values).toEqual([
      {
        entityRef: 'component:default/payments',
        metric: 'requests',
        date: '2026-03-01',
        value: '5',
        unit: 'request',
      },
      {
        entityRef: 'component:default/checkout-api',
        metric: 'orders',
        date: '2026-03-01',
        value: '3',
      },
    ]);
    expect(source.describe()).toBe(
      `Prometheus at ${prometheus.baseUrl} (requests, orders, customers)`,
    );
  });

  it('leaves NaN, infinite and negative samples as gaps, never zero, and warns once per metric', async () => {
    prometheus = await fakePrometheus(request =>
      success(
        matrixOfDailyTotals(request, [
          {
            labels: { service: 'checkout-api' },
            totals: {
              '2026-01-01': 'NaN',
              '2026-01-02': '+Inf',
              '2026-01-03': '12',
              '2026-01-04': '-Inf',
              '2026-01-05': '-3',
              '2026-01-06': '0.25',
            },
          },
        ]),
      ),
    );
    const logger = mockServices.logger.mock();
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl),
      { logger },
    );

    const values = await readAll(source, {
      from: '2026-01-01',
      to: '2026-01-07',
    });

    expect(values.map(v => [v.date, v.value])).toEqual([
      ['2026-01-03', '12'],
      ['2026-01-06', '0.25'],
    ]);
    const gapWarnings = logger.warn.mock.calls.filter(([message]) =>
      /gaps/.test(message),
    );
    expect(gapWarnings).toHaveLength(1);
    expect(gapWarnings[0][0]).toMatch(
      /"requests": 4 samples were NaN, infinite or negative/,
    );
    expect(gapWarnings[0][0]).toContain(
      'component:default/checkout-api 2026-01-01 "NaN"',
    );
  });

  it('skips the days that two series of one entity both give, keeping the others', async () => {
    prometheus = await fakePrometheus(request =>
      success(
        matrixOfDailyTotals(request, [
          {
            labels: { service: 'checkout-api' },
            totals: { '2026-01-01': '1', '2026-01-02': '2' },
          },
          {
            labels: { service: 'Checkout-API' },
            totals: { '2026-01-02': '3', '2026-01-03': '4' },
          },
        ]),
      ),
    );
    const logger = mockServices.logger.mock();
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl),
      { logger },
    );

    const values = await readAll(source, {
      from: '2026-01-01',
      to: '2026-01-04',
    });

    expect(values.sort(byEntityAndDate).map(v => [v.date, v.value])).toEqual([
      ['2026-01-01', '1'],
      ['2026-01-03', '4'],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /skipped 1 days.*component:default\/checkout-api 2026-01-02/,
      ),
    );
  });

  it('logs the warnings of a successful answer', async () => {
    prometheus = await fakePrometheus(() =>
      success(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'matrix', result: [] },
          warnings: ['PromQL info: metric might not be a counter'],
        }),
      ),
    );
    const logger = mockServices.logger.mock();
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl),
      { logger },
    );

    await expect(
      readAll(source, { from: '2026-01-01', to: '2026-01-02' }),
    ).resolves.toEqual([]);

    expect(logger.warn).toHaveBeenCalledWith(
      'Prometheus query for metric "requests" warned: PromQL info: metric might not be a counter',
    );
  });

  it('does not query when there is no day to read', async () => {
    prometheus = await fakePrometheus(() => success('{}'));
    const source = new PrometheusMetricSource(
      sourceConfig(prometheus.baseUrl),
      {
        logger: mockServices.logger.mock(),
      },
    );

    await expect(
      readAll(source, { from: '2026-01-05', to: '2026-01-05' }),
    ).resolves.toEqual([]);

    expect(prometheus.requests).toEqual([]);
  });

  describe('errors', () => {
    async function readError(answer: Answer): Promise<Error> {
      prometheus = await fakePrometheus(() => answer);
      const source = new PrometheusMetricSource(
        sourceConfig(prometheus.baseUrl),
        {
          logger: mockServices.logger.mock(),
        },
      );
      return readAll(source, { from: '2026-01-01', to: '2026-01-02' }).then(
        () => {
          throw new Error('the read succeeded');
        },
        error => error,
      );
    }

    it('names the metric, the error type and message and the status of a 400 bad_data answer', async () => {
      const error = await readError({
        status: 400,
        body: JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'parse error at char 5',
        }),
      });
      expect(error.message).toBe(
        'Prometheus query for metric "requests" failed: bad_data: parse error at char 5 (HTTP 400)',
      );
    });

    it('names a 422 execution error', async () => {
      const error = await readError({
        status: 422,
        body: JSON.stringify({
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory',
        }),
      });
      expect(error.message).toBe(
        'Prometheus query for metric "requests" failed: execution: query processing would load too many samples into memory (HTTP 422)',
      );
    });

    it('names the status and shows the start of a 503 answer that is not JSON', async () => {
      const error = await readError({
        status: 503,
        contentType: 'text/html',
        body: '<html><body>Service Unavailable</body></html>',
      });
      expect(error.message).toBe(
        'Prometheus query for metric "requests" failed: HTTP 503 with a body that is not JSON: "<html><body>Service Unavailable</body></html>"',
      );
    });

    it('refuses a success answer that is not JSON', async () => {
      const error = await readError({
        status: 200,
        contentType: 'text/plain',
        body: 'ok',
      });
      expect(error.message).toBe(
        'Prometheus query for metric "requests" failed: the response is not JSON (HTTP 200): "ok"',
      );
    });

    it('refuses a vector result', async () => {
      const error = await readError(
        success(
          JSON.stringify({
            status: 'success',
            data: {
              resultType: 'vector',
              result: [
                {
                  metric: { service: 'checkout-api' },
                  value: [1767312000, '1'],
                },
              ],
            },
          }),
        ),
      );
      expect(error.message).toBe(
        'Prometheus query for metric "requests" failed: expected a matrix from query_range, got resultType "vector"',
      );
    });

    it('refuses a malformed sample', async () => {
      const error = await readError(
        success(
          JSON.stringify({
            status: 'success',
            data: {
              resultType: 'matrix',
              result: [
                {
                  metric: { service: 'checkout-api' },
                  values: [[1767312000, 1]],
                },
              ],
            },
          }),
        ),
      );
      expect(error.message).toBe(
        'Prometheus query for metric "requests" failed: series 0 of the matrix has a sample that is not [time, "value"]: [1767312000,1]',
      );
    });

    it('names the metric and the base URL when Prometheus cannot be reached', async () => {
      prometheus = await fakePrometheus(() => success('{}'));
      const { baseUrl } = prometheus;
      await prometheus.close();
      prometheus = undefined;
      const source = new PrometheusMetricSource(sourceConfig(baseUrl), {
        logger: mockServices.logger.mock(),
      });

      await expect(
        readAll(source, { from: '2026-01-01', to: '2026-01-02' }),
      ).rejects.toThrow(
        new RegExp(
          `^Prometheus query for metric "requests" at ${baseUrl.replace(
            /\./g,
            '\\.',
          )} failed: fetch failed: .*ECONNREFUSED`,
        ),
      );
    });
  });

  describe('abort', () => {
    it('stops waiting for Prometheus when the signal aborts', async () => {
      prometheus = await fakePrometheus(() => 'hang');
      const source = new PrometheusMetricSource(
        sourceConfig(prometheus.baseUrl),
        {
          logger: mockServices.logger.mock(),
        },
      );
      const controller = new AbortController();
      const reading = readAll(source, {
        from: '2026-01-01',
        to: '2026-01-02',
        signal: controller.signal,
      });
      while (prometheus.requests.length === 0) {
        await new Promise(resolve => setTimeout(resolve, 5));
      }

      controller.abort();

      await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('yields nothing more and queries no further metric once aborted', async () => {
      const orders: PrometheusMetricConfig = {
        metric: 'orders',
        query: 'orders',
        entityLabel: 'service',
      };
      prometheus = await fakePrometheus(request =>
        success(
          matrixOfDailyTotals(request, [
            {
              labels: { service: 'checkout-api' },
              totals: { '2026-01-01': '1', '2026-01-02': '2' },
            },
          ]),
        ),
      );
      const source = new PrometheusMetricSource(
        sourceConfig(prometheus.baseUrl, [requestsMetric, orders]),
        {
          logger: mockServices.logger.mock(),
        },
      );
      const controller = new AbortController();
      const received: FinopsMetricValue[] = [];

      const reading = (async () => {
        for await (const value of source.read({
          from: '2026-01-01',
          to: '2026-01-03',
          declarations,
          signal: controller.signal,
        })) {
          received.push(value);
          controller.abort();
        }
      })();

      await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
      expect(received).toHaveLength(1);
      expect(prometheus.requests).toHaveLength(1);
    });
  });
});
