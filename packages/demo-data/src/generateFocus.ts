import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { Writable } from 'node:stream';
import { DEMO_ACCOUNTS, DEMO_COMPONENTS } from './catalog';

/** Options of {@link writeDemoFocusFiles}. */
export interface DemoFocusOptions {
  /** Day after the last day of data (exclusive), YYYY-MM-DD. */
  endDate: string;
  /** Calendar months of data ending with the month of the last day; default 13. */
  months?: number;
  /** Default 1. */
  seed?: number;
  /**
   * Multiplies resources per component and adds synthetic components
   * (`svc-0001`…), for benchmarks; default 1 (about 120 resources).
   */
  scale?: number;
  gzip?: boolean;
}

/** What was written, with exact totals for reconciliation. */
export interface DemoFocusResult {
  files: string[];
  rows: number;
  bytes: number;
  totals: { EffectiveCost: string; BilledCost: string };
}

export const FOCUS_COLUMNS = [
  'AvailabilityZone', 'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingAccountType', 'BillingCurrency',
  'BillingPeriodEnd', 'BillingPeriodStart', 'CapacityReservationId', 'CapacityReservationStatus', 'ChargeCategory',
  'ChargeClass', 'ChargeDescription', 'ChargeFrequency', 'ChargePeriodEnd', 'ChargePeriodStart',
  'CommitmentDiscountCategory', 'CommitmentDiscountId', 'CommitmentDiscountName', 'CommitmentDiscountQuantity',
  'CommitmentDiscountStatus', 'CommitmentDiscountType', 'CommitmentDiscountUnit', 'ConsumedQuantity', 'ConsumedUnit',
  'ContractedCost', 'ContractedUnitPrice', 'EffectiveCost', 'InvoiceId', 'InvoiceIssuerName', 'ListCost',
  'ListUnitPrice', 'PricingCategory', 'PricingCurrency', 'PricingQuantity', 'PricingUnit', 'ProviderName',
  'PublisherName', 'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType', 'ServiceCategory',
  'ServiceName', 'ServiceSubcategory', 'SkuId', 'SkuMeter', 'SkuPriceDetails', 'SkuPriceId', 'SubAccountId',
  'SubAccountName', 'SubAccountType', 'Tags',
] as const;

type Column = (typeof FOCUS_COLUMNS)[number];

interface DemoResource {
  id: string;
  name: string;
  service: string;
  category: string;
  resourceType: string;
  description: string;
  sku: string;
  unit: string;
  region: string;
  subAccount: string;
  tags: Record<string, string>;
  /** Daily cost at the start, in micro-dollars. */
  baseMicros: number;
  /** Prod compute dips at weekends; non-production runs all week. */
  weekly: boolean;
  /** Share of cost covered by a savings plan (EffectiveCost < ListCost). */
  committed: boolean;
  spike?: { startOffsetDays: number; days: number; factor: number };
}

const REGIONS: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'eu-west-1': 'Europe (Ireland)',
  'us-west-2': 'US West (Oregon)',
};

const SERVICES = [
  { service: 'Amazon Elastic Compute Cloud', category: 'Compute', resourceType: 'Instance', unit: 'Hours', kind: 'ec2' },
  { service: 'Amazon Relational Database Service', category: 'Databases', resourceType: 'DBInstance', unit: 'Hours', kind: 'rds' },
  { service: 'Amazon Simple Storage Service', category: 'Storage', resourceType: 'Bucket', unit: 'GB-Mo', kind: 's3' },
  { service: 'AWS Lambda', category: 'Compute', resourceType: 'Function', unit: 'Requests', kind: 'lambda' },
  { service: 'Amazon CloudFront', category: 'Networking', resourceType: 'Distribution', unit: 'GB', kind: 'cloudfront' },
  { service: 'Amazon DynamoDB', category: 'Databases', resourceType: 'Table', unit: 'ReadRequestUnits', kind: 'dynamodb' },
  { service: 'Amazon Elastic Block Store', category: 'Storage', resourceType: 'Volume', unit: 'GB-Mo', kind: 'ebs' },
  { service: 'Amazon Elastic Kubernetes Service', category: 'Compute', resourceType: 'Cluster', unit: 'Hours', kind: 'eks' },
  { service: 'Amazon Redshift', category: 'Analytics', resourceType: 'Cluster', unit: 'Hours', kind: 'redshift' },
] as const;

