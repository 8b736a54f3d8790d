import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { DeclaredMetric } from '@backstage-finops/plugin-finops-common';
import { finopsApiRef } from '../../api';

const NONE: DeclaredMetric[] = [];

/**
 * The unit metrics an entity declares (`GET /metrics`), or for a group,
 * system or domain those its rollup's members declare. Empty while they load
 * and when the request fails: unit cost is an extra of the Cost tab, which
 * shows nothing of it then rather than a second error (the tab's own cost
 * request reports a backend that cannot be reached).
 */
export function useDeclaredMetrics(entityRef: string): DeclaredMetric[] {
  const finopsApi = useApi(finopsApiRef);
  const state = useAsync(
    async () => (await finopsApi.listMetrics({ entityRef })).metrics,
    [finopsApi, entityRef],
  );
  return state.value ?? NONE;
}
