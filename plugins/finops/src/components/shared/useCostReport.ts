import { useApi } from '@backstage/core-plugin-api';
import type {
  CostGroupBy,
  CostResponse,
  Granularity,
} from '@backstage-finops/plugin-finops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';

export interface CostQuery {
  entityRef: string;
  from: string;
  to: string;
  granularity: Granularity;
  groupBy?: CostGroupBy;
  currency?: string;
}

export interface CostReportState {
  loading: boolean;
  error?: Error;
  value?: CostResponse;
  retry: () => void;
}

/** Fetches `GET /costs` for the query, again whenever a field of it changes. */
export function useCostReport(query: CostQuery): CostReportState {
  const finopsApi = useApi(finopsApiRef);
  const { entityRef, from, to, granularity, groupBy, currency } = query;
  const state = useAsyncRetry(
    () =>
      finopsApi.getCosts({
        entityRef,
        from,
        to,
        granularity,
        ...(groupBy ? { groupBy } : {}),
        ...(currency ? { currency } : {}),
      }),
    [finopsApi, entityRef, from, to, granularity, groupBy, currency],
  );
  return {
    loading: state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    retry: state.retry,
  };
}
