import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { type Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, type ResourcePermission } from '@backstage/plugin-permission-common';
import type { RouteContext } from './context';

/** An entity the caller may read the cost of, and the parts of its rollup they may. */
export interface ReadableRollup {
  /** The entity's kind as its ref names it, lower-case. */
  kind: string;
  /** The rollup's entities the caller can see in the catalog, hidden or not. */
  visible: string[];
  /** Of those, the ones whose cost the caller may read; the entity itself is one. */
  readable: string[];
}

/**
 * The rollup as /costs counts it: 404 for an entity the caller cannot see in
 * the catalog, 403 unless they may read its cost; what they can see but not
 * read is left out.
 */
export async function readReadableRollup(
  context: Pick<RouteContext, 'attribution' | 'authorization'>,
  credentials: BackstageCredentials,
  entityRef: string,
): Promise<ReadableRollup> {
  await context.attribution.ensureLoaded();
  // The rollup holds the entity itself, also when the snapshot does not have it yet.
  const rollup = context.attribution.rollup(entityRef);
  // What the catalog shows the caller and what the policy lets them read are separate questions: both at once.
  const [visible, permitted] = await Promise.all([
    context.authorization.visibleEntities(credentials, rollup),
    context.authorization.readableEntities(credentials, rollup),
  ]);
  if (!visible.includes(entityRef)) {
    throw new NotFoundError(`No entity ${entityRef} in the catalog`);
  }
  const permittedRefs = new Set(permitted);
  const readable = visible.filter(ref => permittedRefs.has(ref));
  if (!readable.includes(entityRef)) {
    throw new NotAllowedError(`Not allowed to read the cost of ${entityRef}`);
  }
  return { kind: parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US'), visible, readable };
}

/**
 * The entity a change is for, once the caller may make it: 400 for an entity
 * the caller cannot see in the catalog (the request names it), 403 unless
 * the policy allows `permission` on it.
 */
export async function requireEntityChange(
  context: Pick<RouteContext, 'catalog' | 'authorization'>,
  credentials: BackstageCredentials,
  entityRef: string,
  permission: ResourcePermission<'catalog-entity'>,
  what: string,
): Promise<Entity> {
  const entity = await context.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new InputError(`entityRef: no entity ${entityRef} in the catalog`);
  }
  const [decision] = await context.authorization.authorizeOnEntities(credentials, permission, [entityRef]);
  if (decision !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed to change the ${what} of ${entityRef}`);
  }
  return entity;
}
