import {
  type CostExplorerClient,
  GetRightsizingRecommendationCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  type SavingsPlansPurchaseRecommendationDetail,
} from '@aws-sdk/client-cost-explorer';
import {
  type CostOptimizationHubClient,
  ListRecommendationsCommand,
} from '@aws-sdk/client-cost-optimization-hub';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  FinopsTip,
  FinopsTipRule,
  FinopsTipRuleInput,
} from '@backstage-finops/plugin-finops-node';
import type { AwsCostExplorerSourceConfig } from '../config';
import {
  allPages,
  DEFAULT_RETRY_POLICY,
  estimatedCostUsd,
  RequestBudget,
  type RequestContext,
  type RetryPolicy,
} from '../aws/requests';
import {
  HUB_PURCHASE_ACTIONS,
  hubTip,
  rightsizingTip,
  savingsPlansTips,
} from './mapRecommendations';

/** One source whose recommendations are read. */
export interface RecommendationSource {
  config: AwsCostExplorerSourceConfig;
  /** The entity tag keys (`finops.attribution.entityTagKeys`): a tag among them may name a tip's entity. */
  entityTagKeys: string[];
  costExplorer: () => Promise<CostExplorerClient>;
  costOptimizationHub: () => Promise<CostOptimizationHubClient>;
}

/** The id of the rule: part of each of its tips' ids. */
export const AWS_RECOMMENDATIONS_RULE_ID = 'aws-recommendations';

/**
 * AWS's own recommendations as FinOps tips: Cost Explorer rightsizing,
 * Savings Plans purchase and Cost Optimization Hub, each where a source's
 * `recommendations` turns it on. Ignores the usage facts: AWS did the
 * analysis. Requests count against each source's `maxRequestsPerRun`.
 * A failure fails the whole rule, so that the tips found before stay.
 */
export class AwsRecommendationsTipRule implements FinopsTipRule {
  readonly id = AWS_RECOMMENDATIONS_RULE_ID;
  readonly title = 'AWS recommendations';

  constructor(
    private readonly sources: RecommendationSource[],
    private readonly deps: { logger: LoggerService; retry?: RetryPolicy },
  ) {}

  async evaluate(input: FinopsTipRuleInput): Promise<FinopsTip[]> {
    const tips: FinopsTip[] = [];
    for (const source of this.sources) {
      tips.push(...(await this.evaluateSource(source, input.signal)));
    }
    return tips;
  }

  private async evaluateSource(
    source: RecommendationSource,
    signal: AbortSignal,
  ): Promise<FinopsTip[]> {
    const { config } = source;
    const wanted = config.recommendations;
    const context: RequestContext = {
      budget: new RequestBudget(config.maxRequestsPerRun),
      retry: this.deps.retry ?? DEFAULT_RETRY_POLICY,
      signal,
    };
    const tips: FinopsTip[] = [];
    try {
      if (wanted.rightsizing) {
        tips.push(...(await this.rightsizing(source, context)));
      }
      if (wanted.savingsPlans) {
        tips.push(...(await this.savingsPlans(source, context)));
      }
      if (wanted.costOptimizationHub) {
        tips.push(...(await this.hub(source, context)));
      }
    } catch (error) {
      throw new Error(
        `AWS recommendations of source ${config.id} (account ${
          config.accountId
        }) could not be read: ${(error as Error).message}`,
      );
    } finally {
      const { requests, pages } = context.budget;
      if (requests > 0) {
        this.deps.logger.info(
          `AWS recommendations of source ${
            config.id
          }: ${requests} requests, ${pages} pages, estimated cost $${estimatedCostUsd(
            requests,
          )}`,
          { sourceId: config.id, requests, pages },
        );
      }
    }
    return tips;
  }

  private async rightsizing(
    source: RecommendationSource,
    context: RequestContext,
  ): Promise<FinopsTip[]> {
    const client = await source.costExplorer();
    const pages = await allPages(
      context,
      'GetRightsizingRecommendation',
      (token, abortSignal) =>
        client.send(
          new GetRightsizingRecommendationCommand({
            Service: 'AmazonEC2',
            Configuration: {
              RecommendationTarget: 'SAME_INSTANCE_FAMILY',
              BenefitsConsidered: true,
            },
            PageSize: 100,
            ...(token ? { NextPageToken: token } : {}),
          }),
          { abortSignal },
        ),
      page => page.NextPageToken || undefined,
    );
    return pages
      .flatMap(page => page.RightsizingRecommendations ?? [])
      .map(r => rightsizingTip(r, source.entityTagKeys))
      .filter((tip): tip is FinopsTip => tip !== undefined);
  }

  private async savingsPlans(
    source: RecommendationSource,
    context: RequestContext,
  ): Promise<FinopsTip[]> {
    const client = await source.costExplorer();
    const pages = await allPages(
      context,
      'GetSavingsPlansPurchaseRecommendation',
      (token, abortSignal) =>
        client.send(
          new GetSavingsPlansPurchaseRecommendationCommand({
            SavingsPlansType: 'COMPUTE_SP',
            TermInYears: 'ONE_YEAR',
            PaymentOption: 'NO_UPFRONT',
            LookbackPeriodInDays: 'THIRTY_DAYS',
            AccountScope: 'PAYER',
            PageSize: 100,
            ...(token ? { NextPageToken: token } : {}),
          }),
          { abortSignal },
        ),
      page => page.NextPageToken || undefined,
    );
    const details: SavingsPlansPurchaseRecommendationDetail[] = pages.flatMap(
      page =>
        page.SavingsPlansPurchaseRecommendation
          ?.SavingsPlansPurchaseRecommendationDetails ?? [],
    );
    const first = pages.find(
      p => p.SavingsPlansPurchaseRecommendation,
    )?.SavingsPlansPurchaseRecommendation;
    return savingsPlansTips(
      first && {
        ...first,
        SavingsPlansPurchaseRecommendationDetails: details,
      },
      source.config.accountId,
    );
  }

  private async hub(
    source: RecommendationSource,
    context: RequestContext,
  ): Promise<FinopsTip[]> {
    const client = await source.costOptimizationHub();
    const pages = await allPages(
      context,
      'Cost Optimization Hub ListRecommendations',
      (token, abortSignal) =>
        client.send(
          new ListRecommendationsCommand({
            maxResults: 1000,
            includeAllRecommendations: false,
            ...(token ? { nextToken: token } : {}),
          }),
          { abortSignal },
        ),
      page => page.nextToken || undefined,
    );
    // With the Savings Plans recommendation on, the hub's purchase advice would say the same twice.
    const skipPurchases = source.config.recommendations.savingsPlans;
    return pages
      .flatMap(page => page.items ?? [])
      .filter(
        r =>
          !(skipPurchases && HUB_PURCHASE_ACTIONS.includes(r.actionType ?? '')),
      )
      .map(r => hubTip(r, source.entityTagKeys))
      .filter((tip): tip is FinopsTip => tip !== undefined);
  }
}
