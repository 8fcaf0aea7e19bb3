import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../ports/logger';
import { withoutPathTokens } from '../links/linkTokenInPath';

/** Told of every request once it is answered (or abandoned), from the same listener as the log line. */
export type AnsweredRequestObserver = (req: Request, res: Response, ms: number) => void;

/**
 * One structured line per request once it is answered (or abandoned by the client). `observe` (the HTTP
 * metrics) shares its close listener: a streamed response already carries nearly the ten listeners Node
 * allows before it warns.
 */
export function accessLog(logger: Logger, observe?: AnsweredRequestObserver): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      observe?.(req, res, ms);
      logger.info('request', {
        requestId: res.locals.requestId,
        method: req.method,
        // A public link's token is its secret: logged as `:token`.
        path: withoutPathTokens(req.path),
        status: res.statusCode,
        ms,
        completed: res.writableFinished,
      });
    });
    next();
  };
}
