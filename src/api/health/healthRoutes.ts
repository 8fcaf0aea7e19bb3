import { Router } from 'express';
import type { ApiServices } from '../apiServices';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** /health: the process answers. /ready: every store answers and no projection has stopped. */
export function healthRoutes(services: ApiServices): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const stores: Record<string, { status: 'up' | 'down'; error?: string }> = {};
    await Promise.all(
      Object.entries(services.storeChecks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          stores[name] = { status: 'up' };
        } catch (error) {
          stores[name] = { status: 'down', error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const projections = await withTimeout(services.progress.statuses(), CHECK_TIMEOUT_MS).catch(() => null);
    const ready =
      Object.values(stores).every((store) => store.status === 'up') &&
      projections !== null &&
      projections.every((projection) => projection.state !== 'failed');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      stores,
      projections:
        projections?.map((projection) => ({
          name: projection.name,
          version: projection.version,
          state: projection.state,
          position: projection.position,
          lag: projection.lag,
          lag_is_lower_bound: projection.lagIsLowerBound,
          failure: projection.failure,
        })) ?? null,
    });
  });
  return router;
}
