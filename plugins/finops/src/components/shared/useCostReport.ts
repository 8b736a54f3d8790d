import { useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  addDays,
  daysBetween,
  type CostGroupBy,
  type CostResponse,
  type Granularity,
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
  /**
   * Moves the period, keeping its length, to end at the data's last day
   * (`dataThrough`) rather than at `to`: the first answer tells that day, and
   * when it differs the period ending there is asked for. The last day seen
   * is remembered, so later queries go there directly.
   */
  endAtData?: boolean;
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
  const { entityRef, from, to, granularity, groupBy, currency, endAtData } =
    query;
  const lastValue = useRef<CostResponse | undefined>(undefined);
  /** The `to` that the last answer's dataThrough implies. */
  const dataEnd = useRef<string | undefined>(undefined);
  const state = useAsyncRetry(async () => {
    const length = daysBetween(from, to);
    const ask = (end: string) =>
      finopsApi.getCosts({
        entityRef,
        from: addDays(end, -length),
        to: end,
        granularity,
        ...(groupBy ? { groupBy } : {}),
        ...(currency ? { currency } : {}),
      });
    const end = (endAtData && dataEnd.current) || to;
    const response = await ask(end);
    if (!endAtData || !response.dataThrough) {
      return response;
    }
    dataEnd.current = addDays(response.dataThrough, 1);
    return dataEnd.current === end ? response : ask(dataEnd.current);
  }, [
    finopsApi,
    entityRef,
    from,
    to,
    granularity,
    groupBy,
    currency,
    endAtData,
  ]);
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
