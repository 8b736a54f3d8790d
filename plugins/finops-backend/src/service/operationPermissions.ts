import type { BasicPermission, ResourcePermission } from '@backstage/plugin-permission-common';
import {
  finopsAnomalyFeedbackPermission,
  finopsBudgetUpdatePermission,
  finopsCostReadPermission,
  finopsImportPermission,
  finopsMetricsWritePermission,
  finopsOrgReadPermission,
  finopsSourcesAdminPermission,
  finopsTipsUpdatePermission,
} from '@backstage-finops/plugin-finops-common';
import { spec } from '../schema/openapi/generated/router';

/**
 * How an operation is authorized: a basic permission checked before its
 * handler runs, or a permission on catalog entities that the handler checks
 * for each entity it reads (an entity's cost, and the parts of its rollup).
 */
export type OperationPermission =
  | { permission: BasicPermission; check: 'request' }
  | { permission: ResourcePermission<'catalog-entity'>; check: 'entity' };

/**
 * Every operation of the OpenAPI spec, by operationId, with its permission.
 * The router applies the request checks in one middleware and refuses an
 * operation missing here, so a new route cannot go without one.
 */
export const OPERATION_PERMISSIONS: Record<string, OperationPermission> = {
  GetCosts: { permission: finopsCostReadPermission, check: 'entity' },
  GetCompare: { permission: finopsCostReadPermission, check: 'entity' },
  GetOverview: { permission: finopsOrgReadPermission, check: 'request' },
  GetCoverage: { permission: finopsOrgReadPermission, check: 'request' },
  GetOwnershipCoverage: { permission: finopsOrgReadPermission, check: 'request' },
  GetOwnershipFindings: { permission: finopsOrgReadPermission, check: 'request' },
  GetOwnershipSuggestions: { permission: finopsOrgReadPermission, check: 'request' },
  // The team's own cost, or finops.org.read for any team: the handler checks both.
  GetOwnershipCompliance: { permission: finopsCostReadPermission, check: 'entity' },
  Explain: { permission: finopsOrgReadPermission, check: 'request' },
  CreateImport: { permission: finopsImportPermission, check: 'request' },
  GetImport: { permission: finopsImportPermission, check: 'request' },
  ListImports: { permission: finopsSourcesAdminPermission, check: 'request' },
  ListSources: { permission: finopsSourcesAdminPermission, check: 'request' },
  RunSource: { permission: finopsSourcesAdminPermission, check: 'request' },
  ListMetrics: { permission: finopsCostReadPermission, check: 'entity' },
  WriteMetrics: { permission: finopsMetricsWritePermission, check: 'entity' },
  GetUnitCosts: { permission: finopsCostReadPermission, check: 'entity' },
  GetBudget: { permission: finopsCostReadPermission, check: 'entity' },
  GetForecast: { permission: finopsCostReadPermission, check: 'entity' },
  PutBudget: { permission: finopsBudgetUpdatePermission, check: 'entity' },
  DeleteBudget: { permission: finopsBudgetUpdatePermission, check: 'entity' },
  GetAnomalies: { permission: finopsCostReadPermission, check: 'entity' },
  PostAnomalyFeedback: { permission: finopsAnomalyFeedbackPermission, check: 'entity' },
  // An entity's tips need its cost; the organisation's (no entityRef) need finops.org.read: the handler checks both.
  GetTips: { permission: finopsCostReadPermission, check: 'entity' },
  PatchTip: { permission: finopsTipsUpdatePermission, check: 'entity' },
};

interface SpecOperation {
  method: string;
  pattern: RegExp;
  operationId: string;
}

const OPERATIONS: SpecOperation[] = Object.entries(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
  ([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      // /imports/{id} matches one path segment where the template has a parameter.
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      operationId: operation.operationId ?? `${method} ${path}`,
    })),
);

/** The operationId of the spec operation a request is for, if any. */
export function operationOf(method: string, path: string): string | undefined {
  return OPERATIONS.find(operation => operation.method === method.toUpperCase() && operation.pattern.test(path))?.operationId;
}
