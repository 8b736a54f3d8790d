import { useRef } from 'react';
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
  /** A request is in flight. */
  loading: boolean;
  /** The last request failed. */
  error?: Error;
  /** The answer to the current query, once it has arrived. */
  value?: CostResponse;
  /**
   * While a new query loads: the answer to the previous one, so that the page
   * need not blank out when the user switches period or breakdown.
   */
  previous?: CostResponse;
  retry: () => void;
}

/** Fetches `GET /costs` for the query, again whenever a field of it changes. */
export function useCostReport(query: CostQuery): CostReportState {
  const finopsApi = useApi(finopsApiRef);
  const { entityRef, from, to, granularity, groupBy, currency } = query;
  const lastValue = useRef<CostResponse | undefined>(undefined);
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
  if (!state.loading && state.value) {
    lastValue.current = state.value;
  }
  if (!state.loading && state.error) {
    lastValue.current = undefined;
  }
  return {
    loading: state.loading,
    error: state.loading ? undefined : state.error,
    value: state.loading ? undefined : state.value,
    previous: state.loading ? lastValue.current : undefined,
    retry: state.retry,
  };
}
