import { z } from 'zod';
import type { Route } from '../../src/api/http/route';
import { servedPath } from '../../src/api/http/route';
import { call } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

interface Parameter {
  name?: string;
  in?: string;
  required?: boolean;
  $ref?: string;
}
interface Response {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Record<string, unknown> }>;
}
interface Operation {
  deprecated?: boolean;
  parameters: Parameter[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, Response>;
  security?: unknown[];
  'x-filora-access'?: string;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
};

let platform: TestPlatform;
let document: Document;
beforeAll(async () => {
  platform = await startTestPlatform();
  document = (await call<Document>(platform.url, 'GET', '/api/v1/openapi.json')).body;
});
afterAll(async () => {
  await platform.close();
});

const allRoutes = () => [...platform.rootRoutes, ...platform.routes];
const label = (route: Route) => `${route.method.toUpperCase()} ${servedPath(route)}`;

function operationOf(route: Route): Operation {
  const path = servedPath(route).replace(/:(\w+)/g, '{$1}');
  const operation = document.paths[path]?.[route.method];
  if (!operation) throw new Error(`${label(route)} is not in the document`);
  return operation;
}

const fieldsOf = (schema: z.ZodType | undefined): string[] =>
  schema ? Object.keys((z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {}) : [];

/** The error statuses every route of its kind answers: what the route machinery, not the route, decides. */
function expectedErrors(route: Route): number[] {
  const statuses = [400, 500];
  if (route.access !== 'public') statuses.push(401, 403);
  if (route.params) statuses.push(404);
  if (route.body || route.streamedBody) statuses.push(413);
  if (route.body) statuses.push(415);
  if (!route.root) statuses.push(429);
  return statuses;
}

describe('every route of the route table, in the OpenAPI document', () => {
  it('covers the API routes and those outside /api/v1', () => {
    expect(platform.routes.length).toBeGreaterThan(15);
    expect(platform.rootRoutes.map((route) => route.path).sort()).toEqual([
      '/',
      '/.well-known/oauth-authorization-server',
      '/health',
      '/metrics',
      '/ready',
    ]);
    for (const route of allRoutes()) expect(() => operationOf(route)).not.toThrow();
  });

  it('has its path and query parameters, the read-your-writes parameters on API reads and Idempotency-Key on writes', () => {
    for (const route of allRoutes()) {
      const parameters = operationOf(route).parameters;
      const named = (location: string) => parameters.filter((parameter) => parameter.in === location).map((parameter) => parameter.name);
      expect({ route: label(route), path: named('path') }).toEqual({ route: label(route), path: fieldsOf(route.params) });
      expect({ route: label(route), query: named('query') }).toEqual({ route: label(route), query: fieldsOf(route.query) });
      expect(parameters.filter((parameter) => parameter.in === 'path').every((parameter) => parameter.required)).toBe(true);
      const refs = parameters.map((parameter) => parameter.$ref).filter(Boolean);
      expect({ route: label(route), refs }).toEqual({
        route: label(route),
        refs:
          route.method === 'get' && !route.root
            ? ['#/components/parameters/AfterPosition', '#/components/parameters/MinPosition']
            : route.root || route.ownIdempotency
              ? []
              : ['#/components/parameters/IdempotencyKey'],
      });
      for (const header of Object.keys(route.requestHeaders ?? {})) expect(named('header')).toContain(header);
    }
  });

  it('has its request body media types', () => {
    for (const route of allRoutes()) {
      const mediaTypes = [...(route.body ? ['application/json'] : []), ...(route.streamedBody?.mediaTypes ?? [])];
      const documented = Object.keys(operationOf(route).requestBody?.content ?? {});
      expect({ route: label(route), mediaTypes: documented }).toEqual({ route: label(route), mediaTypes });
    }
  });

  it('has its declared responses and the error responses of its kind, each error with the envelope', () => {
    for (const route of allRoutes()) {
      const responses = operationOf(route).responses;
      const expected = [...Object.keys(route.responses).map(Number), ...expectedErrors(route)];
      if (route.method !== 'get') expected.push(202);
      for (const status of expected) expect({ route: label(route), status, has: String(status) in responses }).toMatchObject({ has: true });
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400 || route.responses[Number(status)]?.schema) continue;
        expect({ route: label(route), status, schema: response.content?.['application/json']?.schema }).toEqual({
          route: label(route),
          status,
          schema: { $ref: '#/components/schemas/Error' },
        });
      }
    }
  });

  it('has the headers each response carries', () => {
    for (const route of allRoutes()) {
      for (const [key, response] of Object.entries(operationOf(route).responses)) {
        const status = Number(key);
        const headers = Object.keys(response.headers ?? {});
        const expected = ['X-Request-Id', ...Object.keys(route.responses[status]?.headers ?? {})];
        if (!route.root) expected.push('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset');
        if (status === 429 || status === 503) expected.push('Retry-After');
        if (status === 201) expected.push('Location');
        if (route.method !== 'get' && status >= 200 && status < 300) expected.push('X-Filora-Position');
        expect({ route: label(route), status, headers }).toEqual({
          route: label(route),
          status,
          headers: expect.arrayContaining(expected),
        });
      }
    }
  });

  it('documents the download: any stored media type, conditional and range requests, entity and range headers', () => {
    const download = platform.routes.find((route) => route.path === '/files/:id/download')!;
    const operation = operationOf(download);
    expect(Object.keys(operation.responses['200']!.content!)).toEqual(['*/*']);
    expect(operation.responses['200']!.content!['*/*']!.schema).toEqual({ type: 'string', format: 'binary' });
    expect(operation.parameters.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['Range', 'If-None-Match']));
    expect(Object.keys(operation.responses['200']!.headers!)).toEqual(expect.arrayContaining(['ETag', 'Accept-Ranges']));
    expect(Object.keys(operation.responses['206']!.headers!)).toEqual(expect.arrayContaining(['ETag', 'Content-Range']));
    expect(Object.keys(operation.responses['416']!.headers!)).toContain('Content-Range');
  });

