import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { AttributionStore } from '../database/AttributionStore';
import { AttributionService } from './AttributionService';

const settings = {
  rules: ['entityTagKey', 'costTagsAnnotation'] as const,
  entityTagKeys: ['service'],
  entityKinds: ['Component'],
  ownerTagKeys: [],
};

const component = (name: string, annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

/** A catalog whose entities the test changes, and a store that records writes. */
function setup(maxIndexAgeMs = 60_000) {
  let entities: Entity[] = [component('checkout-api')];
  let streams = 0;
  const catalog = {
    streamEntities: jest.fn(async function* stream() {
      streams++;
      yield entities;
    }),
  } as any;
  const updates: unknown[] = [];
  const store = {
    listCostKeys: async () => [{ id: 1, tagsJson: '{"app":"legacy"}', billingAccountId: 'a', subAccountId: '' }],
    updateAttributions: async (rows: unknown[]) => {
      updates.push(rows);
      return rows.length;
    },
  } as unknown as AttributionStore;
  let now = 1_000_000;
  const service = new AttributionService({
    catalog,
    auth: mockServices.auth(),
    store,
    settings: settings as any,
    logger: mockServices.logger.mock(),
    maxIndexAgeMs,
    now: () => now,
  });
  return {
    service,
    updates,
    streams: () => streams,
    setEntities: (next: Entity[]) => (entities = next),
    advance: (ms: number) => (now += ms),
  };
}

const legacyTags = { tags: { app: 'legacy' }, billingAccountId: 'a', subAccountId: '' };

describe('AttributionService', () => {
  it('loads the catalog for reads without writing attributions', async () => {
    const { service, updates, streams } = setup();
    await service.ensureLoaded();
    await service.ensureLoaded();
    expect(streams()).toBe(1);
    expect(updates).toEqual([]);
    expect(service.attribute({ tags: { service: 'checkout-api' }, billingAccountId: 'a', subAccountId: '' }).entityRef).toBe(
      'component:default/checkout-api',
    );
  });

  it('reads the catalog again once the snapshot is older than the bound, still without writing', async () => {
    const { service, updates, streams, setEntities, advance } = setup(60_000);
    await service.ensureLoaded();
    setEntities([component('checkout-api'), component('legacy-billing', { 'finops.backstage.io/cost-tags': 'app=legacy' })]);
    advance(59_000);
    await service.ensureLoaded();
    expect(service.attribute(legacyTags).entityRef).toBeNull();
    advance(2_000);
    await service.ensureLoaded();
    expect(streams()).toBe(2);
    expect(service.attribute(legacyTags).entityRef).toBe('component:default/legacy-billing');
    expect(updates).toEqual([]);
  });

  it('reloadIndex reads the catalog now; concurrent calls share one read', async () => {
    const { service, streams, setEntities } = setup();
    await service.ensureLoaded();
    setEntities([component('legacy-billing', { 'finops.backstage.io/cost-tags': 'app=legacy' })]);
    await Promise.all([service.reloadIndex(), service.reloadIndex(), service.ensureLoaded()]);
    expect(streams()).toBe(2);
    expect(service.rollup('component:default/legacy-billing')).toEqual(['component:default/legacy-billing']);
    expect(service.attribute(legacyTags).entityRef).toBe('component:default/legacy-billing');
  });

  it('keeps serving the old snapshot when reading the catalog again fails', async () => {
    const { service, advance } = setup(1000);
    await service.ensureLoaded();
    const catalog = (service as any).options.catalog;
    catalog.streamEntities.mockImplementation(() => {
      throw new Error('catalog down');
    });
    advance(5000);
    await expect(service.ensureLoaded()).resolves.toBeUndefined();
    await expect(service.reloadIndex()).rejects.toThrow('catalog down');
    expect(service.rollup('component:default/checkout-api')).toEqual(['component:default/checkout-api']);
  });

  it('reattribute reads the catalog and writes every stored cost key', async () => {
    const { service, updates, setEntities } = setup();
    setEntities([component('legacy-billing', { 'finops.backstage.io/cost-tags': 'app=legacy' })]);
    expect(await service.reattribute()).toBe(1);
    expect(updates).toEqual([[expect.objectContaining({ id: 1, entityRef: 'component:default/legacy-billing', rule: 'costTagsAnnotation' })]]);
  });
});
