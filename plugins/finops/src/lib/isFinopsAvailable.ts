import type { Entity } from '@backstage/catalog-model';

/** The kinds cost is attributed to or rolled up to. */
export const FINOPS_ENTITY_KINDS = [
  'component',
  'system',
  'domain',
  'group',
  'resource',
];

/**
 * Whether the Cost tab and card make sense for an entity: true for the kinds
 * cost is attributed or rolled up to. For `EntitySwitch.Case if={...}` in
 * legacy apps.
 *
 * @public
 */
export function isFinopsAvailable(entity: Entity): boolean {
  return FINOPS_ENTITY_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}