  it('documents the incoming webhook routes: management under webhooks.manage, the receive URL public', () => {
    const management = [
      'post /api/v1/incoming-webhooks',
      'get /api/v1/incoming-webhooks',
      'get /api/v1/incoming-webhooks/{id}',
      'patch /api/v1/incoming-webhooks/{id}',
      'put /api/v1/incoming-webhooks/{id}',
      'delete /api/v1/incoming-webhooks/{id}',
      'post /api/v1/incoming-webhooks/{id}/regenerate-token',
      'get /api/v1/incoming-webhooks/{id}/logs',
      'post /api/v1/incoming-webhooks/{id}/test',
    ];
    const operation = (key: string) => {
      const [method, path] = key.split(' ') as [string, string];
      return document.paths[path]?.[method];
    };
    for (const key of management) {
      expect({ key, documented: operation(key) !== undefined }).toEqual({ key, documented: true });
      expect({ key, access: operation(key)!['x-filora-access'] }).toEqual({ key, access: 'webhooks.manage' });
    }
    const receive = operation('post /api/v1/webhooks/incoming/{token}')!;
    expect(receive.security).toEqual([]);
    expect(Object.keys(receive.responses)).toEqual(expect.arrayContaining(['200', '201', '401', '404', '413', '422', '429']));
    expect(Object.keys(receive.requestBody?.content ?? {})).toEqual(['application/json']);
    const created = operation('post /api/v1/incoming-webhooks')!.responses['201']!.content!['application/json']!.schema as { $ref: string };
    const shown = document.components.schemas[created.$ref.replace('#/components/schemas/', '')]!;
    expect(Object.keys(shown.properties)).toEqual(expect.arrayContaining(['token', 'url', 'token_prefix', 'field_mapping']));
  });

  it('marks public routes as needing no credentials', () => {
    for (const route of allRoutes())
      expect({ route: label(route), public: operationOf(route).security?.length === 0 }).toEqual({
        route: label(route),
        public: route.access === 'public',
      });
  });

  it('marks exactly the alias paths as deprecated, and serves them with the same handler', async () => {
    for (const route of allRoutes())
      expect({ route: label(route), deprecated: operationOf(route).deprecated === true }).toEqual({
        route: label(route),
        deprecated: route.deprecated === true,
      });
    expect(platform.routes.some((route) => route.deprecated && route.path === '/user')).toBe(true);
    const alias = await call(platform.url, 'GET', '/api/v1/user');
    expect(alias.status).toBe(401);
  });
});
