import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the legacy app mounts the entity Cost tab. */
export const rootRouteRef = createRouteRef({ id: 'finops' });

/**
 * The FinOps page (`/finops` in the demo): the organisation's overview,
 * compare and imports. Mounted by the legacy `FinopsPage` and by the
 * `/alpha` plugin's `page:finops`.
 */
export const finopsPageRouteRef = createRouteRef({ id: 'finops-page' });
