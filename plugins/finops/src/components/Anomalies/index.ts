export { AnomaliesCard } from './AnomaliesCard';
export { useAnomalies } from './useAnomalies';
export type { AnomaliesState } from './useAnomalies';
