import { moneyFromDecimal } from '@backstage-finops/plugin-finops-common';
import { CatalogIndex } from '../attribution/CatalogIndex';
import { entity } from '../attribution/testCatalog';
import { AttributedCostKey, OwnerSuggester, suggestOwners, SuggestionSettings, UnallocatedSpend } from './suggestOwners';

const settings: SuggestionSettings = {
  entityTagKeys: ['backstage.io/component', 'service', 'application'],
  ownerTagKeys: ['team', 'owner'],
  entityKinds: ['Component', 'Resource', 'System'],
};

const owned = (ref: string, owner: string, annotations: Record<string, string> = {}) =>
  entity(ref, { annotations, relations: [['ownedBy', owner]] });

const index = new CatalogIndex([
  entity('group:default/payments'),
  entity('group:default/search'),
  entity('group:default/identity'),
  owned('component:default/checkout-api', 'group:default/payments'),
  owned('component:default/ledger-service', 'group:default/payments'),
  owned('component:default/fraud-detector', 'group:default/payments'),
  owned('component:default/search-indexer', 'group:default/search'),
  owned('component:default/search', 'group:default/search'),
  owned('component:default/login-api', 'group:default/identity'),
  owned('component:default/logon-api', 'group:default/identity'),
  owned('component:default/token-store', 'group:default/identity', { 'finops.backstage.io/cloud-accounts': '555' }),
  owned('component:default/api', 'group:default/identity'),
]);

const money = moneyFromDecimal;
const item = (tags: Record<string, string>, extra: Partial<UnallocatedSpend> = {}): UnallocatedSpend => ({
  tags,
  billingAccountId: 'b-1',
  subAccountId: 'shared-1',
  amount: money('100'),
  topResources: [],
  ...extra,
});
const key = (entityRef: string, tags: Record<string, string>, subAccountId = 'shared-1', amount = '10'): AttributedCostKey => ({
  tags,
  billingAccountId: 'b-1',
  subAccountId,
  entityRef,
  amount: money(amount),
});

/** Spread over three teams, so the shared account points nowhere. */
const attributedInShared = [
  key('component:default/checkout-api', { service: 'checkout-api' }),
  key('component:default/search-indexer', { service: 'search-indexer' }),
  key('component:default/login-api', { service: 'login-api' }),
];

const suggester = (attributed: AttributedCostKey[] = attributedInShared) => new OwnerSuggester(index, attributed, settings);
const top = (tags: Record<string, string>, extra: Partial<UnallocatedSpend> = {}, attributed?: AttributedCostKey[]) =>
  suggester(attributed).suggest(item(tags, extra))[0];

describe('suggestOwners: tag values', () => {
  it('finds a name in other separators, case and camelCase, and says so', () => {
    const separators = top({ service: 'checkout_api' });
    expect(separators.entityRef).toBe('component:default/checkout-api');
    expect(separators.evidence[0]).toEqual({ kind: 'tagValue', detail: "tag service=checkout_api is checkout-api with '_' for '-'" });
    expect(top({ service: 'Checkout.API' }).evidence[0].detail).toBe("tag service=Checkout.API is checkout-api in other case, with '.' for '-'");
    expect(top({ service: 'checkoutApi' }).evidence[0].detail).toBe('tag service=checkoutApi is checkout-api written in camelCase');
    expect(top({ app: 'checkout-api' }).evidence[0].detail).toBe(
      'tag app=checkout-api names component:default/checkout-api, but attribution does not read the tag key app',
    );
    expect(separators.confidence).toBeGreaterThan(0.8);
  });

  it('drops known prefixes, suffixes and environment words', () => {
    const prefixed = top({ service: 'svc-checkout-api-prod' });
    expect(prefixed.entityRef).toBe('component:default/checkout-api');
    expect(prefixed.evidence[0].detail).toBe("tag service=svc-checkout-api-prod is checkout-api with 'svc-', '-prod' around it");
    expect(top({ service: 'ledger-prod' }).entityRef).toBe('component:default/ledger-service');
    expect(top({ team: 'payments-team' }).entityRef).toBe('group:default/payments');
  });

  it('finds typos by edit distance and scores them below exact spellings', () => {
    const typo = top({ service: 'checkuot-api' });
    expect(typo.entityRef).toBe('component:default/checkout-api');
    expect(typo.evidence[0].detail).toBe('tag service=checkuot-api is 1 edit from checkout-api (a typo?)');
    expect(typo.confidence).toBeLessThan(top({ service: 'checkout_api' }).confidence);
    expect(top({ owner: 'paymnts' }).entityRef).toBe('group:default/payments');
  });

  it('matches whole names only: a short or generic value does not match every name containing it', () => {
    const suggestions = suggester().suggest(item({ service: 'indexer' }));
    expect(suggestions).toEqual([]);
    // `api` names the component called api, and nothing else.
    expect(suggester().suggest(item({ service: 'api' })).map(s => s.entityRef)).toEqual(['component:default/api']);
    expect(suggester().suggest(item({ service: 'apis' }))).toEqual([]);
    expect(suggester().suggest(item({ env: 'prod', region: 'eu-west-1' }))).toEqual([]);
  });

  it('does not read a value made of catalogued words as a typo of a name one edit away', () => {
    const catalog = new CatalogIndex([entity('component:default/orders-worker'), entity('component:default/order-api')]);
    const own = new OwnerSuggester(catalog, [], settings);
    expect(own.suggest(item({ service: 'order-worker' }))).toEqual([]);
    expect(own.suggest(item({ service: 'orderz-worker' })).map(s => s.entityRef)).toEqual(['component:default/orders-worker']);
  });

  it('gives two equally close names a lower confidence than one', () => {
    // login-api and logon-api are both one edit from logun-api.
    const tied = suggester().suggest(item({ service: 'logun-api' }));
    expect(tied.map(s => s.entityRef)).toEqual(['component:default/login-api', 'component:default/logon-api']);
    expect(tied[0].confidence).toBe(tied[1].confidence);
    const alone = top({ service: 'ledgr-service' });
    expect(tied[0].confidence).toBeLessThan(alone.confidence / 1.5);
  });

  it('reads owner keys as Groups and entity keys as components', () => {
    expect(suggester().suggest(item({ team: 'search' })).map(s => s.entityRef)).toEqual(['group:default/search']);
    expect(suggester().suggest(item({ service: 'Search' })).map(s => s.entityRef)).toEqual(['component:default/search']);
  });
});

