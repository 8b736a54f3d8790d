/**
 * The cloud resources behind the demo catalog: what runs where, how it is
 * tagged, what it costs per unit and how its usage moves over time. Pure
 * data; generateFocus.ts turns it into daily FOCUS rows.
 */
import {
  DEMO_ACCOUNTS,
  DEMO_ACCOUNT_NAMES,
  DEMO_AZURE,
  LEGACY_BILLING_TAGS,
  demoComponentsAtScale,
} from './catalog';
import { createRandom, hashString } from './random';

/**
 * How a resource's daily quantity moves:
 * - `steady`: the same every day, all week (databases, non-production, baseline nodes);
 * - `growing`: grows steadily with the business (storage);
 * - `traffic`: follows production traffic: grows, lower at weekends, noisy;
 * - `autoscaled`: an instance that autoscaling runs most of a weekday and a few hours at weekends.
 */
export type UsagePattern = 'steady' | 'growing' | 'traffic' | 'autoscaled';

/** A reserved instance that covers a resource from its purchase on. */
export interface DemoReservation {
  id: string;
  name: string;
  /** Amortized upfront fee per pricing unit (USD, decimal). */
  amortizedUnitPrice: string;
  /** ChargeDescription of the rows it covers. */
  coveredDescription: string;
}

/** One billable resource and everything its rows carry. */
export interface DemoResource {
  /** Seeds this resource's day-to-day noise. */
  key: number;
  provider: 'AWS' | 'Microsoft';
  billingAccountId: string;
  billingAccountName: string;
  subAccountId: string;
  subAccountName: string;
  subAccountType: string;
  serviceName: string;
  serviceCategory: string;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  regionId: string;
  regionName: string;
  availabilityZone: string;
  skuId: string;
  skuPriceId: string;
  skuMeter: string;
  skuPriceDetails: string;
  chargeDescription: string;
  /** `x_UsageType`: AWS's usage type with its region prefix (`EU-BoxUsage:m6i.large`); empty for Azure. */
  usageType: string;
  /** `x_Operation`: AWS's operation (`RunInstances`, `NatGateway`); empty for Azure. */
  operation: string;
  /** ConsumedUnit and PricingUnit. */
  unit: string;
  /** List (= contracted) unit price in 10^-priceDecimals USD. */
  priceUnits: number;
  priceDecimals: number;
  /**
   * Daily quantity at the end of the data, before weekly pattern and noise;
   * of a per-month unit (GB-Mo), the quantity of a day in a 30-day month:
   * a day is billed `30 ÷ days in its month` of it, as a provider bills a
   * GB-month of a size spread over the month's days.
   */
  quantity: number;
  /** The unit is per month (`GB-Mo`, `1 GB/Month`, `IOPS-Mo`). */
  perMonth: boolean;
  /** Decimal places of the quantity written. */
  quantityDecimals: number;
  pattern: UsagePattern;
  environment?: 'prod' | 'staging' | 'dev';
  /** Tags as written; undefined when untagged. */
  tags?: Record<string, string>;
  /** The component whose spend this is, by design (for tests and docs; not written). */
  intendedComponent?: string;
  /** The group whose spend this is when no component is (team-only spend). */
  intendedOwner?: string;
  /** The resource exists only on days this many days or fewer before the end date. */
  activeDaysBeforeEnd?: number;
  /** Takes part in the fraud-detector spike. */
  spike?: boolean;
  /** Takes part in the one-day checkout-api burst ({@link BURST}). */
  burst?: boolean;
  reservation?: DemoReservation;
  /** The rows are of a commitment itself (its unused hours), not of a resource it covers. */
  commitment?: DemoCommitmentLine;
}

/** The commitment columns of rows that bill a commitment's unused part. */
export interface DemoCommitmentLine {
  id: string;
  name: string;
  type: string;
  status: 'Unused';
}

const REGIONS: Record<string, { name: string; prefix: string }> = {
  'us-east-1': { name: 'US East (N. Virginia)', prefix: '' },
  'eu-west-1': { name: 'Europe (Ireland)', prefix: 'EU-' },
  'us-west-2': { name: 'US West (Oregon)', prefix: 'USW2-' },
};

const AZURE_REGIONS: Record<string, string> = { westeurope: 'West Europe' };

/** On-demand Linux prices per hour (USD), close to us-east-1 list prices. */
export const EC2_PRICES: Record<string, string> = {
  'm6i.large': '0.096',
  'm6i.xlarge': '0.192',
  'm6i.2xlarge': '0.384',
  'c6i.large': '0.085',
  'c6i.xlarge': '0.17',
  'c5.2xlarge': '0.34',
  'r5.xlarge': '0.252',
  'r5.2xlarge': '0.504',
  'm5.large': '0.096',
  't3.medium': '0.0416',
  't3.large': '0.0832',
  // previous generation
  'm4.large': '0.1',
  'm4.xlarge': '0.2',
  'm4.2xlarge': '0.4',
  't2.medium': '0.0464',
  't2.large': '0.0928',
  't2.xlarge': '0.1856',
  'c4.large': '0.1',
  'c4.xlarge': '0.199',
};

/** Instance families AWS lists as previous generation. */
export const PREVIOUS_GENERATION_FAMILIES = ['m4', 't2', 'c4'];

/** Days before the end date on which the fraud-detector spike runs (5 days, ×4). */
export const SPIKE = {
  firstDaysBeforeEnd: 42,
  lastDaysBeforeEnd: 38,
  factor: 4,
} as const;

/**
 * The demo's recent anomaly: one day, 3 days before the last day of data
 * (4 before the exclusive end date), on which a batch job rewrites
 * checkout-api's orders table: its DynamoDB writes ×100, about +370 USD on a
 * day that otherwise costs about 70 USD. Outside the last two days, which may
 * still change, and recent enough for the Cost tab's default 30 days.
 */
export const BURST = {
  daysBeforeEnd: 4,
  factor: 100,
} as const;

/** A price as an integer count of 10^-decimals USD. */
export function price(text: string): { units: number; decimals: number } {
  const [whole, fraction = ''] = text.split('.');
  return { units: Number(whole + fraction), decimals: fraction.length };
}

const SKU_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A stable opaque AWS-style SKU code derived from what is priced. */
function skuCode(what: string, length = 16): string {
  let h = hashString(what);
  let code = '';
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + i;
    code += SKU_ALPHABET[(h >>> 0) % SKU_ALPHABET.length];
  }
  return code;
}

interface ServiceDef {
  name: string;
  category: string;
}

const SERVICES = {
  ec2: { name: 'Amazon Elastic Compute Cloud', category: 'Compute' },
  ebs: { name: 'Amazon Elastic Block Store', category: 'Storage' },
  rds: { name: 'Amazon Relational Database Service', category: 'Databases' },
  s3: { name: 'Amazon Simple Storage Service', category: 'Storage' },
  lambda: { name: 'AWS Lambda', category: 'Compute' },
  dynamodb: { name: 'Amazon DynamoDB', category: 'Databases' },
  cloudfront: { name: 'Amazon CloudFront', category: 'Networking' },
  dataTransfer: { name: 'AWS Data Transfer', category: 'Networking' },
  eks: { name: 'Amazon Elastic Kubernetes Service', category: 'Compute' },
  elb: { name: 'Elastic Load Balancing', category: 'Networking' },
  vpc: { name: 'Amazon Virtual Private Cloud', category: 'Networking' },
  elasticache: { name: 'Amazon ElastiCache', category: 'Databases' },
  opensearch: { name: 'Amazon OpenSearch Service', category: 'Analytics' },
  redshift: { name: 'Amazon Redshift', category: 'Analytics' },
  kinesis: { name: 'Amazon Kinesis', category: 'Analytics' },
  glue: { name: 'AWS Glue', category: 'Analytics' },
  sagemaker: { name: 'Amazon SageMaker', category: 'AI and Machine Learning' },
  cloudwatch: {
    name: 'Amazon CloudWatch',
    category: 'Management and Governance',
  },
  azureVm: { name: 'Virtual Machines', category: 'Compute' },
  azureStorage: { name: 'Storage Accounts', category: 'Storage' },
  azureCosmos: { name: 'Azure Cosmos DB', category: 'Databases' },
} satisfies Record<string, ServiceDef>;

