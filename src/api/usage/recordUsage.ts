import type { Request, RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal';
import { withoutPathTokens } from '../links/linkTokenInPath';
import { exchangeBytes } from './exchangeBytes';
import type { UsageLog } from './usageRecorder';

const MAX_PATH = 1024;
const MAX_USER_AGENT = 256;
/** nginx's "client closed request": the connection ended before any response was sent. */
const CLIENT_CLOSED_REQUEST = 499;

/** The request's path as sent, without its query string or a link token: a `?api_key=` secret or a link's token never reaches a record. */
const pathOf = (req: Request): string => withoutPathTokens(req.originalUrl.split('?', 1)[0]!).slice(0, MAX_PATH);

/** The status answered, or 499 (nginx's "client closed request") when the client left before any answer. */
export function statusOf(res: Response): number {
  return res.headersSent ? res.statusCode : CLIENT_CLOSED_REQUEST;
}

/**
 * Records every request made by an authenticated caller (a login session or an API token) in the usage
 * log once its response is finished or its connection closed. Mounted before the routers: the route
 * template is what mountRoutes put in `res.locals.route`; a request no route took (a 404, a 429 from the
 * limiter) records its path instead. Anonymous requests and rejected credentials are not recorded.
 */
export function recordUsage(usage: UsageLog): RequestHandler {
  return (req, res, next) => {
    const startedAt = new Date();
    const started = process.hrtime.bigint();
    const path = pathOf(req);
    // Read now: a closed socket no longer knows its remote address.
    const ip = req.ip ?? null;
    res.once('close', () => {
      // Counted for every exchange, recorded or not, so the next one on this connection starts from here.
      const { bytesIn, bytesOut } = exchangeBytes(req.socket);
      const principal = res.locals.principal as Principal | null | undefined;
      if (!principal) return;
      const route = res.locals.route as string | undefined;
      usage.record({
        requestId: String(res.locals.requestId),
        at: startedAt.toISOString(),
        method: req.method,
        route: route ?? path,
        ...(route === undefined && { routeMatched: false }),
        path,
        status: statusOf(res),
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3,
        bytesIn,
        bytesOut,
        ...(!res.writableFinished && { completed: false }),
        ip,
        userAgent: req.get('user-agent')?.slice(0, MAX_USER_AGENT) ?? null,
        userId: principal.userId,
        tokenId: principal.tokenId ?? null,
      });
    });
    next();
  };
}
