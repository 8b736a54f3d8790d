/**
 * The Backstage FinOps frontend: the entity Cost tab and cost card.
 *
 * This entry point is for the legacy frontend system; for the new frontend
 * system use `@backstage-finops/plugin-finops/alpha`.
 *
 * @packageDocumentation
 */

export { finopsPlugin, EntityCostContent, EntityCostCard } from './plugin';
export { finopsApiRef } from './api';
export type { FinopsApi } from './api';
export { isFinopsAvailable } from './lib/isFinopsAvailable';
export type {
  EntityCostContentProps,
  BreakdownDimension,
} from './components/EntityCostContent';
export type { EntityCostCardProps } from './components/EntityCostCard';
export type { PeriodId } from './lib/periods';
