import express from 'express';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConsole } from '../../src/web/consoleBuild';
import { consoleDirectory } from '../../src/web/consoleDirectory';
import { consoleRoutes } from '../../src/web/consoleRoutes';
import { startTestPlatform } from '../support/testPlatform';
import type { TestPlatform } from '../support/testPlatform';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: 'manual' });

describe('the console served by the API process', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    await buildConsole(consoleDirectory());
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('sends a browser at / to /app/, and keeps answering API clients the JSON index', async () => {
    const browser = await get(`${platform.url}/`, HTML);
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/app/');
    const client = await get(`${platform.url}/`, { accept: 'application/json' });
    expect(client.status).toBe(200);
    expect(await client.json()).toMatchObject({ name: 'Filora API' });
    expect((await get(`${platform.url}/`)).headers.get('content-type')).toMatch(/json/);
  });

  it('answers its page for every address below /app, with a CSP that allows this origin only, never cached', async () => {
    for (const path of ['/app/', '/app/files/folders/123', '/app/settings/integrations/webhooks']) {
      const page = await get(`${platform.url}${path}`, HTML);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(await page.text()).toContain('<div id="app"></div>');
    }
    const bare = await get(`${platform.url}/app`, HTML);
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/app/');
    const seedAddress = await get(`${platform.url}/settings/integrations`, HTML);
    expect(seedAddress.headers.get('location')).toBe('/app/settings/integrations');
  });

  it('serves hashed assets for good, and a missing one as a 404 in the error envelope (not the page)', async () => {
    const assets = readdirSync(join(consoleDirectory().dist, 'assets'));
    const script = assets.find((asset) => asset.endsWith('.js'));
    const answer = await get(`${platform.url}/app/assets/${script}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/javascript/);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await get(`${platform.url}/app/assets/main-NOTTHERE.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('leaves the API below /api/v1 as it was', async () => {
    const answer = await get(`${platform.url}/api/v1/files`, HTML);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('the console page before any build', () => {
  let server: Server;
  let url: string;
  const empty = mkdtempSync(join(tmpdir(), 'filora-no-console-'));
  beforeAll(async () => {
    const app = express().use(consoleRoutes(consoleDirectory(empty)));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(empty, { recursive: true, force: true });
  });

  it('answers 503 with a page saying where the API is, and asks to try again', async () => {
    const answer = await get(`${url}/app/files`, HTML);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(await answer.text()).toContain('/api/v1/docs');
  });
});
