import { TestDatabases } from '@backstage/backend-test-utils';
import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import { createFinopsStores, type FinopsStores } from '../database/FinopsStores';
import { attributeCostKey, AttributionSettings } from '../attribution/attributeCostKey';
import { CatalogIndex } from '../attribution/CatalogIndex';
import { entity } from '../attribution/testCatalog';
import { aggregateFocusFiles } from './aggregateFocusFiles';
import { runImport } from './runImport';
import { FOCUS_SAMPLE_PATH, hasFocusSample } from '../__testUtils__/sharedSample';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const settings: AttributionSettings = {
  rules: ['entityTagKey', 'costTagsAnnotation', 'cloudAccountsAnnotation', 'ownerTagKey'],
  entityTagKeys: ['application'],
  entityKinds: ['Component'],
  ownerTagKeys: ['business_unit'],
};

/** Names that occur as tag values in the sample; the rest stays unallocated. */
const index = new CatalogIndex([
  entity('component:default/brightlensmatrix'),
  entity('component:default/by-account', { annotations: { 'finops.backstage.io/cloud-accounts': '51738928782' } }),
  entity('group:default/peoriadata'),
]);

/**
 * The sample's figures, computed once outside this project with DuckDB
 * (read_csv with all_varchar, nullstr 'NULL'; amounts cast to
 * DECIMAL(38,18) and summed), and the same rules written as SQL: an
 * `application` tag of BrightLensMatrix (trimmed, any case), else SubAccountId
 * or BillingAccountId 51738928782, else a `business_unit` tag of PeoriaData.
 * 1000 rows: 6, 12 and 176 attributed, 806 unallocated.
 */
const SAMPLE = {
  EffectiveCost: {
    total: '14.97651418586',
    unallocated: '-1.02348581414',
    byEntity: {
      'component:default/brightlensmatrix': '0',
      'component:default/by-account': '0',
      'group:default/peoriadata': '16',
    },
  },
  BilledCost: {
    total: '20.52022672899',
    unallocated: '4.56147259439',
    byEntity: {
      'component:default/brightlensmatrix': '0.0000170952',
      'component:default/by-account': '0.0006377212',
      'group:default/peoriadata': '15.9580993182',
    },
  },
} as const;

const describeWithSample = hasFocusSample ? describe.each(databases.eachSupportedId()) : describe.skip.each(databases.eachSupportedId());

describeWithSample('the FOCUS 1.0 sample on %s', databaseId => {
  async function importSample(stores: FinopsStores, id: string) {
    await stores.imports.createImport({ id, sourceId: 'sample', fileName: 'focus-1.0-sample.csv' });
    return runImport({
      stores,
      importId: id,
      sourceId: 'sample',
      attribute: facts => attributeCostKey(facts, index, settings),
      produce: aggregateFocusFiles([{ path: FOCUS_SAMPLE_PATH, displayName: 'focus-1.0-sample.csv' }]),
    });
  }

  async function storeFigures(stores: FinopsStores, metric: 'EffectiveCost' | 'BilledCost') {
    const filter = { from: '2024-01-01', to: '2025-01-01', metric };
    const sum = async (f: object) => (await stores.costs.sumCosts({ ...filter, ...f }, [])).reduce((s, x) => s + x.amount, 0n);
    const keys = await stores.attribution.listCostKeys();
    const allocatedRefs = [...new Set(keys.map(k => k.entityRef).filter((r): r is string => r !== null))];
    const allocated = await sum({ entityRefs: allocatedRefs });
    const unallocated = await sum({ entityRefs: null });
    return { allocated, unallocated, total: await sum({}), allocatedRefs };
  }

  it('reconciles attributed + unallocated to the file total exactly, and re-importing changes nothing', async () => {
    const stores = await createFinopsStores(await databases.init(databaseId));
    const first = await importSample(stores, 'first');
    expect(first.rows).toBe(1000);

    // Most AWS rows of the sample have EffectiveCost 0; BilledCost shows both halves are real.
    const billed = await storeFigures(stores, 'BilledCost');
    expect(billed.allocated).toBeGreaterThan(0n);
    expect(billed.unallocated).toBeGreaterThan(0n);
    for (const metric of ['EffectiveCost', 'BilledCost'] as const) {
      const figures = await storeFigures(stores, metric);
      const expected = SAMPLE[metric];
      expect({ metric, total: formatDecimal(figures.total) }).toEqual({ metric, total: expected.total });
      expect({ metric, unallocated: formatDecimal(figures.unallocated) }).toEqual({ metric, unallocated: expected.unallocated });
      expect({ metric, sum: formatDecimal(figures.allocated + figures.unallocated) }).toEqual({ metric, sum: expected.total });
      const byEntity: Record<string, string> = {};
      for (const ref of Object.keys(expected.byEntity)) {
        const sums = await stores.costs.sumCosts({ from: '2024-01-01', to: '2025-01-01', metric, entityRefs: [ref] }, []);
        byEntity[ref] = formatDecimal(sums.reduce((sum, x) => sum + x.amount, 0n));
      }
      expect({ metric, byEntity }).toEqual({ metric, byEntity: expected.byEntity });
    }
    expect((await storeFigures(stores, 'EffectiveCost')).allocatedRefs.sort()).toEqual([
      'component:default/brightlensmatrix',
      'component:default/by-account',
      'group:default/peoriadata',
    ]);

    const before = await storeFigures(stores, 'EffectiveCost');
    const keysBefore = await stores.attribution.listCostKeys();
    await importSample(stores, 'second');
    const after = await storeFigures(stores, 'EffectiveCost');
    expect(after).toEqual(before);
    expect(await stores.attribution.listCostKeys()).toEqual(keysBefore);
  });
});
