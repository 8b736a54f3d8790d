import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { finopsCostReadPermission } from '@backstage-finops/plugin-finops-common';

/** Longest list of entities sent to the permission backend in one request. */
const AUTHORIZE_BATCH = 250;

/**
 * Permission checks of the FinOps API, kept out of the domain code: the
 * router asks, this answers through the permission framework.
 */
export class FinopsAuthorization {
  constructor(private readonly permissions: PermissionsService) {}

  /** Throws 403 unless the policy allows `permission`. */
  async require(credentials: BackstageCredentials, permission: BasicPermission): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * The entities among `entityRefs` whose cost the caller may read; the
   * policy's conditions (e.g. catalog ownership rules) decide per entity.
   */
  async readableEntities(credentials: BackstageCredentials, entityRefs: string[]): Promise<string[]> {
    const readable: string[] = [];
    for (let i = 0; i < entityRefs.length; i += AUTHORIZE_BATCH) {
      const batch = entityRefs.slice(i, i + AUTHORIZE_BATCH);
      const decisions = await this.permissions.authorize(
        batch.map(resourceRef => ({ permission: finopsCostReadPermission, resourceRef })),
        { credentials },
      );
      batch.forEach((ref, index) => {
        if (decisions[index].result === AuthorizeResult.ALLOW) {
          readable.push(ref);
        }
      });
    }
    return readable;
  }
}
