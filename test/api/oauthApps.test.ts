import { readFileSync } from 'node:fs';
import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
import { filesUnder } from '../support/leakScan';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const BASE = '/api/v1/oauth/apps';

interface AppBody {
  id: string;
  client_id: string;
  client_secret?: string | null;
  name: string;
  redirect_uris: string[];
  scopes: string[];
  client_type: string;
  [field: string]: unknown;
}
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> };
}

const appSettings = { name: 'Photo printer', redirect_uris: ['https://printer.example.com/callback'], scopes: ['files.read'] };

async function createApp(token: string, body: Record<string, unknown> = {}) {
  const created = await call<AppBody>(url(), 'POST', BASE, { token, body: { ...appSettings, ...body } });
  if (created.status !== 201) throw new Error(`app creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

const errorPaths = (body: unknown) => (body as ErrorBody).error.details.map((detail) => detail.path);

describe('registering an OAuth app', () => {
  it('answers the app with its client id and a client secret shown once, never again', async () => {
    const { token } = await registerAndLogin(url());
    const created = await call<AppBody>(url(), 'POST', BASE, { token, body: appSettings });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { client_secret: secret, ...app } = created.body;
    expect(secret).toMatch(/^flcs_[0-9A-Za-z]{49}$/);
    expect(app).toEqual({
      id: expect.any(String),
      client_id: app.id,
      name: 'Photo printer',
      redirect_uris: ['https://printer.example.com/callback'],
      scopes: ['files.read'],
      client_type: 'confidential',
      created_at: expect.any(String),
      updated_at: expect.any(String),
      secret_rotated_at: null,
    });

    const shown = await call<AppBody>(url(), 'GET', `${BASE}/${app.id}`, { token });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(app);
    const listed = await call<{ data: AppBody[] }>(url(), 'GET', BASE, { token });
    expect(listed.body.data).toEqual([app]);
    expect(JSON.stringify(listed.body) + JSON.stringify(shown.body)).not.toContain(secret!);
    for (const file of filesUnder(platform.dataDir)) expect(readFileSync(file).includes(secret!)).toBe(false);
  });

  it('registers a public client without a secret, keeping redirect URIs exactly as written', async () => {
    const { token } = await registerAndLogin(url());
    const uris = ['http://127.0.0.1:51234/callback', 'http://[::1]:8080/cb', 'http://localhost/cb?x=1', 'https://App.Example.com:443/CB'];
    const app = await createApp(token, { client_type: 'public', redirect_uris: uris, scopes: ['files.write', 'files.read'] });
    expect(app).toMatchObject({ client_type: 'public', client_secret: null, redirect_uris: uris, scopes: ['files.read', 'files.write'] });
    const rotate = await call<ErrorBody>(url(), 'POST', `${BASE}/${app.id}/rotate-secret`, { token });
    expect(rotate.status).toBe(409);
    expect(rotate.body.error.message).toMatch(/public client/);
  });

  it.each([
    ['http://printer.example.com/callback', 'body.redirect_uris.0', /loopback/],
    ['https://printer.example.com/callback#done', 'body.redirect_uris.0', /fragment/],
    ['https://user:pw@printer.example.com/callback', 'body.redirect_uris.0', /userinfo/],
    ['/callback', 'body.redirect_uris.0', /absolute/],
    ['custom.scheme:/callback', 'body.redirect_uris.0', /https/],
  ])('refuses the redirect URI %s', async (uri, path, message) => {
    const { token } = await registerAndLogin(url());
    const refused = await call<ErrorBody>(url(), 'POST', BASE, { token, body: { ...appSettings, redirect_uris: [uri] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('refuses bad names, scopes, client types and lists of redirect URIs', async () => {
    const { token } = await registerAndLogin(url());
    const refusedAt = async (body: Record<string, unknown>) => {
      const refused = await call(url(), 'POST', BASE, { token, body: { ...appSettings, ...body } });
      expect(refused.status).toBe(400);
      return errorPaths(refused.body);
    };
    expect(await refusedAt({ name: '  ' })).toEqual(['body.name']);
    expect(await refusedAt({ name: 'x'.repeat(101) })).toEqual(['body.name']);
    expect(await refusedAt({ scopes: [] })).toEqual(['body.scopes']);
    expect(await refusedAt({ scopes: ['files.read', 'admin'] })).toEqual(['body.scopes.1']);
    expect(await refusedAt({ client_type: 'secret' })).toEqual(['body.client_type']);
    expect(await refusedAt({ redirect_uris: [] })).toEqual(['body.redirect_uris']);
    expect(await refusedAt({ redirect_uris: ['https://a.example.com/cb', 'https://a.example.com/cb'] })).toEqual(['body.redirect_uris']);
    const eleven = Array.from({ length: 11 }, (_, n) => `https://a.example.com/${n}`);
    expect(await refusedAt({ redirect_uris: eleven })).toEqual(['body.redirect_uris']);
    expect(await refusedAt({ secret: 'mine' })).toEqual(['body']);
    const listed = await call<{ data: unknown[] }>(url(), 'GET', BASE, { token });
    expect(listed.body.data).toEqual([]);
  });

  it('allows at most 50 apps per user', async () => {
    const { token } = await registerAndLogin(url());
    for (let n = 0; n < 50; n++) await createApp(token, { name: `app ${n}` });
    const refused = await call<ErrorBody>(url(), 'POST', BASE, { token, body: appSettings });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/at most 50 OAuth apps/);

    const pages: AppBody[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=20&cursor=${cursor}` : '?limit=20';
      const page = await call<{ data: AppBody[]; page: { next_cursor: string | null; has_more: boolean } }>(
        url(),
        'GET',
        `${BASE}${query}`,
        {
          token,
        },
      );
      expect(page.status).toBe(200);
      pages.push(...page.body.data);
      cursor = page.body.page.next_cursor;
    } while (cursor);
    expect(new Set(pages.map((app) => app.id)).size).toBe(50);
    expect(pages[0]!.name).toBe('app 49');

    await call(url(), 'DELETE', `${BASE}/${pages[0]!.id}`, { token });
    expect((await call(url(), 'POST', BASE, { token, body: appSettings })).status).toBe(201);
  });
});

describe('managing an OAuth app', () => {
  it('changes the settings given, each replacing the current one whole', async () => {
    const { token } = await registerAndLogin(url());
    const app = await createApp(token, { redirect_uris: ['https://a.example.com/1', 'https://a.example.com/2'] });
    const changed = await call<AppBody>(url(), 'PATCH', `${BASE}/${app.id}`, {
      token,
      body: { redirect_uris: ['https://a.example.com/3'], scopes: ['files.read', 'shares.manage'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Photo printer',
      redirect_uris: ['https://a.example.com/3'],
      scopes: ['files.read', 'shares.manage'],
    });
    expect(changed.body).not.toHaveProperty('client_secret');
    const renamed = await call<AppBody>(url(), 'PATCH', `${BASE}/${app.id}`, { token, body: { name: 'Printer Pro' } });
    expect(renamed.body).toMatchObject({ name: 'Printer Pro', redirect_uris: ['https://a.example.com/3'] });

    for (const body of [{}, { client_type: 'public' }, { redirect_uris: ['http://a.example.com/cb'] }, { name: '' }]) {
      expect((await call(url(), 'PATCH', `${BASE}/${app.id}`, { token, body })).status).toBe(400);
    }
  });

  it('rotates the secret: the new one is shown once and the old one stops working at once', async () => {
    const { token } = await registerAndLogin(url());
    const app = await createApp(token);
    const rotated = await call<AppBody>(url(), 'POST', `${BASE}/${app.id}/rotate-secret`, { token });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    expect(rotated.body.client_secret).toMatch(/^flcs_/);
    expect(rotated.body.client_secret).not.toBe(app.client_secret);
    expect(rotated.body.secret_rotated_at).toEqual(expect.any(String));

    const clients = platform.platform.api.oauthClients;
    expect(await clients.authenticate(app.id, app.client_secret!)).toBeNull();
    expect((await clients.authenticate(app.id, rotated.body.client_secret!))?.clientId).toBe(app.id);
    const shown = await call<AppBody>(url(), 'GET', `${BASE}/${app.id}`, { token });
    expect(shown.body).not.toHaveProperty('client_secret');
  });

  it('deletes an app: it is gone from the API and no longer a client', async () => {
    const { token } = await registerAndLogin(url());
    const app = await createApp(token);
    const deleted = await call(url(), 'DELETE', `${BASE}/${app.id}`, { token });
    expect(deleted.status).toBe(204);
    expect(await platform.platform.api.oauthClients.find(app.id)).toBeNull();
    expect((await call(url(), 'GET', `${BASE}/${app.id}`, { token })).status).toBe(404);
    expect((await call(url(), 'DELETE', `${BASE}/${app.id}`, { token })).status).toBe(404);
    expect((await call<{ data: unknown[] }>(url(), 'GET', BASE, { token })).body.data).toEqual([]);
  });

  it('hides another user’s app: every route answers 404 and changes nothing', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const app = await createApp(alice.token);
    const path = `${BASE}/${app.id}`;
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { name: 'stolen' }],
      ['POST', '/rotate-secret', undefined],
      ['DELETE', '', undefined],
    ] as const) {
      const answer = await call<ErrorBody>(url(), method, `${path}${suffix}`, { token: bob.token, body });
      expect({ method, suffix, status: answer.status }).toEqual({ method, suffix, status: 404 });
    }
    expect((await call<{ data: unknown[] }>(url(), 'GET', BASE, { token: bob.token })).body.data).toEqual([]);
    const still = await call<AppBody>(url(), 'GET', path, { token: alice.token });
    expect(still.body).toMatchObject({ name: 'Photo printer', secret_rotated_at: null });
    expect((await platform.platform.api.oauthClients.authenticate(app.id, app.client_secret!))?.clientId).toBe(app.id);
  });

  it('refuses an API token on every app route (403): only a login session manages apps', async () => {
    const { token } = await registerAndLogin(url());
    const app = await createApp(token);
    const { secret } = await createToken(url(), token, {
      scopes: ['files.read', 'files.write', 'shares.manage', 'webhooks.manage', 'audit.read'],
    });
    for (const [method, path, body] of [
      ['POST', BASE, appSettings],
      ['GET', BASE, undefined],
      ['GET', `${BASE}/${app.id}`, undefined],
      ['PATCH', `${BASE}/${app.id}`, { name: 'x' }],
      ['POST', `${BASE}/${app.id}/rotate-secret`, undefined],
      ['DELETE', `${BASE}/${app.id}`, undefined],
    ] as const) {
      const answer = await call(url(), method, path, { token: secret, body });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
    }
    expect((await call<{ data: unknown[] }>(url(), 'GET', BASE, { token })).body.data).toHaveLength(1);
  });
});
