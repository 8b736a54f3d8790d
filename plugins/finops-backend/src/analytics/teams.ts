import { RELATION_CHILD_OF, RELATION_OWNED_BY } from '@backstage/catalog-model';
import type { CatalogIndex } from '../attribution/CatalogIndex';
import { rollupEntityRefs } from './rollup';

/** The key of cost no team holds: unallocated, or owned by no group of the catalog. */
export const UNOWNED_KEY = '(unowned)';

const isGroup = (index: CatalogIndex, ref: string) => index.byRef.get(ref)?.kind.toLowerCase() === 'group';

/**
 * For a group's cost by child group: each entity of the group's rollup goes
 * to the first direct child group (in ref order) whose rollup holds it, and
 * the rest (what the group owns directly) to the group itself, so that an
 * entity reachable both ways counts once and the groups sum to the rollup.
 */
export function childGroupBuckets(groupRef: string, index: CatalogIndex): (entityRef: string) => string {
  const children = [...index.sourcesOf(RELATION_CHILD_OF, groupRef)].filter(ref => isGroup(index, ref)).sort();
  const bucketOf = new Map<string, string>();
  for (const child of children) {
    for (const ref of rollupEntityRefs(child, index)) {
      if (!bucketOf.has(ref)) {
        bucketOf.set(ref, child);
      }
    }
  }
  return entityRef => bucketOf.get(entityRef) ?? groupRef;
}

/**
 * The team an entity's cost belongs to in the organisation view. Teams are
 * the children of the top-level groups, or a top-level group itself when it
 * has none; a group belongs to the team above it, an entity to its owner's
 * team, and an entity owned by a top-level group with teams to that group.
 */
export function teamBuckets(index: CatalogIndex): (entityRef: string | null) => string {
  const parentOf = (group: string) => index.targetsOf(RELATION_CHILD_OF, group).find(ref => isGroup(index, ref));
  const teamOfGroup = new Map<string, string>();
  const teamOf = (group: string): string => {
    const known = teamOfGroup.get(group);
    if (known) {
      return known;
    }
    const path = [group];
    for (let parent = parentOf(group); parent && !path.includes(parent); parent = parentOf(parent)) {
      path.push(parent);
    }
    const root = path[path.length - 1];
    const rootHasTeams = index.sourcesOf(RELATION_CHILD_OF, root).some(ref => isGroup(index, ref));
    const team = path.length === 1 || !rootHasTeams ? root : path[path.length - 2];
    teamOfGroup.set(group, team);
    return team;
  };
  return entityRef => {
    if (entityRef === null || !index.byRef.has(entityRef)) {
      return UNOWNED_KEY;
    }
    if (isGroup(index, entityRef)) {
      return teamOf(entityRef);
    }
    const owner = index.targetsOf(RELATION_OWNED_BY, entityRef).find(ref => isGroup(index, ref));
    return owner ? teamOf(owner) : UNOWNED_KEY;
  };
}
