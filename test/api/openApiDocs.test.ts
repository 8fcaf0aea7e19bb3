import { call } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const get = (path: string) => fetch(`${platform.url}${path}`);
const attributes = (html: string, tag: string, attribute: string) =>
  [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${attribute}="([^"]+)"`, 'g'))].map((match) => match[1]!);

describe('GET /api/v1/docs', () => {
  it('serves an interactive reference whose page and assets all come from this server, under a CSP that allows them', async () => {
    const page = await get('/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("connect-src 'self'");
    const html = await page.text();
    const scripts = attributes(html, 'script', 'src');
    const styles = attributes(html, 'link', 'href');
    // Every script is a file of this origin (the CSP refuses inline ones).
    expect(html.match(/<script\b/g)?.length).toBe(scripts.length);
    expect(scripts.length).toBeGreaterThan(0);
    for (const asset of [...scripts, ...styles]) {
      expect(asset).toMatch(/^\/api\/v1\/docs\//);
      const response = await get(asset);
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      expect(response.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /javascript/);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('points the reference at the served OpenAPI document', async () => {
    const html = await (await get('/api/v1/docs')).text();
    const init = attributes(html, 'script', 'src').find((src) => src.endsWith('/init.js'))!;
    const script = await (await get(init)).text();
    expect(script).toContain('"/api/v1/openapi.json"');
    expect(script).toContain('validatorUrl: null');
    expect((await call(platform.url, 'GET', '/api/v1/openapi.json')).status).toBe(200);
  });

  it('serves nothing else of the package', async () => {
    expect((await get('/api/v1/docs/index.html')).status).toBe(404);
    expect((await get('/api/v1/docs/swagger-initializer.js')).status).toBe(404);
    expect((await get('/api/v1/docs/..%2fpackage.json')).status).toBe(404);
  });
});

describe('GET /', () => {
  it('points to the reference and the document instead of answering 404', async () => {
    const response = await call<Record<string, string>>(platform.url, 'GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.body).toMatchObject({ docs: '/api/v1/docs', openapi: '/api/v1/openapi.json', health: '/health', ready: '/ready' });
    for (const path of [response.body.docs!, response.body.openapi!, response.body.health!]) expect((await get(path)).status).toBe(200);
  });

  it('is the only thing at the root: other paths stay 404 and other methods 405', async () => {
    expect((await call(platform.url, 'GET', '/nothing-here')).status).toBe(404);
    const posted = await call(platform.url, 'POST', '/');
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toContain('GET');
  });
});
