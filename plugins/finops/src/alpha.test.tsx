import { screen } from '@testing-library/react';
import {
  AnyApiFactory,
  coreExtensionData,
  ApiBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import finopsPlugin, { finopsTranslationRef } from './alpha';
import { finopsApiRef } from './api';
import { finopsPageRouteRef } from './routes';
import { checkoutApi, costResponse } from './components/__testUtils__/fixtures';

type EntityFilter = (entity: Entity) => boolean;

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('finops plugin (new frontend system)', () => {
  it('is the finops plugin', () => {
    expect(finopsPlugin.pluginId).toBe('finops');
  });

  it('exports its translation ref', () => {
    expect(finopsTranslationRef.id).toBe('finops');
  });

  it('provides the FinOps API', () => {
    const tester = createExtensionTester(
      finopsPlugin.getExtension('api:finops'),
    );
    // The plugin's type does not list its extensions, so outputs are typed here.
    const factory = tester.get(
      ApiBlueprint.dataRefs.factory,
    ) as unknown as AnyApiFactory;
    expect(factory.api.id).toBe(finopsApiRef.id);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
  });

  it('adds a Cost tab for components, systems, domains, groups and resources', () => {
    const tester = createExtensionTester(
      finopsPlugin.getExtension('entity-content:finops/cost'),
      // The tab's title is a message of the plugin's translation ref.
      { apis: [mockApis.translation()] },
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('cost');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Cost');
    const titleTranslation = tester.get(
      EntityContentBlueprint.dataRefs.titleTranslation,
    ) as unknown as { ref: { id: string }; key: string };
    expect(titleTranslation.ref.id).toBe(finopsTranslationRef.id);
    expect(titleTranslation.key).toBe('entityContent.title');
    const filter = tester.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    ) as unknown as EntityFilter;
    for (const kind of ['Component', 'System', 'Domain', 'Group', 'Resource']) {
      expect(filter(entityOfKind(kind))).toBe(true);
    }
    expect(filter(entityOfKind('User'))).toBe(false);
    expect(filter(entityOfKind('API'))).toBe(false);
  });

  it('adds the FinOps page at /finops, with a route ref, title and icon for the sidebar', () => {
    const tester = createExtensionTester(
      finopsPlugin.getExtension('page:finops'),
      { apis: [mockApis.translation()] },
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/finops');
    expect(tester.get(coreExtensionData.routeRef)).toBe(finopsPageRouteRef);
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
    const titleTranslation = tester.get(
      coreExtensionData.titleTranslation,
    ) as unknown as { ref: { id: string }; key: string };
    expect(titleTranslation.key).toBe('page.title');
  });

  it('adds the cost card to components, systems and groups', () => {
    const tester = createExtensionTester(
      finopsPlugin.getExtension('entity-card:finops/cost'),
    );
    const filter = tester.get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as EntityFilter;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(true);
    expect(filter(entityOfKind('Domain'))).toBe(false);
    expect(filter(entityOfKind('User'))).toBe(false);
  });

  it('adds the cost metadata status to the overview of the kinds the tagging policy covers', async () => {
    const tester = createExtensionTester(
      finopsPlugin.getExtension('entity-card:finops/cost-metadata'),
      { apis: [mockApis.translation()] },
    );
    const filter = tester.get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as unknown as EntityFilter;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('Resource'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
    const getOwnershipCompliance = jest.fn().mockResolvedValue({
      entities: [{ entityRef: 'component:default/checkout-api', issues: [] }],
    });
    await renderInTestApp(
      <EntityProvider entity={checkoutApi}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[finopsApiRef, { getOwnershipCompliance }]] },
    );
    expect(await screen.findByTestId('finops-metadata-status')).toHaveAttribute(
      'data-complete',
      'true',
    );
    expect(getOwnershipCompliance).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-api',
    });
  });

  it('renders the Cost tab with the API it is given', async () => {
    const getCosts = jest.fn().mockResolvedValue(costResponse());
    const tester = createExtensionTester(
      finopsPlugin.getExtension('entity-content:finops/cost'),
      { apis: [mockApis.translation()] },
    );
    await renderInTestApp(
      <EntityProvider entity={checkoutApi}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[finopsApiRef, { getCosts }]] },
    );
    expect(await screen.findByTestId('finops-total')).toHaveTextContent(
      '$1,234.50',
    );
  });

  it("starts the Cost tab with the breakdown and period of the extension's config", async () => {
    const getCosts = jest.fn().mockResolvedValue(costResponse());
    const tester = createExtensionTester(
      finopsPlugin.getExtension('entity-content:finops/cost'),
      {
        apis: [mockApis.translation()],
        config: { defaultGroupBy: 'region', defaultPeriod: '12m' },
      },
    );
    await renderInTestApp(
      <EntityProvider entity={checkoutApi}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[finopsApiRef, { getCosts }]] },
    );
    await screen.findByTestId('finops-total');
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'region', granularity: 'month' }),
    );
  });

  it("shows the card's period from the extension's config", async () => {
    const getCosts = jest.fn().mockResolvedValue(costResponse());
    const tester = createExtensionTester(
      finopsPlugin.getExtension('entity-card:finops/cost'),
      { config: { defaultPeriod: '6m' } },
    );
    await renderInTestApp(
      <EntityProvider entity={checkoutApi}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[finopsApiRef, { getCosts }]] },
    );
    expect(await screen.findByText('Last 6 months')).toBeInTheDocument();
    expect(getCosts).toHaveBeenCalledWith(
      expect.objectContaining({ granularity: 'week' }),
    );
  });

  it('rejects config values it does not know', () => {
    const tester = createExtensionTester(
      finopsPlugin.getExtension('entity-content:finops/cost'),
      {
        apis: [mockApis.translation()],
        // Not a breakdown; what app config could say, unchecked by TypeScript.
        config: { defaultGroupBy: 'colour' } as any,
      },
    );
    expect(() => tester.get(coreExtensionData.routePath)).toThrow(
      /Invalid configuration for extension 'entity-content:finops\/cost'.*defaultGroupBy/,
    );
  });
});
