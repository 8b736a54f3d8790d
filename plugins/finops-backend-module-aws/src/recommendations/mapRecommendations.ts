import type {
  RightsizingRecommendation,
  SavingsPlansPurchaseRecommendation,
  TagValues,
} from '@aws-sdk/client-cost-explorer';
import type { Recommendation as HubRecommendation } from '@aws-sdk/client-cost-optimization-hub';
import {
  formatDecimal,
  parseDecimal,
} from '@backstage-finops/plugin-finops-common';
import type {
  FinopsTip,
  FinopsTipLevel,
} from '@backstage-finops/plugin-finops-node';

/** The Cost Explorer service name of EC2 instances, as the billing data names it. */
export const EC2_SERVICE = 'Amazon Elastic Compute Cloud - Compute';

/** An exact amount from AWS's decimal text; undefined when absent or not a number. */
function amount(text: string | undefined): bigint | undefined {
  if (text === undefined || text === '') {
    return undefined;
  }
  const parsed = parseDecimal(text);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * Cost Optimization Hub sends amounts as JSON numbers, which the SDK reads
 * as doubles; the shortest decimal that reads back as the same double is
 * the text AWS wrote (for up to 15 significant digits), so it is parsed
 * from that, exactly.
 */
function amountOfNumber(value: number | undefined): bigint | undefined {
  return value === undefined || !Number.isFinite(value)
    ? undefined
    : amount(String(value));
}

function usd(value: bigint, currency: string): string {
  return `${formatDecimal(value)} ${currency}`;
}

/**
 * The entity a recommendation's tags name: the value of the first entity
 * tag key that is a full entity ref (`component:default/checkout`, or
 * `component:checkout` in the default namespace). A bare name is left to
 * the backend, which maps the tip's resources through the billing data.
 */
export function entityRefFromTags(
  tags: Array<{ key?: string; value?: string }>,
  entityTagKeys: string[],
): string | undefined {
  for (const key of entityTagKeys) {
    const value = tags.find(tag => tag.key === key)?.value?.trim();
    const match = value
      ? /^([A-Za-z][\w-]*):(?:([\w.-]+)\/)?([\w.-]+)$/.exec(value)
      : null;
    if (match) {
      const [, kind, namespace = 'default', name] = match;
      return `${kind}:${namespace}/${name}`.toLowerCase();
    }
  }
  return undefined;
}

/** Cost Explorer's tag shape (`Key`, `Values`) as key/value pairs. */
function pairsOf(tags: TagValues[] | undefined) {
  return (tags ?? []).flatMap(tag =>
    (tag.Values ?? []).map(value => ({ key: tag.Key, value })),
  );
}

/** One tip per rightsizing recommendation: modify to the default (or best) target, or terminate. */
export function rightsizingTip(
  recommendation: RightsizingRecommendation,
  entityTagKeys: string[],
): FinopsTip | undefined {
  const current = recommendation.CurrentInstance;
  const resourceId = current?.ResourceId;
  if (!current || !resourceId) {
    return undefined;
  }
  const currentType =
    current.ResourceDetails?.EC2ResourceDetails?.InstanceType ?? 'instance';
  const monthlyCost = amount(current.MonthlyCost);
  const entityRef = entityRefFromTags(pairsOf(current.Tags), entityTagKeys);
  const base = {
    resources: [{ resourceId, serviceName: EC2_SERVICE }],
    ...(entityRef ? { entityRef } : {}),
  };
  if (recommendation.RightsizingType === 'TERMINATE') {
    const detail = recommendation.TerminateRecommendationDetail;
    const savings = amount(detail?.EstimatedMonthlySavings);
    if (!savings) {
      return undefined;
    }
    const currency = detail?.CurrencyCode ?? current.CurrencyCode ?? 'USD';
    return {
      ...base,
      title: `Terminate idle EC2 instance ${resourceId} (${currentType})`,
      description: `AWS finds ${resourceId} idle (${
        (recommendation.FindingReasonCodes ?? []).join(', ') ||
        'low utilization'
      }). Terminate it if nothing needs it.`,
      estimatedMonthlySavings: savings,
      currency,
      method: `AWS Cost Explorer rightsizing recommendation (terminate) for account ${
        recommendation.AccountId ?? '?'
      }: current monthly cost ${
        monthlyCost === undefined ? 'unknown' : usd(monthlyCost, currency)
      }, estimated monthly savings ${usd(savings, currency)}`,
      effort: 'low',
      risk: 'high',
    };
  }
  const targets =
    recommendation.ModifyRecommendationDetail?.TargetInstances ?? [];
  const target =
    targets.find(t => t.DefaultTargetInstance) ??
    [...targets].sort((a, b) => {
      const x = amount(a.EstimatedMonthlySavings) ?? 0n;
      const y = amount(b.EstimatedMonthlySavings) ?? 0n;
      return Number(y > x) - Number(y < x);
    })[0];
  const savings = amount(target?.EstimatedMonthlySavings);
  if (!target || !savings) {
    return undefined;
  }
  const currency = target.CurrencyCode ?? current.CurrencyCode ?? 'USD';
  const targetType =
    target.ResourceDetails?.EC2ResourceDetails?.InstanceType ??
    'a smaller type';
  return {
    ...base,
    title: `Resize EC2 instance ${resourceId} from ${currentType} to ${targetType}`,
    description: `AWS finds ${resourceId} over-provisioned (${
      (recommendation.FindingReasonCodes ?? []).join(', ') || 'low utilization'
    }). Change its type to ${targetType}.`,
    estimatedMonthlySavings: savings,
    currency,
    method: `AWS Cost Explorer rightsizing recommendation (modify) for account ${
      recommendation.AccountId ?? '?'
    }: current monthly cost ${
      monthlyCost === undefined ? 'unknown' : usd(monthlyCost, currency)
    }, ${targetType} estimated at ${
      amount(target.EstimatedMonthlyCost) === undefined
        ? 'unknown'
        : usd(amount(target.EstimatedMonthlyCost)!, currency)
    } a month, estimated monthly savings ${usd(savings, currency)}`,
    effort: 'medium',
    risk: 'medium',
  };
}

/** One tip per Savings Plans purchase recommendation detail (per account with linked scope, else one). */
export function savingsPlansTips(
  recommendation: SavingsPlansPurchaseRecommendation | undefined,
  payerAccountId: string,
): FinopsTip[] {
  const details =
    recommendation?.SavingsPlansPurchaseRecommendationDetails ?? [];
  const tips: FinopsTip[] = [];
  for (const detail of details) {
    const savings = amount(detail.EstimatedMonthlySavingsAmount);
    if (!savings) {
      continue;
    }
    const currency = detail.CurrencyCode ?? 'USD';
    const type = recommendation?.SavingsPlansType ?? 'COMPUTE_SP';
    const term = recommendation?.TermInYears ?? 'ONE_YEAR';
    const payment = recommendation?.PaymentOption ?? 'NO_UPFRONT';
    const account = detail.AccountId ?? payerAccountId;
    const family = detail.SavingsPlansDetails?.InstanceFamily;
    const region = detail.SavingsPlansDetails?.Region;
    const hourly = amount(detail.HourlyCommitmentToPurchase);
    const where = [family, region].filter(Boolean).join(' in ');
    tips.push({
      subject: [
        'savings-plan',
        type,
        term,
        payment,
        account,
        family ?? '',
        region ?? '',
      ].join('/'),
      title: `Buy a ${type.replace(/_SP$/, '').toLowerCase()} Savings Plan${
        where ? ` for ${where}` : ''
      } for account ${account}`,
      description: `Commit to ${
        hourly === undefined
          ? 'the recommended amount'
          : `${usd(hourly, currency)} an hour`
      } for ${term === 'THREE_YEARS' ? 'three years' : 'one year'}, ${payment
        .toLowerCase()
        .replace(/_/g, ' ')}.`,
      resources: [],
      estimatedMonthlySavings: savings,
      currency,
      method: `AWS Cost Explorer Savings Plans purchase recommendation (${type}, ${term}, ${payment}, ${
        recommendation?.LookbackPeriodInDays ?? 'THIRTY_DAYS'
      } lookback): estimated monthly savings ${usd(savings, currency)}${
        detail.EstimatedAverageUtilization
          ? `, estimated average utilization ${detail.EstimatedAverageUtilization}%`
          : ''
      }`,
      effort: 'low',
      risk: 'medium',
    });
  }
  return tips;
}

/** The Cost Optimization Hub resource types as the billing data's service names, where they differ by resource. */
const HUB_SERVICE: Record<string, string> = {
  Ec2Instance: EC2_SERVICE,
  Ec2AutoScalingGroup: EC2_SERVICE,
  EbsVolume: 'EC2 - Other',
  LambdaFunction: 'AWS Lambda',
  EcsService: 'Amazon Elastic Container Service',
  RdsDbInstance: 'Amazon Relational Database Service',
  RdsDbInstanceStorage: 'Amazon Relational Database Service',
  AuroraDbClusterStorage: 'Amazon Relational Database Service',
  DynamoDbReservedCapacity: 'Amazon DynamoDB',
  ElastiCacheReservedInstances: 'Amazon ElastiCache',
  OpenSearchReservedInstances: 'Amazon OpenSearch Service',
  RedshiftReservedInstances: 'Amazon Redshift',
  RdsReservedInstances: 'Amazon Relational Database Service',
  Ec2ReservedInstances: EC2_SERVICE,
  ComputeSavingsPlans: 'Savings Plans for AWS Compute usage',
  Ec2InstanceSavingsPlans: 'Savings Plans for AWS Compute usage',
  SageMakerSavingsPlans: 'Savings Plans for AWS Machine Learning',
};

const HUB_EFFORT: Record<string, FinopsTipLevel> = {
  VeryLow: 'low',
  Low: 'low',
  Medium: 'medium',
  High: 'high',
  VeryHigh: 'high',
};

/** The Cost Optimization Hub actions that buy commitments, which the Savings Plans recommendation also gives. */
export const HUB_PURCHASE_ACTIONS = [
  'PurchaseSavingsPlans',
  'PurchaseReservedInstances',
];

/** One tip per Cost Optimization Hub recommendation. */
export function hubTip(
  recommendation: HubRecommendation,
  entityTagKeys: string[],
): FinopsTip | undefined {
  const savings = amountOfNumber(recommendation.estimatedMonthlySavings);
  const resourceId = recommendation.resourceArn || recommendation.resourceId;
  if (!savings || savings <= 0n || !resourceId) {
    return undefined;
  }
  const currency = recommendation.currencyCode || 'USD';
  const type = recommendation.currentResourceType ?? 'resource';
  const action = recommendation.actionType ?? 'Optimize';
  const monthlyCost = amountOfNumber(recommendation.estimatedMonthlyCost);
  let risk: FinopsTipLevel = 'low';
  if (recommendation.rollbackPossible === false) {
    risk = 'high';
  } else if (recommendation.restartNeeded) {
    risk = 'medium';
  }
  const entityRef = entityRefFromTags(recommendation.tags ?? [], entityTagKeys);
  const change = [
    recommendation.currentResourceSummary,
    recommendation.recommendedResourceSummary,
  ]
    .filter(Boolean)
    .join(' → ');
  return {
    subject: `cost-optimization-hub/${action}/${resourceId}`,
    title: `${action.replace(/([a-z])([A-Z])/g, '$1 $2')}: ${type} ${
      recommendation.resourceId ?? resourceId
    }`,
    description: `AWS Cost Optimization Hub recommends: ${action} ${type}${
      change ? ` (${change})` : ''
    }${recommendation.region ? ` in ${recommendation.region}` : ''}.`,
    resources: [{ resourceId, serviceName: HUB_SERVICE[type] ?? '' }],
    estimatedMonthlySavings: savings,
    currency,
    method: `AWS Cost Optimization Hub recommendation ${
      recommendation.recommendationId ?? ''
    } (${recommendation.source ?? 'AWS'}) for account ${
      recommendation.accountId ?? '?'
    }: current monthly cost ${
      monthlyCost === undefined ? 'unknown' : usd(monthlyCost, currency)
    }, estimated monthly savings ${usd(savings, currency)}${
      recommendation.recommendationLookbackPeriodInDays
        ? ` over a ${recommendation.recommendationLookbackPeriodInDays}-day lookback`
        : ''
    }`,
    effort: HUB_EFFORT[recommendation.implementationEffort ?? ''] ?? 'medium',
    risk,
    ...(entityRef ? { entityRef } : {}),
  };
}
