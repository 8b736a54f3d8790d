import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading an entity's cost, and the cost of what it rolls up. A resource
 * permission on the catalog's own resource type, so policies can decide with the catalog's
 * rules, e.g. "is owned by one of the user's groups".
 */
export const finopsCostReadPermission = createPermission({
  name: 'finops.cost.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Reading organisation-wide views: coverage, unallocated spend, attribution explanations. */
export const finopsOrgReadPermission = createPermission({
  name: 'finops.org.read',
  attributes: { action: 'read' },
});

/** Uploading billing data, and reading import status. */
export const finopsImportPermission = createPermission({
  name: 'finops.import.create',
  attributes: { action: 'create' },
});

/** Administering sources: listing their imports and running them now. */
export const finopsSourcesAdminPermission = createPermission({
  name: 'finops.sources.admin',
  attributes: { action: 'update' },
});

/**
 * Writing an entity's unit-metric values (`POST /metrics`). A resource
 * permission on the entity, so a policy can let each team push its own.
 */
export const finopsMetricsWritePermission = createPermission({
  name: 'finops.metrics.write',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Setting and removing an entity's monthly budget (`PUT` and `DELETE
 * /budgets`). A resource permission on the entity, so a policy can let each
 * team set its own.
 */
export const finopsBudgetUpdatePermission = createPermission({
  name: 'finops.budget.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Marking an entity's cost anomaly expected or unexpected (`POST
 * /anomalies/{id}/feedback`). A resource permission on the anomaly's
 * entity, so a policy can let each team judge its own.
 */
export const finopsAnomalyFeedbackPermission = createPermission({
  name: 'finops.anomaly.feedback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Dismissing, snoozing, reopening or marking done an optimization tip
 * (`PATCH /tips/{id}`). A resource permission on the tip's entity, so a
 * policy can let each team decide on its own tips; a tip on unallocated
 * spend is checked without a resource and also needs `finops.org.read`.
 */
export const finopsTipsUpdatePermission = createPermission({
  name: 'finops.tips.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every FinOps permission, for policies and the permission registry. */
export const finopsPermissions = [
  finopsCostReadPermission,
  finopsOrgReadPermission,
  finopsImportPermission,
  finopsSourcesAdminPermission,
  finopsMetricsWritePermission,
  finopsBudgetUpdatePermission,
  finopsAnomalyFeedbackPermission,
  finopsTipsUpdatePermission,
];
