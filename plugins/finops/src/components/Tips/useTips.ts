import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import type { TipDecisionRequest, TipsResponse, TipView } from '../../lib/tips';

/** What {@link useTips} returns. */
export interface TipsState {
  value?: TipsResponse;
  loading: boolean;
  error?: Error;
  retry: () => void;
  /** The tip whose decision is on its way to the server. */
  pending?: string;
  /** Why the last decision was not saved, with the tip it was for. */
  failure?: { id: string; error: Error };
  /** Sends `PATCH /tips/{id}` and reloads the list; resolves false when the server refused. */
  decide(id: string, decision: TipDecisionRequest): Promise<boolean>;
}

/**
 * `GET /tips` of an entity (rolled up for groups, systems and domains), or
 * of the organisation without one, in one status; and decisions on them.
 */
export function useTips(
  entityRef: string | undefined,
  view: TipView,
): TipsState {
  const finopsApi = useApi(finopsApiRef);
  const state = useAsyncRetry(
    async () =>
      finopsApi.getTips({ ...(entityRef ? { entityRef } : {}), status: view }),
    [finopsApi, entityRef, view],
  );
  const [pending, setPending] = useState<string>();
  const [failure, setFailure] = useState<{ id: string; error: Error }>();
  const { retry } = state;
  const decide = useCallback(
    async (id: string, decision: TipDecisionRequest) => {
      setPending(id);
      setFailure(undefined);
      try {
        await finopsApi.patchTip({ id }, decision);
        retry();
        return true;
      } catch (error) {
        setFailure({ id, error: error as Error });
        return false;
      } finally {
        setPending(undefined);
      }
    },
    [finopsApi, retry],
  );
  return {
    value: state.value,
    loading: state.loading,
    error: state.loading ? undefined : state.error,
    retry,
    pending,
    failure,
    decide,
  };
}
