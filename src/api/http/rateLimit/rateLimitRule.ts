import type { SlidingWindow } from './slidingWindow';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** One limit a request is counted against. */
export interface RateLimitRule extends SlidingWindow {
  /** Whose requests, over which window: `token:<tokenId>@3600000`, `user:<userId>@60000`. */
  key: string;
  /** What the limit is, for people: `token`, `basic plan`, `user search`. */
  name: string;
}

const UNITS: ReadonlyArray<readonly [ms: number, unit: string]> = [
  [DAY_MS, 'day'],
  [HOUR_MS, 'hour'],
  [MINUTE_MS, 'minute'],
  [1000, 'second'],
];

/** `minute`, `hour`, `day`, or `5 minutes`. */
export function windowName(windowMs: number): string {
  for (const [ms, unit] of UNITS) {
    if (windowMs % ms !== 0) continue;
    const count = windowMs / ms;
    return count === 1 ? unit : `${count} ${unit}s`;
  }
  return `${windowMs} ms`;
}

/** `token limit of 1000 requests per hour`. */
export const describeRule = (rule: RateLimitRule): string =>
  `${rule.name} limit of ${rule.limit} requests per ${windowName(rule.windowMs)}`;
