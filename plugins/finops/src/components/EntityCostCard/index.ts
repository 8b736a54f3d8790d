export { EntityCostCard } from './EntityCostCard';
export type { EntityCostCardProps } from './EntityCostCard';
