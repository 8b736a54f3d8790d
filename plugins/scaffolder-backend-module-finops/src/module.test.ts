import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { parse } from 'yaml';
import scaffolderModuleFinops from './index';

jest.setTimeout(60_000);

/** The demo app's template, the one this module's README shows. */
const templateDir = join(__dirname, '../../../examples/templates/finops-service');

/** A directory's files as the dry-run API takes them: paths relative to it, contents in base64. */
function directoryContents(dir: string, base = dir): Array<{ path: string; base64Content: string }> {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? directoryContents(path, base)
      : [{ path: relative(base, path), base64Content: readFileSync(path).toString('base64') }];
  });
}

async function startScaffolder() {
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleFinops,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: {
          finops: {
            metadataPolicy: { owner: 'warn', requiredTags: [{ key: 'environment', values: ['prod', 'staging', 'dev'], severity: 'warn' }] },
          },
        },
      }),
    ],
  });
  return server;
}

function dryRun(server: any, template: unknown, values: Record<string, unknown>) {
  return request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header())
    .send({ template, values, directoryContents: directoryContents(templateDir) });
}

describe('finops:cost-metadata in a real scaffolder backend', () => {
  const template = parse(readFileSync(join(templateDir, 'template.yaml'), 'utf8'));

  it('is listed among the actions', async () => {
    const server = await startScaffolder();
    const response = await request(server).get('/api/scaffolder/v2/actions').set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    const action = response.body.find((a: { id: string }) => a.id === 'finops:cost-metadata');
    expect(action).toBeDefined();
    expect(Object.keys(action.schema.input.properties)).toEqual(['path', 'tags', 'monthlyBudget']);
  });

  it("dry-runs the demo template: the new catalog-info.yaml carries the policy's cost metadata, its comments kept", async () => {
    const server = await startScaffolder();
    const response = await dryRun(server, template, { name: 'checkout-worker', owner: 'group:default/team-payments', environment: 'staging', monthlyBudget: '800 EUR' });
    expect(response.status).toBe(200);
    const file = response.body.directoryContents.find((f: { path: string }) => f.path === 'catalog-info.yaml');
    expect(file).toBeDefined();
    const text = Buffer.from(file.base64Content, 'base64').toString('utf8');
    expect(text).toContain('# The catalog entry of checkout-worker.');
    const entity = parse(text);
    expect(entity.metadata).toEqual({
      name: 'checkout-worker',
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'finops.backstage.io/cost-tags': 'service=checkout-worker,environment=staging',
        'finops.backstage.io/monthly-budget': '800 EUR',
      },
    });
    expect(entity.spec.owner).toBe('group:default/team-payments');
    expect(response.body.output.text[0].content).toContain('service=checkout-worker,environment=staging');
  });

  it('writes no budget when the form leaves it empty', async () => {
    const server = await startScaffolder();
    const response = await dryRun(server, template, { name: 'web', description: 'The storefront', owner: 'team-storefront', environment: 'prod' });
    expect(response.status).toBe(200);
    const file = response.body.directoryContents.find((f: { path: string }) => f.path === 'catalog-info.yaml');
    expect(parse(Buffer.from(file.base64Content, 'base64').toString('utf8')).metadata).toEqual({
      name: 'web',
      description: 'The storefront',
      annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'finops.backstage.io/cost-tags': 'service=web,environment=prod' },
    });
  });

  it('fails the step on a tag value outside the allowed set, naming the key and the allowed values', async () => {
    const server = await startScaffolder();
    // The template's own form would refuse the value; a step that gives it anyway fails.
    const steps = template.spec.steps.map((step: any) =>
      step.action === 'finops:cost-metadata' ? { ...step, input: { tags: { environment: 'production' } } } : step,
    );
    const response = await dryRun(server, { ...template, spec: { ...template.spec, steps } }, { name: 'web', owner: 'team-a', environment: 'prod' });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      name: 'InputError',
      message: 'tags.environment: "production" is not an allowed value of environment (allowed: prod, staging, dev)',
    });
  });
});
