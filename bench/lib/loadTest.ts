import autocannon from 'autocannon';
import type { IncomingHttpHeaders } from 'node:http';

type Method = 'GET' | 'POST' | 'PATCH';

/** One kind of request, sent over and over by every connection. */
export interface LoadRequest {
  method: Method;
  path: string;
  headers?: IncomingHttpHeaders;
  /** A body per request (unique names), or none. */
  body?: () => string;
}

/**
 * What a load test asks of each connection: the same request for all of them, or a request per
 * connection (its own file to rename), made when the connection is set up.
 */
export type LoadPlan = LoadRequest | { perConnection: (connection: number) => LoadRequest };

export interface LoadFigures {
  /** 2xx responses per second: what failed is not throughput. */
  okPerSecond: number;
  /** Latency in ms over every response, failures included. */
  p50: number;
  p99: number;
  responses: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Response counts by status, e.g. { 201: 1500, 409: 3 }. */
  statuses: Record<string, number>;
  seconds: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function toRequest(request: LoadRequest): autocannon.Request {
  const headers = { ...(request.body ? JSON_HEADERS : {}), ...request.headers };
  const base: autocannon.Request = { method: request.method, path: request.path, headers };
  const { body } = request;
  if (!body) return base;
  // setupRequest runs before every request is sent, so each one carries a body of its own.
  return { ...base, setupRequest: (prepared) => ({ ...prepared, body: body() }) };
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) counts[status] = Number(count ?? 0);
  return counts;
}

/** Runs autocannon against `url` for `seconds` with `connections` and answers its figures, 2xx and failures apart. */
export async function loadTest(url: string, plan: LoadPlan, options: LoadOptions): Promise<LoadFigures> {
  let connection = 0;
  const requests =
    'perConnection' in plan
      ? { setupClient: (client: autocannon.Client) => client.setRequests([toRequest(plan.perConnection(connection++))]) }
      : { requests: [toRequest(plan)] };
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, ...requests });
  const ok = result['2xx'];
  return {
    okPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    responses: ok + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses: statusCounts(result),
    seconds: result.duration,
  };
}