/** The usual x_Operation of each AWS service's usage here; resources with another say so. */
const DEFAULT_OPERATIONS: Record<string, string> = {
  [SERVICES.ec2.name]: 'RunInstances',
  [SERVICES.s3.name]: 'StandardStorage',
  [SERVICES.lambda.name]: 'Invoke',
  [SERVICES.dynamodb.name]: 'PayPerRequestThroughput',
  [SERVICES.cloudfront.name]: 'GET',
  [SERVICES.dataTransfer.name]: 'RunInstances',
  [SERVICES.eks.name]: 'CreateOperation',
  [SERVICES.elb.name]: 'LoadBalancing:Network',
  [SERVICES.vpc.name]: 'NatGateway',
  [SERVICES.elasticache.name]: 'CreateCacheCluster:0002',
  [SERVICES.opensearch.name]: 'ESDomain',
  [SERVICES.redshift.name]: 'RunComputeNode:0001',
  [SERVICES.kinesis.name]: 'shardHourStorage',
  [SERVICES.glue.name]: 'Jobrun',
  [SERVICES.sagemaker.name]: 'RunInstance',
  [SERVICES.cloudwatch.name]: 'PutLogEvents',
};

/** RDS engines' codes in the CreateDBInstance operation. */
const RDS_ENGINE_CODES: Record<string, string> = {
  MySQL: '0002',
  PostgreSQL: '0014',
};

interface ResourceInput {
  service: ServiceDef;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  region: string;
  zonal?: boolean;
  account: string;
  usageType: string;
  description: string;
  priceDetails?: Record<string, string>;
  unit: string;
  unitPrice: string;
  quantity: number;
  quantityDecimals?: number;
  pattern: UsagePattern;
  environment?: 'prod' | 'staging' | 'dev';
  activeDaysBeforeEnd?: number;
  spike?: boolean;
  burst?: boolean;
  reservation?: DemoReservation;
  commitment?: DemoCommitmentLine;
  /** x_Operation; by default the service's usual one. */
  operation?: string;
  /** Overrides the component's usual tags (undefined keeps them, null removes all). */
  tags?: Record<string, string> | null;
  /**
   * Added after the demo's first release: kept after all the others, with
   * ids and zones derived from its name, so that adding it moves no other
   * resource's id, zone or noise.
   */
  later?: boolean;
}

/** Who a batch of resources belongs to and how they are tagged. */
interface Owner {
  component?: string;
  owner?: string;
  /** The usual tags of a resource in an environment, or undefined for untagged. */
  tags(environment?: string): Record<string, string> | undefined;
}

class InventoryBuilder {
  readonly resources: DemoResource[] = [];
  /** Resources added later ({@link ResourceInput.later}), listed after all the others. */
  readonly later: DemoResource[] = [];
  private readonly random: () => number;

  constructor(private readonly seed: number) {
    this.random = createRandom(seed);
  }

