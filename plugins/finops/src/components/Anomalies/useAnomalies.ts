import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import type {
  AnomaliesResponse,
  Anomaly,
  AnomalyVerdict,
} from '../../lib/operate';

/** What {@link useAnomalies} returns. */
export interface AnomaliesState {
  /** The answer with the feedback given since, the pending one included. */
  value?: AnomaliesResponse;
  loading: boolean;
  error?: Error;
  retry: () => void;
  /** The anomalies whose feedback is on its way to the server. */
  pending: ReadonlySet<string>;
  /** Why the last feedback on an anomaly was not saved, by its id. */
  failures: ReadonlyMap<string, Error>;
  /**
   * Marks an anomaly expected or unexpected: shown at once, sent with
   * `POST /anomalies/{id}/feedback`, then replaced by the server's answer,
   * or undone (with the error kept in `failures`) when it fails.
   */
  giveFeedback(id: string, verdict: AnomalyVerdict): void;
}

/**
 * `GET /anomalies` of an entity over a period (`from` inclusive, `to`
 * exclusive), rolled up for groups, systems and domains, and feedback on
 * them. Nothing is asked without a period.
 */
export function useAnomalies(
  entityRef: string,
  period: { from: string; to: string } | undefined,
): AnomaliesState {
  const finopsApi = useApi(finopsApiRef);
  const from = period?.from;
  const to = period?.to;
  const state = useAsyncRetry(async () => {
    if (!from || !to) {
      return undefined;
    }
    return finopsApi.getAnomalies({ entityRef, from, to });
  }, [finopsApi, entityRef, from, to]);
  // Anomalies as they stand after feedback, over the fetched ones, by id.
  const [changed, setChanged] = useState<ReadonlyMap<string, Anomaly>>(
    () => new Map(),
  );
  const [pending, setPending] = useState<ReadonlySet<string>>(() => new Set());
  const [failures, setFailures] = useState<ReadonlyMap<string, Error>>(
    () => new Map(),
  );
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  useEffect(() => {
    // A fresh answer holds the feedback given so far.
    if (state.value) {
      setChanged(new Map());
    }
  }, [state.value]);

  const fetched = state.loading ? undefined : state.value;
  const value = useMemo(
    () =>
      fetched && {
        ...fetched,
        anomalies: fetched.anomalies.map(
          anomaly => changed.get(anomaly.id) ?? anomaly,
        ),
      },
    [fetched, changed],
  );

  const giveFeedback = useCallback(
    (id: string, verdict: AnomalyVerdict) => {
      const before =
        changed.get(id) ??
        fetched?.anomalies.find(anomaly => anomaly.id === id);
      if (!before) {
        return;
      }
      const replace = (anomaly: Anomaly) =>
        setChanged(previous => new Map(previous).set(id, anomaly));
      const settle = () =>
        setPending(previous => {
          const next = new Set(previous);
          next.delete(id);
          return next;
        });
      replace({ ...before, status: verdict });
      setPending(previous => new Set(previous).add(id));
      setFailures(previous => {
        const next = new Map(previous);
        next.delete(id);
        return next;
      });
      finopsApi.postAnomalyFeedback({ id }, { verdict }).then(
        saved => {
          if (live.current) {
            replace(saved);
            settle();
          }
        },
        (error: Error) => {
          if (live.current) {
            replace(before);
            settle();
            setFailures(previous => new Map(previous).set(id, error));
          }
        },
      );
    },
    [finopsApi, changed, fetched],
  );

  return {
    value,
    loading: state.loading,
    error: state.loading ? undefined : state.error,
    retry: state.retry,
    pending,
    failures,
    giveFeedback,
  };
}
