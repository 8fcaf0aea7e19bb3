import type { Scope } from '../../src/domain/access/scopes';
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
const GRANTS = '/api/v1/oauth/grants';
const APPS = '/api/v1/oauth/apps';
const REDIRECT = 'https://printer.example.com/callback';

interface GrantBody {
  id: string;
  app_id: string;
  app_name: string | null;
  scopes: string[];
  last_used_at: string | null;
  active_families: number;
  revoked_at: string | null;
  [field: string]: unknown;
}
interface Page<T> {
  data: T[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}

async function createApp(token: string, name = 'Photo printer') {
  const created = await call<{ id: string }>(url(), 'POST', APPS, {
    token,
    body: { name, redirect_uris: [REDIRECT], scopes: ['files.read', 'files.write'] },
  });
  if (created.status !== 201) throw new Error(`app creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** What the consent page and the token endpoint do (O3's protocol), through the grants port: consent, code, first refresh token. */
async function consent(userId: string, appId: string, scopes: Scope[], redeem = true) {
  const { oauthClients, oauthGrants } = platform.platform.api;
  const client = (await oauthClients.find(appId))!;
  const input = { userId, client, scopes, redirectUri: REDIRECT, codeChallenge: null, codeChallengeMethod: null };
  const { code } = await oauthGrants.issueCode(input, { actor: userId });
  if (!redeem) return;
  const record = (await oauthGrants.findCode(code, {}))!;
  expect(await oauthGrants.spendCode(code, {})).toBe(true);
  const issued = await oauthGrants.issueRefreshToken({ holder: record.holder, fromCode: code, scopes }, {});
  return { holder: record.holder, issued };
}

/** The grants list after the read models caught up with `position`. */
const listAfter = (token: string, position: string) =>
  call<Page<GrantBody>>(url(), 'GET', `${GRANTS}?after_position=${encodeURIComponent(position)}`, { token });

describe('the grants a user has given', () => {
  it('lists the apps a user authorized, with the app’s name, scopes, last use and live token families', async () => {
    const owner = await registerAndLogin(url());
    const user = await registerAndLogin(url());
    const printer = await createApp(owner.token);
    const backup = await createApp(owner.token, 'Backup');
    await consent(user.id, printer, ['files.read']);
    const { issued } = (await consent(user.id, backup, ['files.read', 'files.write']))!;

    const listed = await listAfter(user.token, issued.position);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      {
        id: expect.any(String),
        app_id: backup,
        app_name: 'Backup',
        scopes: ['files.read', 'files.write'],
        created_at: expect.any(String),
        updated_at: expect.any(String),
        last_used_at: expect.any(String),
        active_families: 1,
        revoked_at: null,
      },
      expect.objectContaining({ app_id: printer, app_name: 'Photo printer', scopes: ['files.read'], active_families: 1 }),
    ]);
    const one = await call<GrantBody>(url(), 'GET', `${GRANTS}/${listed.body.data[1]!.id}`, { token: user.token });
    expect(one.body).toEqual(listed.body.data[1]);

    const paged = await call<Page<GrantBody>>(url(), 'GET', `${GRANTS}?limit=1`, { token: user.token });
    expect(paged.body.data.map((grant) => grant.app_id)).toEqual([backup]);
    expect(paged.body.page.has_more).toBe(true);
    const next = await call<Page<GrantBody>>(url(), 'GET', `${GRANTS}?limit=1&cursor=${paged.body.page.next_cursor}`, {
      token: user.token,
    });
    expect(next.body.data.map((grant) => grant.app_id)).toEqual([printer]);
    expect(next.body.page.has_more).toBe(false);

    // The app's owner authorized nothing.
    expect((await call<Page<GrantBody>>(url(), 'GET', GRANTS, { token: owner.token })).body.data).toEqual([]);
  });

  it('revokes a grant: it leaves the list, shows when it was revoked, and its tokens stop at once', async () => {
    const user = await registerAndLogin(url());
    const app = await createApp(user.token);
    const { holder, issued } = (await consent(user.id, app, ['files.read']))!;
    const grantId = (await listAfter(user.token, issued.position)).body.data[0]!.id;
    expect(grantId).toBe(holder.grantId);

    const revoked = await call(url(), 'DELETE', `${GRANTS}/${grantId}`, { token: user.token });
    expect(revoked.status).toBe(204);
    expect(await platform.platform.api.oauthGrants.findRefreshToken(issued.refreshToken, {})).toBeNull();
    expect((await call<Page<GrantBody>>(url(), 'GET', GRANTS, { token: user.token })).body.data).toEqual([]);
    const shown = await call<GrantBody>(url(), 'GET', `${GRANTS}/${grantId}`, { token: user.token });
    expect(shown.body).toMatchObject({ id: grantId, revoked_at: expect.any(String), active_families: 0 });
    expect((await call(url(), 'DELETE', `${GRANTS}/${grantId}`, { token: user.token })).status).toBe(404);

    // Consenting again starts a new grant under the same id.
    const again = (await consent(user.id, app, ['files.write']))!;
    const relisted = await listAfter(user.token, again.issued.position);
    expect(relisted.body.data).toEqual([
      expect.objectContaining({ id: grantId, scopes: ['files.write'], revoked_at: null, active_families: 1 }),
    ]);
  });

  it('hides another user’s grant (404) and leaves it working', async () => {
    const alice = await registerAndLogin(url());
    const bob = await registerAndLogin(url());
    const app = await createApp(alice.token);
    const { holder, issued } = (await consent(alice.id, app, ['files.read']))!;
    await listAfter(alice.token, issued.position);
    expect((await call(url(), 'GET', `${GRANTS}/${holder.grantId}`, { token: bob.token })).status).toBe(404);
    expect((await call(url(), 'DELETE', `${GRANTS}/${holder.grantId}`, { token: bob.token })).status).toBe(404);
    expect((await call(url(), 'GET', `${GRANTS}/00000000-0000-4000-8000-000000000001`, { token: alice.token })).status).toBe(404);
    expect(await platform.platform.api.oauthGrants.findRefreshToken(issued.refreshToken, {})).not.toBeNull();
  });

  it('refuses an API token and an app’s own OAuth token on the grant and app routes (403)', async () => {
    const user = await registerAndLogin(url());
    const app = await createApp(user.token);
    const scopes: Scope[] = ['files.read', 'files.write'];
    const { holder } = (await consent(user.id, app, scopes))!;
    const oauthToken = await platform.platform.api.oauthAccessTokens.issue({ holder, clientId: app, scopes });
    expect((await call(url(), 'GET', '/api/v1/files', { token: oauthToken })).status).toBe(200);
    const { secret } = await createToken(url(), user.token);
    for (const token of [secret, oauthToken]) {
      for (const [method, path, body] of [
        ['GET', GRANTS, undefined],
        ['GET', `${GRANTS}/${holder.grantId}`, undefined],
        ['DELETE', `${GRANTS}/${holder.grantId}`, undefined],
        ['POST', APPS, { name: 'x', redirect_uris: [REDIRECT], scopes: ['files.read'] }],
        ['GET', `${APPS}/${app}`, undefined],
        ['POST', `${APPS}/${app}/rotate-secret`, undefined],
        ['DELETE', `${APPS}/${app}`, undefined],
      ] as const) {
        const answer = await call(url(), method, path, { token, body });
        expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
      }
    }
    expect((await call<GrantBody>(url(), 'GET', `${GRANTS}/${holder.grantId}`, { token: user.token })).body.revoked_at).toBeNull();
  });

  it('revokes every grant of an app when its owner deletes it', async () => {
    const owner = await registerAndLogin(url());
    const users = [await registerAndLogin(url()), await registerAndLogin(url())];
    const app = await createApp(owner.token);
    const other = await createApp(owner.token, 'Other');
    const given = [];
    for (const user of users) given.push((await consent(user.id, app, ['files.read']))!);
    const kept = (await consent(users[0]!.id, other, ['files.read']))!;
    await consent(users[1]!.id, app, ['files.read', 'files.write'], false);
    await listAfter(owner.token, kept.issued.position);

    expect((await call(url(), 'DELETE', `${APPS}/${app}`, { token: owner.token })).status).toBe(204);
    for (const [index, user] of users.entries()) {
      const shown = await call<GrantBody>(url(), 'GET', `${GRANTS}/${given[index]!.holder.grantId}`, { token: user.token });
      expect(shown.body).toMatchObject({ app_name: null, revoked_at: expect.any(String) });
      expect(await platform.platform.api.oauthGrants.findRefreshToken(given[index]!.issued.refreshToken, {})).toBeNull();
    }
    const listed = await call<Page<GrantBody>>(url(), 'GET', GRANTS, { token: users[0]!.token });
    expect(listed.body.data.map((grant) => grant.app_id)).toEqual([other]);
    expect(await platform.platform.api.oauthGrants.findRefreshToken(kept.issued.refreshToken, {})).not.toBeNull();
  });
});
