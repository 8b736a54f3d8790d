import { useCallback } from 'react';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';

/** A change to the query string: a value sets, a list repeats, undefined removes. */
export type ViewParamChanges = Record<string, string | string[] | undefined>;

/** The query string of the current page, as a view's state. */
export interface ViewParams {
  get(key: string): string | undefined;
  getAll(key: string): string[];
  /**
   * Changes some parameters and keeps the others. Replaces the history entry
   * unless `push` is set (a tab switch, which Back should undo).
   */
  set(changes: ViewParamChanges, options?: { push?: boolean }): void;
}

/**
 * The view's state in the URL (period, granularity, grouping, sort, tab,
 * comparison), so that a view can be shared and a reload restores it. Reads
 * and writes through Backstage's navigation (`useAppSearchParams`), which
 * falls back to React Router in the legacy frontend system. Values equal to
 * a default should be set as undefined, to keep shared URLs short.
 */
export function useViewParams(): ViewParams {
  const [params, setParams] = useAppSearchParams();
  const get = useCallback(
    (key: string) => params.get(key) ?? undefined,
    [params],
  );
  const getAll = useCallback((key: string) => params.getAll(key), [params]);
  const set = useCallback(
    (changes: ViewParamChanges, options?: { push?: boolean }) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            next.delete(key);
            const values = Array.isArray(value) ? value : [value];
            for (const item of values) {
              if (item !== undefined) {
                next.append(key, item);
              }
            }
          }
          return next;
        },
        { replace: !options?.push },
      );
    },
    [setParams],
  );
  return { get, getAll, set };
}
