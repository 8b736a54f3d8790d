import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { finopsCostReadPermission } from '@backstage-finops/plugin-finops-common';
import { chunk } from '../database/knexSupport';

/** Longest list of entities sent to the permission backend in one request. */
const AUTHORIZE_BATCH = 250;
/** Longest list of entity refs read from the catalog in one request. */
const CATALOG_BATCH = 500;

/**
 * Permission checks of the FinOps API, kept out of the domain code: the
 * router asks, this answers through the permission framework.
 */
export class FinopsAuthorization {
  constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
  ) {}

  /** Throws 403 unless the policy allows `permission`. */
  async require(credentials: BackstageCredentials, permission: BasicPermission): Promise<void> {
    if (!(await this.allows(credentials, permission))) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /** Whether the policy allows `permission`. */
  async allows(credentials: BackstageCredentials, permission: BasicPermission): Promise<boolean> {
    const [decision] = await this.permissions.authorize([{ permission }], { credentials });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * The entities among `entityRefs` that the caller can see in the catalog,
   * read with the caller's own credentials: the catalog's permission rules
   * decide, so an entity the caller may not read is not even counted.
   */
  async visibleEntities(credentials: BackstageCredentials, entityRefs: string[]): Promise<string[]> {
    const batches = await Promise.all(
      chunk(entityRefs, CATALOG_BATCH).map(async batch => {
        const { items } = await this.catalog.getEntitiesByRefs(
          { entityRefs: batch, fields: ['kind', 'metadata.namespace', 'metadata.name'] },
          { credentials },
        );
        return batch.filter((_, index) => items[index]);
      }),
    );
    return batches.flat();
  }

  /**
   * The entities among `entityRefs` whose cost the caller may read; the
   * policy's conditions (e.g. catalog ownership rules) decide per entity.
   */
  async readableEntities(credentials: BackstageCredentials, entityRefs: string[]): Promise<string[]> {
    const decisions = await this.authorizeOnEntities(credentials, finopsCostReadPermission, entityRefs);
    return entityRefs.filter((_, index) => decisions[index] === AuthorizeResult.ALLOW);
  }

  /** The policy's decision on a resource permission where there is no resource to check it on. */
  async authorizeWithoutResource(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizeResult[]> {
    // A conditional decision has no resource to apply its conditions to: only ALLOW allows.
    const decisions = await this.permissions.authorizeConditional([{ permission }], { credentials });
    return decisions.map(decision => decision.result);
  }

  /** The policy's decision on `permission` for each entity, in order. */
  async authorizeOnEntities(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRefs: string[],
  ): Promise<AuthorizeResult[]> {
    const batches = await Promise.all(
      chunk(entityRefs, AUTHORIZE_BATCH).map(batch =>
        this.permissions.authorize(
          batch.map(resourceRef => ({ permission, resourceRef })),
          { credentials },
        ),
      ),
    );
    return batches.flat().map(decision => decision.result);
  }
}
