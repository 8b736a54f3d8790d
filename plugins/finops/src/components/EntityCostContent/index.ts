export { EntityCostContent } from './EntityCostContent';
export type {
  EntityCostContentProps,
  BreakdownDimension,
} from './EntityCostContent';
