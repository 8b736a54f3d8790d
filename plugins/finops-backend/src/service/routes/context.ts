import type express from 'express';
import type { JsonObject } from '@backstage/types';
import type { TypedRouter } from '@backstage/backend-openapi-utils';
import type {
  AuditorService,
  BackstageCredentials,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EndpointMap } from '../../schema/openapi/generated/apis';
import type { FinopsSettings } from '../../config';
import type { FinopsStores } from '../../database/FinopsStores';
import type { AttributionService } from '../AttributionService';
import type { BudgetService } from '../BudgetService';
import type { FinopsAuthorization } from '../authorization';
import type { ImportService } from '../ImportService';
import type { TipService } from '../TipService';

/** The router the OpenAPI spec types: each route's path, query and response. */
export type FinopsRouter = TypedRouter<EndpointMap>;

/** A source the API can list and run: configured directories and module sources. */
export interface SourceDescription {
  id: string;
  type: string;
  description: string;
  /** When its import runs. */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Lists sources and runs one now. */
export interface SourceRegistry {
  list(): SourceDescription[];
  /** Throws NotFoundError for an unknown id, ConflictError while it runs. */
  run(id: string): Promise<void>;
}

/** A request of any route, whatever the spec types its parameters and body as. */
export type AnyRequest = express.Request<any, any, any, any>;

/** What the route files share: the domain they translate HTTP to. */
export interface RouteContext {
  stores: FinopsStores;
  attribution: AttributionService;
  budgets: BudgetService;
  imports: ImportService;
  tips: TipService;
  sources: SourceRegistry;
  catalog: CatalogService;
  authorization: FinopsAuthorization;
  settings: FinopsSettings;
  uploadDir: string;
  /**
   * Runs an operation that changes cost data as an audit event: recorded
   * with who asked, and whether it succeeded (with `meta` of the outcome) or
   * failed (with the error, which is rethrown).
   */
  audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    operation: () => Promise<{ result: T; meta?: JsonObject }>,
  ): Promise<T>;
}

/** Who asked: a user's entity ref, or `service:<subject>`. */
export function principalName(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type?: string; userEntityRef?: string; subject?: string };
  return principal.userEntityRef ?? `${principal.type ?? 'service'}:${principal.subject ?? 'unknown'}`;
}

/** The caller, as the identity middleware found it. */
export function credentialsOf(res: express.Response): BackstageCredentials {
  return res.locals.credentials;
}

export function auditedWith(auditor: AuditorService): RouteContext['audited'] {
  return async (req, eventId, meta, operation) => {
    const event = await auditor.createEvent({ eventId, severityLevel: 'medium', request: req, meta });
    let outcome;
    try {
      outcome = await operation();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success(outcome.meta ? { meta: outcome.meta } : undefined);
    return outcome.result;
  };
}