  /** Hex digits derived from what they name (and the seed), not drawn from the shared random sequence. */
  stableHex(what: string, length: number): string {
    let h = hashString(`${this.seed}|${what}`);
    let text = '';
    while (text.length < length) {
      h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + text.length) >>> 0;
      text += h.toString(16).padStart(8, '0');
    }
    return text.slice(0, length);
  }

  hex(length: number): string {
    let text = '';
    while (text.length < length) {
      text += Math.floor(this.random() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    }
    return text.slice(0, length);
  }

  add(owner: Owner, input: ResourceInput): DemoResource {
    const region = REGIONS[input.region];
    const isAzure =
      input.service.name === SERVICES.azureVm.name ||
      input.service.name === SERVICES.azureStorage.name ||
      input.service.name === SERVICES.azureCosmos.name;
    const unitPrice = price(input.unitPrice);
    const tags =
      input.tags === null
        ? undefined
        : input.tags ?? owner.tags(input.environment);
    const sku = skuCode(
      `${input.service.name}|${input.usageType}|${input.region}`,
    );
    // AWS usage types carry their region's prefix (none in us-east-1), once.
    const usageType =
      isAzure ||
      input.region === 'global' ||
      /^[A-Z]{2,4}[0-9]?-/.test(input.usageType)
        ? input.usageType
        : `${region.prefix}${input.usageType}`;
    const zone = input.later
      ? hashString(`${input.resourceId}|zone`) / 0x100000000
      : undefined;
    const resource: DemoResource = {
      key: input.later
        ? hashString(`${input.resourceId}|later|${this.later.length}`)
        : hashString(`${input.resourceId}|${this.resources.length}`),
      provider: isAzure ? 'Microsoft' : 'AWS',
      billingAccountId: isAzure
        ? DEMO_AZURE.billingAccount
        : DEMO_ACCOUNTS.billing,
      billingAccountName: isAzure ? DEMO_AZURE.billingAccountName : 'Demo Corp',
      subAccountId: input.account,
      subAccountName: isAzure
        ? DEMO_AZURE.subscriptionName
        : DEMO_ACCOUNT_NAMES[input.account],
      subAccountType: isAzure ? 'Subscription' : 'Account',
      serviceName: input.service.name,
      serviceCategory: input.service.category,
      resourceId: input.resourceId,
      resourceName: input.resourceName,
      resourceType: input.resourceType,
      regionId: input.region === 'global' ? '' : input.region,
      regionName:
        input.region === 'global'
          ? ''
          : region?.name ?? AZURE_REGIONS[input.region],
      availabilityZone: input.zonal
        ? `${input.region}${'abc'[Math.floor((zone ?? this.random()) * 3)]}`
        : '',
      skuId: isAzure ? sku.slice(0, 12) : sku.slice(0, 10),
      skuPriceId: isAzure
        ? `${sku.slice(0, 12)}/${sku.slice(12)}`
        : `${sku.slice(0, 10)}.JRTCKXETXF.6YS6EN2CT7`,
      skuMeter: usageType,
      skuPriceDetails: input.priceDetails
        ? JSON.stringify(input.priceDetails)
        : '',
      chargeDescription: input.description,
      usageType: isAzure ? '' : usageType,
      operation: isAzure
        ? ''
        : input.operation ?? DEFAULT_OPERATIONS[input.service.name] ?? '',
      unit: input.unit,
      priceUnits: unitPrice.units,
      priceDecimals: unitPrice.decimals,
      quantity: input.quantity,
      perMonth: /(-|\s|\/)(mo|month)$/i.test(input.unit),
      quantityDecimals: input.quantityDecimals ?? 2,
      pattern: input.pattern,
      environment: input.environment,
      tags,
      intendedComponent:
        tags || owner.component === 'ci-runners' ? owner.component : undefined,
      intendedOwner: tags ? owner.owner : undefined,
      activeDaysBeforeEnd: input.activeDaysBeforeEnd,
      spike: input.spike,
      burst: input.burst,
      reservation: input.reservation,
      commitment: input.commitment,
    };
    (input.later ? this.later : this.resources).push(resource);
    return resource;
  }

  /** `count` EC2 instances; autoscaled ones come online one after another over the year. */
  ec2(
    owner: Owner,
    name: string,
    options: {
      type: string;
      count: number;
      environment: 'prod' | 'staging' | 'dev';
      region?: string;
      account?: string;
      /** How many of the instances autoscale (the rest run around the clock). */
      autoscaled?: number;
      reservation?: DemoReservation;
      /** The fleet did not grow during the year (by default the later half of a production fleet came online over it). */
      fixed?: boolean;
      tags?: Record<string, string> | null;
    },
  ): DemoResource[] {
    const region = options.region ?? 'us-east-1';
    const account =
      options.account ??
      (options.environment === 'prod'
        ? DEMO_ACCOUNTS.production
        : DEMO_ACCOUNTS.nonProduction);
    const created: DemoResource[] = [];
    for (let i = 0; i < options.count; i++) {
      const autoscaled = i >= options.count - (options.autoscaled ?? 0);
      const id = `i-0${this.hex(16)}`;
      created.push(
        this.add(owner, {
          service: SERVICES.ec2,
          resourceId: id,
          resourceName: options.count > 1 ? `${name}-${i + 1}` : name,
          resourceType: 'Instance',
          region,
          zonal: true,
          account,
          usageType: `BoxUsage:${options.type}`,
          description: `$${EC2_PRICES[options.type]} per On Demand Linux ${
            options.type
          } Instance Hour`,
          priceDetails: {
            InstanceType: options.type,
            OperatingSystem: 'Linux',
            Tenancy: 'Shared',
          },
          unit: 'Hours',
          unitPrice: EC2_PRICES[options.type],
          quantity: 24,
          pattern: autoscaled ? 'autoscaled' : 'steady',
          environment: options.environment,
          // Production fleets grew: the later instances came online during the year.
          activeDaysBeforeEnd:
            options.environment === 'prod' &&
            !options.fixed &&
            !options.reservation &&
            i > 0 &&
            i >= Math.ceil(options.count / 2)
              ? 380 -
                Math.floor(
                  (300 * (i - Math.ceil(options.count / 2) + 1)) /
                    (options.count - Math.ceil(options.count / 2) + 1),
                )
              : undefined,
          reservation: options.reservation,
          tags: options.tags,
        }),
      );
      // Every instance has its root volume; the old images still create gp2 ones.
      const instance = created[created.length - 1];
      const family = options.type.split('.')[0];
      this.ebs(owner, `${instance.resourceName}-root`, {
        volumeType: PREVIOUS_GENERATION_FAMILIES.includes(family)
          ? 'gp2'
          : 'gp3',
        gb: options.environment === 'prod' ? 100 : 50,
        environment: options.environment,
        region,
        account,
        tags: options.tags,
      }).activeDaysBeforeEnd = instance.activeDaysBeforeEnd;
    }
    return created;
  }

  ebs(
    owner: Owner,
    name: string,
    options: {
      volumeType: 'gp2' | 'gp3';
      gb: number;
      environment?: 'prod' | 'staging' | 'dev';
      region?: string;
      account?: string;
      tags?: Record<string, string> | null;
    },
  ): DemoResource {
    const unitPrice = options.volumeType === 'gp2' ? '0.1' : '0.08';
    return this.add(owner, {
      service: SERVICES.ebs,
      resourceId: `vol-0${this.hex(16)}`,
      resourceName: name,
      resourceType: 'Volume',
      region: options.region ?? 'us-east-1',
      zonal: true,
      account:
        options.account ??
        (options.environment === 'prod'
          ? DEMO_ACCOUNTS.production
          : DEMO_ACCOUNTS.nonProduction),
      usageType: `EBS:VolumeUsage.${options.volumeType}`,
      operation: `CreateVolume-${options.volumeType === 'gp2' ? 'Gp2' : 'Gp3'}`,
      description: `$${unitPrice} per GB-month of General Purpose SSD (${options.volumeType}) provisioned storage`,
      priceDetails: {
        VolumeType:
          options.volumeType === 'gp2'
            ? 'General Purpose (gp2)'
            : 'General Purpose (gp3)',
      },
      unit: 'GB-Mo',
      unitPrice,
      quantity: options.gb / 30,
      quantityDecimals: 6,
      pattern: 'steady',
      environment: options.environment,
      tags: options.tags,
    });
  }

  s3(
    owner: Owner,
    bucket: string,
    options: {
      gb: number;
      environment?: 'prod' | 'staging' | 'dev';
      region?: string;
      account?: string;
      tags?: Record<string, string> | null;
      /** GET requests a day at the end of the data, billed on the bucket (none: nothing reads it). */
      reads?: number;
    },
  ): DemoResource {
    if (options.reads) {
      this.metered(owner, SERVICES.s3, {
        resourceId: bucket,
        resourceName: bucket,
        resourceType: 'Bucket',
        region: options.region ?? 'us-east-1',
        account: options.account ?? DEMO_ACCOUNTS.production,
        environment: options.environment ?? 'prod',
        tags: options.tags,
        usageType: 'Requests-Tier2',
        operation: 'GetObject',
        description: '$0.0004 per 1,000 GET and all other requests',
        unit: 'Requests',
        unitPrice: '0.0000004',
        quantity: options.reads,
        quantityDecimals: 0,
        later: true,
      });
    }
    return this.add(owner, {
      service: SERVICES.s3,
      resourceId: bucket,
      resourceName: bucket,
      resourceType: 'Bucket',
      region: options.region ?? 'us-east-1',
      account: options.account ?? DEMO_ACCOUNTS.production,
      usageType: 'TimedStorage-ByteHrs',
      description: '$0.023 per GB - first 50 TB / month of storage used',
      priceDetails: { StorageClass: 'General Purpose' },
      unit: 'GB-Mo',
      unitPrice: '0.023',
      quantity: options.gb / 30,
      quantityDecimals: 6,
      pattern: 'growing',
      environment: options.environment ?? 'prod',
      tags: options.tags,
    });
  }

  rds(
    owner: Owner,
    name: string,
    options: {
      instanceClass: string;
      engine: string;
      hourly: string;
      multiAz: boolean;
      environment: 'prod' | 'staging' | 'dev';
      region?: string;
      account?: string;
      tags?: Record<string, string> | null;
    },
  ): DemoResource {
    const account =
      options.account ??
      (options.environment === 'prod'
        ? DEMO_ACCOUNTS.production
        : DEMO_ACCOUNTS.nonProduction);
    const region = options.region ?? 'us-east-1';
    return this.add(owner, {
      service: SERVICES.rds,
      resourceId: `arn:aws:rds:${region}:${account}:db:${name}`,
      resourceName: name,
      resourceType: 'DB Instance',
      region,
      zonal: !options.multiAz,
      account,
      usageType: `${options.multiAz ? 'Multi-AZUsage' : 'InstanceUsage'}:${
        options.instanceClass
      }`,
      operation: `CreateDBInstance:${RDS_ENGINE_CODES[options.engine]}`,
      description: `$${options.hourly} per RDS ${options.instanceClass} ${
        options.multiAz ? 'Multi-AZ ' : ''
      }instance hour (or partial hour) running ${options.engine}`,
      priceDetails: {
        InstanceType: options.instanceClass,
        DatabaseEngine: options.engine,
        DeploymentOption: options.multiAz ? 'Multi-AZ' : 'Single-AZ',
      },
      unit: 'Hours',
      unitPrice: options.hourly,
      quantity: 24,
      pattern: 'steady',
      environment: options.environment,
      tags: options.tags,
    });
  }

  /** A usage-priced regional service (Lambda, DynamoDB, CloudWatch, …). */
  metered(
    owner: Owner,
    service: ServiceDef,
    options: {
      resourceId: string;
      resourceName: string;
      resourceType: string;
      usageType: string;
      description: string;
      unit: string;
      unitPrice: string;
      quantity: number;
      quantityDecimals?: number;
      pattern?: UsagePattern;
      environment?: 'prod' | 'staging' | 'dev';
      region?: string;
      account?: string;
      spike?: boolean;
      burst?: boolean;
      tags?: Record<string, string> | null;
      operation?: string;
      later?: boolean;
    },
  ): DemoResource {
    return this.add(owner, {
      service,
      region: options.region ?? 'us-east-1',
      account: options.account ?? DEMO_ACCOUNTS.production,
      pattern: options.pattern ?? 'traffic',
      environment: options.environment ?? 'prod',
      ...options,
    });
  }
}

