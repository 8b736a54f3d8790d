import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  finopsMetricSourcesExtensionPoint,
  type FinopsMetricSource,
} from '@backstage-finops/plugin-finops-node';
import prometheusModule from './module';

async function startWith(data: JsonObject) {
  const addMetricSource = jest.fn<void, [FinopsMetricSource]>();
  await startTestBackend({
    features: [prometheusModule, mockServices.rootConfig.factory({ data })],
    extensionPoints: [[finopsMetricSourcesExtensionPoint, { addMetricSource }]],
  });
  return addMetricSource;
}

describe('finops prometheus module', () => {
  it('adds one metric source configured from finops.prometheus', async () => {
    const addMetricSource = await startWith({
      finops: {
        prometheus: {
          baseUrl: 'http://prometheus:9090',
          frequency: { minutes: 15 },
          lookbackDays: 3,
          sourceId: 'prom-eu',
          metrics: [
            {
              metric: 'requests',
              query: 'sum by (entity) (increase(http_requests_total[1d]))',
            },
            {
              metric: 'orders',
              query: 'sum by (entity) (increase(orders_total[1d]))',
            },
          ],
        },
      },
    });

    expect(addMetricSource).toHaveBeenCalledTimes(1);
    const [source] = addMetricSource.mock.calls[0];
    expect(source.id).toBe('prom-eu');
    expect(source.frequency).toEqual({ minutes: 15 });
    expect(source.lookbackDays).toBe(3);
    expect(source.describe()).toBe(
      'Prometheus at http://prometheus:9090 (requests, orders)',
    );
  });

  it('adds none without finops.prometheus', async () => {
    const addMetricSource = await startWith({
      finops: { costMetric: 'BilledCost' },
    });

    expect(addMetricSource).not.toHaveBeenCalled();
  });

  it('fails to start on bad config, naming the key', async () => {
    await expect(
      startWith({
        finops: {
          prometheus: {
            baseUrl: 'http://prometheus:9090',
            metrics: [
              { metric: 'requests', query: 'q' },
              { metric: 'requests per second', query: 'q' },
            ],
          },
        },
      }),
    ).rejects.toThrow(
      'finops.prometheus.metrics[1].metric "requests per second" is not a metric name',
    );
  });
});
