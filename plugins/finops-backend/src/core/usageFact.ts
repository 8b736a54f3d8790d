import type { FocusUsageDetail } from '@backstage-finops/plugin-finops-node';
import type { DailyCost } from './dailyCost';

/**
 * One resource's usage of one kind on one day in one tag set, as an import
 * stages it: the daily row's dimensions and amounts, the usage detail with
 * its quantities summed, and the billed time.
 */
export interface StagedUsage extends DailyCost, FocusUsageDetail {
  /** Seconds the charge periods cover, summed. */
  billedSeconds: number;
}
