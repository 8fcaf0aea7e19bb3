import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../ports/logger';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import type { Principal } from '../auth/principal';
import { ApiError } from './apiError';
import { mountMethodNotAllowed } from './methodNotAllowed';
import type { IdempotencyKeys } from './idempotency/idempotencyKeys';
import { runIdempotently } from './idempotency/idempotentWrite';
import { notYetVisibleBody, WriteNotYetVisible } from './readAfterWrite';
import { requiredPosition } from './readYourWrites';
import { isBodyOptional } from './route';
import type { Route, RouteResult } from './route';
import { parseOrReject } from './validation';
import { requireWellFormedText } from './wellFormedText';

export interface RouteDependencies {
  progress: ProjectionProgress;
  readWaitMaxMs: number;
  logger: Logger;
  /** Newest position of the event log, to refuse read positions no write ever returned. */
  headPosition: () => Promise<string | null>;
  /** Parses JSON bodies; attached only to routes that take one, so streamed bodies reach their handlers untouched. */
  jsonBody: RequestHandler;
  /** Idempotency-Key records of writes (see runIdempotently). */
  idempotencyKeys: IdempotencyKeys;
}

/** Query parameters every route understands, so routes' own strict query schemas need not list them. */
const GLOBAL_QUERY = new Set(['after_position', 'api_key', 'access_token']);

/** A route that declares no query takes none: an unknown parameter (`?dry_run=true` on a DELETE) is refused, not ignored. */
const NO_QUERY = z.strictObject({});

function authorise(route: Route, res: Response): Principal | null {
  const principal = res.locals.principal as Principal | null;
  if (route.access === 'public') return principal;
  if (!principal) {
    throw new ApiError(
      'unauthorized',
      res.locals.credentialPresented ? 'the credentials are invalid or expired' : 'authentication is required',
      [],
      { 'WWW-Authenticate': 'Bearer' },
    );
  }
  if (route.access === 'session') {
    if (principal.kind !== 'session')
      throw new ApiError('forbidden', 'this call needs a login session; API and OAuth tokens cannot make it');
  } else if (route.access !== 'user' && !principal.scopes.has(route.access)) {
    throw new ApiError('forbidden', `this call needs the ${route.access} scope`);
  }
  return principal;
}

const hasNoBody = (req: Request) => req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] ?? '0') === '0';

/** Whether the handler streams this request's body itself (see StreamedBody). */
function isStreamed(route: Route, req: Request): boolean {
  if (!route.streamedBody) return false;
  if (!route.body) return true;
  return !hasNoBody(req) && Boolean(req.is([...route.streamedBody.mediaTypes]));
}

function readBody(route: Route, req: Request, streamed: boolean): unknown {
  if (!route.body || streamed) return undefined;
  if (hasNoBody(req)) {
    if (isBodyOptional(route)) return parseOrReject(route.body, undefined, 'body');
    throw new ApiError('validation_error', 'a JSON request body is required', [{ path: 'body', message: 'required' }]);
  }
  const accepted = ['application/json', ...(route.streamedBody?.mediaTypes ?? [])].join(' or ');
  if (!req.is('application/json')) throw new ApiError('unsupported_media_type', `the request body must be ${accepted}`);
  requireWellFormedText(req.body, 'body');
  return parseOrReject(route.body, req.body, 'body');
}

/**
 * Streams a download. A failure on either side (the client went away, the source broke) destroys both
 * streams, so the client sees the connection end before Content-Length bytes: there is no error to answer.
 */
async function sendStream(stream: Readable, res: Response, logger: Logger): Promise<void> {
  try {
    await pipeline(stream, res);
  } catch (error) {
    logger.debug('a streamed response ended early', { requestId: res.locals.requestId, error });
  }
}

/** A write stored before the read models caught up answers 202 (see settle): a result like any other, so a retry replays it. */
async function answeredEvenIfNotYetVisible(handler: () => Promise<RouteResult>): Promise<RouteResult> {
  try {
    return await handler();
  } catch (error) {
    if (!(error instanceof WriteNotYetVisible)) throw error;
    return { status: 202, body: notYetVisibleBody(error), position: error.position, headers: { 'X-Filora-Stale': 'true' } };
  }
}

function ownQuery(req: Request): Record<string, unknown> {
  return Object.fromEntries(Object.entries(req.query).filter(([key]) => !GLOBAL_QUERY.has(key)));
}

export function mountRoutes(router: Router, routes: readonly Route[], deps: RouteDependencies): void {
  for (const route of routes) {
    const bodyParsers = route.body ? [deps.jsonBody] : [];
    // The route template, for the usage log; set before the body is parsed so that a malformed body is recorded under it too.
    const named: RequestHandler = (_req, res, next) => {
      res.locals.route = route.canonicalPath ?? route.path;
      next();
    };
    router[route.method](route.path, named, ...bodyParsers, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const principal = authorise(route, res);
        const params = route.params ? parseOrReject(route.params, req.params, 'params') : {};
        const query = parseOrReject(route.query ?? NO_QUERY, ownQuery(req), 'query');
        const streamed = isStreamed(route, req);
        const body = readBody(route, req, streamed);
        if (route.method === 'get') {
          const position = await requiredPosition(req, principal, deps.headPosition);
          if (position !== null && !(await deps.progress.waitFor(position, deps.readWaitMaxMs))) res.set('X-Filora-Stale', 'true');
        }
        const requestId = res.locals.requestId as string;
        const run = () =>
          answeredEvenIfNotYetVisible(() =>
            route.handler({
              body,
              query,
              params,
              principal: principal as Principal,
              metadata: {
                actor: principal?.userId,
                tokenId: principal?.tokenId,
                oauthClientId: principal?.oauth?.clientId,
                requestId,
                correlationId: req.get('x-correlation-id')?.slice(0, 128) ?? requestId,
                causationId: requestId,
                ip: req.ip,
              },
              streamed,
              req,
              res,
            }),
          );
        const result = await runIdempotently(deps.idempotencyKeys, deps.logger, { route, req, principal, streamed, run });
        if (result.position) res.set('X-Filora-Position', result.position);
        res.status(result.status);
        // Set as given: res.set() would add a charset to a downloaded text file's Content-Type.
        for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
        if (result.stream) await sendStream(result.stream, res, deps.logger);
        else if (result.body === undefined) res.end();
        else res.json(result.body);
      } catch (error) {
        next(error);
      }
    });
  }
  mountMethodNotAllowed(router, routes);
}
