import { HOUR_MS } from './rateLimitRule';

/**
 * A limit a route declares on top of its caller's limits (the seeds set some: user search 50/min per
 * user). It is counted per user, or per IP for anonymous callers; routes that declare the same `name`
 * share one count (every sharing route against one "sharing" limit).
 */
export interface RouteRateLimit {
  /** Names the limit in a 429's message and in its counter's key: `user search`. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Every sharing call of a user (shares and public links) counts against this one limit: the seed's 100 an hour. */
export const SHARING_RATE_LIMIT: RouteRateLimit = { name: 'sharing', limit: 100, windowMs: HOUR_MS };
