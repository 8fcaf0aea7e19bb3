import { servedPath } from '../../src/api/http/route';
import { isWellFormedApiToken } from '../../src/security/apiTokenSecrets';
import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
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

describe('creating a token', () => {
  it('answers the secret once, with the token under token and api_key', async () => {
    const { token: session } = await registerAndLogin(url());
    const created = await call<{ secret: string; token: Record<string, unknown>; api_key: Record<string, unknown> }>(
      url(),
      'POST',
      '/api/v1/tokens',
      {
        token: session,
        body: { name: 'CI deploys', scopes: ['files.read'], ip_allowlist: ['10.0.0.0/8', '2001:db8::/32'], rate_limit: 500 },
      },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { secret, token, api_key } = created.body;
    expect(secret).toMatch(/^fl_[0-9A-Za-z]{49}$/);
    expect(isWellFormedApiToken(secret)).toBe(true);
    expect(api_key).toEqual(token);
    expect(token).toMatchObject({
      name: 'CI deploys',
      scopes: ['files.read'],
      ip_allowlist: ['10.0.0.0/8', '2001:db8::/32'],
      rate_limit: 500,
      status: 'active',
      expires_at: null,
      request_count: 0,
      last_used_at: null,
      requests_by_status: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    });
    expect(secret.startsWith(token.prefix as string)).toBe(true);

    const listed = await call<{ data: Array<Record<string, unknown>> }>(url(), 'GET', '/api/v1/tokens', { token: session });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: token.id, prefix: token.prefix })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify((await call(url(), 'GET', `/api/v1/tokens/${String(token.id)}`, { token: session })).body)).not.toContain(secret);
  });

  it('defaults to 1,000 requests an hour and no expiry; a later expiry is kept', async () => {
    const { token: session } = await registerAndLogin(url());
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const { id } = await createToken(url(), session, { expires_at: expiresAt });
    const shown = await call(url(), 'GET', `/api/v1/tokens/${id}`, { token: session });
    expect(shown.body).toMatchObject({ rate_limit: 1000, expires_at: expiresAt, ip_allowlist: [] });
  });

  it('serves the seeds’ paths with the same handlers', async () => {
    const { token: session } = await registerAndLogin(url());
    const vrtx = await call<{ api_key: { id: string } }>(url(), 'POST', '/api/v1/api-keys', {
      token: session,
      body: { name: 'vrtx', scopes: ['files.read'] },
    });
    expect(vrtx.status).toBe(201);
    const seed = await call<{ token: { id: string } }>(url(), 'POST', '/api/integrations/tokens', {
      token: session,
      body: { name: 'seed', scopes: ['files.read'] },
    });
    expect(seed.status).toBe(201);
    const listed = await call<{ data: Array<{ id: string }> }>(url(), 'GET', '/api/integrations/tokens', { token: session });
    expect(listed.body.data.map((token) => token.id).sort()).toEqual([vrtx.body.api_key.id, seed.body.token.id].sort());
    expect((await call(url(), 'GET', `/api/v1/api-keys/${seed.body.token.id}`, { token: session })).status).toBe(200);
    expect((await call(url(), 'GET', '/api/integrations/nothing-here', { token: session })).status).toBe(404);
  });
});

