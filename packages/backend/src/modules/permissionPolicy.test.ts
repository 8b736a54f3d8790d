import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  finopsBudgetUpdatePermission,
  finopsCostReadPermission,
  finopsImportPermission,
  finopsMetricsWritePermission,
  finopsOrgReadPermission,
} from '@backstage-finops/plugin-finops-common';
import { FinopsDemoPolicy } from './permissionPolicy';

const user = (userEntityRef: string, ownershipEntityRefs: string[]) =>
  ({ identity: {}, info: { userEntityRef, ownershipEntityRefs }, credentials: {}, token: '' }) as any;

describe('FinopsDemoPolicy', () => {
  const policy = new FinopsDemoPolicy();
  const alice = user('user:default/alice', ['user:default/alice', 'group:default/team-payments']);

  it('lets the FinOps team and the demo guest do everything', async () => {
    for (const who of [user('user:default/erin', ['group:default/finops']), user('user:default/guest', ['group:default/guests'])]) {
      for (const permission of [finopsCostReadPermission, finopsOrgReadPermission, finopsImportPermission]) {
        expect(await policy.handle({ permission }, who)).toEqual({ result: AuthorizeResult.ALLOW });
      }
    }
  });

  it("lets engineers read their own teams' costs by catalog ownership, and nothing org-wide", async () => {
    const decision = await policy.handle({ permission: finopsCostReadPermission }, alice);
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['user:default/alice', 'group:default/team-payments'] } },
          { rule: 'IS_ENTITY_KIND', resourceType: 'catalog-entity', params: { kinds: ['Group'] } },
        ],
      },
    });
    expect(await policy.handle({ permission: finopsOrgReadPermission }, alice)).toEqual({ result: AuthorizeResult.DENY });
    expect(await policy.handle({ permission: finopsImportPermission }, alice)).toEqual({ result: AuthorizeResult.DENY });
  });

  it.each([finopsMetricsWritePermission, finopsBudgetUpdatePermission])('lets engineers change %s of what their groups own', async permission => {
    expect(await policy.handle({ permission }, alice)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['user:default/alice', 'group:default/team-payments'] } },
    });
  });
});