const ARN = (service: string, region: string, account: string, rest: string) =>
  `arn:aws:${service}:${region}:${account}:${rest}`;
const PROD = DEMO_ACCOUNTS.production;
const SHARED = DEMO_ACCOUNTS.shared;
const CI = DEMO_ACCOUNTS.ci;

function standardTags(service: string, team: string): Owner['tags'] {
  return environment => ({ service, team, environment: environment ?? 'prod' });
}

/** The reserved instances of the demo: one purchase covering k8s-platform's baseline nodes. */
export const DEMO_RESERVATION = {
  /** Purchased on the first day of the month this many months before the last month of data. */
  monthsBeforeLastMonth: 9,
  termDays: 365,
  instanceType: 'm6i.2xlarge',
  count: 6,
  /** Amortized cost per instance hour of the 1-year all-upfront reservation (on-demand 0.384). */
  amortizedHourly: '0.2424',
} as const;

/** Builds the resources of one component (or of a synthetic copy of it, named `name`). */
function componentResources(
  b: InventoryBuilder,
  template: string,
  name: string,
  owner: string,
  original: boolean,
): void {
  const tags = standardTags(name, owner);
  const o: Owner = { component: name, owner, tags };
  // Case variants: tag values match entity names case-insensitively.
  const shout = (value: string) =>
    original
      ? value
          .replace(
            /(^|-)([a-z])/g,
            (_, dash: string, c: string) => dash + c.toUpperCase(),
          )
          .replace(/-api$/i, '-API')
      : value;
  const logGroup = (
    fn: string,
    gbPerDay: number,
    extra: { spike?: boolean; environment?: 'prod' } = {},
  ) =>
    b.metered(o, SERVICES.cloudwatch, {
      resourceId: ARN('logs', 'us-east-1', PROD, `log-group:/aws/lambda/${fn}`),
      resourceName: `/aws/lambda/${fn}`,
      resourceType: 'Log Group',
      usageType: 'DataProcessing-Bytes',
      description: '$0.50 per GB custom log data ingested',
      unit: 'GB',
      unitPrice: '0.5',
      quantity: gbPerDay,
      ...extra,
    });
  switch (template) {
    case 'checkout-api': {
      const prod = b.ec2(o, `${name}-prod`, {
        type: 'm6i.xlarge',
        count: 6,
        autoscaled: 3,
        environment: 'prod',
      });
      b.rds(o, `${name}-prod`, {
        instanceClass: 'db.r6g.xlarge',
        engine: 'PostgreSQL',
        hourly: '0.898',
        multiAz: true,
        environment: 'prod',
        tags: { service: shout(name), team: owner, environment: 'prod' },
      });
      b.metered(o, SERVICES.dynamodb, {
        resourceId: ARN('dynamodb', 'us-east-1', PROD, `table/${name}-orders`),
        resourceName: `${name}-orders`,
        resourceType: 'Table',
        usageType: 'WriteRequestUnits',
        description: '$1.25 per million write request units',
        unit: 'WriteRequestUnits',
        unitPrice: '0.00000125',
        quantity: 3_000_000,
        quantityDecimals: 0,
        burst: original,
      });
      b.s3(o, `demo-corp-${name}-receipts`, { gb: 2000, reads: 200_000 });
      b.ec2(o, `${name}-staging`, {
        type: 't3.large',
        count: 2,
        environment: 'staging',
      });
      b.ec2(o, `${name}-dev`, {
        type: 't2.large',
        count: 1,
        environment: 'dev',
      });
      b.ebs(o, `${name}-dev-data`, {
        volumeType: 'gp2',
        gb: 500,
        environment: 'dev',
      });
      b.metered(o, SERVICES.dataTransfer, {
        resourceId: prod[0].resourceId,
        resourceName: prod[0].resourceName,
        resourceType: 'Instance',
        usageType: 'DataTransfer-Out-Bytes',
        description:
          '$0.09 per GB - first 10 TB / month data transfer out beyond the global free tier',
        unit: 'GB',
        unitPrice: '0.09',
        quantity: 80,
        tags: { service: shout(name), team: owner, environment: 'prod' },
      });
      return;
    }
    case 'payment-gateway': {
      b.ec2(o, `${name}-prod`, {
        type: 'c6i.xlarge',
        count: 4,
        autoscaled: 2,
        environment: 'prod',
      });
      b.rds(o, `${name}-prod`, {
        instanceClass: 'db.m4.large',
        engine: 'MySQL',
        hourly: '0.35',
        multiAz: true,
        environment: 'prod',
      });
      b.metered(o, SERVICES.lambda, {
        resourceId: ARN(
          'lambda',
          'us-east-1',
          PROD,
          `function:${name}-webhooks`,
        ),
        resourceName: `${name}-webhooks`,
        resourceType: 'Function',
        usageType: 'Lambda-GB-Second',
        description: 'AWS Lambda - Total Compute - US East (Northern Virginia)',
        unit: 'GB-Seconds',
        unitPrice: '0.0000166667',
        quantity: 300_000,
        quantityDecimals: 0,
      });
      b.s3(o, `demo-corp-${name}-settlements`, { gb: 700, reads: 50_000 });
      b.ec2(o, `${name}-staging`, {
        type: 'c4.large',
        count: 1,
        environment: 'staging',
      });
      logGroup(`${name}-webhooks`, 10);
      return;
    }
    case 'fraud-detector': {
      b.metered(o, SERVICES.lambda, {
        resourceId: ARN('lambda', 'us-east-1', PROD, `function:${name}-score`),
        resourceName: `${name}-score`,
        resourceType: 'Function',
        usageType: 'Lambda-GB-Second',
        description: 'AWS Lambda - Total Compute - US East (Northern Virginia)',
        unit: 'GB-Seconds',
        unitPrice: '0.0000166667',
        quantity: 1_200_000,
        quantityDecimals: 0,
        spike: original,
      });
      b.metered(o, SERVICES.dynamodb, {
        resourceId: ARN('dynamodb', 'us-east-1', PROD, `table/${name}-scores`),
        resourceName: `${name}-scores`,
        resourceType: 'Table',
        usageType: 'WriteRequestUnits',
        description: '$1.25 per million write request units',
        unit: 'WriteRequestUnits',
        unitPrice: '0.00000125',
        quantity: 6_000_000,
        quantityDecimals: 0,
        spike: original,
      });
      b.metered(o, SERVICES.sagemaker, {
        resourceId: ARN(
          'sagemaker',
          'us-east-1',
          PROD,
          `endpoint/${name}-model`,
        ),
        resourceName: `${name}-model`,
        resourceType: 'Endpoint',
        usageType: 'ServerlessInf:Mem-4GB',
        description:
          '$0.00008 per second of serverless inference with 4 GB memory',
        unit: 'Seconds',
        unitPrice: '0.00008',
        quantity: 125_000,
        quantityDecimals: 0,
        spike: original,
      });
      logGroup(`${name}-score`, 6, { spike: original });
      b.ec2(o, `${name}-dev`, {
        type: 't2.xlarge',
        count: 1,
        environment: 'dev',
      });
      return;
    }
    case 'legacy-billing': {
      const legacy = original ? { ...LEGACY_BILLING_TAGS } : undefined;
      b.ec2(o, `${name}-app`, {
        type: 'm4.xlarge',
        count: 2,
        environment: 'prod',
        fixed: true,
        tags: legacy,
      });
      b.rds(o, `${name}-db`, {
        instanceClass: 'db.m4.large',
        engine: 'MySQL',
        hourly: '0.175',
        multiAz: false,
        environment: 'prod',
        tags: legacy,
      });
      b.ebs(o, `${name}-app-data-1`, {
        volumeType: 'gp2',
        gb: 1000,
        environment: 'prod',
        tags: legacy,
      });
      b.ebs(o, `${name}-app-data-2`, {
        volumeType: 'gp2',
        gb: 1000,
        environment: 'prod',
        tags: legacy,
      });
      b.s3(o, `demo-corp-${name}-invoices`, { gb: 1000, tags: legacy });
      return;
    }
    case 'web-frontend': {
      const region = 'eu-west-1';
      b.metered(o, SERVICES.cloudfront, {
        resourceId: `arn:aws:cloudfront::${PROD}:distribution/E${b
          .hex(13)
          .toUpperCase()}`,
        resourceName: `${name}-cdn`,
        resourceType: 'Distribution',
        region: 'global',
        usageType: 'EU-DataTransfer-Out-Bytes',
        description:
          '$0.085 per GB - first 10 TB / month data transfer out (Europe)',
        unit: 'GB',
        unitPrice: '0.085',
        quantity: 300,
        // A full entity reference in the tag also names the entity.
        tags: original
          ? {
              'backstage.io/component': `component:default/${name}`,
              team: owner,
              environment: 'prod',
            }
          : undefined,
      });
      b.s3(o, `demo-corp-${name}-assets`, {
        gb: 250,
        region,
        reads: 500_000,
      });
      b.ec2(o, `${name}-ssr`, {
        type: 'm6i.large',
        count: 4,
        autoscaled: 2,
        environment: 'prod',
        region,
      });
      b.ec2(o, `${name}-staging`, {
        type: 't3.medium',
        count: 1,
        environment: 'staging',
        region,
      });
      b.metered(o, SERVICES.dataTransfer, {
        resourceId: `arn:aws:elasticloadbalancing:${region}:${PROD}:loadbalancer/app/${name}/${b.hex(
          16,
        )}`,
        resourceName: `${name}-alb`,
        resourceType: 'Load Balancer',
        region,
        usageType: 'EU-DataTransfer-Out-Bytes',
        operation: 'LoadBalancing:Application',
        description:
          '$0.09 per GB - first 10 TB / month data transfer out beyond the global free tier',
        unit: 'GB',
        unitPrice: '0.09',
        quantity: 40,
      });
      return;
    }
    case 'product-catalog': {
      const region = 'eu-west-1';
      // Another spelling of the tag key and value: keys and values match case-insensitively.
      const variant = original
        ? { Service: 'Product-Catalog', team: owner, environment: 'prod' }
        : undefined;
      b.ec2(o, `${name}-prod`, {
        type: 'm6i.large',
        count: 4,
        autoscaled: 2,
        environment: 'prod',
        region,
      });
      b.rds(o, `${name}-prod`, {
        instanceClass: 'db.r6g.large',
        engine: 'PostgreSQL',
        hourly: '0.449',
        multiAz: true,
        environment: 'prod',
        region,
        tags: variant,
      });
      for (let i = 1; i <= 2; i++) {
        b.add(o, {
          service: SERVICES.elasticache,
          resourceId: ARN(
            'elasticache',
            region,
            PROD,
            `cluster:${name}-cache-00${i}`,
          ),
          resourceName: `${name}-cache-00${i}`,
          resourceType: 'Cache Node',
          region,
          zonal: true,
          account: PROD,
          usageType: 'NodeUsage:cache.r6g.large',
          description:
            '$0.206 per Redis OSS cache.r6g.large node-hour (or partial hour)',
          priceDetails: {
            InstanceType: 'cache.r6g.large',
            CacheEngine: 'Redis',
          },
          unit: 'Hours',
          unitPrice: '0.206',
          quantity: 24,
          pattern: 'steady',
          environment: 'prod',
        });
      }
      b.s3(o, `demo-corp-${name}-images`, {
        gb: 8000,
        region,
        reads: 1_000_000,
      });
      b.ec2(o, `${name}-dev`, {
        type: 't3.large',
        count: 1,
        environment: 'dev',
        region,
      });
      return;
    }
    case 'search-service': {
      const region = 'eu-west-1';
      for (let i = 1; i <= 3; i++) {
        b.add(o, {
          service: SERVICES.opensearch,
          resourceId: ARN('es', region, PROD, `domain/${name}-prod`),
          resourceName: `${name}-prod-node-${i}`,
          resourceType: 'Search Node',
          region,
          zonal: true,
          account: PROD,
          usageType: `ESInstance:r6g.large`,
          description:
            '$0.167 per r6g.large.search instance hour (or partial hour)',
          priceDetails: { InstanceType: 'r6g.large.search' },
          unit: 'Hours',
          unitPrice: '0.167',
          quantity: 24,
          pattern: 'steady',
          environment: 'prod',
        });
      }
      b.ec2(o, `${name}-api`, {
        type: 'c6i.large',
        count: 2,
        autoscaled: 1,
        environment: 'prod',
        region,
      });
      b.ec2(o, `${name}-staging`, {
        type: 't3.medium',
        count: 1,
        environment: 'staging',
        region,
      });
      // The Azure slice: the `application` tag key names the component.
      const azureTags = {
        application: name,
        team: original ? 'Team-Storefront' : owner,
        environment: 'prod',
      };
      const group = `${DEMO_AZURE.subscription}/resourcegroups/rg-${name}-prod/providers`;
      for (let i = 1; i <= 2; i++) {
        b.add(o, {
          service: SERVICES.azureVm,
          resourceId: `${group}/microsoft.compute/virtualmachines/vm-${name}-${String(
            i,
          ).padStart(2, '0')}`,
          resourceName: `vm-${name}-${String(i).padStart(2, '0')}`,
          resourceType: 'Virtual machine',
          region: 'westeurope',
          account: DEMO_AZURE.subscription,
          usageType: 'D4s v5',
          description: 'Virtual Machines Dsv5 Series - D4s v5 - EU West',
          priceDetails: { ServiceType: 'Standard_D4s_v5' },
          unit: 'Hours',
          unitPrice: '0.192',
          quantity: 24,
          pattern: 'steady',
          environment: 'prod',
          tags: azureTags,
        });
      }
      const storageAccount = b.add(o, {
        service: SERVICES.azureStorage,
        resourceId: `${group}/microsoft.storage/storageaccounts/st${name.replace(
          /-/g,
          '',
        )}prod`,
        resourceName: `st${name.replace(/-/g, '')}prod`,
        resourceType: 'Storage account',
        region: 'westeurope',
        account: DEMO_AZURE.subscription,
        usageType: 'Hot LRS Data Stored',
        description: 'Blob Storage - Hot LRS - Data Stored',
        unit: '1 GB/Month',
        unitPrice: '0.0184',
        quantity: 600 / 30,
        quantityDecimals: 6,
        pattern: 'growing',
        environment: 'prod',
        tags: azureTags,
      });
      // The search index is read back all day.
      b.add(o, {
        service: SERVICES.azureStorage,
        resourceId: storageAccount.resourceId,
        resourceName: storageAccount.resourceName,
        resourceType: 'Storage account',
        region: 'westeurope',
        account: DEMO_AZURE.subscription,
        usageType: 'Hot LRS Read Operations',
        description: 'Blob Storage - Hot LRS - Read Operations',
        unit: '10K',
        unitPrice: '0.0044',
        quantity: 100,
        quantityDecimals: 0,
        pattern: 'traffic',
        environment: 'prod',
        tags: azureTags,
        later: true,
      });
      b.add(o, {
        service: SERVICES.azureCosmos,
        resourceId: `${group}/microsoft.documentdb/databaseaccounts/cosmos-${name}`,
        resourceName: `cosmos-${name}`,
        resourceType: 'Azure Cosmos DB account',
        region: 'westeurope',
        account: DEMO_AZURE.subscription,
        usageType: '100 RU/s',
        description: 'Azure Cosmos DB - 100 RU/s - EU West',
        unit: '100 RU/s/Hour',
        unitPrice: '0.008',
        quantity: 24 * 8,
        pattern: 'steady',
        environment: 'prod',
        tags: azureTags,
      });
      return;
    }
    case 'analytics-pipeline': {
      const region = 'us-west-2';
      b.ec2(o, `${name}-spark`, {
        type: 'r5.2xlarge',
        count: 4,
        environment: 'prod',
        region,
      });
      b.add(o, {
        service: SERVICES.kinesis,
        resourceId: ARN('kinesis', region, PROD, `stream/${name}-events`),
        resourceName: `${name}-events`,
        resourceType: 'Stream',
        region,
        account: PROD,
        usageType: 'USW2-Storage-ShardHour',
        description: '$0.015 per shard hour',
        unit: 'ShardHour',
        unitPrice: '0.015',
        quantity: 8 * 24,
        pattern: 'steady',
        environment: 'prod',
      });
      b.add(o, {
        service: SERVICES.glue,
        resourceId: ARN('glue', region, PROD, `job/${name}-nightly-sessions`),
        resourceName: `${name}-nightly-sessions`,
        resourceType: 'Job',
        region,
        account: PROD,
        usageType: 'USW2-ETL-DPU-Hour',
        description:
          '$0.44 per DPU-Hour for each Apache Spark or Spark Streaming job',
        unit: 'DPU-Hour',
        unitPrice: '0.44',
        quantity: 60,
        pattern: 'traffic',
        environment: 'prod',
      });
      b.s3(o, `demo-corp-${name}-lake`, {
        gb: 60_000,
        region,
        reads: 1_000_000,
      });
      b.ec2(o, `${name}-dev`, {
        type: 'm4.2xlarge',
        count: 1,
        environment: 'dev',
        region,
      });
      return;
    }
    case 'data-warehouse': {
      const region = 'us-west-2';
      for (let i = 1; i <= 2; i++) {
        b.add(o, {
          service: SERVICES.redshift,
          resourceId: ARN('redshift', region, PROD, `cluster:${name}`),
          resourceName: `${name}-node-${i}`,
          resourceType: 'Cluster Node',
          region,
          zonal: true,
          account: PROD,
          usageType: 'USW2-Node:ra3.xlplus',
          description:
            '$1.086 per RA3 XLPlus Compute Node-hour (or partial hour)',
          priceDetails: { InstanceType: 'ra3.xlplus' },
          unit: 'Hours',
          unitPrice: '1.086',
          quantity: 24,
          pattern: 'steady',
          environment: 'prod',
        });
      }
      b.add(o, {
        service: SERVICES.redshift,
        resourceId: ARN(
          'redshift',
          region,
          PROD,
          `cluster:${name}:managed-storage`,
        ),
        resourceName: `${name}-managed-storage`,
        resourceType: 'Managed Storage',
        region,
        account: PROD,
        usageType: 'USW2-RMS:ra3',
        operation: 'Storage',
        description: '$0.024 per GB-month of Redshift Managed Storage',
        unit: 'GB-Mo',
        unitPrice: '0.024',
        quantity: 10_000 / 30,
        quantityDecimals: 6,
        pattern: 'growing',
        environment: 'prod',
      });
      return;
    }
    case 'k8s-platform': {
      for (const environment of ['prod', 'staging'] as const) {
        const account =
          environment === 'prod' ? PROD : DEMO_ACCOUNTS.nonProduction;
        b.add(o, {
          service: SERVICES.eks,
          resourceId: ARN(
            'eks',
            'us-east-1',
            account,
            `cluster/${name}-${environment}`,
          ),
          resourceName: `${name}-${environment}`,
          resourceType: 'Cluster',
          region: 'us-east-1',
          account,
          usageType: 'AmazonEKS-Hours:perCluster',
          description: '$0.10 per hour per Kubernetes cluster',
          unit: 'Hours',
          unitPrice: '0.1',
          quantity: 24,
          pattern: 'steady',
          environment,
        });
      }
      const reservation: DemoReservation | undefined = original
        ? {
            id: `arn:aws:ec2:us-east-1:${PROD}:reserved-instances/${b.hex(
              8,
            )}-${b.hex(4)}-${b.hex(4)}-${b.hex(4)}-${b.hex(12)}`,
            name: `${DEMO_RESERVATION.count} x ${DEMO_RESERVATION.instanceType} 1yr All Upfront`,
            amortizedUnitPrice: DEMO_RESERVATION.amortizedHourly,
            coveredDescription: `USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), ${DEMO_RESERVATION.instanceType} instance`,
          }
        : undefined;
      b.ec2(o, `${name}-prod-base`, {
        type: 'm6i.2xlarge',
        count: DEMO_RESERVATION.count,
        environment: 'prod',
        reservation,
      });
      b.ec2(o, `${name}-prod-burst`, {
        type: 'm6i.2xlarge',
        count: 4,
        autoscaled: 4,
        environment: 'prod',
      });
      b.ec2(o, `${name}-staging`, {
        type: 'm6i.xlarge',
        count: 3,
        environment: 'staging',
      });
      for (let i = 1; i <= 3; i++) {
        b.ebs(o, `${name}-prod-pv-${i}`, {
          volumeType: 'gp3',
          gb: 200,
          environment: 'prod',
        });
      }
      const ingress = b.metered(o, SERVICES.elb, {
        resourceId: `arn:aws:elasticloadbalancing:us-east-1:${PROD}:loadbalancer/net/${name}-ingress/${b.hex(
          16,
        )}`,
        resourceName: `${name}-ingress`,
        resourceType: 'Load Balancer',
        usageType: 'LoadBalancerUsage',
        description: '$0.0225 per Network LoadBalancer-hour (or partial hour)',
        unit: 'Hours',
        unitPrice: '0.0225',
        quantity: 24,
        pattern: 'steady',
      });
      // The traffic it carries: about 2 NLCUs on average.
      b.metered(o, SERVICES.elb, {
        resourceId: ingress.resourceId,
        resourceName: ingress.resourceName,
        resourceType: 'Load Balancer',
        usageType: 'LCUUsage',
        description: '$0.006 per Network LCU-hour (or partial hour)',
        unit: 'LCU-Hrs',
        unitPrice: '0.006',
        quantity: 48,
        later: true,
      });
      // Prometheus on a provisioned-IOPS volume: 4 000 IOPS, which gp3 gives for less.
      const prometheus = `vol-0${b.stableHex(`${name}-prometheus-data`, 16)}`;
      for (const line of [
        {
          usageType: 'EBS:VolumeUsage.piops',
          description:
            '$0.125 per GB-month of Provisioned IOPS SSD (io1) provisioned storage',
          unit: 'GB-Mo',
          unitPrice: '0.125',
          quantity: 100 / 30,
        },
        {
          usageType: 'EBS:VolumeP-IOPS.piops',
          description: '$0.065 per IOPS-month provisioned',
          unit: 'IOPS-Mo',
          unitPrice: '0.065',
          quantity: 4000 / 30,
        },
      ]) {
        b.add(o, {
          service: SERVICES.ebs,
          resourceId: prometheus,
          resourceName: `${name}-prometheus-data`,
          resourceType: 'Volume',
          region: 'us-east-1',
          zonal: true,
          account: PROD,
          operation: 'CreateVolume-P-IOPS',
          priceDetails: { VolumeType: 'Provisioned IOPS' },
          quantityDecimals: 6,
          pattern: 'steady',
          environment: 'prod',
          later: true,
          ...line,
        });
      }
      return;
    }
    case 'ci-runners': {
      // Untagged, in their own account: the cloud-accounts annotation attributes them.
      const ci = {
        account: original ? CI : undefined,
        tags: original ? null : undefined,
        environment: 'staging' as const,
      };
      b.ec2(o, `${name}`, {
        type: 'c5.2xlarge',
        count: 6,
        autoscaled: 6,
        ...ci,
      });
      for (let i = 1; i <= 6; i++) {
        b.ebs(o, `${name}-cache-${i}`, { volumeType: 'gp2', gb: 100, ...ci });
      }
      b.s3(o, `demo-corp-${name}-artifacts`, {
        gb: 5000,
        reads: 500_000,
        ...ci,
      });
      return;
    }
    default:
      throw new Error(`no resources defined for ${template}`);
  }
}

