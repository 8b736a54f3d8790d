/* The demo's FOCUS rows as usage facts, for the test that the demo triggers every built-in rule. */
import {
  addDays,
  moneyFromDecimal,
} from '@backstage-finops/plugin-finops-common';
import type {
  ChargeCategory,
  FinopsUsageFact,
} from '@backstage-finops/plugin-finops-node';
// The demo generator is a devDependency of the repository root, not of this
// plugin: only this test helper reads it (declaring it here is a package.json
// change left to the plugin's owners).
// eslint-disable-next-line @backstage/no-undeclared-imports
import { generateDemoFocus } from '@backstage-finops/demo-data';

/** RFC 4180 records of a CSV text (quoted fields, doubled quotes, LF line ends). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  return records;
}

const HOUR_MS = 3_600_000;

/** A FOCUS row (by column name) as a usage fact; unallocated (no `entityRef`) when it has no tags. */
export function factOfRow(row: Record<string, string>): FinopsUsageFact {
  const tags: Record<string, string> = row.Tags ? JSON.parse(row.Tags) : {};
  const quantity = (column: string) => (row[column] ? Number(row[column]) : 0);
  return {
    usageDate: row.ChargePeriodStart.slice(0, 10),
    billingAccountId: row.BillingAccountId,
    subAccountId: row.SubAccountId,
    providerName: row.ProviderName,
    serviceName: row.ServiceName,
    serviceCategory: row.ServiceCategory,
    regionId: row.RegionId,
    resourceId: row.ResourceId,
    chargeCategory: row.ChargeCategory as ChargeCategory,
    currency: row.BillingCurrency,
    tags,
    entityRef: Object.keys(tags).length
      ? 'component:default/tagged'
      : undefined,
    billedHours:
      (Date.parse(row.ChargePeriodEnd) - Date.parse(row.ChargePeriodStart)) /
      HOUR_MS,
    usageType: row.x_UsageType ?? '',
    operation: row.x_Operation ?? '',
    skuMeter: row.SkuMeter,
    skuPriceDetails: row.SkuPriceDetails,
    chargeDescription: row.ChargeDescription,
    resourceType: row.ResourceType,
    pricingCategory: row.PricingCategory,
    commitmentDiscountId: row.CommitmentDiscountId,
    commitmentDiscountType: row.CommitmentDiscountType,
    commitmentDiscountStatus: row.CommitmentDiscountStatus,
    consumedQuantity: quantity('ConsumedQuantity'),
    consumedUnit: row.ConsumedUnit,
    pricingQuantity: quantity('PricingQuantity'),
    pricingUnit: row.PricingUnit,
    effectiveCost: moneyFromDecimal(row.EffectiveCost),
    billedCost: moneyFromDecimal(row.BilledCost),
    listCost: moneyFromDecimal(row.ListCost),
  };
}

/**
 * The demo's usage facts of the `days` days before `endDate` (exclusive),
 * generated in memory: the rule input's window.
 */
export function demoUsageFacts(endDate: string, days: number) {
  const to = addDays(endDate, -1);
  const from = addDays(to, -(days - 1));
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7)) +
    1;
  const facts: FinopsUsageFact[] = [];
  for (const month of generateDemoFocus({ endDate, months })) {
    const chunks: Buffer[] = [];
    const csv = month.csv();
    for (let next = csv.next(); !next.done; next = csv.next()) {
      chunks.push(next.value);
    }
    const [header, ...records] = parseCsv(
      Buffer.concat(chunks).toString('utf8'),
    );
    for (const record of records) {
      const row = Object.fromEntries(header.map((h, i) => [h, record[i]]));
      const date = row.ChargePeriodStart.slice(0, 10);
      if (date >= from && date <= to) {
        facts.push(factOfRow(row));
      }
    }
  }
  return { facts, from, to };
}
