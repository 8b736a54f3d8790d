import type { Tip, TipsResponse } from '../../lib/tips';
import { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import type { ApiRef } from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import type {
  CostResponse,
  DeclaredMetric,
  MetricsListResponse,
  OverviewResponse,
  UnitCostResponse,
} from '@backstage-finops/plugin-finops-common';
import { FinopsApi, finopsApiRef } from '../../api';
import type {
  AnomaliesResponse,
  Anomaly,
  BudgetResponse,
  ForecastResponse,
} from '../../lib/operate';

export const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

/** A cost response for checkout-api; amounts are decimal strings as the API sends them. */
export function costResponse(
  overrides: Partial<CostResponse> = {},
): CostResponse {
  return {
    entityRef: 'component:default/checkout-api',
    from: '2026-02-14',
    to: '2026-03-16',
    granularity: 'day',
    groupBy: 'service',
    costMetric: 'EffectiveCost',
    currency: 'USD',
    currencies: ['USD'],
    total: { amount: '1234.5', currency: 'USD' },
    previousTotal: { amount: '1000', currency: 'USD' },
    changeRatio: 0.2345,
    series: [
      { date: '2026-03-13', amount: '400' },
      { date: '2026-03-14', amount: '434.5' },
      { date: '2026-03-15', amount: '400' },
    ],
    groups: [
      {
        key: 'Amazon Elastic Compute Cloud',
        amount: '800',
        series: [
          { date: '2026-03-13', amount: '260' },
          { date: '2026-03-14', amount: '280' },
          { date: '2026-03-15', amount: '260' },
        ],
      },
      {
        key: 'Amazon Relational Database Service',
        amount: '300',
        series: [
          { date: '2026-03-13', amount: '100' },
          { date: '2026-03-14', amount: '100' },
          { date: '2026-03-15', amount: '100' },
        ],
      },
      {
        key: 'Amazon Simple Storage Service',
        amount: '134.5',
        series: [
          { date: '2026-03-13', amount: '40' },
          { date: '2026-03-14', amount: '54.5' },
          { date: '2026-03-15', amount: '40' },
        ],
      },
    ],
    includedEntityRefs: ['component:default/checkout-api'],
    hiddenEntityCount: 0,
    dataThrough: '2026-03-15',
    settlingFrom: '2026-03-14',
    settleDays: 2,
    attributionTagKeys: {
      entity: ['backstage.io/component', 'service', 'application'],
      owner: ['team', 'owner'],
    },
    ...overrides,
  };
}

export function emptyCostResponse(
  overrides: Partial<CostResponse> = {},
): CostResponse {
  return costResponse({
    total: { amount: '0', currency: 'USD' },
    previousTotal: { amount: '0', currency: 'USD' },
    changeRatio: null,
    series: [
      { date: '2026-03-14', amount: '0' },
      { date: '2026-03-15', amount: '0' },
    ],
    groups: [],
    ...overrides,
  });
}

/**
 * The error the FinOps client throws for a failed request: a ResponseError
 * built from a response with the backend's JSON error body.
 */
export async function responseError(
  status: number,
  statusText: string,
  error: { name: string; message: string },
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error, response: { statusCode: status } }), {
      status,
      statusText,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

/**
 * `GET /budgets` for checkout-api in March 2026: a 3000 USD budget from the
 * annotation, 1234.50 spent through the 15th, a month-end forecast of
 * 2600.10 (80 %: 2400 to 2800.20), on track.
 */
export function budgetResponse(
  overrides: Partial<BudgetResponse> = {},
): BudgetResponse {
  return {
    entityRef: 'component:default/checkout-api',
    month: '2026-03',
    budget: {
      amount: '3000',
      currency: 'USD',
      source: 'annotation',
      updatedBy: null,
      updatedAt: null,
    },
    membersBudget: null,
    membersBudgetOtherCurrencies: 0,
    monthToDate: { amount: '1234.5', currency: 'USD' },
    forecast: {
      method: 'seasonal-trend',
      amount: '2600.1',
      low: '2400',
      high: '2800.2',
    },
    status: 'on-track',
    dataThrough: '2026-03-15',
    includedEntityRefs: ['component:default/checkout-api'],
    hiddenEntityCount: 0,
    ...overrides,
  };
}

/** The same month without a budget. */
export function noBudgetResponse(
  overrides: Partial<BudgetResponse> = {},
): BudgetResponse {
  return budgetResponse({ budget: null, status: null, ...overrides });
}

/**
 * `GET /forecast?months=3` for checkout-api: March (to date plus the rest)
 * and three months after it; the backtest of February (recorded on days 5
 * and 10, recomputed on day 20) and January (day 5 off by 25 %).
 */
export function forecastResponse(
  overrides: Partial<ForecastResponse> = {},
): ForecastResponse {
  const entry = (
    month: string,
    madeOnDay: number,
    forecast: string,
    actual: string,
    errorRatio: number,
    recorded = true,
  ) => ({ month, madeOnDay, forecast, actual, errorRatio, recorded });
  return {
    entityRef: 'component:default/checkout-api',
    method: 'seasonal-trend',
    currency: 'USD',
    dataThrough: '2026-03-15',
    months: [
      { month: '2026-03', amount: '2600.1', low: '2400', high: '2800.2' },
      { month: '2026-04', amount: '2700', low: '2300', high: '3100' },
      { month: '2026-05', amount: '2750.5', low: '2250', high: '3250' },
      { month: '2026-06', amount: '2800', low: '2200', high: '3400' },
    ],
    backtest: [
      entry('2026-01', 5, '2875', '2300', 0.25),
      entry('2026-01', 10, '2400', '2300', 0.04347826),
      entry('2026-01', 20, '2310', '2300', 0.00434783),
      entry('2026-02', 5, '2420', '2300', 0.05217391),
      entry('2026-02', 10, '2250', '2300', -0.02173913),
      entry('2026-02', 20, '2290', '2300', -0.00434783, false),
    ],
    ...overrides,
  };
}

/**
 * An anomaly of checkout-api as `GET /anomalies` lists it: a spike on
 * 2026-03-13, 371.10 above the expected 70.10, driven by DynamoDB writes to
 * one table.
 */
export function anomaly(overrides: Partial<Anomaly> = {}): Anomaly {
  return {
    id: 'anomaly-1',
    entityRef: 'component:default/checkout-api',
    date: '2026-03-13',
    currency: 'USD',
    actual: '441.2',
    expected: '70.1',
    impact: '371.1',
    impactRatio: 5.29386591,
    direction: 'spike',
    contributors: [
      { dimension: 'service', key: 'Amazon DynamoDB', impact: '360.5' },
      { dimension: 'service', key: 'Amazon EC2', impact: '10.4' },
      { dimension: 'service', key: '(other)', impact: '0.2' },
      { dimension: 'account', key: '482916301754', impact: '371.1' },
      { dimension: 'region', key: 'us-east-1', impact: '371.1' },
      {
        dimension: 'resource',
        key: 'arn:aws:dynamodb:us-east-1:482916301754:table/checkout-api-orders',
        impact: '360.5',
      },
      { dimension: 'resource', key: 'i-0548bcf12adebc98f', impact: '10.1' },
      { dimension: 'resource', key: '(other)', impact: '0.5' },
    ],
    status: 'open',
    feedback: null,
    detectedAt: '2026-03-15T06:00:00Z',
    ...overrides,
  };
}

/** `GET /anomalies` with the anomalies given, checked at 08:00 on the 15th. */
export function anomaliesResponse(
  anomalies: Anomaly[] = [anomaly()],
  overrides: Partial<AnomaliesResponse> = {},
): AnomaliesResponse {
  return {
    entityRef: 'component:default/checkout-api',
    anomalies,
    hiddenEntityCount: 0,
    evaluatedAt: '2026-03-15T08:00:00Z',
    ...overrides,
  };
}

/**
 * What the Cost tab's budget, forecast and anomaly cards get unless a test
 * says otherwise: no budget, nothing to forecast, no anomalies.
 */
/** A tip of checkout-api as GET /tips answers: a gp2 volume worth moving to gp3. */
export function tip(overrides: Partial<Tip> = {}): Tip {
  return {
    id: 'a1e847a251dafded269520ee',
    rule: 'gp2-to-gp3',
    title: 'Move vol-0a1b2c3d to gp3',
    description: 'Change the volume type to gp3 in place; no downtime.',
    entityRef: 'component:default/checkout-api',
    resources: [
      {
        resourceId: 'arn:aws:ec2:us-east-1:482916301754:volume/vol-0a1b2c3d',
        serviceName: 'Amazon Elastic Block Store',
      },
    ],
    estimatedMonthlySavings: { amount: '24.35', currency: 'USD' },
    method: '20 % of $121.75/month gp2 storage cost over the last 28 days',
    effort: 'low',
    risk: 'low',
    status: 'open',
    decision: null,
    active: true,
    firstSeenAt: '2026-03-10T02:00:00Z',
    ...overrides,
  };
}

/** GET /tips with these tips, evaluated two hours before the frozen date. */
export function tipsResponse(
  tips: Tip[],
  overrides: Partial<TipsResponse> = {},
): TipsResponse {
  return {
    entityRef: 'component:default/checkout-api',
    tips,
    totalEstimatedMonthlySavings: { amount: '24.35', currency: 'USD' },
    otherCurrencyTotals: [],
    hiddenEntityCount: 0,
    evaluatedAt: '2026-03-15T08:00:00Z',
    ...overrides,
  };
}

const OPERATE_DEFAULTS: Partial<FinopsApi> = {
  getBudget: async () =>
    noBudgetResponse({
      monthToDate: { amount: '0', currency: 'USD' },
      forecast: null,
    }),
  getForecast: async () =>
    forecastResponse({ method: 'no-data', months: [], backtest: [] }),
  getAnomalies: async () => anomaliesResponse([]),
  getTips: async () => tipsResponse([]),
  // The Cost tab's metadata status hides itself when compliance cannot be read: out of the way unless a test asks.
  getOwnershipCompliance: async () => {
    throw new Error('no compliance in this test');
  },
};

/** Renders children for an entity with a fake FinOps API (and other APIs given). */
export function Wrapper(props: {
  api: Partial<FinopsApi>;
  entity?: Entity;
  apis?: [ApiRef<any>, any][];
  children: ReactNode;
}) {
  return (
    <TestApiProvider
      apis={
        [
          [finopsApiRef, { ...OPERATE_DEFAULTS, ...props.api }],
          ...(props.apis ?? []),
        ] as any
      }
    >
      <EntityProvider entity={props.entity ?? checkoutApi}>
        {props.children}
      </EntityProvider>
    </TestApiProvider>
  );
}

/** Fakes only Date, so that periods are deterministic while timers stay real. */
export function freezeDate(iso: string) {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** Shows the current path and query string, for tests of URL state. */
export function LocationDisplay() {
  const location = useLocation();
  return (
    <div data-testid="location">{`${location.pathname}${location.search}`}</div>
  );
}

/** The query string's parameters that LocationDisplay shows. */
export function shownSearchParams(text: string | null): URLSearchParams {
  const value = text ?? '';
  return new URLSearchParams(
    value.includes('?') ? value.slice(value.indexOf('?')) : '',
  );
}

export const teamPayments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export const engineering: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'engineering', namespace: 'default' },
  spec: { type: 'department', children: ['team-payments', 'team-data'] },
  relations: [
    { type: 'parentOf', targetRef: 'group:default/team-payments' },
    { type: 'parentOf', targetRef: 'group:default/team-data' },
  ],
};

