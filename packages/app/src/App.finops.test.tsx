import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from './App';

// The demo app, rendered at a component's pages with the backend faked at the
// fetch level: proves that the FinOps plugin's tab and card are wired in.

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

const costs = {
  entityRef: 'component:default/checkout-api',
  from: '2026-01-01',
  to: '2026-01-03',
  granularity: 'day',
  costMetric: 'EffectiveCost',
  currency: 'USD',
  currencies: ['USD'],
  total: { amount: '42', currency: 'USD' },
  previousTotal: { amount: '40', currency: 'USD' },
  changeRatio: 0.05,
  series: [
    { date: '2026-01-01', amount: '20' },
    { date: '2026-01-02', amount: '22' },
  ],
  groups: [
    {
      key: 'Amazon EC2',
      amount: '42',
      series: [
        { date: '2026-01-01', amount: '20' },
        { date: '2026-01-02', amount: '22' },
      ],
    },
  ],
  includedEntityRefs: ['component:default/checkout-api'],
  hiddenEntityCount: 0,
  attributionTagKeys: { entity: ['service'], owner: ['team'] },
};

const overview = {
  from: '2026-01-01',
  to: '2026-01-03',
  granularity: 'day',
  costMetric: 'EffectiveCost',
  currency: 'USD',
  currencies: ['USD'],
  total: { amount: '142', currency: 'USD' },
  previousTotal: { amount: '100', currency: 'USD' },
  changeRatio: 0.42,
  series: costs.series,
  byTeam: [{ key: 'group:default/team-payments', amount: '142' }],
  byServiceCategory: [{ key: 'Compute', amount: '142' }],
  byAccount: [{ key: '123456789012', amount: '142' }],
  byProvider: [{ key: 'AWS', amount: '142' }],
  movers: { minimumAmount: '100', increases: [], decreases: [] },
  coverage: { allocatedPercent: 100, monthly: [] },
  sources: [],
  dataThrough: null,
  settlingFrom: null,
  settleDays: 0,
  unitCosts: [],
};

const base64url = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

const guestSession = {
  profile: {},
  providerInfo: {},
  backstageIdentity: {
    token: [
      base64url({ alg: 'none', typ: 'JWT' }),
      base64url({
        sub: 'user:default/guest',
        ent: ['user:default/guest'],
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
      'signature',
    ].join('.'),
    identity: {
      type: 'user',
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest'],
    },
  },
};

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

describe('App with the FinOps plugin', () => {
  const originalFetch = global.fetch;
  let requested: string[];

  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    requested = [];
    // Forget the previous test's guest sign-in.
    window.localStorage.clear();
    global.fetch = jest.fn(async (input: any) => {
      const url = String(input?.url ?? input);
      requested.push(url);
      if (url.includes('/api/auth/guest/refresh')) {
        return json(guestSession);
      }
      const path = new URL(url).pathname;
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
      if (url.includes('/api/finops/costs?')) {
        return json(costs);
      }
      if (url.includes('/api/finops/overview?')) {
        return json(overview);
      }
      if (url.includes('/api/finops/coverage?')) {
        return json({
          ...overview,
          allocated: overview.total,
          unallocated: { amount: '0', currency: 'USD' },
          allocatedPercent: 100,
          unallocatedItems: [],
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

  async function openAsGuest(path: string) {
    window.history.pushState({}, '', path);
    render(App.createRoot());
    await userEvent.click(await screen.findByRole('button', { name: 'Enter' }));
  }

  // One flow, because the app keeps its router and session across renders.
  it('shows the cost card, the Cost tab of a component, and the FinOps page from the sidebar', async () => {
    await openAsGuest('/catalog/default/component/checkout-api');

    const cardTotal = await screen.findByTestId(
      'finops-card-total',
      {},
      { timeout: 20_000 },
    );
    expect(cardTotal).toHaveTextContent('$42.00');
    expect(requested).toContainEqual(
      expect.stringContaining(
        '/api/finops/costs?entityRef=component%3Adefault%2Fcheckout-api',
      ),
    );
    const tabs = screen.getByRole('navigation', { name: 'Content navigation' });
    expect(within(tabs).getByRole('link', { name: 'Cost' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/cost',
    );

    const card = screen
      .getByTestId('finops-cost-card')
      .closest('.MuiCard-root');
    const link = within(card as HTMLElement).getByRole('link', {
      name: /Cost details/,
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/cost',
    );
    await userEvent.click(link);

    expect(
      await screen.findByTestId('finops-total', {}, { timeout: 20_000 }),
    ).toHaveTextContent('$42.00');
    expect(
      screen
        .getByTestId('finops-cost-chart')
        .querySelector('.recharts-surface'),
    ).not.toBeNull();
    expect(requested).toContainEqual(
      expect.stringContaining('groupBy=service'),
    );

    // The sidebar leads to the FinOps page, which opens on its overview.
    const sidebarLink = screen.getByRole('link', { name: 'FinOps' });
    expect(sidebarLink).toHaveAttribute('href', '/finops');
    await userEvent.click(sidebarLink);
    expect(
      await screen.findByTestId('finops-org-total', {}, { timeout: 20_000 }),
    ).toHaveTextContent('$142.00');
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Compare' })).toBeInTheDocument();
    expect(requested).toContainEqual(
      expect.stringContaining('/api/finops/overview?from='),
    );
  }, 60_000);
});
