import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type { Server } from 'node:http';
import request from 'supertest';
import { finopsPlugin } from '../plugin';

/** Decides a permission by its name, the resource and the user asking. */
export type Allow = (permission: string, resourceRef?: string, userEntityRef?: string) => boolean;

/**
 * The FinOps plugin in a test backend with this catalog and permission
 * decision; requests without a token are anonymous, as in a real backend.
 */
export async function startFinopsTestBackend(options: {
  entities: Entity[];
  allow?: Allow;
  finopsConfig?: JsonObject;
  /** More features, e.g. a module that adds a source. */
  features?: BackendFeature[];
  /** Config beside `finops`, e.g. what another feature needs. */
  config?: JsonObject;
}): Promise<Server> {
  const allow = options.allow ?? (() => true);
  const { server } = await startTestBackend({
    features: [
      finopsPlugin,
      ...(options.features ?? []),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      mockServices.permissions.mock({
        authorize: async (requests: any[], authorizeOptions: any) =>
          requests.map(r => ({
            result: allow(r.permission.name, r.resourceRef, authorizeOptions?.credentials?.principal?.userEntityRef)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          })),
        // Without a resource, the same decision on the permission alone (never conditional here).
        authorizeConditional: async (requests: any[], authorizeOptions: any) =>
          requests.map(r => ({
            result: allow(r.permission.name, undefined, authorizeOptions?.credentials?.principal?.userEntityRef)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          })),
      } as any).factory,
      mockServices.rootConfig.factory({
        data: { ...options.config, finops: { attribution: { refreshFrequency: { minutes: 60 } }, ...options.finopsConfig } },
      }),
    ],
  });
  return server;
}

/** Uploads a file to POST /imports as the mock user and waits until its import has finished. */
export async function importFile(server: any, body: string, contentType = 'text/csv') {
  const uploaded = await request(server)
    .post('/api/finops/imports')
    .set('Authorization', mockCredentials.user.header())
    .set('Content-Type', contentType)
    .send(body);
  if (uploaded.status !== 202) {
    throw new Error(`upload refused: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
  }
  for (let attempt = 0; attempt < 400; attempt++) {
    const status = await request(server).get(`/api/finops/imports/${uploaded.body.id}`).set('Authorization', mockCredentials.user.header());
    if (status.body.status === 'succeeded' || status.body.status === 'failed') {
      return status.body;
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(`import ${uploaded.body.id} did not finish`);
}
