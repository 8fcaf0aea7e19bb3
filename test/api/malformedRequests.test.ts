import type { Route } from '../../src/api/http/route';
import { servedPath } from '../../src/api/http/route';
import { uploadJson } from '../support/files';
import type { Page, FileBody } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { JsonResponse } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { domainHead } from '../support/domainHead';

/**
 * Requests that break below the routes' own validation (in the URL, the body's encoding, or the text
 * itself) are answered 400 in the envelope on every route, never 500, and change nothing.
 */
// Each case walks the whole route table: hundreds of requests, slow on a loaded machine.
jest.setTimeout(120_000);

let platform: TestPlatform;
let token: string;
let headBefore: string | null;

beforeAll(async () => {
  platform = await startTestPlatform();
  ({ token } = await registerAndLogin(platform.url));
  await uploadJson(platform.url, token, { name: 'existing.txt', content: 'x' });
  headBefore = await domainHead(platform.platform.eventStore);
});
afterAll(async () => {
  await platform.close();
});

const pathOf = (route: Route, id = '00000000-0000-4000-8000-000000000000') => servedPath(route).replace(/:[A-Za-z_]+/g, id);
const labelOf = (route: Route) => `${route.method} ${route.path}`;

function expect400(response: JsonResponse, label: string, path?: string) {
  expect({ label, status: response.status, code: (response.body as { error?: { code?: string } }).error?.code }).toEqual({
    label,
    status: 400,
    code: 'validation_error',
  });
  expect(response.body).toMatchObject({
    error: { message: expect.any(String), details: expect.any(Array) },
    request_id: response.headers.get('x-request-id'),
  });
  if (path !== undefined) expect({ label, details: response.body.error }).toMatchObject({ label, details: { details: [{ path }] } });
}

describe('requests broken below validation', () => {
  it('answers 400 to a path parameter that is not valid percent-encoding', async () => {
    const routes = platform.routes.filter((route) => route.path.includes(':'));
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      for (const id of ['%E0%A4%A', '%ZZ', '%']) {
        expect400(
          await call(platform.url, route.method.toUpperCase(), pathOf(route, id), { token, body: route.body ? {} : undefined }),
          `${labelOf(route)} ${id}`,
        );
      }
    }
  });

  it('answers 400 to a JSON body whose Content-Encoding does not decode', async () => {
    for (const route of platform.routes.filter((candidate) => candidate.body)) {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const response = await call(platform.url, route.method.toUpperCase(), pathOf(route), {
          token,
          raw: '{"name":"not compressed"}',
          headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        });
        expect400(response, `${labelOf(route)} ${encoding}`);
      }
    }
  });

  it('answers 400, naming the field, to JSON text that is not well-formed Unicode (a lone surrogate)', async () => {
    const bodyRoutes = platform.routes.filter((route) => route.body);
    expect(bodyRoutes.length).toBeGreaterThan(5);
    for (const route of bodyRoutes) {
      const send = (raw: string) =>
        call(platform.url, route.method.toUpperCase(), pathOf(route), { token, raw, headers: { 'content-type': 'application/json' } });
      expect400(await send('{"name":"a\\ud800.txt"}'), `${labelOf(route)} high surrogate`, 'body.name');
      expect400(await send('{"tags":["ok","\\udc00"]}'), `${labelOf(route)} low surrogate in an array`, 'body.tags.1');
      expect400(await send('{"\\ud800":"x"}'), `${labelOf(route)} in a key`, 'body');
    }
  });

  it('answers 400 to a query parameter on a route that takes none, rather than ignoring it', async () => {
    const routes = platform.routes.filter((route) => !route.query);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      const response = await call(platform.url, route.method.toUpperCase(), `${pathOf(route)}?dry_run=true`, {
        token,
        body: route.body ? {} : undefined,
      });
      expect400(response, `${labelOf(route)} ?dry_run`, 'query');
    }
    expect(
      (await call(platform.url, 'GET', `/api/v1/users/me?after_position=${encodeURIComponent(headBefore ?? '0')}`, { token })).status,
    ).toBe(200);
  });

  it('still takes paired surrogates (an emoji) in a name', async () => {
    const uploaded = await uploadJson(platform.url, token, { name: 'smile \u{1F600}.txt', content: 'x' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.name).toBe('smile \u{1F600}.txt');
    headBefore = await domainHead(platform.platform.eventStore);
  });

  it('refuses a multipart field named __proto__ like any other unknown field', async () => {
    const boundary = 'XBOUNDARY';
    const raw = [
      `--${boundary}\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nsneaky\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="proto.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const response = await call(platform.url, 'POST', '/api/v1/files', {
      token,
      raw,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect400(response, 'multipart __proto__');
    const names = (await call<Page<FileBody>>(platform.url, 'GET', '/api/v1/files', { token })).body.data.map((file) => file.name);
    expect(names).not.toContain('proto.txt');
  });

  it('changed nothing', async () => {
    expect(await domainHead(platform.platform.eventStore)).toBe(headBefore);
  });
});
