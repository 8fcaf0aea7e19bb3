import type { JsonObject } from './jsonSchema';

const integer = { type: 'integer', minimum: 0 };
const string = { type: 'string' };

/** Response headers the server's middleware and route machinery set, under components/headers by name. */
export const STANDARD_HEADERS = {
  'X-Request-Id': {
    description: "The id of this request (the client's own X-Request-Id when it sent a sane one), also in the logs",
    schema: string,
  },
  'X-RateLimit-Limit': {
    description: 'Requests allowed in the sliding window of the tightest limit on this request (plan, token, route or anonymous)',
    schema: integer,
  },
  'X-RateLimit-Remaining': { description: 'Requests that limit still allows now', schema: integer },
  'X-RateLimit-Reset': {
    description: 'When that limit next has more room (after a 429: when the request would be admitted), in seconds since the Unix epoch',
    schema: integer,
  },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: integer },
  'X-Filora-Position': {
    description: 'The event-log position of this write: pass it as after_position (or X-Filora-Min-Position) to read your own write',
    schema: string,
  },
  'X-Filora-Stale': {
    description: '`true` when the read models had not reached the requested position within the wait bound: the answer may not show it yet',
    schema: { type: 'string', const: 'true' },
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer of an earlier request with the same Idempotency-Key (nothing ran again)',
    schema: { type: 'string', const: 'true' },
  },
  Location: { description: 'The URL of the created resource', schema: { type: 'string', format: 'uri-reference' } },
  'WWW-Authenticate': { description: 'The authentication scheme to use', schema: string },
} satisfies Record<string, JsonObject>;

export type StandardHeader = keyof typeof STANDARD_HEADERS;

/** What a route's response carries, to pick its standard headers. */
export interface ResponseKind {
  status: number;
  /** Below /api/v1: authenticated if credentials are sent, and rate limited. */
  api: boolean;
  write: boolean;
  /** The route takes an Idempotency-Key, so a 2xx may be a replay. */
  idempotent?: boolean;
}

/** The standard headers of a response, from what kind of response it is. */
export function standardHeadersOf({ status, api, write, idempotent = false }: ResponseKind): StandardHeader[] {
  const success = status >= 200 && status < 300;
  const headers: StandardHeader[] = ['X-Request-Id'];
  if (api) headers.push('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset');
  if (status === 429 || status === 503) headers.push('Retry-After');
  if (status === 401) headers.push('WWW-Authenticate');
  if (success && write && api) headers.push('X-Filora-Position');
  if (status === 201) headers.push('Location');
  if (success && idempotent) headers.push('Idempotent-Replayed');
  if (success && (status === 202 || (!write && api))) headers.push('X-Filora-Stale');
  return headers;
}