/** A point of a series on the fixtures' one day. */
function onDay(amount: string) {
  return [{ date: '2026-03-15', amount }];
}

/**
 * A team's `groupBy=entity` answer: its components, a resource, and spend
 * tagged with the team itself; amounts chosen so that float sums would be off.
 */
export function teamResponse(
  overrides: Partial<CostResponse> = {},
): CostResponse {
  return costResponse({
    entityRef: 'group:default/team-payments',
    groupBy: 'entity',
    total: { amount: '1000.3', currency: 'USD' },
    previousTotal: { amount: '900.2', currency: 'USD' },
    changeRatio: 0.11119751,
    series: onDay('1000.3'),
    groups: [
      {
        key: 'component:default/checkout-api',
        amount: '600.1',
        previousAmount: '500.1',
        changeRatio: 0.19996001,
        series: onDay('600.1'),
      },
      {
        key: 'component:default/fraud-detector',
        amount: '300.1',
        previousAmount: '350.1',
        changeRatio: -0.14281634,
        series: onDay('300.1'),
      },
      {
        key: 'resource:default/payments-db',
        amount: '0.1',
        previousAmount: '0',
        changeRatio: null,
        series: onDay('0.1'),
      },
      {
        key: 'group:default/team-payments',
        amount: '100',
        previousAmount: '50',
        changeRatio: 1,
        series: onDay('100'),
      },
    ],
    includedEntityRefs: [
      'group:default/team-payments',
      'component:default/checkout-api',
      'component:default/fraud-detector',
      'resource:default/payments-db',
      'system:default/payments',
    ],
    ...overrides,
  });
}