describe('authenticating with a token', () => {
  it('accepts Authorization: Bearer, X-API-Key and ?api_key=', async () => {
    const { token: session, id: userId } = await registerAndLogin(url());
    const { secret } = await createToken(url(), session);
    const me = (headers: Record<string, string>, query = '') => call(url(), 'GET', `/api/v1/users/me${query}`, { headers });
    expect((await me({ authorization: `Bearer ${secret}` })).body).toMatchObject({ id: userId });
    expect((await me({ 'x-api-key': secret })).body).toMatchObject({ id: userId });
    expect((await me({}, `?api_key=${secret}`)).body).toMatchObject({ id: userId });
  });

  it('answers 401 for an unknown, mistyped or malformed token', async () => {
    const { token: session } = await registerAndLogin(url());
    const { secret } = await createToken(url(), session);
    const mistyped = `${secret.slice(0, 10)}${secret[10] === 'a' ? 'b' : 'a'}${secret.slice(11)}`;
    for (const wrong of [mistyped, 'fl_short', `${secret}x`, secret.replace('fl_', 'gh_')]) {
      const response = await call(url(), 'GET', '/api/v1/users/me', { token: wrong });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: { code: 'unauthorized', message: 'the credentials are invalid or expired' } });
    }
    const twice = await call(url(), 'GET', `/api/v1/users/me?api_key=${secret}&api_key=${secret}`);
    expect(twice.status).toBe(401);
    expect(twice.body).toMatchObject({ error: { message: 'the credentials are invalid or expired' } });
  });

  it('refuses to let a token manage tokens', async () => {
    const { token: session } = await registerAndLogin(url());
    const { id, secret } = await createToken(url(), session);
    const attempts: Array<[string, string, unknown?]> = [
      ['POST', '/api/v1/tokens', { name: 'escalate', scopes: ['files.read'] }],
      ['GET', '/api/v1/tokens'],
      ['GET', `/api/v1/tokens/${id}`],
      ['PATCH', `/api/v1/tokens/${id}`, { name: 'renamed' }],
      ['POST', `/api/v1/tokens/${id}/regenerate`],
      ['POST', `/api/v1/tokens/${id}/revoke`],
      ['DELETE', `/api/v1/tokens/${id}`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await call(url(), method, path, { token: secret, body });
      expect([method, path, response.status]).toEqual([method, path, 403]);
      expect(response.body).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('login session') } });
    }
  });
});

describe('scopes', () => {
  it('refuses every scoped route to a token without its scope, naming the scope', async () => {
    const { token: session } = await registerAndLogin(url());
    const scoped = platform.routes.filter((route) => !['public', 'user', 'session'].includes(route.access));
    expect(scoped.length).toBeGreaterThan(5);
    const scopes = [...new Set(scoped.map((route) => route.access))];
    for (const scope of scopes) {
      // files.write carries files.read, so a token without files.read cannot have files.write either.
      const carriers = scope === 'files.read' ? [scope, 'files.write'] : [scope];
      const others = ['files.read', 'files.write', 'shares.manage', 'webhooks.manage', 'audit.read'].filter(
        (other) => !carriers.includes(other),
      );
      const { secret } = await createToken(url(), session, { scopes: others });
      for (const route of scoped.filter((candidate) => candidate.access === scope)) {
        const path = servedPath(route).replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000');
        const response = await call(url(), route.method.toUpperCase(), path, { token: secret });
        expect([route.method, route.path, response.status]).toEqual([route.method, route.path, 403]);
        expect(response.body).toMatchObject({ error: { code: 'forbidden', message: `this call needs the ${scope} scope` } });
      }
    }
  });

  it('lets a token do what its scopes allow; files.write carries files.read', async () => {
    const { token: session } = await registerAndLogin(url());
    const reader = await createToken(url(), session, { scopes: ['files.read'] });
    const writer = await createToken(url(), session, { scopes: ['files.write'] });
    const created = await call<{ id: string }>(url(), 'POST', '/api/v1/folders', { token: writer.secret, body: { name: 'by token' } });
    expect(created.status).toBe(201);
    const listed = await call<{ data: Array<{ id: string }> }>(url(), 'GET', '/api/v1/folders', { token: reader.secret });
    expect(listed.body.data.map((folder) => folder.id)).toEqual([created.body.id]);
    expect((await call(url(), 'POST', '/api/v1/folders', { token: reader.secret, body: { name: 'no' } })).status).toBe(403);
    expect((await call(url(), 'GET', `/api/v1/folders/${created.body.id}`, { token: writer.secret })).status).toBe(200);
    const auditor = await createToken(url(), session, { scopes: ['audit.read'] });
    expect((await call(url(), 'GET', `/api/v1/folders/${created.body.id}`, { token: auditor.secret })).status).toBe(403);
  });
});

