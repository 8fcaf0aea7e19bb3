import express from 'express';
import type { Request, Response } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../api/http/apiError';
import type { ConsoleDirectory } from './consoleDirectory';

export const CONSOLE_BASE = '/app';

/** The console talks to this origin only: its API, WebSocket and SSE. Nothing inline, nothing from elsewhere. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The page names the current hashed assets: it must be asked for again each time.
  'Cache-Control': 'no-cache',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Filora</title></head>
<body><h1>The console is not built</h1><p>This process found no console build. The API is served at /api/v1 (reference at /api/v1/docs).</p></body></html>`;

function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * Serves the console: its hashed assets (kept by browsers for good), and its page for every path below
 * /app, where the console's own router takes over. `GET /` sends browsers there; API clients keep the JSON index.
 */
export function consoleRoutes(directory: ConsoleDirectory): express.Router {
  const router = express.Router();
  // Read once: a process serves the build that was there when it first answered (it builds before it listens).
  let page: string | null = null;
  const sendPage = async (_req: Request, res: Response) => {
    res.set(PAGE_HEADERS);
    try {
      page ??= await readFile(join(directory.dist, 'index.html'), 'utf8');
      res.type('html').send(page);
    } catch {
      res.status(503).set('Retry-After', '5').type('html').send(NOT_BUILT);
    }
  };
  router.get('/', (req, res, next) => {
    if (wantsHtml(req)) res.redirect(302, `${CONSOLE_BASE}/`);
    else next();
  });
  // The integrations settings page has the address the VRTX seed gives it.
  router.get('/settings/integrations', (_req, res) => res.redirect(302, `${CONSOLE_BASE}/settings/integrations`));
  const assets = `${CONSOLE_BASE}/assets`;
  router.use(assets, express.static(join(directory.dist, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use(assets, (req, _res, next) => next(new ApiError('not_found', `no console asset ${req.path}`)));
  router.get(`${CONSOLE_BASE}{/*path}`, (req, res) => {
    // Express matches /app for /app/ too: only the bare /app moves, to the address the console's router knows.
    if (req.originalUrl.split('?')[0] === CONSOLE_BASE) res.redirect(301, `${CONSOLE_BASE}/`);
    else void sendPage(req, res);
  });
  return router;
}
