import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_ACCOUNTS,
  DEMO_COMPONENTS,
  demoComponentsAtScale,
} from './catalog';
import {
  DemoFocusOptions,
  FOCUS_COLUMNS,
  csvField,
  generateDemoFocus,
  writeDemoFocusFiles,
} from './generateFocus';
import { SPIKE, buildDemoInventory } from './inventory';
import {
  Row,
  attribute,
  fromUnits,
  parseCsv,
  readFocusFile,
  sumDecimal,
  sumUnits,
  toUnits,
} from './testing/focusTestUtils';

function readFocusFileText(text: string): Row[] {
  const [header, ...records] = parseCsv(text);
  return records.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const END = '2026-11-16';
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function generate(options: Partial<DemoFocusOptions> = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'demo-focus-'));
  dirs.push(outDir);
  const result = await writeDemoFocusFiles({
    outDir,
    endDate: END,
    months: 2,
    ...options,
  });
  return {
    outDir,
    result,
    read: () => result.files.flatMap(file => readFocusFile(file).rows),
  };
}

const day = (r: Row) => r.ChargePeriodStart.slice(0, 10);
const isWeekend = (r: Row) =>
  [0, 6].includes(new Date(r.ChargePeriodStart).getUTCDay());

/** Exact cost per key, in 10^-10 units. */
function costBy(
  rows: Row[],
  key: (r: Row) => string | undefined,
  column = 'EffectiveCost',
): Map<string, bigint> {
  const result = new Map<string, bigint>();
  for (const r of rows) {
    const k = key(r) ?? '(none)';
    result.set(k, (result.get(k) ?? 0n) + toUnits(r[column]));
  }
  return result;
}

