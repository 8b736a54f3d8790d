import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { isEntityRef } from '../../lib/entityRefs';

/** Where the Cost tab is mounted on entity pages unless configured otherwise. */
export const DEFAULT_COST_TAB_PATH = 'cost';

/**
 * Builds links to entities' Cost tabs: the catalog's entity page (its
 * `entityRouteRef`) plus the Cost tab's path. Returns undefined for a ref
 * when the app has no entity pages (no catalog), so that callers show the
 * name without a link.
 */
export function useEntityCostLink(
  costTabPath: string = DEFAULT_COST_TAB_PATH,
): (ref: string) => string | undefined {
  let entityRoute:
    | ((params: { kind: string; namespace: string; name: string }) => string)
    | undefined;
  try {
    // Throws when no entity page is mounted, after every hook inside it has
    // run, so the hook order is the same either way.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    entityRoute = useRouteRef(entityRouteRef);
  } catch {
    entityRoute = undefined;
  }
  const path = costTabPath.replace(/^\/+|\/+$/g, '');
  return useCallback(
    (ref: string) => {
      if (!entityRoute || !isEntityRef(ref)) {
        return undefined;
      }
      const base = entityRoute(entityRouteParams(ref, { encodeParams: true }));
      return path ? `${base.replace(/\/$/, '')}/${path}` : base;
    },
    [entityRoute, path],
  );
}
