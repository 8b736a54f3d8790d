/**
 * The Backstage FinOps frontend: the entity Cost tab (a team's view on
 * Groups), the cost card and the FinOps page.
 *
 * This entry point is for the legacy frontend system; for the new frontend
 * system use `@backstage-finops/plugin-finops/alpha`.
 *
 * @packageDocumentation
 */

export {
  finopsPlugin,
  EntityCostContent,
  EntityCostCard,
  EntityCostMetadataCard,
  FinopsPage,
} from './plugin';
export { finopsApiRef } from './api';
export type { FinopsApi } from './api';
export { isFinopsAvailable } from './lib/isFinopsAvailable';
export type {
  EntityCostContentProps,
  BreakdownDimension,
} from './components/EntityCostContent';
export type { EntityCostCardProps } from './components/EntityCostCard';
export type { TeamCostColumn, TeamCostRow } from './components/TeamCost';
export type { FinopsPageProps } from './components/FinopsPage';
export { finopsPageRouteRef } from './routes';
export type { PeriodId } from './lib/periods';
