import knexFactory from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { addDays, formatDecimal } from '@backstage-finops/plugin-finops-common';
import type { FinopsTipRule, FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { createFinopsStores } from '../database/FinopsStores';
import { aggregateRows, runImport } from '../ingest/runImport';
import { TipService } from './TipService';

const ONE_USD = 10n ** 18n;

function day(date: string, resourceId: string, cost: bigint): FocusChargeRow {
  return {
    chargePeriodStart: `${date}T00:00:00Z`,
    chargePeriodEnd: `${addDays(date, 1)}T00:00:00Z`,
    billingPeriodStart: '2024-09-01',
    billingAccountId: '111',
    subAccountId: '222',
    providerName: 'AWS',
    serviceName: 'Amazon EC2',
    serviceCategory: 'Compute',
    regionId: 'us-east-1',
    resourceId,
    chargeCategory: 'Usage',
    billingCurrency: 'USD',
    tags: {},
    billedCost: cost,
    effectiveCost: cost,
    listCost: cost,
    usage: {
      usageType: 'BoxUsage:m4.large',
      operation: 'RunInstances',
      skuMeter: '',
      skuPriceDetails: '',
      chargeDescription: '',
      resourceType: 'Instance',
      pricingCategory: 'Standard',
      commitmentDiscountId: '',
      commitmentDiscountType: '',
      commitmentDiscountStatus: '',
      consumedQuantity: 24,
      consumedUnit: 'Hours',
      pricingQuantity: 24,
      pricingUnit: 'Hours',
    },
  };
}

/** Finds one tip per resource that the facts show, of $5 a month. */
const everyResource: FinopsTipRule = {
  id: 'every-resource',
  title: 'Every resource',
  evaluate: ({ facts }) =>
    [...new Set(facts.map(fact => fact.resourceId))].map(resourceId => ({
      title: `Stop ${resourceId}`,
      description: 'Stop it.',
      resources: [{ resourceId, serviceName: 'Amazon EC2' }],
      estimatedMonthlySavings: 5n * ONE_USD,
      currency: 'USD',
      method: 'test',
      effort: 'low',
      risk: 'low',
    })),
};

describe('TipService', () => {
  it('shows what a done tip saved once a week of data follows, and reopens a snooze that ran out', async () => {
    const stores = await createFinopsStores(knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true }));
    let today = '2024-09-16';
    const tips = new TipService({
      stores,
      rules: [everyResource],
      settings: { costMetric: 'EffectiveCost' },
      logger: mockServices.logger.mock(),
      now: () => new Date(`${today}T12:00:00Z`),
    });
    const importDays = async (id: string, through: string, rows: (date: string) => FocusChargeRow[]) => {
      const all: FocusChargeRow[] = [];
      for (let date = '2024-09-01'; date <= through; date = addDays(date, 1)) all.push(...rows(date));
      await stores.imports.createImport({ id, sourceId: 'upload', fileName: id });
      await runImport({
        stores,
        importId: id,
        sourceId: 'upload',
        attribute: () => ({ entityRef: null, rule: null, detail: '' }),
        produce: aggregateRows(async sink => all.forEach(row => sink.onRow(row))),
      });
    };
    // i-1 costs $3 a day, i-2 $1, through 15 September.
    await importDays('first', '2024-09-15', date => [day(date, 'i-1', 3n * ONE_USD), day(date, 'i-2', ONE_USD)]);
    await tips.evaluate();
    const [first, second] = await tips.listTips({});
    expect([first.resources[0].resourceId, second.resources[0].resourceId].sort()).toEqual(['i-1', 'i-2']);
    const i1 = first.resources[0].resourceId === 'i-1' ? first : second;
    const i2 = i1 === first ? second : first;
    await tips.decide(i1.id, { status: 'done', reason: null, until: null, by: 'user:default/ana' });
    await tips.decide(i2.id, { status: 'snoozed', reason: null, until: '2024-09-20', by: 'user:default/ana' });

    // i-1 was stopped on the 16th: from the 17th it costs $0.50 a day; i-2 runs on.
    await importDays('restated', '2024-09-30', date => [day(date, 'i-1', date > '2024-09-16' ? ONE_USD / 2n : 3n * ONE_USD), day(date, 'i-2', ONE_USD)]);
    today = '2024-09-30';
    await tips.evaluate();
    const done = (await tips.listTips({ status: 'done' }))[0];
    expect(done.id).toBe(i1.id);
    expect(done.active).toBe(true);
    // Before: 15 days at $3 (from the first day with cost); after: 14 days at $0.50. $2.50 a day × 365.25 / 12.
    expect(done.realizedSavings && { ...done.realizedSavings, monthly: formatDecimal(done.realizedSavings.monthly) }).toEqual({
      monthly: '76.09375',
      perDayBefore: 3n * ONE_USD,
      perDayAfter: ONE_USD / 2n,
      daysBefore: 15,
      daysAfter: 14,
    });
    // The snooze ran out on the 20th.
    expect((await tips.listTips({ status: 'open' })).map(tip => tip.id)).toEqual([i2.id]);
  });
});