describe('suggestOwners: accounts', () => {
  it('suggests the one entity whose cloud-accounts annotation lists the account', () => {
    const s = top({}, { subAccountId: '555' });
    expect(s.entityRef).toBe('component:default/token-store');
    expect(s.evidence).toEqual([
      { kind: 'accountAnnotation', detail: 'sub-account 555 is listed in finops.backstage.io/cloud-accounts of component:default/token-store alone' },
    ]);
  });

  it('suggests the owner that gets nearly all attributed spend in the account, and not a shared account', () => {
    const attributed = [
      key('component:default/checkout-api', { service: 'checkout-api' }, 'pay-1', '60'),
      key('component:default/ledger-service', { service: 'ledger-service' }, 'pay-1', '35'),
      key('component:default/search', { service: 'search' }, 'pay-1', '5'),
      ...attributedInShared,
    ];
    const s = top({}, { subAccountId: 'pay-1' }, attributed);
    expect(s.entityRef).toBe('group:default/payments');
    expect(s.evidence[0]).toEqual({
      kind: 'accountSpend',
      detail: '95 % of the attributed spend in sub-account pay-1 (3 cost keys) goes to entities owned by group:default/payments',
    });
    expect(suggester(attributed).suggest(item({}, { subAccountId: 'shared-1' }))).toEqual([]);
  });
});

describe('suggestOwners: resources and siblings', () => {
  it('finds entity names inside resource ids, the longest at a place, never generic one-word names', () => {
    const resources = [
      { resourceId: 'arn:aws:lambda:eu-west-1:111:function:search-indexer-prod-handler', amount: money('80') },
      { resourceId: 'arn:aws:apigateway:eu-west-1::/restapis/api', amount: money('20') },
    ];
    const suggestions = suggester().suggest(item({}, { topResources: resources }));
    expect(suggestions.map(s => s.entityRef)).toEqual(['component:default/search-indexer']);
    expect(suggestions[0].evidence[0].detail).toBe(
      "resource arn:aws:lambda:eu-west-1:111:function:search-indexer-prod-handler contains the name search-indexer, 80 % of the top resources' cost",
    );
    expect(top({ Name: 'fraudDetector-worker-3' }).entityRef).toBe('component:default/fraud-detector');
  });

  it('suggests the entity whose attributed cost keys share another tag', () => {
    const attributed = [
      key('component:default/fraud-detector', { service: 'fraud-detector', project: 'sentinel' }),
      key('component:default/fraud-detector', { service: 'fraud-detector', project: 'sentinel', env: 'prod' }),
      key('component:default/search', { service: 'search', env: 'prod' }),
      ...attributedInShared,
    ];
    const s = top({ project: 'Sentinel', env: 'prod' }, {}, attributed);
    expect(s.entityRef).toBe('component:default/fraud-detector');
    expect(s.evidence[0]).toEqual({
      kind: 'siblingTags',
      detail: '100 % of the attributed spend tagged project=Sentinel (2 cost keys) goes to component:default/fraud-detector',
    });
    // env=prod is spread over two teams: no evidence from it.
    expect(s.evidence.some(e => e.detail.includes('env=prod'))).toBe(false);
  });

  it('lets the owner agree with one of its entities', () => {
    const attributed = [
      key('component:default/checkout-api', { service: 'checkout-api' }, 'pay-1', '60'),
      key('component:default/ledger-service', { service: 'ledger-service' }, 'pay-1', '40'),
      key('component:default/checkout-api', { service: 'checkout-api' }, 'pay-1', '60'),
    ];
    const [first, second] = suggester(attributed).suggest(item({ service: 'checkout-apl' }, { subAccountId: 'pay-1' }));
    expect(first.entityRef).toBe('component:default/checkout-api');
    // 75 % of the account's spend is checkout-api's, under the 80 % that would point at it; all of it is the team's.
    expect(first.evidence.map(e => e.kind)).toEqual(['tagValue', 'ownerAgrees']);
    expect(first.evidence[1].detail).toMatch(/^its owner group:default\/payments is suggested too: 100 % of the attributed spend in sub-account pay-1/);
    expect(second.entityRef).toBe('group:default/payments');
  });
});

