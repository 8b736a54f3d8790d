import { storeDatabases, key, daily, importSlice, total } from '../__testUtils__/storeTesting';

jest.setTimeout(60_000);

const databases = storeDatabases();

describe.each(databases.ids)('AttributionStore on %s', databaseId => {
  const createStores = () => databases.createStores(databaseId);

  it('stores arbitrary tag text safely and attributes by entity', async () => {
    const stores = await createStores();
    const odd = key({ "it's": '100% _under_ "quotes"', '键': 'ü'.repeat(1000), '%': '_' }, 'component:default/a');
    const other = key({ service: 'b' });
    await importSlice(stores, 'i', '2024-09-01', [odd, other], [daily(odd.hash, '2024-09-01', '3'), daily(other.hash, '2024-09-01', '4')]);
    const keys = await stores.attribution.listCostKeys();
    expect(keys.find(k => k.hash === odd.hash)?.tagsJson).toBe(odd.tagsJson);
    expect(await stores.attribution.listCostKeys([keys[1].id])).toEqual([keys[1]]);
    expect(await stores.attribution.listCostKeys([])).toEqual([]);
    expect(await total(stores, { entityRefs: ['component:default/a'] })).toBe('3');
    expect(await total(stores, { entityRefs: null })).toBe('4');
    const changed = await stores.attribution.updateAttributions(
      keys.map(k => ({ id: k.id, entityRef: 'component:default/b', rule: 'entityTagKey' as const, detail: 'moved' })),
    );
    expect(changed).toBe(2);
    expect(await stores.attribution.updateAttributions(keys.map(k => ({ id: k.id, entityRef: 'component:default/b', rule: 'entityTagKey' as const, detail: 'moved' })))).toBe(0);
    expect(await total(stores, { entityRefs: ['component:default/b'] })).toBe('7');
    expect(await total(stores, { entityRefs: null })).toBe('0');
    expect((await stores.attribution.costKeysForResource('i-1')).length).toBe(2);
  });

  it('updates each key to its own attribution when keys differ', async () => {
    const stores = await createStores();
    const keys = ['a', 'b', 'c'].map(service => key({ service }));
    await importSlice(stores, 'i', '2024-09-01', keys, keys.map((k, n) => daily(k.hash, '2024-09-01', String(n + 1), { resourceId: `i-${n}` })));
    const stored = await stores.attribution.listCostKeys();
    const byHash = (hash: string) => stored.find(k => k.hash === hash)!.id;
    const changed = await stores.attribution.updateAttributions([
      { id: byHash(keys[0].hash), entityRef: 'component:default/x', rule: 'entityTagKey', detail: 'tag "service=a"' },
      { id: byHash(keys[1].hash), entityRef: 'component:default/x', rule: 'entityTagKey', detail: 'tag "service=a"' },
      { id: byHash(keys[2].hash), entityRef: 'group:default/y', rule: 'ownerTagKey', detail: 'owner tag' },
    ]);
    expect(changed).toBe(3);
    const after = new Map((await stores.attribution.listCostKeys()).map(k => [k.hash, [k.entityRef, k.rule, k.detail]]));
    expect(keys.map(k => after.get(k.hash))).toEqual([
      ['component:default/x', 'entityTagKey', 'tag "service=a"'],
      ['component:default/x', 'entityTagKey', 'tag "service=a"'],
      ['group:default/y', 'ownerTagKey', 'owner tag'],
    ]);
    expect(await total(stores, { entityRefs: ['component:default/x'] })).toBe('3');
    expect(await total(stores, { entityRefs: ['group:default/y'] })).toBe('3');
  });
});
