import type { Request, Router } from 'express';
import { ApiError } from './apiError';
import type { HttpMethod, Route } from './route';

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function allowedBy(routes: readonly Route[]): Map<string, string[]> {
  const byPath = new Map<string, Set<HttpMethod>>();
  for (const route of routes) byPath.set(route.path, (byPath.get(route.path) ?? new Set()).add(route.method));
  return new Map(
    [...byPath].map(([path, methods]) => {
      const names = [...methods].map((method) => method.toUpperCase());
      // Express answers HEAD with every GET route.
      if (methods.has('get')) names.push('HEAD');
      return [path, names];
    }),
  );
}

/**
 * Mounted after the routes: a request that reaches it matched no route's method. Each path of the table
 * that matches it adds its methods (express matches, so `:id` patterns count as they would for dispatch);
 * if any did, the path exists and the answer is 405 with Allow, else the request goes on to the 404.
 * OPTIONS is left to express, which answers it with the same methods.
 */
export function mountMethodNotAllowed(router: Router, routes: readonly Route[]): void {
  const allowed = new WeakMap<Request, Set<string>>();
  for (const [path, methods] of allowedBy(routes)) {
    router.all(path, (req, _res, next) => {
      const seen = allowed.get(req) ?? new Set<string>();
      for (const method of methods) seen.add(method);
      allowed.set(req, seen);
      next();
    });
  }
  router.use((req, _res, next) => {
    const methods = allowed.get(req);
    if (!methods || req.method === 'OPTIONS') return next();
    const allow = ORDER.filter((method) => methods.has(method)).join(', ');
    next(new ApiError('method_not_allowed', `${req.method} is not allowed on this path; use ${allow}`, [], { Allow: allow }));
  });
}
