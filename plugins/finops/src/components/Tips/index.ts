export { TipsCard } from './TipsCard';
export type { TipsCardProps } from './TipsCard';