describe('changing a token', () => {
  it('takes IPv4-mapped blocks as the IPv4 blocks they map', async () => {
    const { token: session } = await registerAndLogin(url());
    const { secret } = await createToken(url(), session, { ip_allowlist: ['::ffff:127.0.0.0/104'] });
    expect((await call(url(), 'GET', '/api/v1/users/me', { token: secret })).status).toBe(200);
  });

  it('stops a revoked or regenerated secret at once on the process that made the change', async () => {
    const { token: session } = await registerAndLogin(url());
    const revoked = await createToken(url(), session);
    const regenerated = await createToken(url(), session);
    for (const { secret } of [revoked, regenerated])
      expect((await call(url(), 'GET', '/api/v1/users/me', { token: secret })).status).toBe(200);
    await call(url(), 'POST', `/api/v1/tokens/${revoked.id}/revoke`, { token: session });
    await call(url(), 'POST', `/api/v1/tokens/${regenerated.id}/regenerate`, { token: session });
    for (const { secret } of [revoked, regenerated])
      expect((await call(url(), 'GET', '/api/v1/users/me', { token: secret })).status).toBe(401);
  });

  it('PATCH changes the fields given; PUT replaces them all', async () => {
    const { token: session } = await registerAndLogin(url());
    const { id } = await createToken(url(), session, { rate_limit: 50, ip_allowlist: ['127.0.0.1'] });
    const patched = await call(url(), 'PATCH', `/api/v1/tokens/${id}`, {
      token: session,
      body: { name: 'renamed', scopes: ['audit.read'] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'renamed', scopes: ['audit.read'], rate_limit: 50, ip_allowlist: ['127.0.0.1'] });
    const put = await call(url(), 'PUT', `/api/v1/tokens/${id}`, { token: session, body: { name: 'replaced', scopes: ['files.read'] } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'replaced', scopes: ['files.read'], rate_limit: 1000, ip_allowlist: [], expires_at: null });
  });

  it('answers another user’s token as not found, for every operation', async () => {
    const owner = await registerAndLogin(url());
    const stranger = await registerAndLogin(url());
    const { id, secret } = await createToken(url(), owner.token);
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/tokens/${id}`],
      ['PATCH', `/api/v1/tokens/${id}`, { name: 'mine now' }],
      ['PUT', `/api/v1/tokens/${id}`, { name: 'mine now', scopes: ['files.read'] }],
      ['POST', `/api/v1/tokens/${id}/regenerate`],
      ['POST', `/api/v1/tokens/${id}/revoke`],
      ['DELETE', `/api/v1/tokens/${id}`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await call(url(), method, path, { token: stranger.token, body });
      expect([method, response.status]).toEqual([method, 404]);
    }
    expect((await call(url(), 'GET', '/api/v1/users/me', { token: secret })).status).toBe(200);
    expect((await call<{ data: unknown[] }>(url(), 'GET', '/api/v1/tokens', { token: stranger.token })).body.data).toEqual([]);
  });

  it('refuses to change or regenerate a revoked token, and deletes it from the list', async () => {
    const { token: session } = await registerAndLogin(url());
    const { id } = await createToken(url(), session);
    expect((await call(url(), 'POST', `/api/v1/tokens/${id}/revoke`, { token: session })).body).toMatchObject({ status: 'revoked' });
    expect((await call(url(), 'POST', `/api/v1/tokens/${id}/revoke`, { token: session })).status).toBe(200);
    expect((await call(url(), 'PATCH', `/api/v1/tokens/${id}`, { token: session, body: { name: 'x' } })).status).toBe(409);
    expect((await call(url(), 'POST', `/api/v1/tokens/${id}/regenerate`, { token: session })).status).toBe(409);
    expect((await call(url(), 'DELETE', `/api/v1/tokens/${id}`, { token: session })).status).toBe(204);
    expect((await call(url(), 'GET', `/api/v1/tokens/${id}`, { token: session })).status).toBe(404);
    expect((await call(url(), 'DELETE', `/api/v1/tokens/${id}`, { token: session })).status).toBe(404);
  });
});

describe('bad input on the token routes', () => {
  const badBodies: Array<[string, unknown]> = [
    ['no name', { scopes: ['files.read'] }],
    ['empty name', { name: ' ', scopes: ['files.read'] }],
    ['no scopes', { name: 'x' }],
    ['empty scopes', { name: 'x', scopes: [] }],
    ['an unknown scope', { name: 'x', scopes: ['files.admin'] }],
    ['a repeated scope', { name: 'x', scopes: ['files.read', 'files.read'] }],
    ['a bad CIDR', { name: 'x', scopes: ['files.read'], ip_allowlist: ['10.0.0.0/33'] }],
    ['not an address', { name: 'x', scopes: ['files.read'], ip_allowlist: ['localhost'] }],
    ['a mapped block too wide', { name: 'x', scopes: ['files.read'], ip_allowlist: ['::ffff:10.0.0.0/95'] }],
    ['a zero rate limit', { name: 'x', scopes: ['files.read'], rate_limit: 0 }],
    ['a fractional rate limit', { name: 'x', scopes: ['files.read'], rate_limit: 1.5 }],
    ['a past expiry', { name: 'x', scopes: ['files.read'], expires_at: '2020-01-01T00:00:00Z' }],
    ['a bad expiry', { name: 'x', scopes: ['files.read'], expires_at: 'tomorrow' }],
    ['an unknown field', { name: 'x', scopes: ['files.read'], admin: true }],
    ['an array', [{ name: 'x' }]],
  ];

  it.each(badBodies)('POST with %s answers 400', async (_case, body) => {
    const { token: session } = await registerAndLogin(url());
    const response = await call(url(), 'POST', '/api/v1/tokens', { token: session, body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'validation_error' }, request_id: expect.any(String) });
    expect((await call<{ data: unknown[] }>(url(), 'GET', '/api/v1/tokens', { token: session })).body.data).toEqual([]);
  });

  it('refuses an empty PATCH, a bad id, a bad page, and an unknown query parameter', async () => {
    const { token: session } = await registerAndLogin(url());
    const { id } = await createToken(url(), session);
    const cases: Array<[string, string, unknown?]> = [
      ['PATCH', `/api/v1/tokens/${id}`, {}],
      ['PATCH', `/api/v1/tokens/${id}`, { expires_at: '2001-01-01T00:00:00Z' }],
      ['GET', '/api/v1/tokens/not-a-uuid'],
      ['POST', '/api/v1/tokens/not-a-uuid/revoke'],
      ['GET', '/api/v1/tokens?limit=0'],
      ['GET', '/api/v1/tokens?limit=101'],
      ['GET', '/api/v1/tokens?cursor=garbage'],
      ['GET', '/api/v1/tokens?status=active'],
    ];
    for (const [method, path, body] of cases) {
      const response = await call(url(), method, path, { token: session, body });
      expect([method, path, response.status]).toEqual([method, path, 400]);
    }
    const raw = await call(url(), 'POST', '/api/v1/tokens', {
      token: session,
      raw: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
  });

  it('pages the list with a cursor', async () => {
    const { token: session } = await registerAndLogin(url());
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await createToken(url(), session, { name: `t${index}` })).id);
    const first = await call<{ data: Array<{ id: string }>; page: { next_cursor: string } }>(url(), 'GET', '/api/v1/tokens?limit=2', {
      token: session,
    });
    const second = await call<{ data: Array<{ id: string }>; page: { has_more: boolean } }>(
      url(),
      'GET',
      `/api/v1/tokens?limit=2&cursor=${first.body.page.next_cursor}`,
      { token: session },
    );
    expect([...first.body.data, ...second.body.data].map((token) => token.id)).toEqual([...ids].reverse());
    expect(second.body.page.has_more).toBe(false);
  });
});

describe('usage on the token', () => {
  it('counts the requests made with it, by status class, with when and from where (read-your-writes)', async () => {
    const { token: session } = await registerAndLogin(url());
    const { id, secret } = await createToken(url(), session);
    for (let request = 0; request < 3; request++)
      expect((await call(url(), 'GET', '/api/v1/users/me', { token: secret })).status).toBe(200);
    expect((await call(url(), 'GET', '/api/v1/folders/00000000-0000-4000-8000-000000000000', { token: secret })).status).toBe(404);
    const shown = await call(url(), 'GET', `/api/v1/tokens/${id}`, { token: session });
    expect(shown.body).toMatchObject({
      request_count: 4,
      last_used_at: expect.any(String),
      last_used_ip: expect.stringMatching(/127\.0\.0\.1/),
      requests_by_status: { '2xx': 3, '3xx': 0, '4xx': 1, '5xx': 0 },
    });
    const listed = await call<{ data: Array<{ id: string; request_count: number }> }>(url(), 'GET', '/api/v1/tokens', { token: session });
    expect(listed.body.data.find((token) => token.id === id)?.request_count).toBe(4);
  });
});
