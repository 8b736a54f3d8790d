import { NotFoundError } from '@backstage/errors';
import type { FinopsRouter, RouteContext } from './context';
import { toApiImport } from './imports';

/** GET /sources and POST /sources/{id}/run: the scheduled sources, and a run of one now. */
export function addSourceRoutes(router: FinopsRouter, context: RouteContext) {
  const { stores, sources } = context;

  router.get('/sources', async (_req, res) => {
    const items = await Promise.all(
      sources.list().map(async source => {
        const last = await stores.imports.lastImport(source.id);
        const { id, type, description } = source;
        return { id, type, description, ...(last ? { lastImport: toApiImport(last) } : {}) };
      }),
    );
    res.json({ items });
  });

  router.post('/sources/:id/run', async (req, res) => {
    if (!sources.list().some(source => source.id === req.params.id)) {
      throw new NotFoundError(`No scheduled source ${req.params.id}`);
    }
    await context.audited(req, 'source-run', { sourceId: req.params.id }, async () => ({
      result: await sources.run(req.params.id),
    }));
    res.status(202).json({ triggered: true });
  });
}
