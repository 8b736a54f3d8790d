/**
 * Deterministic FOCUS 1.2 billing data for the demo catalog: one row per
 * resource per day, plus monthly tax, some credits and one commitment
 * purchase, streamed month by month with bounded memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  DEMO_ACCOUNTS,
  DEMO_ACCOUNT_NAMES,
  DEMO_AZURE,
  normalizeScale,
} from './catalog';
import {
  BURST,
  DEMO_RESERVATION,
  DemoResource,
  SPIKE,
  buildDemoInventory,
  price,
} from './inventory';
import {
  AMOUNT_DECIMALS,
  ExactSum,
  MAX_ROW_UNITS,
  formatScaled,
  formatUnits,
} from './money';
import { hashUnit } from './random';

/** Options of {@link generateDemoFocus} and {@link writeDemoFocusFiles}. */
export interface DemoFocusOptions {
  /**
   * The day after the last day of data (exclusive), `YYYY-MM-DD`: no charge
   * starts on or after it.
   */
  endDate: string;
  /** Calendar months of data, ending with the month of the day before endDate; default 13. */
  months?: number;
  /** Seeds resource ids and day-to-day noise; default 1. */
  seed?: number;
  /**
   * Copies of the demo estate, for benchmarks; default 1 (about 190
   * resources, 11 components). Scale N adds `11 × (N − 1)` synthetic
   * components (`svc-0001`…) with their own resources, so rows grow about
   * N-fold: scale 182 has about 2000 components and 35 000 resources.
   */
  scale?: number;
  /** Write `.csv.gz` instead of `.csv`. */
  gzip?: boolean;
}

/** What one month's CSV (or all of them) holds: rows and exact cost sums. */
export interface DemoFocusTally {
  rows: number;
  /** Exact sums as decimal strings. */
  EffectiveCost: string;
  BilledCost: string;
  /** The same sums in 10⁻¹⁰ USD. */
  units: { EffectiveCost: bigint; BilledCost: bigint };
}

/** One billing month of generated data. */
export interface DemoFocusMonth {
  /** `YYYY-MM`. */
  billingPeriod: string;
  /** `focus-YYYY-MM.csv` (the writer adds `.gz` when compressing). */
  fileName: string;
  /**
   * Generates the month's CSV (UTF-8, header first) in chunks of about
   * 1 MiB, and returns what it generated. Each call starts afresh and yields
   * the same bytes.
   */
  csv(): Generator<Buffer, DemoFocusTally, undefined>;
}

/** What {@link writeDemoFocusFiles} wrote. */
export interface DemoFocusResult {
  /** Absolute or outDir-relative paths of the files, oldest month first. */
  files: string[];
  rows: number;
  /** Bytes on disk (compressed when gzip). */
  bytes: number;
  /** Bytes of CSV text before compression. */
  csvBytes: number;
  /** Exact sums of everything written, as decimal strings. */
  totals: { EffectiveCost: string; BilledCost: string };
  months: Array<{ billingPeriod: string; file: string } & DemoFocusTally>;
}

/**
 * The columns written, in this order: FOCUS 1.2 names, then AWS's
 * extension columns `x_Operation` and `x_UsageType` (empty on Azure rows).
 */
export const FOCUS_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingAccountType',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'CapacityReservationId',
  'CapacityReservationStatus',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountQuantity',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'CommitmentDiscountUnit',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceId',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingCurrency',
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
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SkuPriceDetails',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'SubAccountType',
  'Tags',
  'x_Operation',
  'x_UsageType',
] as const;

/** A FOCUS column name. */
export type FocusColumn = (typeof FOCUS_COLUMNS)[number];

/** Tax on each billing account's monthly invoice, in percent. */
export const DEMO_TAX_PERCENT = 5;
/** A promotional credit lands in calendar months whose index (year × 12 + month − 1) % 4 is 1. */
export const DEMO_CREDIT_USD = 500;

const DAY_MS = 86_400_000;
const CHUNK_BYTES = 1 << 20;
/** Fixed text of one row may not exceed this, so a row always fits after a chunk's limit. */
const MAX_ROW_BYTES = 1 << 16;
/** Daily growth of production traffic and storage: about 2.3 % a month. */
const GROWTH_PER_DAY = 0.00075;
const POW10 = Array.from({ length: 17 }, (_, i) => 10 ** i);

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const isoDay = (day: number) =>
  `${new Date(day * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`;

