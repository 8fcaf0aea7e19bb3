import type { RequestHandler } from 'express';
import type { Logger } from '../../ports/logger';
import { withoutLinkToken } from '../links/linkTokenInPath';

/** One structured line per request once it is answered (or abandoned by the client). */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      logger.info('request', {
        requestId: res.locals.requestId,
        method: req.method,
        // A public link's token is its secret: logged as `:token`.
        path: withoutLinkToken(req.path),
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        completed: res.writableFinished,
      });
    });
    next();
  };
}
