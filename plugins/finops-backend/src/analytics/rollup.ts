import { RELATION_CHILD_OF, RELATION_OWNED_BY, RELATION_PART_OF } from '@backstage/catalog-model';
import type { CatalogIndex } from '../attribution/CatalogIndex';

/**
 * The entities whose cost an entity's cost view sums:
 * - every entity: itself and its parts, transitively (component → its
 *   subcomponents, system → its components and resources, domain → its
 *   systems and theirs);
 * - a Group: also its sub-groups, transitively, and every entity any of them
 *   owns (owned entities count alone: a part owned by another team is that
 *   team's).
 * Sorted, without duplicates, so that no cost is counted twice.
 */
export function rollupEntityRefs(entityRef: string, index: CatalogIndex): string[] {
  const included = new Set<string>();
  const withParts = (ref: string) => {
    const stack = [ref];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (included.has(current)) {
        continue;
      }
      included.add(current);
      stack.push(...index.sourcesOf(RELATION_PART_OF, current));
    }
  };
  const entity = index.byRef.get(entityRef);
  if (entity?.kind.toLowerCase() === 'group') {
    const groups = new Set<string>();
    const stack = [entityRef];
    while (stack.length > 0) {
      const group = stack.pop()!;
      if (groups.has(group)) {
        continue;
      }
      groups.add(group);
      stack.push(...index.sourcesOf(RELATION_CHILD_OF, group));
    }
    for (const group of groups) {
      included.add(group);
      for (const owned of index.sourcesOf(RELATION_OWNED_BY, group)) {
        included.add(owned);
      }
    }
  } else {
    withParts(entityRef);
  }
  return [...included].sort();
}
