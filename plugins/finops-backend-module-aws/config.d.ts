import { HumanDuration } from '@backstage/types';

export interface Config {
  finops?: {
    /**
     * Billing data sources. This module reads the entries of type
     * `aws-cost-explorer`; entries of other types belong to other readers.
     */
    sources?: Array<{
      /** Unique among sources; stored with the data. Letters, digits, `_`, `.`, `-`; at most 64 characters. */
      id: string;
      /** `aws-cost-explorer` for this module. */
      type: string;
      /**
       * The AWS account whose Cost Explorer is read: the payer (management)
       * account of an organization, or a standalone account. Twelve digits.
       * Credentials come from the `aws` integration config
       * (`aws.mainAccount`, `aws.accounts`, profiles, assume-role).
       */
      accountId?: string;
      /** The region of the Cost Explorer endpoint; default `us-east-1` (Cost Explorer's only commercial region). */
      region?: string;
      /** Another endpoint, e.g. a VPC endpoint or a local test server; default AWS's. */
      endpoint?: string;
      /** The Cost Explorer metric that becomes EffectiveCost; default `AmortizedCost`. */
      metric?:
        | 'AmortizedCost'
        | 'UnblendedCost'
        | 'NetAmortizedCost'
        | 'NetUnblendedCost';
      /** How many months the first run reads, counting the current one; whole number 1–38, default 13. */
      backfillMonths?: number;
      /** Trailing days every run reads again, as AWS restates them; whole number 1–62, default 5. */
      restatementDays?: number;
      /** The most Cost Explorer requests one run may send ($0.01 each); whole number 1–100000, default 500. */
      maxRequestsPerRun?: number;
      /** How often the FinOps backend runs the source; default `{ hours: 8 }`. */
      frequency?: HumanDuration | string;
      /** AWS recommendations shown as FinOps tips; each is off unless set to true. */
      recommendations?: {
        /** Cost Explorer `GetRightsizingRecommendation` for EC2 (modify or terminate instances). */
        rightsizing?: boolean;
        /** Cost Explorer `GetSavingsPlansPurchaseRecommendation`: a Compute Savings Plan, 1 year, no upfront, 30 days lookback. */
        savingsPlans?: boolean;
        /** Cost Optimization Hub `ListRecommendations` (the hub must be enabled for the account). */
        costOptimizationHub?: boolean;
        /** Where Cost Optimization Hub answers; default the source's `endpoint` when set, else AWS's (us-east-1). */
        costOptimizationHubEndpoint?: string;
      };
    }>;
  };
}
