import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import finopsPlugin from '@backstage-finops/plugin-finops/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

// `app.packages: all` also discovers these in the built app; listing them here
// keeps tests and the app identical (features are de-duplicated by plugin id).
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    finopsPlugin,
    // The Notifications page (FinOps alerts to teams); signals push new ones live.
    notificationsPlugin,
    signalsPlugin,
    navModule,
    homeModule,
  ],
});