const INSTANCE_TYPES = ['m6i.large', 'c6g.xlarge', 'r6i.large', 'm5.xlarge'];
const PREVIOUS_GENERATION = ['m4.large', 't2.medium', 'c4.xlarge'];

/** A small fast seeded PRNG (mulberry32): same seed, same numbers. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildResources(random: () => number, scale: number): DemoResource[] {
  const resources: DemoResource[] = [];
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const hex = () => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
  const components = [...DEMO_COMPONENTS.map(c => ({ name: c.name, owner: c.owner }))];
  for (let i = 1; i < scale; i++) {
    for (let j = 0; j < DEMO_COMPONENTS.length; j++) {
      components.push({ name: `svc-${String((i - 1) * DEMO_COMPONENTS.length + j + 1).padStart(4, '0')}`, owner: DEMO_COMPONENTS[j].owner });
    }
  }
  for (const component of components) {
    const perComponent = 6 * Math.max(1, Math.ceil(scale / 4));
    for (let r = 0; r < perComponent; r++) {
      const service = r === 0 ? SERVICES[0] : pick(SERVICES);
      const environment = r % 6 === 5 ? 'dev' : r % 6 === 4 ? 'staging' : 'prod';
      const region = pick(Object.keys(REGIONS));
      const previousGen = service.kind === 'ec2' && random() < 0.25;
      const instanceType = previousGen ? pick(PREVIOUS_GENERATION) : pick(INSTANCE_TYPES);
      const gp2 = service.kind === 'ebs' && random() < 0.6;
      const id = `${component.name}-${service.kind}-${hex()}`;
      let tags: Record<string, string> = {
        service: r === 1 && component.name === 'checkout-api' ? 'Checkout-API' : component.name,
        team: component.owner,
        environment,
      };
      let subAccount: string = environment === 'prod' ? DEMO_ACCOUNTS.production : DEMO_ACCOUNTS.staging;
      if (component.name === 'legacy-billing') {
        tags = { app: 'legacy-billing-v1', 'cost-center': 'cc-4410' };
      } else if (component.name === 'ci-runners') {
        tags = {};
        subAccount = DEMO_ACCOUNTS.ci;
      }
      resources.push({
        id: service.kind === 'ec2' ? `arn:aws:ec2:${region}:${subAccount}:instance/i-${hex()}${hex()}`.slice(0, 80) : `arn:aws:${service.kind}:${region}:${subAccount}:${id}`,
        name: id,
        service: service.service,
        category: service.category,
        resourceType: service.resourceType,
        description:
          service.kind === 'ec2'
            ? `$0.0${Math.floor(random() * 90 + 10)} per On Demand Linux ${instanceType} Instance Hour`
            : service.kind === 'ebs'
              ? `$0.${gp2 ? '10' : '08'} per GB-month of General Purpose ${gp2 ? 'gp2' : 'gp3'} provisioned storage`
              : `${service.service} usage`,
        sku: service.kind === 'ec2' ? instanceType : gp2 ? 'gp2' : `${service.kind.toUpperCase()}-${hex().slice(0, 6)}`,
        unit: service.unit,
        region,
        subAccount,
        tags,
        baseMicros: Math.round((environment === 'prod' ? 40 : 12) * (0.3 + random() * 2) * 1_000_000),
        weekly: environment === 'prod' && (service.kind === 'ec2' || service.kind === 'lambda' || service.kind === 'cloudfront'),
        committed: environment === 'prod' && service.kind === 'ec2' && random() < 0.5,
        spike: component.name === 'fraud-detector' && r === 0 ? { startOffsetDays: 42, days: 5, factor: 4 } : undefined,
      });
    }
  }
  // Spend that belongs to a team but to no component.
  for (const [i, region] of Object.keys(REGIONS).entries()) {
    resources.push({
      id: `arn:aws:ec2:${region}:${DEMO_ACCOUNTS.shared}:natgateway/nat-${hex()}`,
      name: `shared-nat-${i}`,
      service: 'Amazon Virtual Private Cloud',
      category: 'Networking',
      resourceType: 'NatGateway',
      description: '$0.045 per NAT Gateway Hour',
      sku: 'NatGateway',
      unit: 'Hours',
      region,
      subAccount: DEMO_ACCOUNTS.shared,
      tags: { team: 'team-platform', environment: 'prod' },
      baseMicros: 35_000_000,
      weekly: false,
      committed: false,
    });
  }
  // Untagged resources in shared accounts whose names hint at their owner.
  const untagged = ['checkout-tmp-export', 'search-reindex-scratch', 'analytics-backfill-2024', 'unknown-bastion', 'old-jenkins-volume', 'product-images-copy'];
  for (let i = 0; i < untagged.length * scale; i++) {
    const name = untagged[i % untagged.length] + (i >= untagged.length ? `-${i}` : '');
    const region = pick(Object.keys(REGIONS));
    const service = i % 3 === 0 ? SERVICES[2] : i % 3 === 1 ? SERVICES[0] : SERVICES[6];
    resources.push({
      id: `arn:aws:${service.kind}:${region}:${DEMO_ACCOUNTS.shared}:${name}`,
      name,
      service: service.service,
      category: service.category,
      resourceType: service.resourceType,
      description: `${service.service} usage`,
      sku: service.kind === 'ebs' ? 'gp2' : 'm4.large',
      unit: service.unit,
      region,
      subAccount: DEMO_ACCOUNTS.shared,
      tags: {},
      baseMicros: Math.round((25 + random() * 30) * 1_000_000),
      weekly: false,
      committed: false,
    });
  }
  return resources;
}

function formatMicros(micros: bigint | number): string {
  const value = BigInt(micros);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The calendar months covered, oldest first, as [start ms, end ms). */
