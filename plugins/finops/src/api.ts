import {
  createApiFactory,
  createApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { FinopsClient } from '@backstage-finops/plugin-finops-common';

/**
 * What the FinOps frontend calls: every public operation of the generated
 * {@link @backstage-finops/plugin-finops-common#FinopsClient}. Declared as the
 * client's public shape so that tests and other apps can supply their own
 * implementation.
 *
 * @public
 */
export type FinopsApi = Pick<FinopsClient, keyof FinopsClient>;

/**
 * The FinOps API: a {@link @backstage-finops/plugin-finops-common#FinopsClient}
 * that reaches the `finops` backend plugin through discovery and the app's
 * authenticated fetch.
 *
 * @public
 */
export const finopsApiRef = createApiRef<FinopsApi>({
  id: 'plugin.finops.service',
});

/** Builds the FinOps API; registered by both the legacy plugin and the `/alpha` one. */
export const finopsApiFactory = createApiFactory({
  api: finopsApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new FinopsClient({
      baseUrl: () => discoveryApi.getBaseUrl('finops'),
      fetch: (input, init) => fetchApi.fetch(input, init),
    }),
});
