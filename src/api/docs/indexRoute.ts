import { z } from 'zod';
import { route } from '../http/route';
import type { Route } from '../http/route';
import { METRICS_PATH } from '../metrics/metricsRoute';
import { ASYNCAPI_PATH } from './asyncApi';
import { DOCS_PATH, OPENAPI_PATH } from './docsPage';

export const apiIndexResponse = z
  .object({
    name: z.string(),
    docs: z.string(),
    openapi: z.string(),
    asyncapi: z.string(),
    health: z.string(),
    ready: z.string(),
    metrics: z.string(),
  })
  .meta({ id: 'ApiIndex' });

const INDEX: z.infer<typeof apiIndexResponse> = {
  name: 'Filora API',
  docs: DOCS_PATH,
  openapi: OPENAPI_PATH,
  asyncapi: ASYNCAPI_PATH,
  health: '/health',
  ready: '/ready',
  metrics: METRICS_PATH,
};

/** GET /: where to start, until a console is served there. */
export function indexRoute(): Route {
  return route({
    method: 'get',
    path: '/',
    root: true,
    tag: 'operations',
    access: 'public',
    summary: 'Where the API reference, the OpenAPI and AsyncAPI documents and the operations endpoints are',
    responses: { 200: { description: 'Links to the reference, the document and the health checks', schema: apiIndexResponse } },
    handler: () => Promise.resolve({ status: 200, body: INDEX }),
  });
}