function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  const ms = match ? Date.UTC(+match[1], +match[2] - 1, +match[3]) : NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`endDate must be a date YYYY-MM-DD, not "${text}"`);
  }
  return ms / DAY_MS;
}

/** The variable columns of a usage row; everything else is fixed per resource. */
const SLOTS: FocusColumn[] = [
  'BilledCost',
  'BillingPeriodEnd', // with BillingPeriodStart, which follows it
  'ChargePeriodEnd', // with ChargePeriodStart, which follows it
  'ConsumedQuantity',
  'ContractedCost',
  'EffectiveCost',
  'ListCost',
  'PricingQuantity',
];
const PAIRED: Partial<Record<FocusColumn, FocusColumn>> = {
  BillingPeriodEnd: 'BillingPeriodStart',
  ChargePeriodEnd: 'ChargePeriodStart',
};

/**
 * Builds CSV output in Buffers of about {@link CHUNK_BYTES}: fixed text is
 * copied from pre-encoded Buffers, variable values (ASCII numbers and dates)
 * byte by byte. Much faster than concatenating and re-encoding strings.
 */
class ChunkBuilder {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES + MAX_ROW_BYTES);
  pos = 0;

  bytes(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Appends ASCII text (digits, dates, signs). */
  ascii(text: string): void {
    const buffer = this.buffer;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) buffer[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  get full(): boolean {
    return this.pos >= CHUNK_BYTES;
  }

  take(): Buffer {
    const chunk = this.buffer.subarray(0, this.pos);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES + MAX_ROW_BYTES);
    this.pos = 0;
    return chunk;
  }
}

/**
 * Splits a row into the bytes between its variable columns: `parts[0]` slot0
 * `parts[1]` slot1 … `parts[8]` (which ends the line).
 */
function compileRow(values: Partial<Record<FocusColumn, string>>): Buffer[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < FOCUS_COLUMNS.length; i++) {
    const column = FOCUS_COLUMNS[i];
    if (i > 0) current += ',';
    if (SLOTS.includes(column)) {
      parts.push(current);
      current = '';
      if (PAIRED[column]) i++; // the slot's value covers both columns
    } else {
      current += csvField(values[column] ?? '');
    }
  }
  parts.push(`${current}\n`);
  const encoded = parts.map(part => Buffer.from(part, 'utf8'));
  if (encoded.reduce((n, b) => n + b.length, 0) > MAX_ROW_BYTES / 2) {
    throw new Error(`a row of ${values.ResourceId} is too long`);
  }
  return encoded;
}

/** A whole row from its values (for the few monthly rows). */
function csvRow(values: Partial<Record<FocusColumn, string>>): string {
  return `${FOCUS_COLUMNS.map(column => csvField(values[column] ?? '')).join(
    ',',
  )}\n`;
}

interface CompiledResource {
  resource: DemoResource;
  parts: Buffer[];
  /** Row parts once the reservation covers it. */
  coveredParts?: Buffer[];
  quantityScale: number;
  /** ListCost units = quantity units × price units × costFactor. */
  costFactor: number;
  /** EffectiveCost units of a covered row = quantity units × coveredUnits. */
  coveredUnits?: number;
  isAzure: boolean;
}

function billingColumns(azure: boolean): Partial<Record<FocusColumn, string>> {
  return azure
    ? {
        BillingAccountId: DEMO_AZURE.billingAccount,
        BillingAccountName: DEMO_AZURE.billingAccountName,
        BillingAccountType: 'Billing Account',
        BillingCurrency: 'USD',
        InvoiceIssuerName: 'Microsoft',
        ProviderName: 'Microsoft',
        PublisherName: 'Microsoft',
        PricingCurrency: 'USD',
      }
    : {
        BillingAccountId: DEMO_ACCOUNTS.billing,
        BillingAccountName: 'Demo Corp',
        BillingAccountType: 'Billing Account',
        BillingCurrency: 'USD',
        InvoiceIssuerName: 'Amazon Web Services, Inc.',
        ProviderName: 'AWS',
        PublisherName: 'Amazon Web Services, Inc.',
        PricingCurrency: 'USD',
      };
}

