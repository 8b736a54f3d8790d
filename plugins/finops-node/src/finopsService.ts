import {
  type AuthService,
  type BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
  type DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  type CostResponse,
  type CoverageResponse,
  FinopsClient,
  type operations,
} from '@backstage-finops/plugin-finops-common';

type QueryOf<Id extends 'GetCosts' | 'GetCoverage'> = operations[Id]['parameters']['query'];

/** Who a call is made for: a request's caller (their permissions apply) or, by default, the calling plugin. */
export interface FinopsServiceCallOptions {
  credentials?: BackstageCredentials;
}

/**
 * The FinOps API for other backend plugins and modules (a scaffolder
 * action, a digest, a notifier), through the FinOps backend's REST API so
 * that its permissions and rollups apply as they do for the frontend.
 */
export interface FinopsService {
  /** An entity's cost over a period, as `GET /api/finops/costs` returns it. */
  getCosts(query: QueryOf<'GetCosts'>, options?: FinopsServiceCallOptions): Promise<CostResponse>;
  /** How much spend is attributed, as `GET /api/finops/coverage` returns it. */
  getCoverage(query: QueryOf<'GetCoverage'>, options?: FinopsServiceCallOptions): Promise<CoverageResponse>;
}

/** {@link FinopsService} over HTTP, with a plugin-to-plugin token per call; what the default factory provides. */
export class DefaultFinopsService implements FinopsService {
  constructor(private readonly deps: { auth: AuthService; discovery: DiscoveryService }) {}

  getCosts(query: QueryOf<'GetCosts'>, options?: FinopsServiceCallOptions) {
    return this.client(options).getCosts(query);
  }

  getCoverage(query: QueryOf<'GetCoverage'>, options?: FinopsServiceCallOptions) {
    return this.client(options).getCoverage(query);
  }

  private client(options?: FinopsServiceCallOptions): FinopsClient {
    const { auth, discovery } = this.deps;
    return new FinopsClient({
      baseUrl: () => discovery.getBaseUrl('finops'),
      fetch: async (input, init) => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: options?.credentials ?? (await auth.getOwnServiceCredentials()),
          targetPluginId: 'finops',
        });
        return fetch(input, { ...init, headers: { ...init?.headers, Authorization: `Bearer ${token}` } });
      },
    });
  }
}

/** The FinOps service; its default factory calls the FinOps backend wherever discovery finds it. */
export const finopsServiceRef = createServiceRef<FinopsService>({
  id: 'finops.service',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { auth: coreServices.auth, discovery: coreServices.discovery },
      factory: deps => new DefaultFinopsService(deps),
    }),
});