/** A metric checkout-api declares, as `GET /metrics` lists it. */
export function declaredMetric(
  overrides: Partial<DeclaredMetric> = {},
): DeclaredMetric {
  return {
    metric: 'requests',
    unit: 'request',
    entityRefs: ['component:default/checkout-api'],
    lastDate: '2026-03-15',
    source: 'api',
    days: 90,
    ...overrides,
  };
}

/** `GET /metrics` for checkout-api declaring the metrics given. */
export function metricsList(
  metrics: DeclaredMetric[] = [declaredMetric()],
  entityRef = 'component:default/checkout-api',
): MetricsListResponse {
  return { entityRef, metrics };
}

/**
 * A `GET /unit-costs` answer for checkout-api's requests, as the API sends
 * it: decimal strings, unit costs to 12 significant digits. Cost rose 20 %
 * while requests rose 50 %, so each request costs 20 % less. 2026-03-14 is
 * a gap: cost but no requests value, its $430 left out as uncovered.
 */
export function unitCostResponse(
  overrides: Partial<UnitCostResponse> = {},
): UnitCostResponse {
  return {
    entityRef: 'component:default/checkout-api',
    metric: 'requests',
    unit: 'request',
    currency: 'USD',
    currencies: ['USD'],
    from: '2026-02-14',
    to: '2026-03-16',
    granularity: 'day',
    includedEntityRefs: ['component:default/checkout-api'],
    hiddenEntityCount: 0,
    series: [
      {
        date: '2026-03-13',
        cost: '400',
        quantity: '32000000',
        unitCost: '0.0000125',
        uncoveredCost: '0',
        uncoveredQuantity: '0',
      },
      {
        date: '2026-03-14',
        cost: null,
        quantity: null,
        unitCost: null,
        uncoveredCost: '430',
        uncoveredQuantity: '0',
      },
      {
        date: '2026-03-15',
        cost: '830',
        quantity: '68000000',
        unitCost: '0.0000122058823529',
        uncoveredCost: '0',
        uncoveredQuantity: '0',
      },
    ],
    total: { cost: '1230', quantity: '100000000', unitCost: '0.0000123' },
    previousTotal: {
      cost: '1025',
      quantity: '66666667',
      unitCost: '0.0000153749999231',
    },
    changeRatio: -0.199999996,
    costChangeRatio: 0.2,
    quantityChangeRatio: 0.49999999,
    uncoveredCost: '430',
    uncoveredQuantity: '0',
    dataThrough: '2026-03-15',
    ...overrides,
  };
}

