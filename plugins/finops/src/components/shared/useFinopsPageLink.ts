import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { finopsPageRouteRef } from '../../routes';

/**
 * Links into the FinOps page with a view in its query string, e.g.
 * `{ tab: 'compare', entity: ['group:default/team-payments'] }`; undefined
 * when the app does not mount the page, so callers hide the link.
 */
export function useFinopsPageLink(): (
  query: Record<string, string | string[]>,
) => string | undefined {
  let pageRoute: (() => string) | undefined;
  try {
    // Throws when the page is not mounted, after every hook inside it has
    // run, so the hook order is the same either way.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    pageRoute = useRouteRef(finopsPageRouteRef);
  } catch {
    pageRoute = undefined;
  }
  return useCallback(
    (query: Record<string, string | string[]>) => {
      if (!pageRoute) {
        return undefined;
      }
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          search.append(key, item);
        }
      }
      const text = search.toString();
      return text ? `${pageRoute()}?${text}` : pageRoute();
    },
    [pageRoute],
  );
}