function compileResource(resource: DemoResource): CompiledResource {
  const isAzure = resource.provider === 'Microsoft';
  if (resource.priceDecimals + resource.quantityDecimals > AMOUNT_DECIMALS) {
    throw new Error(
      `${resource.resourceId}: price and quantity decimals exceed ${AMOUNT_DECIMALS}`,
    );
  }
  const listUnitPrice = formatScaled(
    resource.priceUnits,
    resource.priceDecimals,
  );
  const values: Partial<Record<FocusColumn, string>> = {
    ...billingColumns(isAzure),
    AvailabilityZone: resource.availabilityZone,
    ChargeCategory: 'Usage',
    ChargeDescription: resource.chargeDescription,
    ChargeFrequency: 'Usage-Based',
    ConsumedUnit: resource.unit,
    ContractedUnitPrice: listUnitPrice,
    ListUnitPrice: listUnitPrice,
    PricingCategory: 'Standard',
    PricingUnit: resource.unit,
    RegionId: resource.regionId,
    RegionName: resource.regionName,
    ResourceId: resource.resourceId,
    ResourceName: resource.resourceName,
    ResourceType: resource.resourceType,
    ServiceCategory: resource.serviceCategory,
    ServiceName: resource.serviceName,
    SkuId: resource.skuId,
    SkuMeter: resource.skuMeter,
    SkuPriceDetails: resource.skuPriceDetails,
    SkuPriceId: resource.skuPriceId,
    SubAccountId: resource.subAccountId,
    SubAccountName: resource.subAccountName,
    SubAccountType: resource.subAccountType,
    Tags: resource.tags ? JSON.stringify(resource.tags) : '',
    x_Operation: resource.operation,
    x_UsageType: resource.usageType,
    ...(resource.commitment
      ? {
          CommitmentDiscountCategory: 'Usage',
          CommitmentDiscountId: resource.commitment.id,
          CommitmentDiscountName: resource.commitment.name,
          CommitmentDiscountStatus: resource.commitment.status,
          CommitmentDiscountType: resource.commitment.type,
          PricingCategory: 'Committed',
        }
      : {}),
  };
  const reservation = resource.reservation;
  const amortized = reservation
    ? price(reservation.amortizedUnitPrice)
    : undefined;
  if (
    amortized &&
    amortized.decimals + resource.quantityDecimals > AMOUNT_DECIMALS
  ) {
    throw new Error(
      `${resource.resourceId}: amortized price and quantity decimals exceed ${AMOUNT_DECIMALS}`,
    );
  }
  return {
    coveredUnits: amortized
      ? amortized.units *
        POW10[AMOUNT_DECIMALS - amortized.decimals - resource.quantityDecimals]
      : undefined,
    resource,
    parts: compileRow(values),
    coveredParts: reservation
      ? compileRow({
          ...values,
          CommitmentDiscountCategory: 'Usage',
          CommitmentDiscountId: reservation.id,
          CommitmentDiscountName: reservation.name,
          CommitmentDiscountStatus: 'Used',
          CommitmentDiscountType: 'Reserved Instance',
          ChargeDescription: reservation.coveredDescription,
          PricingCategory: 'Committed',
          SkuPriceId: `${resource.skuId}.6QCMYABX3D.6YS6EN2CT7`,
        })
      : undefined,
    quantityScale: POW10[resource.quantityDecimals],
    costFactor:
      POW10[
        AMOUNT_DECIMALS - resource.priceDecimals - resource.quantityDecimals
      ],
    isAzure,
  };
}

interface Plan {
  seed: number;
  copies: number;
  endDay: number;
  months: Array<{
    label: string;
    startDay: number;
    endDay: number;
    index: number;
  }>;
  resources: CompiledResource[];
  reservation?: {
    startDay: number;
    endDay: number;
    feeUnits: bigint;
    resource: DemoResource;
  };
}

function monthStartDay(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY_MS;
}

function plan(options: DemoFocusOptions): Plan {
  const endDay = parseDay(options.endDate);
  const months = options.months ?? 13;
  if (!Number.isInteger(months) || months < 1 || months > 240) {
    throw new Error(
      `months must be a whole number from 1 to 240, not ${options.months}`,
    );
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) {
    throw new Error(`seed must be an integer, not ${options.seed}`);
  }
  const copies = normalizeScale(options.scale);
  const last = new Date((endDay - 1) * DAY_MS);
  const lastMonth = last.getUTCFullYear() * 12 + last.getUTCMonth();
  const result: Plan['months'] = [];
  for (let index = lastMonth - months + 1; index <= lastMonth; index++) {
    const start = monthStartDay(index);
    result.push({
      label: new Date(start * DAY_MS).toISOString().slice(0, 7),
      startDay: start,
      endDay: monthStartDay(index + 1),
      index,
    });
  }
  const resources = buildDemoInventory({ seed, scale: copies }).map(
    compileResource,
  );
  const covered = resources.filter(r => r.resource.reservation);
  let reservation: Plan['reservation'];
  if (covered.length) {
    const startDay = monthStartDay(
      lastMonth - DEMO_RESERVATION.monthsBeforeLastMonth,
    );
    const c = covered[0];
    const r = c.resource;
    // Upfront fee = what the covered hours amortize to over the whole term, exactly.
    const perDay =
      BigInt(Math.round(r.quantity * c.quantityScale)) *
      BigInt(c.coveredUnits!);
    reservation = {
      startDay,
      endDay: startDay + DEMO_RESERVATION.termDays,
      feeUnits:
        perDay * BigInt(DEMO_RESERVATION.termDays) * BigInt(covered.length),
      resource: r,
    };
  }
  return { seed, copies, endDay, months: result, resources, reservation };
}

