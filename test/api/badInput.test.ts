import { z } from 'zod';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import type { Route } from '../../src/api/http/route';
import { isBodyOptional, servedPath } from '../../src/api/http/route';
import { domainHead } from '../support/domainHead';

/**
 * Every route, whatever it is, answers bad input with a 4xx in the error envelope, and no bad request
 * changes state: the event store's head does not move.
 */
let platform: TestPlatform;
let token: string;
const JSON_LIMIT = 4096;
// Each test calls every route in turn: over a thousand requests since webhooks came, past the default 30 s on a busy machine.
jest.setTimeout(180_000);

beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_MAX_JSON_BYTES: String(JSON_LIMIT) });
  ({ token } = await registerAndLogin(platform.url));
});
afterAll(async () => {
  await platform.close();
});

/** Every path parameter of the route is declared a UUID (an id, not a token). */
const hasOnlyUuidParams = (route: Route): boolean =>
  Object.values(
    (z.toJSONSchema(route.params!, { io: 'input' }) as { properties?: Record<string, { format?: string }> }).properties ?? {},
  ).every((property) => property.format === 'uuid');

const pathOf = (route: Route, id = '00000000-0000-4000-8000-000000000000') => servedPath(route).replace(/:[A-Za-z_]+/g, id);

function expectEnvelope(response: { status: number; body: unknown; headers: Headers }, status: number, code: string, label: string) {
  expect({ label, status: response.status }).toEqual({ label, status });
  expect(response.body).toMatchObject({
    error: { code, message: expect.any(String), details: expect.any(Array) },
    request_id: expect.any(String),
  });
  expect(response.headers.get('x-request-id')).toBe((response.body as { request_id: string }).request_id);
}

describe('bad input on every route', () => {
  let headBefore: string | null;
  beforeAll(async () => {
    headBefore = await domainHead(platform.platform.eventStore);
  });
  afterAll(async () => {
    expect(await domainHead(platform.platform.eventStore)).toBe(headBefore);
  });

  it('covers some routes', () => {
    expect(platform.routes.length).toBeGreaterThanOrEqual(8);
  });

  it('answers 401 to anonymous calls of protected routes', async () => {
    for (const route of platform.routes.filter((candidate) => candidate.access !== 'public')) {
      expectEnvelope(
        await call(platform.url, route.method.toUpperCase(), pathOf(route), { body: route.body ? {} : undefined }),
        401,
        'unauthorized',
        `${route.method} ${route.path}`,
      );
    }
  });

  it('answers 400 to ids that are not UUIDs, and a 4xx to a malformed token in the path', async () => {
    for (const route of platform.routes.filter((candidate) => candidate.path.includes(':'))) {
      const response = await call(platform.url, route.method.toUpperCase(), pathOf(route, 'not-a-uuid'), {
        token,
        body: route.body ? {} : undefined,
      });
      // A token in the path (an incoming webhook's URL) has no shape of its own to check: unknown, it may be a 404.
      const unknownToken = !hasOnlyUuidParams(route) && response.status === 404;
      expectEnvelope(response, unknownToken ? 404 : 400, unknownToken ? 'not_found' : 'validation_error', route.path);
    }
  });

  it('answers 400/413/415 to every malformed body', async () => {
    const bodyRoutes = platform.routes.filter((route) => route.body);
    expect(bodyRoutes.length).toBeGreaterThan(0);
    for (const route of bodyRoutes) {
      const label = `${route.method} ${route.path}`;
      const send = (options: Parameters<typeof call>[3]) =>
        call(platform.url, route.method.toUpperCase(), pathOf(route), { token, ...options });
      expectEnvelope(
        await send({ raw: '{"unterminated": ', headers: { 'content-type': 'application/json' } }),
        400,
        'validation_error',
        `${label} broken json`,
      );
      expectEnvelope(
        await send({ raw: 'hello', headers: { 'content-type': 'text/plain' } }),
        415,
        'unsupported_media_type',
        `${label} text/plain`,
      );
      expectEnvelope(
        await send({ raw: JSON.stringify({ pad: 'x'.repeat(JSON_LIMIT) }), headers: { 'content-type': 'application/json' } }),
        413,
        'payload_too_large',
        `${label} oversized`,
      );
      // A route whose body may be left out (rotate-secret's options) takes none, or an empty one, as its defaults.
      const optional = isBodyOptional(route);
      if (!optional) expectEnvelope(await send({}), 400, 'validation_error', `${label} missing body`);
      for (const body of [null, 42, 'text', [], [{}], ...(optional ? [] : [{}]), { unknown_field: 1 }]) {
        expectEnvelope(await send({ body }), 400, 'validation_error', `${label} ${JSON.stringify(body)}`);
      }
      for (const wrong of [12345, true, { nested: 1 }, ['a'], null, '', 'x'.repeat(1000)]) {
        const fields = Object.keys(
          (route.body as unknown as { shape?: Record<string, unknown>; def?: { shape?: Record<string, unknown> } }).shape ?? {},
        );
        const body = Object.fromEntries(fields.map((field) => [field, wrong]));
        const response = await send({ body });
        expect({ label, wrong, status: response.status }).toEqual({
          label,
          wrong,
          status: response.status >= 400 && response.status < 500 ? response.status : 'not 4xx',
        });
      }
    }
  });

  it('answers 404 in the envelope for unknown routes', async () => {
    expectEnvelope(await call(platform.url, 'GET', '/api/v1/nope', { token }), 404, 'not_found', 'unknown route');
  });
});
