import type { z } from 'zod';
import type { ApiServices } from '../apiServices';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { healthResponse, readinessResponse } from './healthViews';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Readiness = z.infer<typeof readinessResponse>;

async function readiness(services: ApiServices): Promise<Readiness> {
  const stores: Readiness['stores'] = {};
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
  return {
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
  };
}

/** /health: the process answers. /ready: every store answers and no projection has stopped. Both outside /api/v1. */
export function healthRoutes(services: ApiServices): Route[] {
  return [
    route({
      method: 'get',
      path: '/health',
      root: true,
      tag: 'operations',
      access: 'public',
      summary: 'Liveness: the process answers',
      responses: { 200: { description: 'The process is up', schema: healthResponse } },
      handler: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
    }),
    route({
      method: 'get',
      path: '/ready',
      root: true,
      tag: 'operations',
      access: 'public',
      summary: 'Readiness: every store answers and no projection has failed',
      responses: {
        200: { description: 'Ready to serve', schema: readinessResponse },
        503: { description: 'A store is down or a projection has failed (named in the body)', schema: readinessResponse },
      },
      async handler() {
        const body = await readiness(services);
        return { status: body.status === 'ready' ? 200 : 503, body };
      },
    }),
  ];
}