/** The quantity a resource's usage pattern gives a day. */
function patternQuantity(
  r: DemoResource,
  day: number,
  daysBeforeEnd: number,
  weekend: boolean,
  growth: number,
  seed: number,
): number {
  const noise = hashUnit(r.key, day, seed);
  switch (r.pattern) {
    case 'steady':
      return r.quantity;
    case 'growing':
      return r.quantity * growth;
    case 'autoscaled':
      return r.quantity * (weekend ? 0.1 + 0.25 * noise : 0.8 + 0.2 * noise);
    case 'traffic':
    default: {
      const spike =
        r.spike &&
        daysBeforeEnd <= SPIKE.firstDaysBeforeEnd &&
        daysBeforeEnd >= SPIKE.lastDaysBeforeEnd
          ? SPIKE.factor
          : 1;
      const burst =
        r.burst && daysBeforeEnd === BURST.daysBeforeEnd ? BURST.factor : 1;
      return (
        r.quantity *
        growth *
        (weekend ? 0.6 : 1) *
        (0.9 + 0.2 * noise) *
        spike *
        burst
      );
    }
  }
}

/**
 * Daily quantity of a resource, before rounding to its decimals. A
 * per-month quantity is spread over the days of the month (`monthShare` =
 * 30 ÷ its days), so a month bills the same GB-months whatever its length.
 */
function dailyQuantity(
  r: DemoResource,
  day: number,
  daysBeforeEnd: number,
  weekend: boolean,
  growth: number,
  seed: number,
  monthShare: number,
): number {
  return (
    patternQuantity(r, day, daysBeforeEnd, weekend, growth, seed) *
    (r.perMonth ? monthShare : 1)
  );
}

