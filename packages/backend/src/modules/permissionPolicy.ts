import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  finopsAnomalyFeedbackPermission,
  finopsBudgetUpdatePermission,
  finopsCostReadPermission,
  finopsMetricsWritePermission,
  finopsTipsUpdatePermission,
} from '@backstage-finops/plugin-finops-common';

/** Members of this group read and administer everything FinOps. */
export const FINOPS_GROUP = 'group:default/finops';
/** The demo's guest sees the whole demo. */
export const DEMO_GUEST = 'user:default/guest';

/**
 * The demo's permission policy, an example to adapt:
 * - FinOps team members and the demo guest may do everything;
 * - other users read the cost of entities their groups own, and of Groups
 *   (a team's page shows only the parts of its rollup they may read), and
 *   write the unit-metric values and budgets of entities their groups own;
 * - organisation-wide views, imports and sources are for the FinOps team;
 * - everything that is not FinOps is allowed, as in a fresh Backstage app.
 */
export class FinopsDemoPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (!request.permission.name.startsWith('finops.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    const ownership = user?.info.ownershipEntityRefs ?? [];
    if (ownership.includes(FINOPS_GROUP) || user?.info.userEntityRef === DEMO_GUEST) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(request.permission, finopsCostReadPermission)) {
      return createCatalogConditionalDecision(request.permission, {
        anyOf: [
          catalogConditions.isEntityOwner({ claims: ownership }),
          catalogConditions.isEntityKind({ kinds: ['Group'] }),
        ],
      });
    }
    for (const ownersOnly of [finopsMetricsWritePermission, finopsBudgetUpdatePermission, finopsAnomalyFeedbackPermission, finopsTipsUpdatePermission]) {
      if (isPermission(request.permission, ownersOnly)) {
        return createCatalogConditionalDecision(request.permission, catalogConditions.isEntityOwner({ claims: ownership }));
      }
    }
    return { result: AuthorizeResult.DENY };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'finops-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new FinopsDemoPolicy());
      },
    });
  },
});
