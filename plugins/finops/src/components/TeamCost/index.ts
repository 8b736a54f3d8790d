export { TeamCostContent, hasChildGroups } from './TeamCostContent';
export type { TeamCostColumn, TeamCostContentProps } from './TeamCostContent';
export type { TeamCostRow } from './teamRows';
