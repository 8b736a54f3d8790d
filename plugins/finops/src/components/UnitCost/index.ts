export { UnitCostCard, UNIT_METRIC_PARAM } from './UnitCostCard';
export type { UnitCostCardProps } from './UnitCostCard';
export { useDeclaredMetrics } from './useDeclaredMetrics';
