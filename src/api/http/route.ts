import type { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import { z } from 'zod';
import type { EventMetadata } from '../../ports/eventStore';
import type { Scope } from '../../domain/access/scopes';
import type { Principal } from '../auth/principal';
import type { RouteRateLimit } from './rateLimit/routeRateLimit';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * `public`: anyone; `user`: any authenticated caller; `session`: a user through a login session only (API
 * tokens cannot manage tokens); a scope: a session, or a token holding that scope.
 */
export type Access = 'public' | 'user' | 'session' | Scope;

/** Where the versioned API is served: route paths are below it unless the route is `root` or outside it. */
export const API_BASE = '/api/v1';

/** Where the seeds' unversioned paths live (`/api/integrations/tokens`): an alias there is written as its full path. */
export const SEED_API_BASE = '/api';

/** A route served at a full `/api/...` path the seeds document, outside the versioned base (only aliases are). */
export const isOutsideApiBase = (route: Route): boolean => route.path.startsWith(`${SEED_API_BASE}/`);

/** The path a client calls, Express-style: `/api/v1/files/:id`, `/health`, `/api/integrations/tokens`. */
export const servedPath = (route: Route): string => `${route.root || isOutsideApiBase(route) ? '' : API_BASE}${route.path}`;

/** A header a response carries or a request may send, for the OpenAPI document (handlers set and read them themselves). */
export interface HeaderSpec {
  description: string;
  /** A string when absent. */
  schema?: ZodType;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  /** The JSON body; an error status (4xx, 5xx) without one is described with the error envelope. */
  schema?: ZodType;
  /** A body that is not JSON (a download), described as binary of this media type. */
  mediaType?: string;
  /** Headers of this response beyond those every response of its kind carries (see openApi/standardHeaders.ts). */
  headers?: Record<string, HeaderSpec>;
}

/**
 * A request body the handler reads from `req` itself (uploads) instead of a parsed JSON `body`. With a
 * JSON `body` beside it, requests of these media types are streamed and others parsed as JSON; without
 * one, every request body is streamed, whatever its type.
 */
export interface StreamedBody {
  mediaTypes: readonly string[];
  /** OpenAPI schema of such a body (the fields of a multipart form); without it, a binary string. */
  schema?: ZodType;
}

export interface RouteContext<TBody, TQuery, TParams, TAccess extends Access> {
  body: TBody;
  query: TQuery;
  params: TParams;
  principal: TAccess extends 'public' ? Principal | null : Principal;
  /** Metadata for the events this request appends. */
  metadata: EventMetadata;
  /** The request body was left for the handler to stream from `req` (see StreamedBody); `body` is then undefined. */
  streamed: boolean;
  req: Request;
  res: Response;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Position written by the command, answered as X-Filora-Position for read-your-writes. */
  position?: string | null;
  /** A body streamed to the client as it is (downloads); `body` is ignored then. */
  stream?: Readable;
}

export interface Route<TBody = unknown, TQuery = unknown, TParams = unknown, TAccess extends Access = Access> {
  method: HttpMethod;
  /** Express-style path below /api/v1 (or below the root, see `root`), e.g. `/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: TAccess;
  body?: ZodType<TBody>;
  streamedBody?: StreamedBody;
  query?: ZodType<TQuery>;
  params?: ZodType<TParams>;
  responses: Record<number, ResponseSpec>;
  /** Request headers the handler reads itself (Range, If-None-Match), for the OpenAPI document. */
  requestHeaders?: Record<string, HeaderSpec>;
  /**
   * Served at the server's root rather than below /api/v1 (operational endpoints like /health): mounted
   * before authentication and rate limiting, so such a route must be public.
   */
  root?: boolean;
  /**
   * Other paths the seeds document for this operation: served by the same handler, and described as
   * deprecated in OpenAPI (see withAliases). One canonical `path` per operation. An alias outside
   * /api/v1 is written as its full path (`/api/integrations/tokens`).
   */
  aliases?: readonly string[];
  /** Set on the copies withAliases makes; a route declares `aliases` instead. */
  deprecated?: boolean;
  /**
   * Set on the copies withAliases makes: the declared route's `path`, which the usage log records for every
   * path of the operation (so `/api-keys/:id` counts as `/tokens/:id`). Absent on a declared route: its `path` is canonical.
   */
  canonicalPath?: string;
  /** A limit of this route's own, on top of the caller's (see RouteRateLimit); its aliases share it. */
  rateLimit?: RouteRateLimit;
  /**
   * The handler limits calls itself, and the caller's limits do not apply: an incoming webhook's receive URL
   * is limited per hook, at the rate its owner chose, whatever address its sender posts from.
   */
  ownRateLimit?: boolean;
  /** The route dedupes retries itself (an incoming webhook's message id) and ignores Idempotency-Key. */
  ownIdempotency?: boolean;
  handler(context: RouteContext<TBody, TQuery, TParams, TAccess>): Promise<RouteResult>;
}

/** Declares a route; the types of body, query and params flow from their schemas into the handler. */
export function route<TBody = undefined, TQuery = Record<string, never>, TParams = Record<string, never>, TAccess extends Access = Access>(
  definition: Route<TBody, TQuery, TParams, TAccess>,
): Route {
  return definition as unknown as Route;
}

/** The table with each alias as a route of its own: the same operation at the alias path, marked deprecated. */
export const withAliases = (routes: readonly Route[]): Route[] =>
  routes.flatMap((declared) => [
    declared,
    ...(declared.aliases ?? []).map((path) => ({
      ...declared,
      path,
      canonicalPath: declared.path,
      aliases: undefined,
      deprecated: true,
      summary: `${declared.summary} (deprecated alias of ${declared.path})`,
    })),
  ]);

export const idParams = z.strictObject({ id: z.uuid() });

/** A route whose body schema accepts no body at all (`.default({})`, `.optional()`) may be called without one. */
export const isBodyOptional = (route: Route): boolean => route.body !== undefined && route.body.safeParse(undefined).success;
