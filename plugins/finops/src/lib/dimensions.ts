import type { CostGroupBy } from '@backstage-finops/plugin-finops-common';

/** Dimensions the Cost tab's breakdown can be switched to. */
export type BreakdownDimension = Extract<
  CostGroupBy,
  'service' | 'account' | 'region' | 'resource' | 'entity'
>;

/** Every {@link BreakdownDimension}, in the order the toggle offers them. */
export const BREAKDOWN_DIMENSIONS = [
  'service',
  'account',
  'region',
  'resource',
  'entity',
] as const satisfies readonly BreakdownDimension[];

/** The breakdown shown first unless configured. */
export const DEFAULT_BREAKDOWN: BreakdownDimension = 'service';

/** Kinds whose cost rolls up from other entities, so a breakdown by entity means something. */
const ROLLUP_KINDS = ['system', 'domain', 'group'];

/** The dimensions offered for an entity of this kind: by entity only for rollups. */
export function breakdownDimensionsFor(kind: string): BreakdownDimension[] {
  return BREAKDOWN_DIMENSIONS.filter(
    dimension =>
      dimension !== 'entity' ||
      ROLLUP_KINDS.includes(kind.toLocaleLowerCase('en-US')),
  );
}
