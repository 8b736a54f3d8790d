import { readFileSync } from 'node:fs';
import type { FocusChargeRow } from '@backstage-finops/plugin-finops-node';
import { formatDecimal, parseDecimal } from '@backstage-finops/plugin-finops-common';
import { readFocusFile } from './readFocusFile';
import { FocusInputError } from './FocusInputError';
import { DEFAULT_COLUMNS, focusCsv, writeTempFile } from '../__testUtils__/focusCsv';
import { FOCUS_SAMPLE_PATH, itWithFocusSample } from '../__testUtils__/sharedSample';

async function read(content: string | Buffer, options: { gzip?: boolean; name?: string } = {}) {
  const name = options.name ?? 'bill.csv';
  const path = writeTempFile(name, content, options);
  const rows: FocusChargeRow[] = [];
  const summary = await readFocusFile(path, { displayName: name, onRow: row => rows.push(row) });
  return { rows, summary };
}

async function readError(content: string | Buffer, options: { gzip?: boolean } = {}): Promise<FocusInputError> {
  try {
    await read(content, options);
  } catch (error) {
    expect(error).toBeInstanceOf(FocusInputError);
    return error as FocusInputError;
  }
  throw new Error('expected the read to fail');
}

describe('readFocusFile', () => {
  it('maps a FOCUS row to the canonical row', async () => {
    const { rows } = await read(focusCsv([{ BilledCost: '0.00000080000', EffectiveCost: '-1.5', Tags: '{"b":"2","a":"1"}' }]));
    expect(rows).toEqual([
      {
        chargePeriodStart: '2024-09-10T00:00:00Z',
        chargePeriodEnd: '2024-09-10T01:00:00Z',
        billingPeriodStart: '2024-09-01',
        billingAccountId: '111111111111',
        subAccountId: '222222222222',
        providerName: 'AWS',
        serviceName: 'Amazon Elastic Compute Cloud',
        serviceCategory: 'Compute',
        regionId: 'us-east-1',
        resourceId: 'i-1',
        chargeCategory: 'Usage',
        billingCurrency: 'USD',
        tags: { a: '1', b: '2' },
        billedCost: 800000000000n,
        effectiveCost: -1500000000000000000n,
        listCost: 1000000000000000000n,
        usage: {
          usageType: '',
          operation: '',
          skuMeter: '',
          skuPriceDetails: '',
          chargeDescription: 'test charge',
          resourceType: '',
          pricingCategory: '',
          commitmentDiscountId: '',
          commitmentDiscountType: '',
          commitmentDiscountStatus: '',
          consumedQuantity: 0,
          consumedUnit: '',
          pricingQuantity: 0,
          pricingUnit: '',
        },
      },
    ]);
  });

  it('reads the usage columns tips need, and none when the file has none of them', async () => {
    const usageColumns = [
      'x_UsageType',
      'x_Operation',
      'SkuMeter',
      'SkuPriceDetails',
      'ResourceType',
      'PricingCategory',
      'CommitmentDiscountId',
      'CommitmentDiscountType',
      'CommitmentDiscountStatus',
      'ConsumedQuantity',
      'ConsumedUnit',
      'PricingQuantity',
      'PricingUnit',
    ];
    const { rows } = await read(
      focusCsv(
        [
          {
            x_UsageType: 'USE1-BoxUsage:m4.large',
            x_Operation: 'RunInstances',
            SkuMeter: 'Compute Hours',
            SkuPriceDetails: '{"InstanceType":"m4.large"}',
            ResourceType: 'Instance',
            PricingCategory: 'Committed',
            CommitmentDiscountId: 'ri-1',
            CommitmentDiscountType: 'Reservation',
            CommitmentDiscountStatus: 'Used',
            ConsumedQuantity: '1.5e0',
            ConsumedUnit: 'Hours',
            PricingQuantity: 'NULL',
            PricingUnit: 'Hours',
          },
        ],
        [...DEFAULT_COLUMNS, ...usageColumns],
      ),
    );
    expect(rows[0].usage).toMatchObject({
      usageType: 'USE1-BoxUsage:m4.large',
      operation: 'RunInstances',
      skuPriceDetails: '{"InstanceType":"m4.large"}',
      commitmentDiscountStatus: 'Used',
      consumedQuantity: 1.5,
      pricingQuantity: 0,
    });
    const withoutUsage = DEFAULT_COLUMNS.filter(column => column !== 'ChargeDescription');
    expect((await read(focusCsv([{}], withoutUsage))).rows[0].usage).toBeUndefined();
    const bad = read(focusCsv([{}, { ConsumedQuantity: '12 GB' }], [...DEFAULT_COLUMNS, 'ConsumedQuantity']));
    await expect(bad).rejects.toThrow(
      `bill.csv, line 3, column ${DEFAULT_COLUMNS.length + 1} (ConsumedQuantity): "12 GB" is not a number`,
    );
  });

  it('rounds amounts beyond 18 decimal places half-to-even and counts them', async () => {
    const { rows, summary } = await read(
      focusCsv([
        { EffectiveCost: '0.1234567890123456785', BilledCost: '2.0000000000000000015' },
        { EffectiveCost: '0.25', BilledCost: '1.0000000000000000000' },
      ]),
    );
    expect(rows.map(r => [formatDecimal(r.effectiveCost), formatDecimal(r.billedCost)])).toEqual([
      ['0.123456789012345678', '2.000000000000000002'],
      ['0.25', '1'],
    ]);
    expect(summary.roundedAmounts).toBe(2);
  });

  it('takes free column order, extra and x_ columns, BOM and CRLF', async () => {
    const columns = ['x_Custom', ...[...DEFAULT_COLUMNS].reverse(), 'Extra'];
    const text = `\uFEFF${focusCsv([{ ResourceId: 'r-1' }, { ResourceId: 'r-2' }], columns).replace(/\n/g, '\r\n')}`;
    const { rows } = await read(text);
    expect(rows.map(r => r.resourceId)).toEqual(['r-1', 'r-2']);
  });

  it('takes what real exports write: NULL, timestamps without T or Z, case variants', async () => {
    const { rows } = await read(
      focusCsv([
        {
          ChargePeriodStart: '2024-09-18 22:00:00',
          ChargePeriodEnd: '2024-09-18 23:00:00',
          BillingPeriodStart: '2024-09-01 00:00:00',
          BillingPeriodEnd: '2024-10-01 00:00:00',
          ChargeCategory: 'usage',
          ChargeFrequency: 'Usage-based',
          SubAccountId: 'NULL',
          RegionId: 'NULL',
          Tags: 'NULL',
          BillingCurrency: 'usd',
        },
      ]),
    );
    expect(rows[0]).toMatchObject({
      chargePeriodStart: '2024-09-18T22:00:00Z',
      billingPeriodStart: '2024-09-01',
      chargeCategory: 'Usage',
      subAccountId: '',
      regionId: '',
      tags: {},
      billingCurrency: 'USD',
    });
  });

  it('dates billing periods and charges by the calendar date written, before any offset', async () => {
    const written = [
      { BillingPeriodStart: '2023-10-01T00:00:00+02:00', BillingPeriodEnd: '2023-11-01T00:00:00+01:00', ChargePeriodStart: '2023-10-01T00:00:00+02:00', ChargePeriodEnd: '2023-10-01T01:00:00+02:00' },
      { BillingPeriodStart: '2023-10-01T00:00:00Z', BillingPeriodEnd: '2023-11-01T00:00:00Z', ChargePeriodStart: '2023-10-31T23:00:00Z', ChargePeriodEnd: '2023-11-01T00:00:00Z' },
      { BillingPeriodStart: '2023-10-01 00:00:00', BillingPeriodEnd: '2023-11-01 00:00:00', ChargePeriodStart: '2023-10-31 23:30:00-0500', ChargePeriodEnd: '2023-11-01 00:30:00-0500' },
    ];
    const { rows } = await read(focusCsv(written));
    expect(rows.map(r => [r.billingPeriodStart, r.chargePeriodStart, r.chargePeriodEnd])).toEqual([
      ['2023-10-01', '2023-10-01T00:00:00+02:00', '2023-10-01T01:00:00+02:00'],
      ['2023-10-01', '2023-10-31T23:00:00Z', '2023-11-01T00:00:00Z'],
      ['2023-10-01', '2023-10-31T23:30:00-05:00', '2023-11-01T00:30:00-05:00'],
    ]);
  });

  it('orders start and end by the instant, whatever offsets they are written with', async () => {
    // An hour across the switch from summer time: the end's wall clock is earlier, its instant later.
    const { rows } = await read(focusCsv([{ ChargePeriodStart: '2023-10-29T02:30:00+02:00', ChargePeriodEnd: '2023-10-29T02:30:00+01:00' }]));
    expect(rows).toHaveLength(1);
    const error = await readError(focusCsv([{ ChargePeriodStart: '2024-09-10T23:00:00-05:00', ChargePeriodEnd: '2024-09-11T00:00:00Z' }]));
    expect(error.message).toMatch(/ChargePeriodEnd\): 2024-09-11T00:00:00Z is not after ChargePeriodStart 2024-09-10T23:00:00-05:00/);
  });

  it('accepts the FOCUS 1.3 provider column', async () => {
    const columns = DEFAULT_COLUMNS.filter(c => c !== 'ProviderName').concat('ServiceProviderName');
    const { rows } = await read(focusCsv([{ ServiceProviderName: 'Microsoft' }], columns));
    expect(rows[0].providerName).toBe('Microsoft');
  });

  it('reads gzip-compressed files, recognised by content not name', async () => {
    const { rows } = await read(focusCsv([{}, {}, {}]), { gzip: true, name: 'export.csv' });
    expect(rows).toHaveLength(3);
  });

  it('streams a file larger than its read buffers', async () => {
    const count = 20_000;
    const text = focusCsv(Array.from({ length: count }, (_, i) => ({ ResourceId: `i-${i}`, BilledCost: '0.01' })));
    const { rows, summary } = await read(text);
    expect(summary.rows).toBe(count);
    expect(rows[count - 1].resourceId).toBe(`i-${count - 1}`);
  });

  it('names file, line, column and field of a bad value', async () => {
    const error = await readError(focusCsv([{}, {}, { BilledCost: '1,234.5' }]));
    expect(error.location).toEqual({ file: 'bill.csv', line: 4, column: 1, field: 'BilledCost' });
    expect(error.message).toBe('bill.csv, line 4, column 1 (BilledCost): "1,234.5" is not a decimal number');
  });

  it.each([
    ['a missing mandatory column', focusCsv([{}], DEFAULT_COLUMNS.filter(c => c !== 'EffectiveCost')), /lacks the FOCUS column EffectiveCost/],
    ['a duplicate header', focusCsv([{}], [...DEFAULT_COLUMNS, 'BilledCost']), /names column "BilledCost" twice/],
    ['a currency symbol', focusCsv([{ EffectiveCost: '$3' }]), /line 2, column 13 \(EffectiveCost\).*not a decimal/],
    ['NaN', focusCsv([{ ListCost: 'NaN' }]), /ListCost.*not a decimal/],
    ['an out-of-range number', focusCsv([{ BilledCost: '1e400' }]), /BilledCost.*out of range/],
    ['an empty required amount', focusCsv([{ BilledCost: 'NULL' }]), /BilledCost.*requires/],
    ['a bad date', focusCsv([{ ChargePeriodStart: '2024-02-30T00:00:00Z' }]), /ChargePeriodStart.*not a valid date-time/],
    ['an end before the start', focusCsv([{ ChargePeriodEnd: '2024-09-09T00:00:00Z' }]), /ChargePeriodEnd.*not after ChargePeriodStart/],
    ['invalid Tags JSON', focusCsv([{ Tags: '{"a":' }]), /Tags.*not valid JSON/],
    ['nested Tags', focusCsv([{ Tags: '{"a":{"b":1}}' }]), /Tags.*nested object/],
    ['an unknown charge category', focusCsv([{ ChargeCategory: 'Refund' }]), /ChargeCategory/],
    ['a short record', `${focusCsv([{}])}1,2,3\n`, /line 3: has 3 fields but the header has/],
    ['an empty file', '', /is empty; a FOCUS file starts with a header/],
    ['a header only', focusCsv([]), /has a header but no rows/],
    ['a control character in an identifier', focusCsv([{ ResourceId: 'i-1\u0001x' }]), /ResourceId.*control character/],
    ['an unterminated quote', `${focusCsv([{}])}"open`, /unterminated quoted field/],
  ])('rejects %s', async (_name, content, message) => {
    const error = await readError(content);
    expect(error.message).toMatch(/^bill\.csv/);
    expect(error.message).toMatch(message);
  });

  it('keeps formula-like text as plain text', async () => {
    const formula = "=HYPERLINK(\"http://x\")+cmd|' /C calc'!A0";
    const { rows } = await read(focusCsv([{ ResourceId: formula, Tags: JSON.stringify({ '=1+1': '@SUM(A1)' }) }]));
    expect(rows[0].resourceId).toBe(formula);
    expect(rows[0].tags).toEqual({ '=1+1': '@SUM(A1)' });
  });

  it('keeps each currency of a mixed-currency file apart', async () => {
    const { rows } = await read(focusCsv([{ BillingCurrency: 'USD' }, { BillingCurrency: 'EUR', BillingAccountId: 'azure-1' }]));
    expect(rows.map(r => r.billingCurrency)).toEqual(['USD', 'EUR']);
  });

  it('rejects a 10 MB line without holding it', async () => {
    const error = await readError(`${focusCsv([{}])}${'x'.repeat(10 * 1024 * 1024)}\n`);
    expect(error.message).toMatch(/line 3.*longer than/);
  });

  it('rejects bytes that are not UTF-8', async () => {
    const text = focusCsv([{ ResourceId: 'XX' }]);
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf('XX')] = 0xff;
    const error = await readError(bytes);
    expect(error.message).toMatch(/not valid UTF-8/);
  });

  it('rejects a truncated gzip file', async () => {
    const path = writeTempFile('x.csv', focusCsv(Array.from({ length: 200 }, () => ({}))), { gzip: true });
    const truncated = readFileSync(path).subarray(0, 300);
    const error = await readError(truncated);
    expect(error.message).toMatch(/not a complete gzip file/);
  });

  itWithFocusSample('reads the FinOps Foundation FOCUS 1.0 sample exactly', async () => {
    const { rows, summary } = await read(readFileSync(FOCUS_SAMPLE_PATH));
    expect(summary.rows).toBe(1000);
    expect(rows.filter(r => r.providerName === 'AWS')).toHaveLength(942);
    expect(new Set(rows.map(r => r.chargeCategory))).toEqual(new Set(['Usage', 'Adjustment', 'Credit']));
    expect(rows.some(r => ' org' in r.tags)).toBe(true);
    // Independent exact sum of the raw column text.
    const text = readFileSync(FOCUS_SAMPLE_PATH, 'utf8');
    const lines = text.split(/\r?\n/).filter(Boolean);
    const header = lines[0].split(',').map(h => h.replace(/"/g, ''));
    const billed = header.indexOf('BilledCost');
    let expected = 0n;
    for (const line of lines.slice(1)) {
      const value = line.split(',')[billed];
      const parsed = parseDecimal(value.replace(/"/g, ''));
      if (!parsed.ok) throw new Error(parsed.reason);
      expected += parsed.value;
    }
    expect(formatDecimal(rows.reduce((sum, r) => sum + r.billedCost, 0n))).toBe(formatDecimal(expected));
  });
});
