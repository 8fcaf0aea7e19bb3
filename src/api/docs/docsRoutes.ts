import { dirname, join } from 'node:path';
import { Router } from 'express';
import type { Response } from 'express';
import { DOCS_CSP, DOCS_HTML, DOCS_INIT_JS } from './docsPage';

/** The assets the page loads, from the swagger-ui-dist package; nothing else of it is served. */
const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;
const ASSET_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const secure = (res: Response) =>
  res.set({ 'Content-Security-Policy': DOCS_CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });

/** GET /docs: an interactive reference (Swagger UI, served from this process) for the OpenAPI document. */
export function docsRoutes(): Router {
  const router = Router();
  router.get('/docs', (_req, res) => {
    secure(res).type('html').send(DOCS_HTML);
  });
  router.get('/docs/init.js', (_req, res) => {
    secure(res).type('js').send(DOCS_INIT_JS);
  });
  for (const asset of ASSETS) {
    router.get(`/docs/${asset}`, (_req, res, next) => {
      secure(res).sendFile(join(ASSET_DIR, asset), { maxAge: '1d' }, (error) => {
        if (error) next(error);
      });
    });
  }
  return router;
}