function* monthCsv(
  p: Plan,
  month: Plan['months'][number],
): Generator<Buffer, DemoFocusTally, undefined> {
  const effective = new ExactSum();
  const billed = new ExactSum();
  const billedAws = new ExactSum();
  const billedAzure = new ExactSum();
  let rows = 0;
  const out = new ChunkBuilder();
  out.bytes(Buffer.from(`${FOCUS_COLUMNS.join(',')}\n`));
  const billingPeriod = Buffer.from(
    `${isoDay(month.endDay)},${isoDay(month.startDay)}`,
  );
  const lastDay = Math.min(month.endDay, p.endDay);
  const reservation = p.reservation;
  const monthShare = 30 / (month.endDay - month.startDay);

  for (let day = month.startDay; day < lastDay; day++) {
    const daysBeforeEnd = p.endDay - day;
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    const weekend = weekday === 0 || weekday === 6;
    const growth = Math.max(0.25, 1 - GROWTH_PER_DAY * (daysBeforeEnd - 1));
    const chargePeriod = Buffer.from(`${isoDay(day + 1)},${isoDay(day)}`);
    const reserved =
      reservation !== undefined &&
      day >= reservation.startDay &&
      day < reservation.endDay;
    for (const c of p.resources) {
      const r = c.resource;
      if (
        r.activeDaysBeforeEnd !== undefined &&
        daysBeforeEnd > r.activeDaysBeforeEnd
      )
        continue;
      const quantityUnits = Math.round(
        dailyQuantity(
          r,
          day,
          daysBeforeEnd,
          weekend,
          growth,
          p.seed,
          monthShare,
        ) * c.quantityScale,
      );
      if (quantityUnits <= 0) continue;
      const list = quantityUnits * r.priceUnits * c.costFactor;
      if (!(list <= MAX_ROW_UNITS)) {
        throw new Error(
          `${r.resourceId}: a daily cost of ${list} units is too large to sum exactly`,
        );
      }
      const quantity = formatScaled(quantityUnits, r.quantityDecimals);
      const listText = formatScaled(list, AMOUNT_DECIMALS);
      let parts = c.parts;
      let billedText = listText;
      let effectiveText = listText;
      let effectiveUnits = list;
      let billedUnits = list;
      if (reserved && c.coveredParts) {
        // Covered by the all-upfront reservation: paid by the purchase, amortized here.
        parts = c.coveredParts;
        effectiveUnits = quantityUnits * c.coveredUnits!;
        effectiveText = formatScaled(effectiveUnits, AMOUNT_DECIMALS);
        billedUnits = 0;
        billedText = '0';
      }
      out.bytes(parts[0]);
      out.ascii(billedText);
      out.bytes(parts[1]);
      out.bytes(billingPeriod);
      out.bytes(parts[2]);
      out.bytes(chargePeriod);
      out.bytes(parts[3]);
      out.ascii(quantity);
      out.bytes(parts[4]);
      out.ascii(listText);
      out.bytes(parts[5]);
      out.ascii(effectiveText);
      out.bytes(parts[6]);
      out.ascii(listText);
      out.bytes(parts[7]);
      out.ascii(quantity);
      out.bytes(parts[8]);
      rows++;
      effective.add(effectiveUnits);
      billed.add(billedUnits);
      (c.isAzure ? billedAzure : billedAws).add(billedUnits);
      if (out.full) yield out.take();
    }
  }

  if (lastDay > month.startDay) {
    const monthPeriod = {
      BillingPeriodStart: isoDay(month.startDay),
      BillingPeriodEnd: isoDay(month.endDay),
    };
    const charge = (
      azure: boolean,
      units: bigint,
      values: Partial<Record<FocusColumn, string>>,
      effectiveUnits = units,
    ) => {
      out.bytes(
        Buffer.from(
          csvRow({
            ...billingColumns(azure),
            ...monthPeriod,
            BilledCost: formatUnits(units),
            EffectiveCost: formatUnits(effectiveUnits),
            ListCost: formatUnits(units),
            ContractedCost: formatUnits(units),
            ...values,
          }),
        ),
      );
      rows++;
      effective.addBig(effectiveUnits);
      billed.addBig(units);
      if (!azure) billedAws.addBig(units);
    };
    const monthEnd = isoDay(lastDay);
    if (
      reservation &&
      reservation.startDay >= month.startDay &&
      reservation.startDay < lastDay
    ) {
      const r = reservation.resource;
      charge(
        false,
        reservation.feeUnits,
        {
          ChargeCategory: 'Purchase',
          ChargeFrequency: 'One-Time',
          ChargeDescription: `${r.reservation!.name} reservation, upfront fee`,
          ChargePeriodStart: isoDay(reservation.startDay),
          ChargePeriodEnd: isoDay(reservation.startDay + 1),
          CommitmentDiscountCategory: 'Usage',
          CommitmentDiscountId: r.reservation!.id,
          CommitmentDiscountName: r.reservation!.name,
          CommitmentDiscountType: 'Reserved Instance',
          RegionId: r.regionId,
          RegionName: r.regionName,
          ResourceId: r.reservation!.id,
          ResourceName: r.reservation!.name,
          ResourceType: 'Reserved Instance',
          ServiceCategory: r.serviceCategory,
          ServiceName: r.serviceName,
          SubAccountId: r.subAccountId,
          SubAccountName: r.subAccountName,
          SubAccountType: r.subAccountType,
        },
        0n,
      );
    }
    if (month.index % 4 === 1) {
      charge(
        false,
        BigInt(-DEMO_CREDIT_USD * p.copies) * 10n ** BigInt(AMOUNT_DECIMALS),
        {
          ChargeCategory: 'Credit',
          ChargeFrequency: 'One-Time',
          ChargeDescription: 'AWS promotional credit',
          ChargePeriodStart: isoDay(month.startDay),
          ChargePeriodEnd: monthEnd,
          ServiceCategory: 'Compute',
          ServiceName: 'Amazon Elastic Compute Cloud',
          SubAccountId: DEMO_ACCOUNTS.production,
          SubAccountName: DEMO_ACCOUNT_NAMES[DEMO_ACCOUNTS.production],
          SubAccountType: 'Account',
        },
      );
    }
    // Tax on each invoice, rounded down to the cent.
    const cent = 10n ** BigInt(AMOUNT_DECIMALS - 2);
    const tax = (units: bigint) => {
      const raw = (units * BigInt(DEMO_TAX_PERCENT)) / 100n;
      return raw > 0n ? (raw / cent) * cent : 0n;
    };
    charge(false, tax(billedAws.units), {
      ChargeCategory: 'Tax',
      ChargeFrequency: 'Recurring',
      ChargeDescription: `Sales tax, ${DEMO_TAX_PERCENT}%`,
      ChargePeriodStart: isoDay(month.startDay),
      ChargePeriodEnd: monthEnd,
      ServiceCategory: 'Other',
      ServiceName: 'Tax',
      SubAccountId: DEMO_ACCOUNTS.billing,
      SubAccountName: DEMO_ACCOUNT_NAMES[DEMO_ACCOUNTS.billing],
      SubAccountType: 'Account',
    });
    charge(true, tax(billedAzure.units), {
      ChargeCategory: 'Tax',
      ChargeFrequency: 'Recurring',
      ChargeDescription: `Sales tax, ${DEMO_TAX_PERCENT}%`,
      ChargePeriodStart: isoDay(month.startDay),
      ChargePeriodEnd: monthEnd,
      ServiceCategory: 'Other',
      ServiceName: 'Tax',
    });
  }
  if (out.pos > 0) yield out.take();
  return {
    rows,
    EffectiveCost: effective.toString(),
    BilledCost: billed.toString(),
    units: { EffectiveCost: effective.units, BilledCost: billed.units },
  };
}

