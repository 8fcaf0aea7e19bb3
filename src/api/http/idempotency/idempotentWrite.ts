import type { Request } from 'express';
import type { Logger } from '../../../ports/logger';
import type { Principal } from '../../auth/principal';
import type { Route, RouteResult } from '../route';
import { bodyDigestOf, readStreamedBodyDigest } from './bodyDigest';
import { idempotencyKeyOf } from './idempotencyKeyHeader';
import type { IdempotencyKeys } from './idempotencyKeys';

export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** Writes take a key; an incoming webhook's receive URL has its own (the sender's message id). */
export const takesIdempotencyKey = (route: Route): boolean => route.method !== 'get' && route.ownIdempotency !== true;

/** The canonical route path with its params filled, so a retry through an alias is the same request. */
function filledPath(route: Route, req: Request): string {
  const template = route.canonicalPath ?? route.path;
  const params = req.params as Record<string, string | undefined>;
  return template.replace(/:(\w+)/g, (whole, name: string) => params[name] ?? whole);
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

export interface IdempotentCall {
  route: Route;
  req: Request;
  principal: Principal | null;
  /** The handler reads the body from the request itself (see StreamedBody). */
  streamed: boolean;
  run: () => Promise<RouteResult>;
}

/**
 * Runs a write under its Idempotency-Key: the first request runs and a 2xx answer is kept for 24 h; a retry gets
 * that answer again (Idempotent-Replayed: true). A request without a key runs as it is, with no store access.
 */
export async function runIdempotently(keys: IdempotencyKeys, logger: Logger, call: IdempotentCall): Promise<RouteResult> {
  const { route, req, principal, streamed, run } = call;
  const key = takesIdempotencyKey(route) ? idempotencyKeyOf(req) : null;
  if (key === null) return run();
  const scope = principal?.userId ?? `anonymous:${req.ip ?? 'unknown'}`;
  const fingerprint = { method: route.method.toUpperCase(), path: filledPath(route, req), bodySha256: streamed ? null : bodyDigestOf(req) };
  const claim = await keys.claim(scope, key, fingerprint, () => readStreamedBodyDigest(req));
  if (claim.kind === 'replay') {
    const { 'X-Filora-Position': position, ...headers } = claim.answer.headers;
    return {
      status: claim.answer.status,
      body: claim.answer.body,
      position,
      headers: { ...headers, [IDEMPOTENT_REPLAYED_HEADER]: 'true' },
    };
  }
  let result: RouteResult;
  try {
    result = await run();
  } catch (error) {
    await keys.release(claim.held);
    throw error;
  }
  const bodySha256 = bodyDigestOf(req);
  // A streamed answer cannot be kept, and a body not read to its end has no fingerprint to compare a retry with.
  if (!isSuccess(result.status) || result.stream !== undefined || bodySha256 === null) {
    await keys.release(claim.held);
    return result;
  }
  try {
    await keys.finish(claim.held, result, bodySha256);
  } catch (error) {
    logger.error('could not keep the answer of a request with an Idempotency-Key; a retry will run it again', { error });
    await keys.release(claim.held).catch(() => undefined);
  }
  return result;
}
