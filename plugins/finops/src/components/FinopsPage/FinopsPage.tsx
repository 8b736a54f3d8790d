import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { WarningPanel } from '@backstage/core-components';
import { finopsSourcesAdminPermission } from '@backstage-finops/plugin-finops-common';
import { useViewParams } from '../../lib/viewParams';
import { finopsTranslationRef } from '../../translation';
import { CompareView } from '../Compare';
import { OwnershipTab } from '../Ownership';
import { ImportsTab } from './ImportsTab';
import { OverviewTab } from './OverviewTab';

/** The FinOps page's tabs, as `?tab=` names them. */
export const FINOPS_PAGE_TABS = [
  'overview',
  'compare',
  'ownership',
  'imports',
] as const;

export type FinopsPageTab = (typeof FINOPS_PAGE_TABS)[number];

/** Props of {@link FinopsPageContent} and {@link FinopsPage}. */
export interface FinopsPageProps {
  /** Where the Cost tab is mounted on entity pages (`cost` unless given), for links to it. */
  costTabPath?: string;
}

/**
 * The FinOps page's content, without a page header: tabs Overview, Compare,
 * Ownership and (for sources admins, `finops.sources.admin`) Imports. The tab is in
 * the URL (`?tab=compare`), with each tab's own view.
 */
export function FinopsPageContent(props: FinopsPageProps) {
  const { t } = useTranslationRef(finopsTranslationRef);
  const params = useViewParams();
  const admin = usePermission({ permission: finopsSourcesAdminPermission });
  const tabParam = params.get('tab');
  const tab: FinopsPageTab = FINOPS_PAGE_TABS.includes(
    tabParam as FinopsPageTab,
  )
    ? (tabParam as FinopsPageTab)
    : 'overview';
  const tabs = FINOPS_PAGE_TABS.filter(
    name => name !== 'imports' || admin.allowed,
  );

  let body: JSX.Element;
  if (tab === 'compare') {
    body = <CompareView costTabPath={props.costTabPath} />;
  } else if (tab === 'ownership') {
    body = <OwnershipTab />;
  } else if (tab === 'imports') {
    if (admin.loading) {
      body = <Progress />;
    } else if (admin.allowed) {
      body = <ImportsTab />;
    } else {
      body = (
        <WarningPanel
          severity="info"
          title={t('imports.notAllowedTitle')}
          message={t('imports.notAllowedMessage')}
          defaultExpanded
        />
      );
    }
  } else {
    body = <OverviewTab costTabPath={props.costTabPath} />;
  }

  return (
    <Box data-testid="finops-page">
      <Box mb={3}>
        <Tabs
          value={tabs.includes(tab) ? tab : false}
          indicatorColor="primary"
          textColor="primary"
          aria-label={t('page.tabsLabel')}
          onChange={(_event, value: FinopsPageTab) =>
            params.set(
              { tab: value === 'overview' ? undefined : value },
              { push: true },
            )
          }
        >
          {tabs.map(name => (
            <Tab
              key={name}
              value={name}
              label={t(`page.tabs.${name}`)}
              id={`finops-tab-${name}`}
              aria-controls={`finops-tabpanel-${name}`}
            />
          ))}
        </Tabs>
      </Box>
      <Box
        role="tabpanel"
        id={`finops-tabpanel-${tab}`}
        aria-labelledby={`finops-tab-${tab}`}
      >
        {body}
      </Box>
    </Box>
  );
}

/**
 * The FinOps page for the legacy frontend system, with its header: mount it
 * at a route (e.g. `/finops`) and add a sidebar item.
 */
export function FinopsPage(props: FinopsPageProps) {
  const { t } = useTranslationRef(finopsTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <Content>
        <FinopsPageContent {...props} />
      </Content>
    </Page>
  );
}