describe('writeDemoFocusFiles', () => {
  // One shared two-month data set for the checks that only read it.
  let shared: Awaited<ReturnType<typeof generate>>;
  let rows: Row[];
  beforeAll(async () => {
    shared = await generate();
    rows = shared.read();
  });

  it('writes one file per billing month, byte-identical for the same options', async () => {
    expect(readdirSync(shared.outDir).sort()).toEqual([
      'focus-2026-10.csv',
      'focus-2026-11.csv',
    ]);
    const again = await generate();
    for (const [i, file] of shared.result.files.entries()) {
      expect(
        readFileSync(again.result.files[i]).equals(readFileSync(file)),
      ).toBe(true);
    }
    const otherSeed = await generate({ seed: 2 });
    expect(
      readFileSync(otherSeed.result.files[1]).equals(
        readFileSync(shared.result.files[1]),
      ),
    ).toBe(false);
  });

  it('gives a day the same rows however many months are generated', async () => {
    const oneMonth = await generate({ months: 1 });
    expect(
      readFileSync(oneMonth.result.files[0]).equals(
        readFileSync(shared.result.files[1]),
      ),
    ).toBe(true);
  });

  it('writes the FOCUS 1.2 columns, and rows that parse as RFC 4180 CSV', () => {
    const { header } = readFocusFile(shared.result.files[0]);
    expect(header).toEqual([...FOCUS_COLUMNS]);
    for (const column of [
      'BilledCost',
      'BillingAccountId',
      'BillingAccountName',
      'BillingCurrency',
      'BillingPeriodEnd',
      'BillingPeriodStart',
      'ChargeCategory',
      'ChargeClass',
      'ChargeDescription',
      'ChargeFrequency',
      'ChargePeriodEnd',
      'ChargePeriodStart',
      'CommitmentDiscountCategory',
      'CommitmentDiscountId',
      'CommitmentDiscountName',
      'CommitmentDiscountStatus',
      'CommitmentDiscountType',
      'ConsumedQuantity',
      'ConsumedUnit',
      'ContractedCost',
      'ContractedUnitPrice',
      'EffectiveCost',
      'InvoiceIssuerName',
      'ListCost',
      'ListUnitPrice',
      'PricingCategory',
      'PricingQuantity',
      'PricingUnit',
      'ProviderName',
      'PublisherName',
      'RegionId',
      'RegionName',
      'ResourceId',
      'ResourceName',
      'ResourceType',
      'ServiceCategory',
      'ServiceName',
      'SkuId',
      'SkuPriceId',
      'SubAccountId',
      'SubAccountName',
      'Tags',
    ]) {
      expect(header).toContain(column);
    }
    // SkuPriceDetails holds JSON: quoted, its quotes doubled, read back intact.
    const details = rows.find(r => r.SkuPriceDetails)!.SkuPriceDetails;
    expect(JSON.parse(details)).toEqual(expect.any(Object));
    expect(readFileSync(shared.result.files[0], 'utf8')).toContain(
      csvField(details),
    );
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(
      rows.filter(
        r => !(r.Tags === '' || typeof JSON.parse(r.Tags) === 'object'),
      ),
    ).toEqual([]);
    expect(new Set(rows.map(r => r.BillingCurrency))).toEqual(new Set(['USD']));
  });

  it('writes daily usage rows and nothing on or after the end date', () => {
    const usage = rows.filter(r => r.ChargeCategory === 'Usage');
    const wrong = usage.filter(
      r =>
        r.ChargeFrequency !== 'Usage-Based' ||
        !/^\d{4}-\d{2}-\d{2}T00:00:00Z$/.test(r.ChargePeriodStart) ||
        Date.parse(r.ChargePeriodEnd) - Date.parse(r.ChargePeriodStart) !==
          86_400_000 ||
        !(
          r.BillingPeriodStart <= r.ChargePeriodStart &&
          r.ChargePeriodStart < r.BillingPeriodEnd
        ),
    );
    expect(wrong).toEqual([]);
    const end = `${END}T00:00:00Z`;
    expect(
      rows.every(r => r.ChargePeriodStart < end && r.ChargePeriodEnd <= end),
    ).toBe(true);
    expect(new Set(usage.map(day)).size).toBe(46); // 2026-10-01 … 2026-11-15
    expect(
      rows
        .filter(r => r.BillingPeriodStart === '2026-11-01T00:00:00Z')
        .every(r => r.BillingPeriodEnd === '2026-12-01T00:00:00Z'),
    ).toBe(true);
  });

  it('reports exactly the totals and rows it wrote, also gzipped', async () => {
    const gz = await generate({ gzip: true });
    for (const data of [shared, gz]) {
      const written = data === shared ? rows : data.read();
      expect(data.result.rows).toBe(written.length);
      expect(sumDecimal(written.map(r => r.EffectiveCost))).toBe(
        data.result.totals.EffectiveCost,
      );
      expect(sumDecimal(written.map(r => r.BilledCost))).toBe(
        data.result.totals.BilledCost,
      );
      for (const month of data.result.months) {
        const inMonth = written.filter(r =>
          r.BillingPeriodStart.startsWith(month.billingPeriod),
        );
        expect(fromUnits(sumUnits(inMonth, 'EffectiveCost'))).toBe(
          month.EffectiveCost,
        );
        expect(inMonth).toHaveLength(month.rows);
      }
    }
    expect(gz.result.files.every(f => f.endsWith('.csv.gz'))).toBe(true);
    expect(gz.result.csvBytes).toBe(shared.result.bytes);
    expect(gz.result.bytes).toBeLessThan(shared.result.bytes / 5);
    expect(readdirSync(gz.outDir).some(f => f.includes('partial'))).toBe(false);
  });

  it('keeps money exact: decimals of at most 10 places, ListCost >= EffectiveCost, a few commitment-covered rows', () => {
    const decimal = /^-?\d+(\.\d{1,10})?$/;
    const wrong = rows.filter(
      r =>
        !['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'].every(
          column => decimal.test(r[column]),
        ) ||
        toUnits(r.ListCost) < toUnits(r.EffectiveCost) ||
        // ListCost = ListUnitPrice × PricingQuantity, exactly.
        (r.ChargeCategory === 'Usage' &&
          toUnits(r.ListUnitPrice) * toUnits(r.PricingQuantity) !==
            toUnits(r.ListCost) * 10n ** 10n),
    );
    expect(wrong).toEqual([]);
    const covered = rows.filter(r => r.CommitmentDiscountStatus === 'Used');
    expect(covered.length).toBeGreaterThan(0);
    expect(covered.length).toBeLessThan(rows.length * 0.1);
    for (const r of covered) {
      expect(toUnits(r.EffectiveCost) < toUnits(r.ListCost)).toBe(true);
      expect(r).toMatchObject({
        BilledCost: '0',
        CommitmentDiscountType: 'Reserved Instance',
        PricingCategory: 'Committed',
      });
    }
    const differing = rows.filter(r => r.BilledCost !== r.EffectiveCost);
    expect(differing).toEqual(covered);
  });

  it('gives every demo component cost, team-only spend to its team, and leaves 5–25% unallocated', () => {
    const byEntity = costBy(rows, r => attribute(r));
    for (const component of DEMO_COMPONENTS) {
      expect({
        component: component.name,
        cost: (byEntity.get(`component:${component.name}`) ?? 0n) > 0n,
      }).toEqual({
        component: component.name,
        cost: true,
      });
    }
    expect(byEntity.get('group:team-platform')! > 0n).toBe(true);
    const total = sumUnits(rows);
    const unallocatedShare = Number(byEntity.get('(none)')!) / Number(total);
    expect(unallocatedShare).toBeGreaterThan(0.05);
    expect(unallocatedShare).toBeLessThan(0.25);
    // The unallocated resources carry hints of their owners in their ids.
    const unallocated = rows.filter(
      r => r.ChargeCategory === 'Usage' && attribute(r) === undefined,
    );
    expect(unallocated.some(r => r.ResourceId.includes('checkout'))).toBe(true);
    expect(unallocated.every(r => r.Tags === '')).toBe(true);
  });

  it('exercises every attribution rule and tag spelling', () => {
    const tagged = (pattern: RegExp) => rows.filter(r => pattern.test(r.Tags));
    expect(tagged(/"service":"Checkout-API"/).length).toBeGreaterThan(0);
    expect(tagged(/"Service":"Product-Catalog"/).length).toBeGreaterThan(0);
    expect(
      tagged(/"backstage.io\/component":"component:default\/web-frontend"/)
        .length,
    ).toBeGreaterThan(0);
    expect(
      tagged(/"application":"search-service"/).every(
        r => r.ProviderName === 'Microsoft',
      ),
    ).toBe(true);
    const legacy = rows.filter(
      r => attribute(r) === 'component:legacy-billing',
    );
    expect(
      legacy.every(
        r => r.Tags === '{"app":"legacy-billing-v1","cost-center":"cc-4410"}',
      ),
    ).toBe(true);
    const ci = rows.filter(r => attribute(r) === 'component:ci-runners');
    expect(
      ci.every(r => r.SubAccountId === DEMO_ACCOUNTS.ci && r.Tags === ''),
    ).toBe(true);
    expect(
      tagged(/^\{"team":"team-platform"\}$/).every(
        r => attribute(r) === 'group:team-platform',
      ),
    ).toBe(true);
    expect(
      new Set(
        rows.filter(r => r.ProviderName === 'AWS').map(r => r.SubAccountId),
      ),
    ).toEqual(new Set(Object.values(DEMO_ACCOUNTS)));
  });

  it('carries what optimization tips look for', () => {
    const usage = rows.filter(r => r.ChargeCategory === 'Usage');
    // EC2 usage (not a reservation's unused hours) is of instances.
    const ec2 = usage.filter(
      r =>
        r.ServiceName === 'Amazon Elastic Compute Cloud' &&
        r.CommitmentDiscountStatus !== 'Unused',
    );
    expect(
      ec2.every(
        r => r.ResourceType === 'Instance' && r.ServiceCategory === 'Compute',
      ),
    ).toBe(true);
    for (const family of ['m4', 't2', 'c4']) {
      expect(
        ec2.some(
          r =>
            r.ChargeDescription.includes(` ${family}.`) &&
            r.SkuMeter.includes(`:${family}.`),
        ),
      ).toBe(true);
    }
    const gp2 = usage.filter(
      r =>
        r.ServiceName === 'Amazon Elastic Block Store' &&
        r.ChargeDescription.includes('gp2'),
    );
    expect(gp2.length).toBeGreaterThan(0);
    expect(new Set(usage.map(r => r.ServiceCategory))).toEqual(
      new Set([
        'Compute',
        'Storage',
        'Databases',
        'Networking',
        'Analytics',
        'AI and Machine Learning',
        'Management and Governance',
      ]),
    );
    expect(new Set(usage.map(r => r.RegionId)).size).toBeGreaterThanOrEqual(4);
    // Non-production runs all week at the same rate.
    const dev = usage.filter(
      r =>
        r.ServiceName === 'Amazon Elastic Compute Cloud' &&
        JSON.parse(r.Tags || '{}').environment === 'dev',
    );
    expect(dev.length).toBeGreaterThan(0);
    const devDaily = costBy(dev, day);
    expect(devDaily.size).toBe(46);
    expect(new Set(devDaily.values()).size).toBe(1);
  });

  it("writes AWS's usage type and operation, and the usage every built-in tip rule looks for", () => {
    const usage = rows.filter(r => r.ChargeCategory === 'Usage');
    const aws = usage.filter(r => r.ProviderName === 'AWS');
    expect(aws.filter(r => !r.x_UsageType || !r.x_Operation)).toEqual([]);
    expect(
      usage.filter(
        r => r.ProviderName === 'Microsoft' && (r.x_UsageType || r.x_Operation),
      ),
    ).toEqual([]);
    // Region prefixes as AWS writes them: none in us-east-1, once elsewhere.
    const types = new Set(aws.map(r => r.x_UsageType));
    expect(types).toContain('BoxUsage:m6i.xlarge');
    expect(types).toContain('EU-BoxUsage:m6i.large');
    expect(types).toContain('USW2-Storage-ShardHour');
    expect([...types].filter(t => /^(EU|USW2)-(EU|USW2)-/.test(t))).toEqual([]);
    const of = (pattern: RegExp) =>
      aws.filter(r => pattern.test(r.x_UsageType));
    // A reservation's unused hours, a provisioned-IOPS volume with its IOPS,
    // an idle address, a NAT gateway without traffic, extended support, a
    // snapshot and bucket reads.
    expect(
      new Set(
        usage
          .filter(r => r.CommitmentDiscountStatus === 'Unused')
          .map(r => `${r.PricingCategory} ${r.CommitmentDiscountType}`),
      ),
    ).toEqual(new Set(['Committed Reserved Instance']));
    const piops = of(/VolumeUsage\.piops/);
    expect(piops.length).toBeGreaterThan(0);
    expect(
      of(/VolumeP-IOPS\.piops/).every(
        r => r.ResourceId === piops[0].ResourceId,
      ),
    ).toBe(true);
    expect(of(/IdleAddress/).length).toBeGreaterThan(0);
    expect(of(/ExtendedSupport/).length).toBeGreaterThan(0);
    expect(of(/SnapshotUsage/).length).toBeGreaterThan(0);
    expect(of(/Requests-Tier2/).every(r => r.x_Operation === 'GetObject')).toBe(
      true,
    );
    // NAT gateways' processed bytes are billed on the gateway itself.
    const natHours = new Set(of(/NatGateway-Hours/).map(r => r.ResourceId));
    expect(natHours.size).toBe(4);
    expect(of(/NatGateway-Bytes/).every(r => natHours.has(r.ResourceId))).toBe(
      true,
    );
    // Per-month quantities are spread over the month's days: a 50 GB
    // volume bills 50 GB-Mo in October's 31 days.
    const october = usage.filter(
      r =>
        r.ResourceName === 'checkout-api-dev-root' &&
        r.ChargePeriodStart.startsWith('2026-10'),
    );
    expect(october).toHaveLength(31);
    const gbMonths = october.reduce((n, r) => n + Number(r.PricingQuantity), 0);
    expect(Math.abs(gbMonths - 50)).toBeLessThan(1e-4);
  });

  it('has weekday cost above weekend cost for production compute', () => {
    const prodCompute = rows.filter(
      r =>
        r.ChargeCategory === 'Usage' &&
        r.ServiceCategory === 'Compute' &&
        JSON.parse(r.Tags || '{}').environment === 'prod',
    );
    const perDay = (weekend: boolean) => {
      const daily = costBy(
        prodCompute.filter(r => isWeekend(r) === weekend),
        day,
      );
      return (
        Number([...daily.values()].reduce((a, b) => a + b, 0n)) / daily.size
      );
    };
    expect(perDay(false)).toBeGreaterThan(perDay(true) * 1.15);
  });

  it('has a five-day spike on fraud-detector six weeks before the end', () => {
    const daily = costBy(
      rows.filter(r => attribute(r) === 'component:fraud-detector'),
      day,
    );
    const endMs = Date.parse(END);
    const spikeDays = [...daily.keys()].filter(d => {
      const before = (endMs - Date.parse(d)) / 86_400_000;
      return (
        before <= SPIKE.firstDaysBeforeEnd && before >= SPIKE.lastDaysBeforeEnd
      );
    });
    expect(spikeDays).toHaveLength(5);
    const sorted = [...daily.values()].sort((a, b) => (a < b ? -1 : 1));
    const median = sorted[Math.floor(sorted.length / 2)];
    for (const d of spikeDays) {
      const ratio = Number(daily.get(d)!) / Number(median);
      const weekendDay = [0, 6].includes(new Date(d).getUTCDay());
      expect(ratio).toBeGreaterThan(weekendDay ? 1.8 : 3);
    }
    const others = [...daily.entries()]
      .filter(([d]) => !spikeDays.includes(d))
      .map(([, v]) => Number(v) / Number(median));
    expect(Math.max(...others)).toBeLessThan(1.3);
  });

  it('writes monthly tax per billing account, credits some months and the reservation purchase once', async () => {
    const monthly = rows.filter(r => r.ChargeCategory !== 'Usage');
    const taxes = monthly.filter(r => r.ChargeCategory === 'Tax');
    expect(
      taxes
        .map(r => `${r.BillingPeriodStart.slice(0, 7)} ${r.ProviderName}`)
        .sort(),
    ).toEqual([
      '2026-10 AWS',
      '2026-10 Microsoft',
      '2026-11 AWS',
      '2026-11 Microsoft',
    ]);
    const credits = monthly.filter(r => r.ChargeCategory === 'Credit');
    expect(credits).toHaveLength(1);
    expect(toUnits(credits[0].BilledCost) < 0n).toBe(true);

    // Over 13 months: the purchase once, usage growing month over month.
    const year = await generate({ months: 13, endDate: '2026-12-01' });
    expect(year.result.files).toHaveLength(13);
    const purchases = year.result.files.flatMap(file => {
      const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
      const purchaseLines = lines.filter(line => line.includes(',Purchase,'));
      return purchaseLines.length
        ? readFocusFileText(`${[header, ...purchaseLines].join('\n')}\n`)
        : [];
    });
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({
      ChargeFrequency: 'One-Time',
      EffectiveCost: '0',
      CommitmentDiscountType: 'Reserved Instance',
    });
    expect(toUnits(purchases[0].BilledCost) > 0n).toBe(true);
    const first = year.result.months[0];
    const last = year.result.months[12];
    expect(
      Number(last.units.EffectiveCost) / Number(first.units.EffectiveCost),
    ).toBeGreaterThan(1.15);
    expect(
      Number(last.units.EffectiveCost) / Number(first.units.EffectiveCost),
    ).toBeLessThan(1.6);
    // A few hundred thousand USD a year.
    const yearly = Number(year.result.totals.EffectiveCost);
    expect(yearly).toBeGreaterThan(150_000);
    expect(yearly).toBeLessThan(600_000);
  });

  it('multiplies resources, components and rows with scale', async () => {
    const one = await generate({ months: 1 });
    const four = await generate({ months: 1, scale: 4 });
    expect(four.result.rows / one.result.rows).toBeGreaterThan(3.9);
    expect(four.result.rows / one.result.rows).toBeLessThan(4.1);
    const scaled = four.read();
    const components = demoComponentsAtScale(4);
    const byEntity = costBy(scaled, r => attribute(r, components));
    for (const c of components)
      expect(byEntity.get(`component:${c.name}`)! > 0n).toBe(true);
    expect(buildDemoInventory({ scale: 4 })).toHaveLength(
      4 * buildDemoInventory().length,
    );
  });
});

describe('generateDemoFocus', () => {
  it('streams a month as Buffers, the same on every call', () => {
    const [, november] = generateDemoFocus({ endDate: END, months: 2 });
    expect(november.billingPeriod).toBe('2026-11');
    const collect = () => {
      const chunks: Buffer[] = [];
      const generator = november.csv();
      for (;;) {
        const next = generator.next();
        if (next.done)
          return {
            text: Buffer.concat(chunks).toString('utf8'),
            tally: next.value,
          };
        chunks.push(next.value);
      }
    };
    const a = collect();
    const b = collect();
    expect(a.text).toBe(b.text);
    expect(a.text.startsWith(`${FOCUS_COLUMNS.join(',')}\n`)).toBe(true);
    expect(a.tally.rows).toBe(a.text.split('\n').length - 2);
  });

  it('rejects bad options', () => {
    expect(() => generateDemoFocus({ endDate: '2026-02-30' })).toThrow(
      /endDate/,
    );
    expect(() =>
      generateDemoFocus({ endDate: '2026-11-16', months: 0 }),
    ).toThrow(/months/);
    expect(() =>
      generateDemoFocus({ endDate: '2026-11-16', scale: 0 }),
    ).toThrow(/scale/);
  });
});
