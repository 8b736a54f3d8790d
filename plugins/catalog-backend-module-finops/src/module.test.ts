import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import catalogModuleFinops from './index';

jest.setTimeout(60_000);

const team = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
`;
const component = (name: string, budget: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    finops.backstage.io/monthly-budget: '${budget}'
spec: { type: service, lifecycle: production, owner: team-a }
`;

/** The catalog's answer for a component, polled until `until` holds. */
async function poll(server: any, name: string, until: (response: request.Response) => boolean) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await request(server).get(`/api/catalog/entities/by-name/component/default/${name}`).set('Authorization', mockCredentials.user.header());
    if (until(response)) {
      return response;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const last = await request(server).get(`/api/catalog/entities/by-name/component/default/${name}`).set("Authorization", mockCredentials.user.header());
  throw new Error(`the catalog did not get there for ${name}: ${last.status} ${JSON.stringify(last.body)}`);
}

describe('the FinOps catalog module in a real catalog backend', () => {
  it('keeps a new invalid entity out, and keeps the last valid version of an entity made invalid, with the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finops-catalog-'));
    const file = join(dir, 'catalog-info.yaml');
    writeFileSync(file, [team, component('checkout-api', '1200 USD'), component('broken', '12OO USD')].join('---\n'));
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleFinops,
        mockServices.rootConfig.factory({
          data: {
            catalog: { locations: [{ type: 'file', target: file }], rules: [{ allow: ['Component', 'Group', 'Location'] }], processingInterval: { seconds: 1 } },
            finops: { metadataPolicy: { annotations: 'error', owner: 'error' } },
          },
        }),
      ],
    });
    const valid = await poll(server, 'checkout-api', r => r.status === 200);
    expect(valid.body.metadata.annotations['finops.backstage.io/monthly-budget']).toBe('1200 USD');
    // Processed in the same passes as the valid one, the invalid one never appears.
    await new Promise(resolve => setTimeout(resolve, 3000));
    expect((await request(server).get('/api/catalog/entities/by-name/component/default/broken').set('Authorization', mockCredentials.user.header())).status).toBe(404);

    writeFileSync(file, [team, component('checkout-api', 'twelve hundred')].join('---\n'));
    const stale = await poll(server, 'checkout-api', r => (r.body.status?.items ?? []).length > 0);
    expect(stale.body.metadata.annotations['finops.backstage.io/monthly-budget']).toBe('1200 USD');
    expect(stale.body.status.items[0]).toMatchObject({
      type: 'backstage.io/catalog-processing',
      level: 'error',
      message: expect.stringMatching(/FinOps metadata policy: finops.backstage.io\/monthly-budget: "twelve" is not a decimal number/),
    });
  });
});
