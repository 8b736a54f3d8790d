import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import type { ForecastResponse } from '../../lib/operate';

/** Months after the current one that the Cost tab forecasts. */
export const FORECAST_MONTHS = 3;

/** What {@link useForecast} returns. */
export interface ForecastState {
  value?: ForecastResponse;
  loading: boolean;
  error?: Error;
  retry: () => void;
}

/**
 * `GET /forecast` of the entity's rollup: the month of the data's last day
 * and the {@link FORECAST_MONTHS} after it, in the currency the page shows
 * (the one with the most cost unless given). Nothing is asked until
 * `enabled`.
 */
export function useForecast(
  entityRef: string,
  currency: string | undefined,
  enabled = true,
): ForecastState {
  const finopsApi = useApi(finopsApiRef);
  const state = useAsyncRetry(async () => {
    if (!enabled) {
      return undefined;
    }
    return finopsApi.getForecast({
      entityRef,
      months: FORECAST_MONTHS,
      ...(currency ? { currency } : {}),
    });
  }, [finopsApi, entityRef, currency, enabled]);
  return {
    value: state.loading ? undefined : state.value,
    loading: state.loading,
    error: state.loading ? undefined : state.error,
    retry: state.retry,
  };
}
