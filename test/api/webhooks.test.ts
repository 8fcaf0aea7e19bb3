import { readFileSync } from 'node:fs';
import { isBodyOptional, servedPath } from '../../src/api/http/route';
import { WebhookCommands } from '../../src/commands/webhooks/webhookCommands';
import { VALID_EVENT_SELECTORS } from '../../src/domain/webhook/eventSelectors';
import { WEBHOOK_HEALTH } from '../../src/projections/deliveries/webhookHealthProjection';
import { webhookById } from '../../src/projections/webhooks/webhookQueries';
import { openSigningSecrets, WebhookSecretBox } from '../../src/security/webhookSecrets';
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
const BASE = '/api/v1/webhooks';
const HOUR_MS = 3_600_000;

interface WebhookBody {
  id: string;
  secret?: string;
  enabled: boolean;
  disabled_reason: string | null;
  previous_secret_expires_at: string | null;
  health: { state: string };
  [field: string]: unknown;
}
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> };
}

async function createWebhook(token: string, body: Record<string, unknown> = {}) {
  const created = await call<WebhookBody>(url(), 'POST', BASE, {
    token,
    body: { url: 'https://example.com/hooks', events: ['upload.completed'], ...body },
  });
  if (created.status !== 201) throw new Error(`webhook creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as WebhookBody & { secret: string };
}

const errorPaths = (body: unknown) => (body as ErrorBody).error.details.map((detail) => detail.path);

describe('registering a webhook', () => {
  it('answers the webhook with its secret once, with the seed’s defaults', async () => {
    const { token } = await registerAndLogin(url());
    const created = await call<WebhookBody>(url(), 'POST', BASE, {
      token,
      body: { url: 'https://example.com/hooks', events: ['upload.completed', 'file.*'], name: 'uploads' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { secret, ...webhook } = created.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toEqual({
      id: expect.any(String),
      url: 'https://example.com/hooks',
      events: ['upload.completed', 'file.*'],
      name: 'uploads',
      description: null,
      rate_limit_per_minute: 100,
      max_concurrency: 10,
      ordering: 'none',
      verify_ssl: true,
      enabled: true,
      disabled_reason: null,
      disabled_at: null,
      previous_secret_expires_at: null,
      health: { state: 'enabled', success_rate_24h: null, last_success_at: null, consecutive_failures: 0, failing_since: null },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const shown = await call<WebhookBody>(url(), 'GET', `${BASE}/${webhook.id}`, { token });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(webhook);
    const listed = await call<{ data: WebhookBody[] }>(url(), 'GET', BASE, { token });
    expect(listed.body.data).toEqual([webhook]);
    expect(JSON.stringify(listed.body) + JSON.stringify(shown.body)).not.toContain(secret!);
  });

  it('keeps the secret sealed: it is nowhere in the data directory', async () => {
    const { token } = await registerAndLogin(url());
    const { secret } = await createWebhook(token);
    const base64Part = secret.slice('whsec_'.length);
    for (const file of filesUnder(platform.dataDir)) expect(readFileSync(file).includes(base64Part)).toBe(false);
  });

  it('takes every setting, and serves the Filora seed’s path with the same handler', async () => {
    const { token } = await registerAndLogin(url());
    const seed = await call<WebhookBody>(url(), 'POST', '/api/integrations/webhooks/', {
      token,
      body: { url: 'https://your-app.com/webhooks/filora', events: ['upload.completed', 'file.deleted'] },
    });
    expect(seed.status).toBe(201);
    const full = await createWebhook(token, {
      url: 'http://hooks.example.org:8080/in?team=1',
      events: ['*'],
      name: 'all',
      description: 'everything',
      rate_limit_per_minute: 5,
      max_concurrency: 1,
      ordering: 'per_resource',
      verify_ssl: false,
      enabled: false,
    });
    expect(full).toMatchObject({
      url: 'http://hooks.example.org:8080/in?team=1',
      events: ['*'],
      description: 'everything',
      rate_limit_per_minute: 5,
      max_concurrency: 1,
      ordering: 'per_resource',
      verify_ssl: false,
      enabled: false,
      health: { state: 'disabled' },
    });
    const listed = await call<{ data: WebhookBody[] }>(url(), 'GET', '/api/integrations/webhooks', { token });
    expect(listed.body.data.map((webhook) => webhook.id)).toEqual([full.id, seed.body.id]);
  });

  it('accepts aliases and wildcards, and answers an unknown event with the valid ones', async () => {
    const { token } = await registerAndLogin(url());
    await createWebhook(token, { events: ['file.created', 'file.shared', 'folder.*', 'share.revoked'] });
    const refused = await call<ErrorBody>(url(), 'POST', BASE, {
      token,
      body: { url: 'https://example.com/hooks', events: ['upload.completed', 'file.exploded'] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_error');
    const [detail] = refused.body.error.details;
    expect(detail!.path).toBe('body.events.1');
    expect(detail!.message).toContain("unknown event 'file.exploded'");
    for (const valid of VALID_EVENT_SELECTORS) expect(detail!.message).toContain(valid);
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const { token } = await registerAndLogin(url());
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ events: ['upload.completed'] }, 'body.url'],
      [{ url: 'not a url', events: ['upload.completed'] }, 'body.url'],
      [{ url: 'ftp://example.com/x', events: ['upload.completed'] }, 'body.url'],
      [{ url: 'http:///x', events: ['upload.completed'] }, 'body.url'],
      [{ url: 'https:/example.com/x', events: ['upload.completed'] }, 'body.url'],
      [{ url: 'https://user:pw@example.com/x', events: ['upload.completed'] }, 'body.url'],
      [{ url: 'https://token@example.com/x', events: ['upload.completed'] }, 'body.url'],
      [{ url: 'https://example.com' }, 'body.events'],
      [{ url: 'https://example.com', events: [] }, 'body.events'],
      [{ url: 'https://example.com', events: ['file.*', 'file.*'] }, 'body.events'],
      [{ url: 'https://example.com', events: 'upload.completed' }, 'body.events'],
      [{ url: 'https://example.com', events: ['*'], rate_limit_per_minute: 0 }, 'body.rate_limit_per_minute'],
      [{ url: 'https://example.com', events: ['*'], rate_limit_per_minute: 1.5 }, 'body.rate_limit_per_minute'],
      [{ url: 'https://example.com', events: ['*'], max_concurrency: 1000 }, 'body.max_concurrency'],
      [{ url: 'https://example.com', events: ['*'], ordering: 'strict' }, 'body.ordering'],
      [{ url: 'https://example.com', events: ['*'], verify_ssl: 'no' }, 'body.verify_ssl'],
      [{ url: 'https://example.com', events: ['*'], secret: 'mine' }, 'body'],
    ];
    for (const [body, path] of cases) {
      const refused = await call(url(), 'POST', BASE, { token, body });
      expect({ body, status: refused.status, paths: errorPaths(refused.body) }).toEqual({ body, status: 400, paths: [path] });
    }
    expect((await call<{ data: unknown[] }>(url(), 'GET', BASE, { token })).body.data).toEqual([]);
  });

  it('needs a host written in the URL, and no credentials in it', async () => {
    const { token } = await registerAndLogin(url());
    const refusal = async (webhookUrl: string) =>
      (await call<ErrorBody>(url(), 'POST', BASE, { token, body: { url: webhookUrl, events: ['*'] } })).body.error.details;
    expect(await refusal('http:///x')).toEqual([{ path: 'body.url', message: expect.stringMatching(/expected a host/) }]);
    expect(await refusal('https://user:pw@example.com/x')).toEqual([{ path: 'body.url', message: expect.stringMatching(/credentials/) }]);
    const accepted = await createWebhook(token, { url: 'https://example.com:8443/hooks?key=a@b' });
    expect(accepted.url).toBe('https://example.com:8443/hooks?key=a@b');
    const changed = await call<ErrorBody>(url(), 'PATCH', `${BASE}/${accepted.id}`, { token, body: { url: 'http://a:b@example.com/' } });
    expect({ status: changed.status, paths: errorPaths(changed.body) }).toEqual({ status: 400, paths: ['body.url'] });
  });

  it('allows at most 50 webhooks per user', async () => {
    const { token } = await registerAndLogin(url());
    for (let n = 0; n < 50; n++) await createWebhook(token);
    const refused = await call<ErrorBody>(url(), 'POST', BASE, { token, body: { url: 'https://example.com', events: ['*'] } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/at most 50 webhooks/);
  });
});

describe('listing webhooks', () => {
  it('pages newest first with a cursor, and refuses a bad limit or cursor', async () => {
    const { token } = await registerAndLogin(url());
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push((await createWebhook(token, { name: `hook ${n}` })).id);
    const first = await call<{ data: WebhookBody[]; page: { next_cursor: string; has_more: boolean; limit: number } }>(
      url(),
      'GET',
      `${BASE}?limit=2`,
      { token },
    );
    expect(first.body.data.map((webhook) => webhook.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.page).toMatchObject({ limit: 2, has_more: true });
    const second = await call<{ data: WebhookBody[]; page: { has_more: boolean } }>(
      url(),
      'GET',
      `${BASE}?limit=2&cursor=${first.body.page.next_cursor}`,
      { token },
    );
    expect(second.body.data.map((webhook) => webhook.id)).toEqual([ids[0]]);
    expect(second.body.page.has_more).toBe(false);
    expect(first.body.data.map((webhook) => webhook.health.state)).toEqual(['enabled', 'enabled']);

    for (const [query, path] of [
      ['limit=101', 'query.limit'],
      ['limit=0', 'query.limit'],
      ['cursor=garbage', 'query.cursor'],
      ['sort=name', 'query'],
    ]) {
      const refused = await call(url(), 'GET', `${BASE}?${query}`, { token });
      expect({ query, status: refused.status, paths: errorPaths(refused.body) }).toEqual({ query, status: 400, paths: [path] });
    }
  });

  it('reads the health of a whole page in one query', async () => {
    const { token } = await registerAndLogin(url());
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push((await createWebhook(token)).id);
    const { position } = await platform.platform.container.resolve(WebhookCommands).disableWebhook(ids[0]!, 'gone');
    // Caught up first, so that no projection reads the health rows while the list is counted.
    expect((await call(url(), 'GET', `${BASE}/${ids[0]}?after_position=${position}`, { token })).headers.get('x-filora-stale')).toBeNull();
    const { readStore } = platform.platform;
    const get = jest.spyOn(readStore, 'get');
    const find = jest.spyOn(readStore, 'find');
    const healthReads = () => [...get.mock.calls, ...find.mock.calls].filter(([collection]) => collection === WEBHOOK_HEALTH).length;
    try {
      const listed = await call<{ data: WebhookBody[] }>(url(), 'GET', BASE, { token });
      expect(listed.body.data.map((webhook) => [webhook.id, webhook.health.state])).toEqual([
        [ids[2], 'enabled'],
        [ids[1], 'enabled'],
        [ids[0], 'disabled'],
      ]);
      expect(healthReads()).toBe(1);
    } finally {
      get.mockRestore();
      find.mockRestore();
    }
  });
});

describe('changing a webhook', () => {
  it('PATCH changes only the fields sent; enabled false disables with a reason, true re-enables', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token, { name: 'before' });
    const patched = await call<WebhookBody>(url(), 'PATCH', `${BASE}/${webhook.id}`, {
      token,
      body: { name: 'after', events: ['file.*'], rate_limit_per_minute: 30 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'after', events: ['file.*'], rate_limit_per_minute: 30, url: 'https://example.com/hooks' });

    const disabled = await call<WebhookBody>(url(), 'PATCH', `${BASE}/${webhook.id}`, { token, body: { enabled: false } });
    expect(disabled.body).toMatchObject({ enabled: false, disabled_reason: 'disabled by its owner', health: { state: 'disabled' } });
    const enabled = await call<WebhookBody>(url(), 'PATCH', `${BASE}/${webhook.id}`, { token, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null, health: { state: 'enabled' } });
  });

  it('PUT replaces every setting; those left out take their defaults (enabled excepted)', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token, { name: 'named', rate_limit_per_minute: 7, ordering: 'per_resource' });
    const replaced = await call<WebhookBody>(url(), 'PUT', `${BASE}/${webhook.id}`, {
      token,
      body: { url: 'https://example.com/other', events: ['folder.created'] },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      url: 'https://example.com/other',
      events: ['folder.created'],
      name: null,
      rate_limit_per_minute: 100,
      ordering: 'none',
    });
  });

  it('PUT without enabled keeps a webhook the platform disabled off; only enabled true turns it back on', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token);
    const { position } = await platform.platform.container
      .resolve(WebhookCommands)
      .disableWebhook(webhook.id, 'the endpoint answered 410 Gone');
    const settings = { url: 'https://example.com/moved', events: ['*'] };
    const replaced = await call<WebhookBody>(url(), 'PUT', `${BASE}/${webhook.id}?after_position=${position}`, { token, body: settings });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      url: 'https://example.com/moved',
      enabled: false,
      disabled_reason: 'the endpoint answered 410 Gone',
      health: { state: 'disabled' },
    });
    const enabled = await call<WebhookBody>(url(), 'PUT', `${BASE}/${webhook.id}`, { token, body: { ...settings, enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabled_reason: null, health: { state: 'enabled' } });
    const stillEnabled = await call<WebhookBody>(url(), 'PUT', `${BASE}/${webhook.id}`, { token, body: settings });
    expect(stillEnabled.body).toMatchObject({ enabled: true });
    const off = await call<WebhookBody>(url(), 'PUT', `${BASE}/${webhook.id}`, { token, body: { ...settings, enabled: false } });
    expect(off.body).toMatchObject({ enabled: false, disabled_reason: 'disabled by its owner' });
  });

  it('refuses bad changes with a 400 naming the field', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token);
    const cases: Array<[string, string, unknown, string]> = [
      ['PATCH', `${BASE}/${webhook.id}`, {}, 'body'],
      ['PATCH', `${BASE}/${webhook.id}`, { events: ['nope'] }, 'body.events.0'],
      ['PATCH', `${BASE}/${webhook.id}`, { url: 'javascript:alert(1)' }, 'body.url'],
      ['PATCH', `${BASE}/${webhook.id}`, { enabled: 'yes' }, 'body.enabled'],
      ['PATCH', `${BASE}/not-a-uuid`, { name: 'x' }, 'params.id'],
      ['PUT', `${BASE}/${webhook.id}`, { events: ['*'] }, 'body.url'],
      ['PUT', `${BASE}/${webhook.id}`, { url: 'https://example.com' }, 'body.events'],
    ];
    for (const [method, path, body, errorPath] of cases) {
      const refused = await call(url(), method, path, { token, body });
      expect({ method, body, status: refused.status, paths: errorPaths(refused.body) }).toEqual({
        method,
        body,
        status: 400,
        paths: [errorPath],
      });
    }
    const unchanged = await call<WebhookBody>(url(), 'GET', `${BASE}/${webhook.id}`, { token });
    expect(unchanged.body).toMatchObject({ events: ['upload.completed'], url: 'https://example.com/hooks', enabled: true });
  });

  it('shows a webhook the dispatcher disabled with its reason', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token);
    const commands = platform.platform.container.resolve(WebhookCommands);
    const { position } = await commands.disableWebhook(webhook.id, 'the endpoint answered 410 Gone');
    expect((await commands.disableWebhook(webhook.id, 'again')).position).toBeNull();
    const shown = await call<WebhookBody>(url(), 'GET', `${BASE}/${webhook.id}?after_position=${position}`, { token });
    expect(shown.body).toMatchObject({
      enabled: false,
      disabled_reason: 'the endpoint answered 410 Gone',
      disabled_at: expect.any(String),
      health: { state: 'disabled' },
    });
  });
});

describe('rotating the secret', () => {
  const box = () => platform.platform.container.resolve(WebhookSecretBox);
  const signingSecrets = async (webhookId: string, at: Date) =>
    openSigningSecrets(box(), (await webhookById(platform.platform.readStore, webhookId))!.secrets, at);

  it('answers a new secret; the previous one keeps signing beside it for 24 h', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token);
    const before = Date.now();
    const rotated = await call<WebhookBody>(url(), 'POST', `${BASE}/${webhook.id}/rotate-secret`, { token });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    const expiresAt = Date.parse(rotated.body.previous_secret_expires_at!);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 24 * HOUR_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 24 * HOUR_MS);

    expect(await signingSecrets(webhook.id, new Date())).toEqual([rotated.body.secret, webhook.secret]);
    expect(await signingSecrets(webhook.id, new Date(expiresAt))).toEqual([rotated.body.secret]);
    const shown = await call<WebhookBody>(url(), 'GET', `${BASE}/${webhook.id}`, { token });
    expect(shown.body.previous_secret_expires_at).toBe(rotated.body.previous_secret_expires_at);
    expect(JSON.stringify(shown.body)).not.toContain(rotated.body.secret);
  });

  it('takes expire_previous_in seconds, 0 ending the previous secret at once', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token);
    const hour = await call<WebhookBody>(url(), 'POST', `${BASE}/${webhook.id}/rotate-secret`, {
      token,
      body: { expire_previous_in: 3600 },
    });
    expect(Date.parse(hour.body.previous_secret_expires_at!) - Date.now()).toBeLessThanOrEqual(HOUR_MS);
    expect(Date.parse(hour.body.previous_secret_expires_at!) - Date.now()).toBeGreaterThan(HOUR_MS - 60_000);
    const now = await call<WebhookBody>(url(), 'POST', `${BASE}/${webhook.id}/rotate-secret`, { token, body: { expire_previous_in: 0 } });
    expect(now.body.previous_secret_expires_at).toBeNull();
    expect(await signingSecrets(webhook.id, new Date())).toEqual([now.body.secret]);
  });

  it('refuses a bad expire_previous_in with a 400', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token);
    for (const body of [{ expire_previous_in: -1 }, { expire_previous_in: 'soon' }, { expire_previous_in: 8 * 86_400 }, { other: 1 }]) {
      const refused = await call(url(), 'POST', `${BASE}/${webhook.id}/rotate-secret`, { token, body });
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
    }
    expect((await call(url(), 'POST', `${BASE}/nope/rotate-secret`, { token })).status).toBe(400);
  });
});

describe('deleting a webhook', () => {
  it('answers 204, then the webhook is gone', async () => {
    const { token } = await registerAndLogin(url());
    const webhook = await createWebhook(token);
    const deleted = await call(url(), 'DELETE', `${BASE}/${webhook.id}`, { token });
    expect(deleted.status).toBe(204);
    expect((await call(url(), 'GET', `${BASE}/${webhook.id}`, { token })).status).toBe(404);
    expect((await call(url(), 'DELETE', `${BASE}/${webhook.id}`, { token })).status).toBe(404);
    expect((await call<{ data: unknown[] }>(url(), 'GET', BASE, { token })).body.data).toEqual([]);
    expect((await call(url(), 'DELETE', `${BASE}/not-a-uuid`, { token })).status).toBe(400);
  });
});

describe('access', () => {
  it('answers 404 for another user’s webhook on every route, and lists only one’s own', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const webhook = await createWebhook(alice.token);
    const attempts: Array<[string, string, unknown]> = [
      ['GET', `${BASE}/${webhook.id}`, undefined],
      ['PATCH', `${BASE}/${webhook.id}`, { name: 'mine' }],
      ['PUT', `${BASE}/${webhook.id}`, { url: 'https://evil.example.com', events: ['*'] }],
      ['POST', `${BASE}/${webhook.id}/rotate-secret`, undefined],
      ['DELETE', `${BASE}/${webhook.id}`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await call<ErrorBody>(url(), method, path, { token: bob.token, body });
      expect({ method, status: answer.status, code: answer.body.error.code }).toEqual({ method, status: 404, code: 'not_found' });
    }
    expect((await call<{ data: unknown[] }>(url(), 'GET', BASE, { token: bob.token })).body.data).toEqual([]);
    const unchanged = await call<WebhookBody>(url(), 'GET', `${BASE}/${webhook.id}`, { token: alice.token });
    expect(unchanged.body).toMatchObject({ url: 'https://example.com/hooks', name: null });
  });

  it('needs the webhooks.manage scope from an API token, and a credential at all', async () => {
    const { token: session } = await registerAndLogin(url());
    const filesOnly = await createToken(url(), session, { scopes: ['files.read', 'files.write'] });
    const refused = await call<ErrorBody>(url(), 'POST', BASE, {
      token: filesOnly.secret,
      body: { url: 'https://example.com', events: ['*'] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('webhooks.manage');
    expect((await call(url(), 'GET', BASE, { token: filesOnly.secret })).status).toBe(403);

    const manager = await createToken(url(), session, { scopes: ['webhooks.manage'] });
    const webhook = await createWebhook(manager.secret);
    expect((await call(url(), 'GET', `${BASE}/${webhook.id}`, { token: session })).status).toBe(200);
    expect((await call(url(), 'DELETE', `${BASE}/${webhook.id}`, { token: manager.secret })).status).toBe(204);
    expect((await call(url(), 'GET', BASE)).status).toBe(401);
  });
});

describe('the route table', () => {
  it('lets only rotate-secret (and test) be called without a body, and documents that', async () => {
    const optional = platform.routes.filter((route) => isBodyOptional(route) && !route.deprecated).map(servedPath);
    expect(optional).toContain('/api/v1/webhooks/:id/rotate-secret');
    // POST /webhooks/{id}/test (testRoute.ts, another file's) may take no body too.
    expect(optional.filter((path) => !path.endsWith('/rotate-secret') && !path.endsWith('/test'))).toEqual([]);
    const openApi = await call<{ paths: Record<string, Record<string, { requestBody?: { required: boolean } }>> }>(
      url(),
      'GET',
      '/api/v1/openapi.json',
    );
    expect(openApi.body.paths['/api/v1/webhooks/{id}/rotate-secret']?.post?.requestBody?.required).toBe(false);
    expect(openApi.body.paths['/api/v1/webhooks']?.post?.requestBody?.required).toBe(true);
  });
});
