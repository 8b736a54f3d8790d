import { screen, within } from '@testing-library/react';
import {
  createFrontendModule,
  createTranslationMessages,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import finopsPlugin, {
  finopsTranslationRef,
} from '@backstage-finops/plugin-finops/alpha';
import { finopsApiRef, type FinopsApi } from '@backstage-finops/plugin-finops';

type CostQuery = Parameters<FinopsApi['getCosts']>[0];
type CostResponse = Awaited<ReturnType<FinopsApi['getCosts']>>;

// The catalog and FinOps plugins in a test app, configured the way an app
// configures them: `app.extensions` in app-config.yaml reaches the Cost tab,
// and the app's translation resources reach the FinOps texts.

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    uid: 'checkout-api-uid',
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  relations: [],
};

function costsFor(query: CostQuery): CostResponse {
  return {
    entityRef: 'component:default/checkout-api',
    from: query.from,
    to: query.to,
    granularity: 'day',
    groupBy: query.groupBy,
    costMetric: 'EffectiveCost',
    currency: 'USD',
    currencies: ['USD'],
    total: { amount: '42', currency: 'USD' },
    previousTotal: { amount: '40', currency: 'USD' },
    changeRatio: 0.05,
    series: [{ date: query.from, amount: '42' }],
    groups: [
      {
        key: 'us-east-1',
        amount: '42',
        series: [{ date: query.from, amount: '42' }],
      },
    ],
    includedEntityRefs: ['component:default/checkout-api'],
    hiddenEntityCount: 0,
    dataThrough: null,
    settlingFrom: null,
    settleDays: 0,
    attributionTagKeys: { entity: ['service'], owner: ['team'] },
  };
}

function json(body: unknown, status = 200) {
  return {
    ok: status < 400,
    status,
    statusText: status < 400 ? 'OK' : 'Not Found',
    headers: { get: () => 'application/json' },
    json: async () => body,
    text: async () => JSON.stringify(body),
  };
}

describe('FinOps in a new-frontend-system app', () => {
  const originalFetch = global.fetch;

  beforeEach(() => {
    // The catalog plugin's own client asks the (faked) catalog backend.
    global.fetch = jest.fn(async (input: any) => {
      const path = new URL(String(input?.url ?? input)).pathname;
      if (
        path === '/api/catalog/entities/by-name/component/default/checkout-api'
      ) {
        return json(entity);
      }
      if (path.endsWith('/checkout-api/ancestry')) {
        return json({
          rootEntityRef: 'component:default/checkout-api',
          items: [{ entity, parentEntityRefs: [] }],
        });
      }
      return json(
        { error: { name: 'NotFoundError', message: 'not found' } },
        404,
      );
    }) as any;
  });

  afterEach(() => {
    global.fetch = originalFetch;
  });

  it('starts the Cost tab with the breakdown app.extensions configures', async () => {
    const getCosts = jest.fn(async (query: CostQuery) => costsFor(query));
    renderTestApp({
      features: [catalogPlugin, finopsPlugin],
      config: {
        app: {
          baseUrl: 'http://localhost:3000',
          extensions: [
            {
              'entity-content:finops/cost': {
                config: { defaultGroupBy: 'region' },
              },
            },
          ],
        },
        backend: { baseUrl: 'http://localhost:7007' },
      },
      apis: [
        mockApis.identity({ userEntityRef: 'user:default/guest' }),
        [finopsApiRef, { getCosts }],
      ],
      initialRouteEntries: ['/catalog/default/component/checkout-api/cost'],
    });

    expect(
      await screen.findByTestId('finops-total', {}, { timeout: 20_000 }),
    ).toHaveTextContent('$42.00');
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout-api',
        groupBy: 'region',
      }),
    );
    expect(getCosts).not.toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'service' }),
    );
    expect(screen.getByRole('button', { name: 'Region' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      screen.getByRole('columnheader', { name: 'Region' }),
    ).toBeInTheDocument();
  }, 60_000);

  it("shows the FinOps texts as the app's translation resources reword them", async () => {
    const getCosts = jest.fn(async (query: CostQuery) => costsFor(query));
    const translations = createFrontendModule({
      pluginId: 'app',
      extensions: [
        TranslationBlueprint.make({
          name: 'finops-wording',
          params: {
            resource: createTranslationMessages({
              ref: finopsTranslationRef,
              messages: {
                'entityContent.title': 'Spend',
                'totalCard.title': 'Total spend',
              },
            }),
          },
        }),
      ],
    });
    renderTestApp({
      features: [catalogPlugin, finopsPlugin, translations],
      apis: [
        mockApis.identity({ userEntityRef: 'user:default/guest' }),
        [finopsApiRef, { getCosts }],
      ],
      initialRouteEntries: ['/catalog/default/component/checkout-api/cost'],
    });

    await screen.findByTestId('finops-total', {}, { timeout: 20_000 });
    expect(screen.getByText('Total spend')).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Content navigation' });
    expect(within(tabs).getByRole('link', { name: 'Spend' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/cost',
    );
  }, 60_000);
});
