import express from 'express';
import type { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import type { FinopsStores } from '../database/FinopsStores';
import type { FinopsSettings } from '../config';
import type { AttributionService } from './AttributionService';
import { BudgetService } from './BudgetService';
import type { ImportService } from './ImportService';
import type { TipService } from './TipService';
import { FinopsAuthorization } from './authorization';
import { OPERATION_PERMISSIONS, operationOf } from './operationPermissions';
import { auditedWith, credentialsOf, type RouteContext, type SourceRegistry } from './routes/context';
import { addAnomalyRoutes } from './routes/anomalies';
import { addBudgetRoutes } from './routes/budgets';
import { addCompareRoutes } from './routes/compare';
import { addCostRoutes } from './routes/costs';
import { addCoverageRoutes } from './routes/coverage';
import { addExplainRoutes } from './routes/explain';
import { addForecastRoutes } from './routes/forecast';
import { addImportRoutes } from './routes/imports';
import { addMetricRoutes } from './routes/metrics';
import { addOverviewRoutes } from './routes/overview';
import { addOwnershipRoutes } from './routes/ownership';
import { addSourceRoutes } from './routes/sources';
import { addTipRoutes } from './routes/tips';

export type { SourceDescription, SourceRegistry } from './routes/context';

export interface RouterOptions {
  /** Records what changes cost data: uploads and on-demand source runs. */
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  sources: SourceRegistry;
  catalog: CatalogService;
  stores: FinopsStores;
  attribution: AttributionService;
  imports: ImportService;
  tips: TipService;
  settings: FinopsSettings;
  uploadDir: string;
}

/**
 * The FinOps API: the router generated from the OpenAPI spec, with one file
 * per resource under routes/. Every route needs a user or service identity
 * and the permission OPERATION_PERMISSIONS gives its operation.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth } = options;
  const authorization = new FinopsAuthorization(options.permissions, options.catalog);
  const router = await createOpenApiRouter({
    middleware: [
      // Identity first, so that no request learns anything, not even what is valid, without one.
      (req, res, next) => {
        httpAuth.credentials(req, { allow: ['user', 'service'] }).then(credentials => {
          res.locals.credentials = credentials;
          next();
        }, next);
      },
      // Uploads are streams: only JSON bodies are parsed before validation.
      express.json({ limit: '1mb' }),
    ],
  });
  // Each operation's permission, from the one table that holds them all. After validation,
  // as a handler's own check was: a valid request without the permission gets 403.
  router.use((req, res, next) => {
    const operationId = operationOf(req.method, req.path);
    if (!operationId) {
      next();
      return;
    }
    const operation = OPERATION_PERMISSIONS[operationId];
    if (!operation) {
      next(new Error(`Operation ${operationId} has no entry in OPERATION_PERMISSIONS`));
      return;
    }
    if (operation.check === 'entity') {
      next(); // the handler checks each entity it reads
      return;
    }
    authorization.require(credentialsOf(res), operation.permission).then(() => next(), next);
  });

  const context: RouteContext = {
    stores: options.stores,
    attribution: options.attribution,
    budgets: new BudgetService(options),
    imports: options.imports,
    tips: options.tips,
    sources: options.sources,
    catalog: options.catalog,
    authorization,
    settings: options.settings,
    uploadDir: options.uploadDir,
    audited: auditedWith(options.auditor),
  };
  addCostRoutes(router, context);
  addCompareRoutes(router, context);
  addOverviewRoutes(router, context);
  addCoverageRoutes(router, context);
  addOwnershipRoutes(router, context);
  addImportRoutes(router, context);
  addMetricRoutes(router, context);
  addBudgetRoutes(router, context);
  addForecastRoutes(router, context);
  addAnomalyRoutes(router, context);
  addTipRoutes(router, context);
  addSourceRoutes(router, context);
  addExplainRoutes(router, context);
  return router;
}