/**
 * Plans the demo's FOCUS data: one {@link DemoFocusMonth} per billing month,
 * oldest first, each generating its CSV lazily. Deterministic: the same
 * options give the same text. A day's rows depend only on the seed, the
 * scale, the end date and the day, not on how many months are generated.
 */
export function generateDemoFocus(options: DemoFocusOptions): DemoFocusMonth[] {
  const p = plan(options);
  return p.months.map(month => ({
    billingPeriod: month.label,
    fileName: `focus-${month.label}.csv`,
    csv: () => monthCsv(p, month),
  }));
}

/** Yields a generator's values, telling each and its return value on the way. */
function* drain<T, R>(
  generator: Generator<T, R, undefined>,
  onValue: (value: T) => void,
  onDone: (value: R) => void,
): Generator<T, void, undefined> {
  for (;;) {
    const next = generator.next();
    if (next.done) {
      onDone(next.value);
      return;
    }
    onValue(next.value);
    yield next.value;
  }
}

/**
 * Writes one FOCUS CSV file per billing month to `outDir`
 * (`focus-YYYY-MM.csv`, or `.csv.gz` with gzip), each to a temporary name
 * first and renamed when complete, streaming with backpressure. Returns the
 * files, rows, bytes and exact totals of what it wrote.
 */
export async function writeDemoFocusFiles(
  options: DemoFocusOptions & { outDir: string },
): Promise<DemoFocusResult> {
  const months = generateDemoFocus(options);
  await mkdir(options.outDir, { recursive: true });
  const result: DemoFocusResult = {
    files: [],
    rows: 0,
    bytes: 0,
    csvBytes: 0,
    totals: { EffectiveCost: '0', BilledCost: '0' },
    months: [],
  };
  let effective = 0n;
  let billed = 0n;
  for (const month of months) {
    const fileName = `${month.fileName}${options.gzip ? '.gz' : ''}`;
    const finalPath = join(options.outDir, fileName);
    const tempPath = join(options.outDir, `.${fileName}.partial`);
    let tally: DemoFocusTally | undefined;
    const source = Readable.from(
      drain(
        month.csv(),
        chunk => (result.csvBytes += chunk.length),
        done => (tally = done),
      ),
      { objectMode: true, highWaterMark: 2 },
    );
    const sink = createWriteStream(tempPath);
    try {
      if (options.gzip) {
        await pipeline(source, createGzip({ level: 1 }), sink);
      } else {
        await pipeline(source, sink);
      }
      await rename(tempPath, finalPath);
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    result.bytes += (await stat(finalPath)).size;
    result.files.push(finalPath);
    result.rows += tally!.rows;
    effective += tally!.units.EffectiveCost;
    billed += tally!.units.BilledCost;
    result.months.push({
      billingPeriod: month.billingPeriod,
      file: finalPath,
      ...tally!,
    });
  }
  result.totals = {
    EffectiveCost: formatUnits(effective),
    BilledCost: formatUnits(billed),
  };
  return result;
}