/** Spend that belongs to a team but to no component: tagged only `team`. */
function platformSharedResources(b: InventoryBuilder, suffix: string): void {
  const o: Owner = {
    owner: 'team-platform',
    tags: () => ({ team: 'team-platform' }),
  };
  for (const region of Object.keys(REGIONS)) {
    const nat = b.metered(o, SERVICES.vpc, {
      resourceId: ARN('ec2', region, SHARED, `natgateway/nat-0${b.hex(16)}`),
      resourceName: `shared-nat-${region}${suffix}`,
      resourceType: 'NAT Gateway',
      region,
      account: SHARED,
      usageType: 'NatGateway-Hours',
      description: '$0.045 per NAT Gateway Hour',
      unit: 'Hours',
      unitPrice: '0.045',
      quantity: 24,
      pattern: 'steady',
    });
    // The bytes it processed are billed on the same gateway. (They once had
    // an id of their own: drawing it still keeps every later id as it was.)
    b.hex(16);
    b.metered(o, SERVICES.vpc, {
      resourceId: nat.resourceId,
      resourceName: nat.resourceName,
      resourceType: 'NAT Gateway',
      region,
      account: SHARED,
      usageType: 'NatGateway-Bytes',
      description: '$0.045 per GB Data Processed by NAT Gateways',
      unit: 'GB',
      unitPrice: '0.045',
      quantity: 100,
    });
  }
  b.metered(o, SERVICES.cloudwatch, {
    resourceId: ARN(
      'logs',
      'us-east-1',
      SHARED,
      `log-group:/platform/audit${suffix}`,
    ),
    resourceName: `/platform/audit${suffix}`,
    resourceType: 'Log Group',
    account: SHARED,
    usageType: 'DataProcessing-Bytes',
    description: '$0.50 per GB custom log data ingested',
    unit: 'GB',
    unitPrice: '0.5',
    quantity: 20,
  });
  // The NAT gateway of a VPC nothing runs in any more: billed by the hour, next to no traffic.
  const idleNat = ARN(
    'ec2',
    'eu-west-1',
    SHARED,
    `natgateway/nat-0${b.stableHex(`legacy-vpc-nat${suffix}`, 16)}`,
  );
  for (const line of [
    {
      usageType: 'NatGateway-Hours',
      description: '$0.048 per NAT Gateway Hour',
      unit: 'Hours',
      quantity: 24,
    },
    {
      usageType: 'NatGateway-Bytes',
      description: '$0.048 per GB Data Processed by NAT Gateways',
      unit: 'GB',
      quantity: 0.3,
    },
  ]) {
    b.metered(o, SERVICES.vpc, {
      resourceId: idleNat,
      resourceName: `legacy-vpc-nat-eu-west-1${suffix}`,
      resourceType: 'NAT Gateway',
      region: 'eu-west-1',
      account: SHARED,
      unitPrice: '0.048',
      pattern: 'steady',
      later: true,
      ...line,
    });
  }
  // A reserved instance bought for a staging instance in the wrong region: its hours go unused.
  const reservation = `arn:aws:ec2:us-east-1:${
    DEMO_ACCOUNTS.nonProduction
  }:reserved-instances/${[8, 4, 4, 4, 12]
    .map((n, i) => b.stableHex(`t3-medium-reservation${suffix}|${i}`, n))
    .join('-')}`;
  b.add(o, {
    service: SERVICES.ec2,
    resourceId: reservation,
    resourceName: `1 x t3.medium 1yr No Upfront${suffix}`,
    resourceType: 'Reserved Instance',
    region: 'us-east-1',
    account: DEMO_ACCOUNTS.nonProduction,
    usageType: 'HeavyUsage:t3.medium',
    description:
      'USD 0.026 hourly fee per Linux/UNIX (Amazon VPC), t3.medium instance',
    priceDetails: { InstanceType: 't3.medium', OperatingSystem: 'Linux' },
    unit: 'Hours',
    unitPrice: '0.026',
    quantity: 24,
    pattern: 'steady',
    commitment: {
      id: reservation,
      name: '1 x t3.medium 1yr No Upfront',
      type: 'Reserved Instance',
      status: 'Unused',
    },
    later: true,
  });
}