/**
 * `GET /overview`'s `unitCosts`, as the API sends them, by metric name:
 * orders over two entities ($1.74 per thousand, down 3.9 % as cost rose
 * 0.8 % and orders 4.9 %), requests over three ($12.31 per million), and
 * signups, declared but without a single value yet: no unit cost (null,
 * never 0), its cost left out as uncovered.
 */
export function organisationUnitCosts(): OverviewResponse['unitCosts'] {
  return [
    {
      metric: 'orders',
      unit: null,
      entityRefs: [
        'component:default/checkout-api',
        'component:default/storefront',
      ],
      total: {
        cost: '1925.6731942',
        quantity: '1106734',
        unitCost: '0.00173996027428',
      },
      previousTotal: {
        cost: '1910.3884',
        quantity: '1055012',
        unitCost: '0.00181077409546',
      },
      changeRatio: -0.03910693,
      costChangeRatio: 0.00800088,
      quantityChangeRatio: 0.04902503,
      uncoveredCost: '0',
    },
    {
      metric: 'requests',
      unit: 'request',
      entityRefs: [
        'component:default/checkout-api',
        'component:default/payments-api',
        'component:default/storefront',
      ],
      total: {
        cost: '4210.5',
        quantity: '342118000',
        unitCost: '0.0000123071571797',
      },
      previousTotal: {
        cost: '3980',
        quantity: '301000000',
        unitCost: '0.0000132225913621',
      },
      changeRatio: -0.06923259,
      costChangeRatio: 0.05791457,
      quantityChangeRatio: 0.13660465,
      uncoveredCost: '0',
    },
    {
      metric: 'signups',
      unit: null,
      entityRefs: ['component:default/accounts-api'],
      total: { cost: '0', quantity: '0', unitCost: null },
      previousTotal: { cost: '0', quantity: '0', unitCost: null },
      changeRatio: null,
      costChangeRatio: null,
      quantityChangeRatio: null,
      uncoveredCost: '310.2',
    },
  ];
}
