/*
 * The demo Backstage backend: catalog, scaffolder, auth (guest), permissions,
 * notifications with signals (live updates in the app), and the FinOps plugin
 * with demo billing data.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage-finops/plugin-catalog-backend-module-finops'));
// The Template kind in the catalog (the demo's FinOps service template).
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));

// The scaffolder, with the finops:cost-metadata action that makes new services
// start compliant with the FinOps metadata policy.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage-finops/plugin-scaffolder-backend-module-finops'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// Notifications (FinOps alerts to teams) and signals, which push them live to the app.
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@backstage-finops/plugin-finops-backend'));
backend.add(import('./modules/finopsDemoData'));

backend.start();