describe('suggestOwners: ranking', () => {
  const teamAccount = [
    key('component:default/checkout-api', { service: 'checkout-api' }, 'pay-1', '60'),
    key('component:default/ledger-service', { service: 'ledger-service' }, 'pay-1', '40'),
    key('component:default/fraud-detector', { service: 'fraud-detector' }, 'pay-1', '40'),
  ];

  it('tells entities of one owner apart by their own evidence, and lists the likelier one before the owner', () => {
    const suggestions = suggester(teamAccount).suggest(
      item(
        { service: 'checkout-apl' },
        { subAccountId: 'pay-1', topResources: [{ resourceId: 'arn:aws:sqs:eu-west-1:1:ledger-service-dlq', amount: money('5') }] },
      ),
    );
    expect(suggestions.map(s => s.entityRef)).toEqual([
      'component:default/checkout-api',
      'group:default/payments',
      'component:default/ledger-service',
    ]);
    const [checkout, team, ledger] = suggestions;
    // The team's account supports both entities alike; the typo tells them apart.
    expect(checkout.confidence).toBeGreaterThan(0.5);
    expect(ledger.confidence).toBeLessThan(0.5);
    expect(team.confidence).toBeGreaterThan(checkout.confidence);
  });

  it('lists the owner first when none of its entities is more likely than not', () => {
    const resources = [
      { resourceId: 'arn:aws:sqs:eu-west-1:1:ledger-service-dlq', amount: money('5') },
      { resourceId: 'arn:aws:sqs:eu-west-1:1:fraud-detector-dlq', amount: money('5') },
    ];
    const suggestions = suggester(teamAccount).suggest(item({}, { subAccountId: 'pay-1', topResources: resources }));
    expect(suggestions.map(s => s.entityRef)).toEqual([
      'group:default/payments',
      'component:default/fraud-detector',
      'component:default/ledger-service',
    ]);
    expect(suggestions[1].confidence).toBe(suggestions[2].confidence);
    // One resource alone, in the team's account: the entity it names comes first.
    const alone = suggester(teamAccount).suggest(item({}, { subAccountId: 'pay-1', topResources: [resources[0]] }));
    expect(alone.map(s => s.entityRef)).toEqual(['component:default/ledger-service', 'group:default/payments']);
  });
});

describe('suggestOwners', () => {
  it('is deterministic, in [0, 1], ordered by confidence then ref', () => {
    const items = [
      item({ service: 'logun-api', project: 'x' }),
      item({ service: 'checkout_api' }, { subAccountId: '555' }),
      item({}, { topResources: [{ resourceId: 'i-search-indexer', amount: money('1') }] }),
    ];
    const once = suggestOwners(index, items, attributedInShared, settings);
    const reversedCatalog = new CatalogIndex([...index.byRef.values()].reverse());
    const again = suggestOwners(reversedCatalog, items, [...attributedInShared].reverse(), settings);
    expect(again).toEqual(once);
    for (const { suggestions } of once) {
      const confidences = suggestions.map(s => s.confidence);
      expect(confidences.every(c => c >= 0 && c <= 1)).toBe(true);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
    expect(once[1].suggestions.map(s => s.entityRef)).toEqual(['component:default/checkout-api', 'component:default/token-store']);
  });
});
