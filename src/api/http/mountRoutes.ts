import type { NextFunction, Request, Response, Router } from 'express';
import type { Logger } from '../../ports/logger';
import type { ProjectionProgress } from '../../projections/projectionProgress';
import type { Principal } from '../auth/principal';
import { ApiError } from './apiError';
import { requiredPosition } from './readYourWrites';
import type { Route } from './route';
import { parseOrReject } from './validation';

export interface RouteDependencies {
  progress: ProjectionProgress;
  readWaitMaxMs: number;
  logger: Logger;
}

/** Query parameters every route understands, so routes' own strict query schemas need not list them. */
const GLOBAL_QUERY = new Set(['after_position', 'api_key']);

function authorise(route: Route, res: Response): Principal | null {
  const principal = res.locals.principal as Principal | null;
  if (route.access === 'public') return principal;
  if (!principal) {
    throw new ApiError('unauthorized', res.locals.credentialPresented ? 'the credentials are invalid or expired' : 'authentication is required', [], { 'WWW-Authenticate': 'Bearer' });
  }
  if (route.access !== 'user' && !principal.scopes.has(route.access)) throw new ApiError('forbidden', `this call needs the ${route.access} scope`);
  return principal;
}

const hasNoBody = (req: Request) => req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] ?? '0') === '0';

function readBody(route: Route, req: Request): unknown {
  if (!route.body) return undefined;
  if (hasNoBody(req)) throw new ApiError('validation_error', 'a JSON request body is required', [{ path: 'body', message: 'required' }]);
  if (!req.is('application/json')) throw new ApiError('unsupported_media_type', 'the request body must be application/json');
  return parseOrReject(route.body, req.body, 'body');
}

function ownQuery(req: Request): Record<string, unknown> {
  return Object.fromEntries(Object.entries(req.query).filter(([key]) => !GLOBAL_QUERY.has(key)));
}

export function mountRoutes(router: Router, routes: readonly Route[], deps: RouteDependencies): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const principal = authorise(route, res);
        const params = route.params ? parseOrReject(route.params, req.params, 'params') : {};
        const query = route.query ? parseOrReject(route.query, ownQuery(req), 'query') : {};
        const body = readBody(route, req);
        if (route.method === 'get') {
          const position = requiredPosition(req, principal);
          if (position !== null && !(await deps.progress.waitFor(position, deps.readWaitMaxMs))) res.set('X-Filora-Stale', 'true');
        }
        const requestId = res.locals.requestId as string;
        const result = await route.handler({
          body,
          query,
          params,
          principal: principal as Principal,
          metadata: {
            actor: principal?.userId,
            tokenId: principal?.tokenId,
            requestId,
            correlationId: req.get('x-correlation-id')?.slice(0, 128) ?? requestId,
            causationId: requestId,
            ip: req.ip,
          },
          req,
          res,
        });
        if (result.position) res.set('X-Filora-Position', result.position);
        res.status(result.status).set(result.headers ?? {});
        if (result.body === undefined) res.end();
        else res.json(result.body);
      } catch (error) {
        next(error);
      }
    });
  }
}
