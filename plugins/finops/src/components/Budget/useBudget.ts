import { useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import type { BudgetResponse } from '../../lib/operate';

/** What {@link useBudget} returns. */
export interface BudgetState {
  /** The answer; while a new one loads (after a change), the previous one. */
  value?: BudgetResponse;
  loading: boolean;
  error?: Error;
  /** Asks again, e.g. after the budget was set or removed. */
  retry: () => void;
}

/**
 * `GET /budgets` for the entity's current month (the server's: UTC), with
 * `includeMembers` the budgeted members of its rollup too. The previous
 * answer stays while the next loads, so that a card does not blank out
 * after its budget was changed.
 */
export function useBudget(
  entityRef: string,
  options: { includeMembers?: boolean } = {},
): BudgetState {
  const finopsApi = useApi(finopsApiRef);
  const { includeMembers } = options;
  const last = useRef<BudgetResponse | undefined>(undefined);
  const state = useAsyncRetry(
    async () =>
      finopsApi.getBudget({
        entityRef,
        ...(includeMembers ? { includeMembers: true } : {}),
      }),
    [finopsApi, entityRef, includeMembers],
  );
  if (!state.loading) {
    last.current = state.error ? undefined : state.value;
  }
  return {
    value: state.loading ? last.current : state.value,
    loading: state.loading,
    error: state.loading ? undefined : state.error,
    retry: state.retry,
  };
}
