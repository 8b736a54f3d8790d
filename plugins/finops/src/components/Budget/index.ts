export { BudgetCard } from './BudgetCard';
export type { BudgetCardProps } from './BudgetCard';
export { BudgetStatusChip } from './BudgetStatusChip';
export { useBudget } from './useBudget';
export type { BudgetState } from './useBudget';
export { useBudgetColumn } from './budgetColumn';
