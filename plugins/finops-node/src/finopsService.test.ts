import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import { coreServices, createBackendPlugin, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import { finopsServiceRef, type FinopsService } from './finopsService';

/** A stand-in FinOps backend on loopback: records each request and answers as the real one would. */
async function fakeFinopsBackend(answer: (req: IncomingMessage) => { status: number; body: unknown }) {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    const { status, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/finops`;
  return { requests, baseUrl, close: () => new Promise(resolve => server.close(resolve)) };
}

/** Starts a backend whose one plugin takes the service from its default factory, and returns that service. */
async function serviceFromDefaultFactory(baseUrl: string): Promise<FinopsService> {
  let captured: FinopsService | undefined;
  await startTestBackend({
    features: [
      createServiceFactory({
        service: coreServices.discovery,
        deps: {},
        factory: () => ({ getBaseUrl: async () => baseUrl, getExternalBaseUrl: async () => baseUrl }),
      }),
      createBackendPlugin({
        pluginId: 'consumer',
        register(env) {
          env.registerInit({
            deps: { finops: finopsServiceRef, logger: coreServices.logger },
            async init({ finops }) {
              captured = finops;
            },
          });
        },
      }),
    ],
  });
  return captured!;
}

describe('finopsServiceRef', () => {
  it('calls the FinOps backend with a token for it, on behalf of the caller given', async () => {
    const backend = await fakeFinopsBackend(() => ({ status: 200, body: { entityRef: 'component:default/a', total: { amount: '1.5', currency: 'USD' } } }));
    try {
      const finops = await serviceFromDefaultFactory(backend.baseUrl);
      const report = await finops.getCosts(
        { entityRef: 'component:default/a', from: '2024-09-01', to: '2024-10-01' },
        { credentials: mockCredentials.user('user:default/mo') },
      );
      expect(report.total).toEqual({ amount: '1.5', currency: 'USD' });
      const [request] = backend.requests;
      expect(request.url).toBe('/api/finops/costs?entityRef=component%3Adefault%2Fa&from=2024-09-01&to=2024-10-01');
      expect(request.headers.authorization).toBe(
        mockCredentials.service.header({ onBehalfOf: mockCredentials.user('user:default/mo'), targetPluginId: 'finops' }),
      );
    } finally {
      await backend.close();
    }
  });

  it('throws the ResponseError the backend answered with', async () => {
    const backend = await fakeFinopsBackend(() => ({
      status: 403,
      body: { error: { name: 'NotAllowedError', message: 'Not allowed to read the cost of component:default/a' }, response: { statusCode: 403 } },
    }));
    try {
      const finops = await serviceFromDefaultFactory(backend.baseUrl);
      const failure = await finops.getCoverage({ from: '2024-09-01', to: '2024-10-01' }).catch(error => error);
      expect(ResponseError.is(failure)).toBe(true);
      expect(failure.statusCode).toBe(403);
      expect(failure.cause.message).toBe('Not allowed to read the cost of component:default/a');
      expect(backend.requests[0].headers.authorization).toBe(
        mockCredentials.service.header({ onBehalfOf: mockCredentials.service('plugin:consumer'), targetPluginId: 'finops' }),
      );
    } finally {
      await backend.close();
    }
  });
});
