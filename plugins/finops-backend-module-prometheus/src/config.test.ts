import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readPrometheusSourceConfig } from './config';

const minimal = {
  baseUrl: 'http://prometheus:9090',
  metrics: [
    {
      metric: 'requests',
      query: 'sum by (entity) (increase(http_requests_total[1d]))',
    },
  ],
};

function read(prometheus: JsonValue) {
  return readPrometheusSourceConfig(
    new ConfigReader({ finops: { prometheus } }),
  );
}

describe('readPrometheusSourceConfig', () => {
  it('is undefined without finops.prometheus', () => {
    expect(readPrometheusSourceConfig(new ConfigReader({}))).toBeUndefined();
    expect(
      readPrometheusSourceConfig(
        new ConfigReader({ finops: { costMetric: 'BilledCost' } }),
      ),
    ).toBeUndefined();
  });

  it('fills in the defaults', () => {
    expect(read(minimal)).toEqual({
      sourceId: 'prometheus',
      baseUrl: 'http://prometheus:9090',
      headers: {},
      frequency: { hours: 1 },
      lookbackDays: 7,
      metrics: [
        {
          metric: 'requests',
          query: 'sum by (entity) (increase(http_requests_total[1d]))',
          entityLabel: 'entity',
        },
      ],
    });
  });

  it('reads every key', () => {
    expect(
      read({
        baseUrl: 'https://metrics.example.com/prometheus/',
        headers: { Authorization: 'Bearer abc', 'X-Scope-OrgID': 'shop' },
        frequency: { minutes: 30 },
        lookbackDays: 400,
        sourceId: 'prom.eu-1',
        metrics: [
          {
            metric: 'requests',
            unit: 'request',
            query: 'q1',
            entityLabel: 'service',
          },
          { metric: 'orders', query: 'q2' },
        ],
      }),
    ).toEqual({
      sourceId: 'prom.eu-1',
      baseUrl: 'https://metrics.example.com/prometheus',
      headers: { Authorization: 'Bearer abc', 'X-Scope-OrgID': 'shop' },
      frequency: { minutes: 30 },
      lookbackDays: 400,
      metrics: [
        {
          metric: 'requests',
          unit: 'request',
          query: 'q1',
          entityLabel: 'service',
        },
        { metric: 'orders', query: 'q2', entityLabel: 'entity' },
      ],
    });
  });

  it('takes the frequency as a duration string or in weeks, as days', () => {
    expect(read({ ...minimal, frequency: '2h' })?.frequency).toEqual({
      hours: 2,
    });
    expect(
      read({ ...minimal, frequency: { weeks: 1, days: 1, hours: 3 } })
        ?.frequency,
    ).toEqual({ days: 8, hours: 3 });
  });

  it.each([
    [
      { metrics: minimal.metrics },
      "Missing required config value at 'finops.prometheus.baseUrl'",
    ],
    [
      { ...minimal, baseUrl: 'prometheus:9090/x' },
      'finops.prometheus.baseUrl "prometheus:9090/x" must be an http or https URL',
    ],
    [
      { ...minimal, baseUrl: 'not a url' },
      'finops.prometheus.baseUrl "not a url" is not a URL',
    ],
    [
      { ...minimal, baseUrl: 'http://p:9090/?x=1' },
      'finops.prometheus.baseUrl "http://p:9090/?x=1" must not have a query or fragment',
    ],
    [
      { baseUrl: minimal.baseUrl },
      'finops.prometheus.metrics must list at least one metric',
    ],
    [
      { baseUrl: minimal.baseUrl, metrics: [] },
      'finops.prometheus.metrics must list at least one metric',
    ],
    [
      {
        ...minimal,
        metrics: [...minimal.metrics, { metric: '2xx-requests', query: 'q' }],
      },
      'finops.prometheus.metrics[1].metric "2xx-requests" is not a metric name',
    ],
    [
      {
        ...minimal,
        metrics: [
          ...minimal.metrics,
          { metric: 'orders', query: 'q' },
          { metric: 'requests', query: 'q' },
        ],
      },
      'finops.prometheus.metrics[2].metric "requests" is already configured at finops.prometheus.metrics[0]',
    ],
    [
      { ...minimal, metrics: [{ query: 'q' }] },
      "Missing required config value at 'finops.prometheus.metrics[0].metric'",
    ],
    [
      { ...minimal, metrics: [{ metric: 'requests' }] },
      "Missing required config value at 'finops.prometheus.metrics[0].query'",
    ],
    [
      { ...minimal, metrics: [{ metric: 'requests', query: '  ' }] },
      'finops.prometheus.metrics[0].query must not be empty',
    ],
    [
      { ...minimal, lookbackDays: 0 },
      'finops.prometheus.lookbackDays must be a whole number from 1 to 400, not 0',
    ],
    [
      { ...minimal, lookbackDays: 401 },
      'finops.prometheus.lookbackDays must be a whole number from 1 to 400, not 401',
    ],
    [
      { ...minimal, lookbackDays: 2.5 },
      'finops.prometheus.lookbackDays must be a whole number from 1 to 400, not 2.5',
    ],
    [
      { ...minimal, sourceId: 'upload/x' },
      'finops.prometheus.sourceId "upload/x" must match',
    ],
    [
      { ...minimal, frequency: { seconds: 30 } },
      'finops.prometheus.frequency must be given in weeks, days, hours or minutes, not seconds',
    ],
    [
      { ...minimal, frequency: { hours: 0 } },
      'finops.prometheus.frequency must be longer than zero',
    ],
    [
      { ...minimal, frequency: 'often' },
      "Invalid duration 'often' in config at 'finops.prometheus.frequency'",
    ],
  ])('refuses %j', (prometheus, message) => {
    expect(() => read(prometheus)).toThrow(message);
  });
});
