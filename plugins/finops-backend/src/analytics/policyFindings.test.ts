import { moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import type { StoredCostKey } from '../core';
import { policyFindings } from './policyFindings';

let nextId = 1;
const key = (tags: Record<string, string>, entityRef: string | null = null, subAccountId = 'sub-1'): StoredCostKey => ({
  id: nextId++,
  hash: String(nextId),
  tagsJson: JSON.stringify(tags),
  billingAccountId: 'payer',
  subAccountId,
  entityRef,
  rule: entityRef ? 'entityTagKey' : null,
  detail: entityRef ? 'test' : 'unallocated',
});
const item = (k: StoredCostKey, amount: string) => ({ key: k, amount: moneyFromDecimal(amount) });

describe('policyFindings', () => {
  const requiredTags = [
    { key: 'environment', values: ['prod', 'staging', 'dev'], severity: 'error' as const },
    { key: 'cost-center', severity: 'warn' as const },
    { key: 'ignored', severity: 'off' as const },
  ];

  it('finds missing tags, values outside the allowed set and ownership tags naming no entity, each with its exact cost, worst first', () => {
    const findings = policyFindings({
      keys: [
        item(key({ service: 'checkout-api', environment: 'prod', 'cost-center': 'cc1' }, 'component:default/checkout-api'), '500'),
        item(key({ service: 'old-billing', Environment: 'production' }), '0.1'),
        item(key({ service: 'old-billing', environment: 'production', 'cost-center': 'cc2' }), '0.2'),
        item(key({ team: 'payments-legacy', environment: 'dev', 'cost-center': 'cc3' }), '300'),
        item(key({}), '7.000000000000000001'),
      ],
      requiredTags,
      ownershipTagKeys: ['service', 'team'],
      days: 15,
    });
    expect(findings.map(f => [f.kind, f.severity, f.tagKey, f.value, f.amount, f.monthlyAmount, f.costKeys])).toEqual([
      ['names-no-entity', 'warn', 'team', 'payments-legacy', '300', '600', 1],
      ['missing-tag', 'warn', 'cost-center', null, '7.100000000000000001', '14.200000000000000002', 2],
      ['missing-tag', 'error', 'environment', null, '7.000000000000000001', '14.000000000000000002', 1],
      ['names-no-entity', 'warn', 'service', 'old-billing', '0.3', '0.6', 2],
      ['value-not-allowed', 'error', 'environment', 'production', '0.3', '0.6', 2],
    ]);
    expect(findings[3].examples.map(e => e.amount)).toEqual(['0.2', '0.1']);
    expect(findings[4].message).toBe('environment=production is not an allowed value of environment (prod, staging, dev)');
  });

  it('finds nothing when every resource follows the policy', () => {
    expect(
      policyFindings({
        keys: [item(key({ service: 'a', environment: 'dev', 'cost-center': 'x' }, 'component:default/a'), '10')],
        requiredTags,
        ownershipTagKeys: ['service'],
        days: 30,
      }),
    ).toEqual([]);
  });
});
