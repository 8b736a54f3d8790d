import { formatDecimal } from '@backstage-finops/plugin-finops-common';
import type { FinopsUsageFact, FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { aggregateRows, runImport } from '../ingest/runImport';
import { storeDatabases } from '../__testUtils__/storeTesting';
import type { FinopsStores } from './FinopsStores';

jest.setTimeout(60_000);

const databases = storeDatabases();

function charge(hour: number, overrides: Partial<FocusChargeRow> = {}, quantity = 1): FocusChargeRow {
  const start = `2024-09-10T${String(hour).padStart(2, '0')}:00:00Z`;
  const end = `2024-09-10T${String(hour + 1).padStart(2, '0')}:00:00Z`;
  return {
    chargePeriodStart: start,
    chargePeriodEnd: end,
    billingPeriodStart: '2024-09-01',
    billingAccountId: '111',
    subAccountId: '222',
    providerName: 'AWS',
    serviceName: 'Amazon Elastic Compute Cloud',
    serviceCategory: 'Compute',
    regionId: 'us-east-1',
    resourceId: 'i-1',
    chargeCategory: 'Usage',
    billingCurrency: 'USD',
    tags: { environment: 'dev' },
    billedCost: 100000000000000000n,
    effectiveCost: 100000000000000001n,
    listCost: 120000000000000000n,
    usage: {
      usageType: 'USE1-BoxUsage:m4.large',
      operation: 'RunInstances',
      skuMeter: '',
      skuPriceDetails: '',
      chargeDescription: '$0.10 per On Demand Linux m4.large Instance Hour',
      resourceType: 'Instance',
      pricingCategory: 'Standard',
      commitmentDiscountId: '',
      commitmentDiscountType: '',
      commitmentDiscountStatus: '',
      consumedQuantity: quantity,
      consumedUnit: 'Hours',
      pricingQuantity: quantity,
      pricingUnit: 'Hours',
    },
    ...overrides,
  };
}

async function importRows(stores: FinopsStores, id: string, rows: FocusChargeRow[], fail = false) {
  await stores.imports.createImport({ id, sourceId: 'upload', fileName: `${id}.csv` });
  return runImport({
    stores,
    importId: id,
    sourceId: 'upload',
    attribute: facts => ({ entityRef: facts.tags.environment ? 'component:default/api' : null, rule: null, detail: '' }),
    produce: aggregateRows(async sink => {
      for (const row of rows) {
        sink.onRow(row);
        // A flush point after every row: each fact is summed from many staged parts.
        await sink.flushPoint();
      }
      if (fail) {
        throw new Error('the file ends early');
      }
    }, 1),
  });
}

function summary(facts: FinopsUsageFact[]) {
  return facts.map(f => ({
    date: f.usageDate,
    resourceId: f.resourceId,
    usageType: f.usageType,
    entityRef: f.entityRef,
    tags: f.tags,
    hours: f.billedHours,
    quantity: f.consumedQuantity,
    effective: formatDecimal(f.effectiveCost),
    list: formatDecimal(f.listCost),
  }));
}

describe.each(databases.ids)('UsageStore on %s', databaseId => {
  it('keeps usage facts per resource, day and kind of usage, replaced with their slice and kept when an import fails', async () => {
    const stores = await databases.createStores(databaseId);
    const hours = Array.from({ length: 24 }, (_, hour) => charge(hour));
    const addressHour = charge(3, {
      resourceId: 'eipalloc-1',
      tags: {},
      usage: { ...charge(3).usage!, usageType: 'USE1-ElasticIP:IdleAddress', operation: 'AssociateAddress' },
    });
    await importRows(stores, 'first', [...hours, addressHour]);
    const period = { from: '2024-09-01', to: '2024-09-30' };
    expect(summary(await stores.usage.readUsageFacts(period))).toEqual([
      {
        date: '2024-09-10',
        resourceId: 'eipalloc-1',
        usageType: 'USE1-ElasticIP:IdleAddress',
        entityRef: undefined,
        tags: {},
        hours: 1,
        quantity: 1,
        effective: '0.100000000000000001',
        list: '0.12',
      },
      {
        date: '2024-09-10',
        resourceId: 'i-1',
        usageType: 'USE1-BoxUsage:m4.large',
        entityRef: 'component:default/api',
        tags: { environment: 'dev' },
        hours: 24,
        quantity: 24,
        effective: '2.400000000000000024',
        list: '2.88',
      },
    ]);

    // A failed import of the same period stages facts no read sees, and leaves the stored ones.
    await expect(importRows(stores, 'broken', hours.slice(0, 5), true)).rejects.toThrow('the file ends early');
    expect(summary(await stores.usage.readUsageFacts(period))).toHaveLength(2);

    // A restatement replaces the period's facts whole.
    await importRows(stores, 'restated', hours.slice(0, 12).map(row => ({ ...row, usage: { ...row.usage!, consumedQuantity: 2 } })));
    expect(summary(await stores.usage.readUsageFacts(period))).toEqual([
      expect.objectContaining({ resourceId: 'i-1', hours: 12, quantity: 24, effective: '1.200000000000000012' }),
    ]);
    expect(await stores.usage.readUsageFacts({ from: '2024-09-11', to: '2024-09-30' })).toEqual([]);
    // Nothing of the superseded or failed imports is left behind.
    const [{ rows }] = await stores.knex('finops_usage_facts').count({ rows: '*' });
    expect(Number(rows)).toBe(12);
  });
});