function monthsEndingAt(endDate: string, months: number): Array<[number, number]> {
  const last = new Date(Date.parse(`${endDate}T00:00:00Z`) - DAY_MS);
  const result: Array<[number, number]> = [];
  for (let i = months - 1; i >= 0; i--) {
    const start = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - i, 1);
    const end = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - i + 1, 1);
    result.push([start, end]);
  }
  return result;
}

/**
 * Writes one FOCUS 1.2 CSV file per billing month (`focus-YYYY-MM.csv[.gz]`)
 * for the demo catalog: daily usage rows per resource, plus monthly tax,
 * credit and one purchase. Deterministic for the same options.
 */
export async function writeDemoFocusFiles(options: DemoFocusOptions & { outDir: string }): Promise<DemoFocusResult> {
  const months = options.months ?? 13;
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  const random = createRandom(options.seed ?? 1);
  const resources = buildResources(random, scale);
  const endMs = Date.parse(`${options.endDate}T00:00:00Z`);
  const ranges = monthsEndingAt(options.endDate, months);
  const firstMs = ranges[0][0];
  const totalDays = (endMs - firstMs) / DAY_MS;
  await mkdir(options.outDir, { recursive: true });

  const result: DemoFocusResult = { files: [], rows: 0, bytes: 0, totals: { EffectiveCost: '0', BilledCost: '0' } };
  let effectiveTotal = 0n;
  let billedTotal = 0n;

  for (const [monthStart, monthEnd] of ranges) {
    const label = new Date(monthStart).toISOString().slice(0, 7);
    const fileName = `focus-${label}.csv${options.gzip ? '.gz' : ''}`;
    const finalPath = join(options.outDir, fileName);
    const tempPath = `${finalPath}.partial`;
    const file = createWriteStream(tempPath);
    const gzip = options.gzip ? createGzip() : undefined;
    if (gzip) gzip.pipe(file);
    const out: Writable = gzip ?? file;
    let buffer = `${FOCUS_COLUMNS.join(',')}\n`;
    const flush = async () => {
      result.bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    };
    const monthRow = (values: Partial<Record<Column, string>>) => {
      const row: Partial<Record<Column, string>> = {
        BillingAccountId: DEMO_ACCOUNTS.billing,
        BillingAccountName: 'Demo Corp',
        BillingAccountType: 'Billing Account',
        BillingCurrency: 'USD',
        BillingPeriodStart: iso(monthStart),
        BillingPeriodEnd: iso(monthEnd),
        InvoiceIssuerName: 'Amazon Web Services, Inc.',
        ProviderName: 'AWS',
        PublisherName: 'Amazon Web Services, Inc.',
        PricingCurrency: 'USD',
        SubAccountType: 'Account',
        ...values,
      };
      buffer += `${FOCUS_COLUMNS.map(c => csvField(row[c] ?? '')).join(',')}\n`;
      result.rows++;
    };
    let monthBilled = 0n;
    const lastDayMs = Math.min(monthEnd, endMs);
    for (let dayMs = monthStart; dayMs < lastDayMs; dayMs += DAY_MS) {
      const dayIndex = (dayMs - firstMs) / DAY_MS;
      const weekday = new Date(dayMs).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      const growth = 1 + 0.35 * (dayIndex / Math.max(1, totalDays));
      for (const resource of resources) {
        let factor = growth * (0.92 + random() * 0.16);
        if (resource.weekly && weekend) factor *= 0.55;
        const spike = resource.spike;
        const daysBeforeEnd = (endMs - dayMs) / DAY_MS;
        if (spike && daysBeforeEnd <= spike.startOffsetDays && daysBeforeEnd > spike.startOffsetDays - spike.days) {
          factor *= spike.factor;
        }
        const listMicros = BigInt(Math.round(resource.baseMicros * factor));
        const effectiveMicros = resource.committed ? (listMicros * 72n) / 100n : listMicros;
        const billedMicros = effectiveMicros;
        effectiveTotal += effectiveMicros;
        billedTotal += billedMicros;
        monthBilled += billedMicros;
        const quantity = (Number(listMicros) / 1_000_000 / 0.1).toFixed(4);
        monthRow({
          AvailabilityZone: `${resource.region}a`,
          BilledCost: formatMicros(billedMicros),
          ChargeCategory: 'Usage',
          ChargeDescription: resource.description,
          ChargeFrequency: 'Usage-Based',
          ChargePeriodStart: iso(dayMs),
          ChargePeriodEnd: iso(dayMs + DAY_MS),
          CommitmentDiscountCategory: resource.committed ? 'Spend' : '',
          CommitmentDiscountId: resource.committed ? `arn:aws:savingsplans::${DEMO_ACCOUNTS.billing}:savingsplan/sp-demo` : '',
          CommitmentDiscountStatus: resource.committed ? 'Used' : '',
          CommitmentDiscountType: resource.committed ? 'Compute Savings Plan' : '',
          ConsumedQuantity: quantity,
          ConsumedUnit: resource.unit,
          ContractedCost: formatMicros(effectiveMicros),
          EffectiveCost: formatMicros(effectiveMicros),
          ListCost: formatMicros(listMicros),
          ListUnitPrice: '0.1',
          PricingCategory: resource.committed ? 'Committed' : 'Standard',
          PricingQuantity: quantity,
          PricingUnit: resource.unit,
          RegionId: resource.region,
          RegionName: REGIONS[resource.region] ?? resource.region,
          ResourceId: resource.id,
          ResourceName: resource.name,
          ResourceType: resource.resourceType,
          ServiceCategory: resource.category,
          ServiceName: resource.service,
          SkuId: resource.sku,
          SkuPriceId: `${resource.sku}.price`,
          SubAccountId: resource.subAccount,
          SubAccountName: resource.subAccount === DEMO_ACCOUNTS.production ? 'production' : resource.subAccount === DEMO_ACCOUNTS.ci ? 'ci' : resource.subAccount === DEMO_ACCOUNTS.shared ? 'shared' : 'staging',
          Tags: Object.keys(resource.tags).length ? JSON.stringify(resource.tags) : '',
        });
        if (buffer.length > 1 << 20) await flush();
      }
    }
    if (lastDayMs > monthStart) {
      // Monthly charges: tax, a credit every third month, and one purchase.
      const monthIndex = ranges.findIndex(([start]) => start === monthStart);
      const monthly = (category: string, micros: bigint, description: string, service: string) => {
        effectiveTotal += micros;
        billedTotal += micros;
        monthRow({
          BilledCost: formatMicros(micros),
          EffectiveCost: formatMicros(micros),
          ListCost: formatMicros(micros),
          ContractedCost: formatMicros(micros),
          ChargeCategory: category,
          ChargeDescription: description,
          ChargeFrequency: category === 'Purchase' ? 'One-Time' : 'Recurring',
          ChargePeriodStart: iso(monthStart),
          ChargePeriodEnd: iso(monthEnd),
          ServiceName: service,
          ServiceCategory: 'Other',
          SubAccountId: DEMO_ACCOUNTS.shared,
          SubAccountName: 'shared',
        });
      };
      monthly('Tax', (monthBilled * 8n) / 100n, 'Sales tax', 'Tax');
      if (monthIndex % 3 === 1) monthly('Credit', -250_000_000n, 'AWS Activate credit', 'AWS Support (Business)');
      if (monthIndex === 2) monthly('Purchase', 1_200_000_000n, 'Business support plan, annual', 'AWS Support (Business)');
    }
    await flush();
    out.end();
    await once(file, 'close');
    await rename(tempPath, finalPath);
    result.files.push(finalPath);
  }
  result.totals = { EffectiveCost: formatMicros(effectiveTotal), BilledCost: formatMicros(billedTotal) };
  return result;
}
