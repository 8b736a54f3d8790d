import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
// A test dependency only: the module's import through the real backend plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import finopsPlugin from '@backstage-finops/plugin-finops-backend';
import {
  addDays,
  formatDecimal,
  todayUtc,
} from '@backstage-finops/plugin-finops-common';
import {
  type FinopsCostSource,
  finopsCostSourcesExtensionPoint,
  type FinopsTipRule,
  finopsTipRulesExtensionPoint,
} from '@backstage-finops/plugin-finops-node';
import type { AddressInfo } from 'node:net';
import {
  expectedPartition,
  makeDataset,
  PAYER,
  TAG_KEYS,
  totalOf,
} from './__testUtils__/dataset';
import { type FakeAws, startFakeAws } from './__testUtils__/fakeAws';
import { awsIntegrationConfig } from './__testUtils__/harness';
import { windowStartOf } from './costs/syncPlan';
import awsModule from './module';

jest.setTimeout(60_000);

function awsSource(endpoint: string, extra: JsonObject = {}): JsonObject {
  return {
    id: 'aws-payer',
    type: 'aws-cost-explorer',
    accountId: PAYER,
    endpoint,
    ...extra,
  };
}

describe('finops aws module', () => {
  let fake: FakeAws;
  beforeEach(async () => {
    const today = todayUtc();
    fake = await startFakeAws({
      items: makeDataset(windowStartOf(today, 4), addDays(today, 1)),
    });
  });
  afterEach(() => fake.close());

  async function startWith(data: JsonObject) {
    const addCostSource = jest.fn<void, [FinopsCostSource]>();
    const addTipRule = jest.fn<void, [FinopsTipRule]>();
    await startTestBackend({
      features: [awsModule, mockServices.rootConfig.factory({ data })],
      extensionPoints: [
        [finopsCostSourcesExtensionPoint, { addCostSource }],
        [finopsTipRulesExtensionPoint, { addTipRule }],
      ],
    });
    return { addCostSource, addTipRule };
  }

  it('adds a cost source per aws-cost-explorer entry of finops.sources, and the recommendations rule where turned on', async () => {
    const { addCostSource, addTipRule } = await startWith({
      ...awsIntegrationConfig(),
      finops: {
        sources: [
          { id: 'files', type: 'focus-directory', path: '/data' },
          awsSource(fake.endpoint, {
            frequency: { hours: 4 },
            recommendations: { rightsizing: true },
          }),
          awsSource(fake.endpoint, {
            id: 'aws-other',
            accountId: '999999999999',
          }),
        ],
      },
    });

    expect(
      addCostSource.mock.calls.map(([s]) => [s.id, s.frequency, s.describe()]),
    ).toEqual([
      [
        'aws-payer',
        { hours: 4 },
        'AWS Cost Explorer of account 111111111111 (AmortizedCost)',
      ],
      [
        'aws-other',
        { hours: 8 },
        'AWS Cost Explorer of account 999999999999 (AmortizedCost)',
      ],
    ]);
    expect(addTipRule.mock.calls.map(([r]) => r.id)).toEqual([
      'aws-recommendations',
    ]);
    // Nothing is asked of AWS at startup.
    expect(fake.requests).toEqual([]);
  });

  it('adds nothing without aws-cost-explorer entries', async () => {
    const { addCostSource, addTipRule } = await startWith({
      finops: {
        sources: [{ id: 'files', type: 'focus-directory', path: '/data' }],
      },
    });
    expect(addCostSource).not.toHaveBeenCalled();
    expect(addTipRule).not.toHaveBeenCalled();
  });

  it('fails to start on bad config, naming the key', async () => {
    await expect(
      startWith({
        finops: {
          sources: [awsSource(fake.endpoint, { metric: 'BlendedCost' })],
        },
      }),
    ).rejects.toThrow(
      'finops.sources[0].metric must be one of AmortizedCost, UnblendedCost, NetAmortizedCost, NetUnblendedCost, not "BlendedCost"',
    );
  });

  describe('with the FinOps backend', () => {
    // Today's window: the module reads the real clock.
    const today = todayUtc();
    const window = { from: windowStartOf(today, 3), to: today };

    /** The real FinOps backend plugin and this module, the source configured in finops.sources. */
    async function backendWith(entities: Entity[]) {
      const { server } = await startTestBackend({
        features: [
          finopsPlugin,
          awsModule,
          catalogServiceMock.factory({ entities }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.permissions.mock({
            authorize: async (requests: any[]) =>
              requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          } as any).factory,
          mockServices.rootConfig.factory({
            data: {
              ...awsIntegrationConfig(),
              finops: {
                attribution: { refreshFrequency: { minutes: 60 } },
                sources: [awsSource(fake.endpoint, { backfillMonths: 3 })],
              },
            },
          }),
        ],
      });
      const base = `http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/finops`;
      const get = async (path: string) => {
        const response = await fetch(`${base}${path}`, {
          headers: { Authorization: mockCredentials.user.header() },
        });
        return { status: response.status, body: await response.json() };
      };
      const run = await fetch(`${base}/sources/aws-payer/run`, {
        method: 'POST',
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(run.status).toBe(202);
      let source: any;
      for (let attempt = 0; attempt < 400; attempt++) {
        source = (await get('/sources')).body.items.find(
          (s: any) => s.id === 'aws-payer',
        );
        if (['succeeded', 'failed'].includes(source?.lastImport?.status)) break;
        await new Promise(resolve => setTimeout(resolve, 25));
      }
      return { source, get, server };
    }

    function catalog(fillers: number): Entity[] {
      const component = (name: string, owner: string): Entity => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name, namespace: 'default' },
        spec: { type: 'service', owner, lifecycle: 'production' },
        relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
      });
      const group = (name: string): Entity => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name, namespace: 'default' },
        spec: { type: 'team', children: [] },
      });
      return [
        group('payments'),
        group('web'),
        component('checkout', 'payments'),
        component('cart', 'payments'),
        ...Array.from({ length: fillers }, (_, i) =>
          component(`filler-${i}`, 'web'),
        ),
      ];
    }

    it('imports from Cost Explorer and serves totals equal to the dataset, exactly, with as many requests for 2 000 entities as for 100', async () => {
      const small = await backendWith(catalog(100));
      expect(small.source.lastImport).toMatchObject({ status: 'succeeded' });
      const smallRequests = fake.costRequests().length;
      // What the source reported is kept on the import.
      expect(small.source.lastImport.apiRequests).toEqual({
        requests: smallRequests,
        pages: smallRequests,
        estimatedCostUsd: (smallRequests / 100).toFixed(2),
      });

      const coverage = await small.get(
        `/coverage?from=${window.from}&to=${window.to}`,
      );
      expect(coverage.status).toBe(200);
      expect(coverage.body.total).toEqual({
        amount: formatDecimal(
          totalOf(fake.state.items, window.from, window.to),
        ),
        currency: 'USD',
      });

      // checkout: every charge whose first tag key is service=checkout; cart: backstage.io/component=cart.
      const expected = expectedPartition(fake.state.items, TAG_KEYS, window);
      const sumWhere = (tagKey: string, value: string) =>
        [...expected]
          .filter(
            ([key]) =>
              key.split(' | ')[2] === tagKey && key.split(' | ')[3] === value,
          )
          .reduce((sum, [, v]) => sum + v.effective, 0n);
      const checkout = await small.get(
        `/costs?entityRef=component:default/checkout&from=${window.from}&to=${window.to}`,
      );
      expect(checkout.body.total).toEqual({
        amount: formatDecimal(sumWhere('service', 'checkout')),
        currency: 'USD',
      });
      const cart = await small.get(
        `/costs?entityRef=component:default/cart&from=${window.from}&to=${window.to}`,
      );
      expect(cart.body.total).toEqual({
        amount: formatDecimal(sumWhere('backstage.io/component', 'cart')),
        currency: 'USD',
      });
      await small.server.close();

      const large = await backendWith(catalog(2000));
      expect(large.source.lastImport).toMatchObject({ status: 'succeeded' });
      expect(fake.costRequests().length - smallRequests).toBe(smallRequests);
      const largeCoverage = await large.get(
        `/coverage?from=${window.from}&to=${window.to}`,
      );
      expect(largeCoverage.body.total).toEqual(coverage.body.total);
      await large.server.close();
    });
  });
});
