import { useRef } from 'react';
import { addDays, daysBetween } from '@backstage-finops/plugin-finops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** What a report hook returns. */
export interface ReportState<T> {
  /** A request is in flight. */
  loading: boolean;
  /** The last request failed. */
  error?: Error;
  /** The answer to the current query, once it has arrived. */
  value?: T;
  /**
   * While a new query loads: the answer to the previous one, so that the page
   * need not blank out when the user switches period or grouping.
   */
  previous?: T;
  retry: () => void;
}

/**
 * Asks for a report over a period, and, with `endAtData`, moves the period
 * (keeping its length) to end at the data's last day: the first answer's
 * `dataThrough` tells that day, and when it differs the period ending there
 * is asked for. The last day seen is remembered, so later queries go there
 * directly. `ask` is called with the period; `deps` are what else identifies
 * the query. Without `enabled` nothing is asked.
 */
export function useReportEndingAtData<T extends { dataThrough: string | null }>(
  options: {
    from: string;
    to: string;
    endAtData?: boolean;
    enabled?: boolean;
    ask: (from: string, to: string) => Promise<T>;
  },
  deps: unknown[],
): ReportState<T> {
  const { from, to, endAtData, enabled = true } = options;
  const ask = useRef(options.ask);
  ask.current = options.ask;
  const lastValue = useRef<T | undefined>(undefined);
  /** The `to` that the last answer's dataThrough implies. */
  const dataEnd = useRef<string | undefined>(undefined);
  const state = useAsyncRetry(async () => {
    if (!enabled) {
      return undefined;
    }
    const length = daysBetween(from, to);
    const askEnding = (end: string) => ask.current(addDays(end, -length), end);
    const end = (endAtData && dataEnd.current) || to;
    const response = await askEnding(end);
    if (!endAtData || !response.dataThrough) {
      return response;
    }
    dataEnd.current = addDays(response.dataThrough, 1);
    return dataEnd.current === end ? response : askEnding(dataEnd.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from, to, endAtData, enabled, ...deps]);
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
