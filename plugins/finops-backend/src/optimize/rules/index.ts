/**
 * The built-in optimization tip rules: pure functions of the imported
 * FOCUS usage facts. Each rule's file documents what fires it and how its
 * saving is estimated; the README's Optimization tips has them as a table.
 */
import type {
  FinopsTipLevel,
  FinopsTipRule,
} from '@backstage-finops/plugin-finops-node';
import { commitmentCoverageRule } from './commitmentCoverage';
import { extendedSupportRule } from './extendedSupport';
import { gp2ToGp3Rule } from './gp2ToGp3';
import { growingStorageRule } from './growingStorage';
import { idleAddressRule } from './idleAddress';
import { idleNetworkRule } from './idleNetwork';
import { ioToGp3Rule } from './ioToGp3';
import { nonProductionScheduleRule } from './nonProductionSchedule';
import { previousGenerationRule } from './previousGeneration';
import { unusedCommitmentRule } from './unusedCommitment';
import { untaggedResourcesRule } from './untaggedResources';

export { PREVIOUS_GENERATIONS, PRICE_SOURCE } from './previousGeneration';
export type { GenerationMove } from './previousGeneration';

/** The rules the backend always runs, in the order their tips are listed. */
export const BUILT_IN_TIP_RULES: FinopsTipRule[] = [
  unusedCommitmentRule,
  commitmentCoverageRule,
  nonProductionScheduleRule,
  previousGenerationRule,
  gp2ToGp3Rule,
  ioToGp3Rule,
  idleAddressRule,
  idleNetworkRule,
  growingStorageRule,
  extendedSupportRule,
  untaggedResourcesRule,
];

/** One line per rule: what fires it and how its saving is estimated. */
export interface TipRuleDoc {
  id: string;
  trigger: string;
  saving: string;
  effort: FinopsTipLevel;
  risk: FinopsTipLevel;
}

/** The built-in rules in one line each (the README's Optimization tips has the same table). */
export const TIP_RULE_DOCS: readonly TipRuleDoc[] = [
  {
    id: 'unused-commitment',
    trigger:
      'CommitmentDiscountStatus `Unused` in the last 28 days, per commitment',
    saving: 'their effective cost ÷ 28 × 365.25 ÷ 12',
    effort: 'medium',
    risk: 'low',
  },
  {
    id: 'commitment-coverage',
    trigger:
      'production on-demand instances billed all 28 days at ≥ 20 h/day in an account with committed usage',
    saving:
      "their monthly cost × the account's observed discount 1 − committed effective ÷ committed list",
    effort: 'medium',
    risk: 'medium',
  },
  {
    id: 'non-production-schedule',
    trigger:
      'instances tagged dev/test/qa/staging/sandbox running ≥ 20 h a weekday and a weekend day',
    saving: 'monthly compute cost × 108 ÷ 168 (run 12 h × 5 days)',
    effort: 'low',
    risk: 'low',
  },
  {
    id: 'previous-generation',
    trigger:
      'EC2 t2 m3 m4 c3 c4 r3 r4 i2 d2 x1 p2 g3, RDS db.m3 db.m4 db.r4 db.t2, Azure Dv2/A, GCP N1',
    saving: 'monthly cost × (1 − successor price ÷ old price), list prices',
    effort: 'medium',
    risk: 'low',
  },
  {
    id: 'gp2-to-gp3',
    trigger: 'EBS gp2 storage (VolumeUsage.gp2)',
    saving:
      'monthly storage × 20 %, less extra IOPS above 3 000 for volumes over 1 000 GiB',
    effort: 'low',
    risk: 'low',
  },
  {
    id: 'io-to-gp3',
    trigger: 'EBS io1/io2 volumes with ≤ 16 000 provisioned IOPS',
    saving:
      'storage × 36 % + IOPS cost × (1 − (iops − 3 000)⁺ × 0.005 ÷ (iops × 0.065))',
    effort: 'low',
    risk: 'medium',
  },
  {
    id: 'idle-address',
    trigger:
      'IdleAddress usage types, idle/unused IP meters, GCP Static Ip Charge',
    saving: 'their whole monthly cost',
    effort: 'low',
    risk: 'low',
  },
  {
    id: 'idle-network',
    trigger:
      'NAT gateways under 1 GB/day, load balancers under 1 LCU-hour and 1 GB a day',
    saving: 'their whole monthly cost',
    effort: 'low',
    risk: 'medium',
  },
  {
    id: 'growing-storage',
    trigger:
      'stored GB-Mo growing every week for 13 weeks with no reads in the window',
    saving:
      'monthly cost at the last week’s level − at the level 13 weeks before',
    effort: 'medium',
    risk: 'medium',
  },
  {
    id: 'extended-support',
    trigger: 'ExtendedSupport usage types (RDS, EKS)',
    saving: 'the surcharge’s monthly cost',
    effort: 'medium',
    risk: 'medium',
  },
  {
    id: 'untagged-resources',
    trigger: 'unallocated resources with cost in the last 28 days, per account',
    saving:
      'not a saving: their monthly spend with no owner (top 20 resources listed)',
    effort: 'low',
    risk: 'low',
  },
];
