import {
  annotationFor,
  confidenceLevel,
  sortFindings,
  type PolicyFinding,
  type UnallocatedItem,
} from './ownership';

const item: UnallocatedItem = {
  tags: { team: 'Team_Payments', service: "it's-api" },
  billingAccountId: '111111111111',
  subAccountId: '222222222222',
  amount: '120.5',
  topResources: [],
  suggestions: [],
};

describe('annotationFor', () => {
  it("builds cost-tags from the item's tags, sorted and quoted for YAML", () => {
    const annotation = annotationFor(item, {
      entityRef: 'group:default/team-payments',
      confidence: 0.8,
      evidence: [
        { kind: 'tagValue', detail: 'Team_Payments is team-payments' },
      ],
    });
    expect(annotation.key).toBe('finops.backstage.io/cost-tags');
    expect(annotation.value).toBe("service=it's-api,team=Team_Payments");
    expect(annotation.yaml).toBe(
      "metadata:\n  annotations:\n    finops.backstage.io/cost-tags: 'service=it''s-api,team=Team_Payments'",
    );
  });

  it('builds cloud-accounts when the evidence is the account', () => {
    const annotation = annotationFor(item, {
      entityRef: 'component:default/checkout-api',
      confidence: 0.6,
      evidence: [{ kind: 'accountSpend', detail: '90 % goes to checkout-api' }],
    });
    expect(annotation.yaml).toBe(
      "metadata:\n  annotations:\n    finops.backstage.io/cloud-accounts: '222222222222'",
    );
  });

  it('builds cloud-accounts for an untagged item, from the billing account without a sub-account', () => {
    const annotation = annotationFor(
      { ...item, tags: {}, subAccountId: '' },
      { entityRef: 'component:default/a', confidence: 0.3, evidence: [] },
    );
    expect(annotation.key).toBe('finops.backstage.io/cloud-accounts');
    expect(annotation.value).toBe('111111111111');
  });
});

describe('confidenceLevel', () => {
  it('is high from 0.5, medium from 0.25, else low', () => {
    expect(confidenceLevel(0.5)).toBe('high');
    expect(confidenceLevel(0.49)).toBe('medium');
    expect(confidenceLevel(0.25)).toBe('medium');
    expect(confidenceLevel(0.1)).toBe('low');
  });
});

describe('sortFindings', () => {
  it('puts the most costly first, exactly', () => {
    const finding = (amount: string) => ({ amount } as PolicyFinding);
    expect(
      sortFindings([
        finding('0.3'),
        finding('100000000000000000.02'),
        finding('100000000000000000.01'),
      ]).map(f => f.amount),
    ).toEqual(['100000000000000000.02', '100000000000000000.01', '0.3']);
  });
});
