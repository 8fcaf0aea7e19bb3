import { takesIdempotencyKey } from '../idempotency/idempotentWrite';
import type { Route } from '../route';

/** What each error status means when a route does not describe it itself. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: a parameter, the query string or the body (the details name each problem)',
  401: 'No credentials, or invalid or expired ones',
  403: 'The credentials do not allow this call',
  404: 'No such resource, or not one the caller may see',
  410: 'The sync cursor is older than the feed keeps or ahead of the log (code reset): take a snapshot',
  409: 'The request conflicts with the current state, or with a concurrent change (retry after Retry-After)',
  413: 'The request body is too large',
  415: 'The request body is not of an accepted media type',
  422: 'The Idempotency-Key was used for another request (code idempotency_mismatch)',
  416: 'The range cannot be satisfied',
  429: 'Too many requests in this window',
  500: 'An unexpected error on the server',
  503: 'A store is unavailable or behind; try again after Retry-After',
};

/**
 * The error statuses a route can answer, from what the route machinery does with it (mountRoutes.ts,
 * the rate limiter, the error handler) and what it declares itself. Every route parses its query string
 * and refuses unknown parameters, so every route can answer 400.
 */
export function errorStatusesOf(route: Route): number[] {
  const statuses = new Set([400, 500]);
  if (route.access !== 'public') statuses.add(401).add(403);
  if (route.params) statuses.add(404);
  // The command pipeline answers a write that keeps losing to concurrent ones with 409.
  if (route.method !== 'get') statuses.add(409);
  if (route.body || route.streamedBody) statuses.add(413);
  if (route.body) statuses.add(415);
  if (takesIdempotencyKey(route) && !route.root) statuses.add(422);
  if (!route.root) statuses.add(429);
  for (const status of Object.keys(route.responses).map(Number)) if (status >= 400) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}
