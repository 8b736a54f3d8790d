import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, type ResourcePermission } from '@backstage/plugin-permission-common';
import type { RouteContext } from './context';

/** An entity the caller may read the cost of, and the parts of its rollup they may. */
export interface ReadableRollup {
  entity: Entity;
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
  context: Pick<RouteContext, 'catalog' | 'attribution' | 'authorization'>,
  credentials: BackstageCredentials,
  entityRef: string,
): Promise<ReadableRollup> {
  const entity = await context.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef} in the catalog`);
  }
  await context.attribution.ensureLoaded();
  const visible = await context.authorization.visibleEntities(credentials, context.attribution.rollup(entityRef));
  const readable = await context.authorization.readableEntities(credentials, visible);
  if (!readable.includes(entityRef)) {
    throw new NotAllowedError(`Not allowed to read the cost of ${entityRef}`);
  }
  return { entity, visible, readable };
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