/** Untagged resources: unallocated spend, most with names that hint at their owner. */
function untaggedResources(b: InventoryBuilder, suffix: string): void {
  const o: Owner = { tags: () => undefined };
  const none = { tags: null };
  b.s3(o, `demo-corp-checkout-exports-tmp${suffix}`, { gb: 3000, ...none });
  const replica = b.rds(o, `checkout-reporting-replica${suffix}`, {
    instanceClass: 'db.r6g.large',
    engine: 'PostgreSQL',
    hourly: '0.225',
    multiAz: false,
    environment: 'prod',
    ...none,
  });
  // Left on PostgreSQL 11: RDS bills extended support per vCPU-hour (2 vCPUs).
  b.metered(o, SERVICES.rds, {
    resourceId: replica.resourceId,
    resourceName: replica.resourceName,
    resourceType: 'DB Instance',
    usageType: 'ExtendedSupport:Yr1-Yr2:PostgreSQL11',
    operation: `CreateDBInstance:${RDS_ENGINE_CODES.PostgreSQL}`,
    description:
      '$0.100 per vCPU-hour of RDS Extended Support for PostgreSQL 11, years 1 and 2',
    unit: 'vCPU-Hours',
    unitPrice: '0.1',
    quantity: 48,
    quantityDecimals: 0,
    pattern: 'steady',
    later: true,
    ...none,
  });
  b.metered(o, SERVICES.lambda, {
    resourceId: ARN(
      'lambda',
      'us-east-1',
      PROD,
      `function:search-reindex-cron${suffix}`,
    ),
    resourceName: `search-reindex-cron${suffix}`,
    resourceType: 'Function',
    usageType: 'Lambda-GB-Second',
    description: 'AWS Lambda - Total Compute - US East (Northern Virginia)',
    unit: 'GB-Seconds',
    unitPrice: '0.0000166667',
    quantity: 100_000,
    quantityDecimals: 0,
    pattern: 'steady',
    ...none,
  });
  b.ec2(o, `analytics-backfill-worker${suffix}`, {
    type: 'r5.xlarge',
    count: 1,
    environment: 'dev',
    account: SHARED,
    region: 'us-west-2',
    ...none,
  });
  b.s3(o, `demo-corp-analytics-backfill-2024${suffix}`, {
    gb: 12_000,
    account: SHARED,
    region: 'us-west-2',
    ...none,
  });
  b.metered(o, SERVICES.dynamodb, {
    resourceId: ARN(
      'dynamodb',
      'us-east-1',
      PROD,
      `table/fraud-scores-archive${suffix}`,
    ),
    resourceName: `fraud-scores-archive${suffix}`,
    resourceType: 'Table',
    usageType: 'TimedStorage-ByteHrs',
    operation: 'StandardStorage',
    description:
      '$0.25 per GB-Month of storage used beyond first 25 free GB-Months',
    unit: 'GB-Mo',
    unitPrice: '0.25',
    quantity: 400 / 30,
    quantityDecimals: 6,
    pattern: 'growing',
    ...none,
  });
  b.ec2(o, `bastion${suffix}`, {
    type: 't2.medium',
    count: 1,
    environment: 'prod',
    account: SHARED,
    ...none,
  });
  b.ebs(o, `old-jenkins-volume${suffix}`, {
    volumeType: 'gp2',
    gb: 2000,
    account: SHARED,
    ...none,
  });
  b.ec2(o, `payment-gateway-debug${suffix}`, {
    type: 'm5.large',
    count: 1,
    environment: 'dev',
    ...none,
  });
  b.s3(o, `demo-corp-product-images-copy${suffix}`, {
    gb: 6000,
    account: SHARED,
    region: 'eu-west-1',
    ...none,
  });
  b.metered(o, SERVICES.vpc, {
    resourceId: ARN(
      'ec2',
      'us-east-1',
      SHARED,
      `ipv4pool/public-ipv4${suffix}`,
    ),
    resourceName: `public-ipv4-addresses${suffix}`,
    resourceType: 'Elastic IP',
    account: SHARED,
    usageType: 'PublicIPv4:InUseAddress',
    operation: 'AssociateAddressVPC',
    description: '$0.005 per In-use public IPv4 address per hour',
    unit: 'Hours',
    unitPrice: '0.005',
    quantity: 24 * 12,
    pattern: 'steady',
    ...none,
  });
  // The old bastion's Elastic IP, allocated and attached to nothing.
  b.metered(o, SERVICES.vpc, {
    resourceId: ARN(
      'ec2',
      'us-east-1',
      SHARED,
      `elastic-ip/eipalloc-0${b.stableHex(`old-bastion-eip${suffix}`, 16)}`,
    ),
    resourceName: `old-bastion-eip${suffix}`,
    resourceType: 'Elastic IP',
    account: SHARED,
    usageType: 'PublicIPv4:IdleAddress',
    operation: 'AllocateAddressVPC',
    description: '$0.005 per Idle public IPv4 address per hour',
    unit: 'Hours',
    unitPrice: '0.005',
    quantity: 24,
    pattern: 'steady',
    later: true,
    ...none,
  });
  // Nightly snapshots of the old Jenkins volume, never expired, never restored.
  b.add(o, {
    service: SERVICES.ebs,
    resourceId: ARN(
      'ec2',
      'us-east-1',
      SHARED,
      `snapshot/snap-0${b.stableHex(`old-jenkins-nightly${suffix}`, 16)}`,
    ),
    resourceName: `old-jenkins-volume-nightly${suffix}`,
    resourceType: 'Snapshot',
    region: 'us-east-1',
    account: SHARED,
    usageType: 'EBS:SnapshotUsage',
    operation: 'CreateSnapshot',
    description: '$0.05 per GB-month of snapshot data stored',
    unit: 'GB-Mo',
    unitPrice: '0.05',
    quantity: 800 / 30,
    quantityDecimals: 6,
    pattern: 'growing',
    later: true,
    ...none,
  });
  b.add(o, {
    service: SERVICES.azureStorage,
    resourceId: `${
      DEMO_AZURE.subscription
    }/resourcegroups/rg-search-tmp/providers/microsoft.storage/storageaccounts/stsearchexportold${suffix.replace(
      /-/g,
      '',
    )}`,
    resourceName: `stsearchexportold${suffix.replace(/-/g, '')}`,
    resourceType: 'Storage account',
    region: 'westeurope',
    account: DEMO_AZURE.subscription,
    usageType: 'Hot LRS Data Stored',
    description: 'Blob Storage - Hot LRS - Data Stored',
    unit: '1 GB/Month',
    unitPrice: '0.0184',
    quantity: 1500 / 30,
    quantityDecimals: 6,
    pattern: 'steady',
    environment: 'prod',
    tags: null,
  });
}

/**
 * All resources of the demo at a scale: each demo component's resources,
 * team-only platform spend and untagged leftovers; for scale > 1 the same
 * again for every synthetic copy (`svc-0001`…, tagged plainly with
 * `service`, `team`, `environment`). The same seed and scale give the same
 * inventory.
 */
export function buildDemoInventory(
  options: { seed?: number; scale?: number } = {},
): DemoResource[] {
  const b = new InventoryBuilder(((options.seed ?? 1) ^ 0x5eed) >>> 0);
  const components = demoComponentsAtScale(options.scale);
  const perCopy = components.filter(c => c.template === c.name).length;
  for (
    let start = 0, copy = 0;
    start < components.length;
    start += perCopy, copy++
  ) {
    for (const component of components.slice(start, start + perCopy)) {
      componentResources(
        b,
        component.template,
        component.name,
        component.owner,
        copy === 0,
      );
    }
    const suffix = copy === 0 ? '' : `-${copy}`;
    platformSharedResources(b, suffix);
    untaggedResources(b, suffix);
  }
  return [...b.resources, ...b.later];
}
