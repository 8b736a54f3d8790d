import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the legacy app mounts the entity Cost tab. */
export const rootRouteRef = createRouteRef({ id: 'finops' });
