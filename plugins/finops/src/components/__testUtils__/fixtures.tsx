import { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import type { CostResponse } from '@backstage-finops/plugin-finops-common';
import { FinopsApi, finopsApiRef } from '../../api';

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

/** Renders children for an entity with a fake FinOps API. */
export function Wrapper(props: {
  api: Partial<FinopsApi>;
  entity?: Entity;
  children: ReactNode;
}) {
  return (
    <TestApiProvider apis={[[finopsApiRef, props.api]]}>
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
