import { hashIncomingWebhookToken } from '../../src/security/incomingWebhookTokens';
import { createToken } from '../support/apiTokens';
import { call, registerAndLogin } from '../support/http';
import { createIncomingWebhook, dryRunIncomingWebhook, INCOMING_WEBHOOKS_PATH, SIMPLE_FILE_HOOK } from '../support/incomingWebhookApi';
import { createFolder as createFolderAs } from '../support/files';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { filesUnder } from '../support/leakScan';
import { readFileSync } from 'node:fs';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const BASE = INCOMING_WEBHOOKS_PATH;

interface HookBody {
  id: string;
  token?: string;
  url?: string;
  secret?: string;
  token_prefix: string;
  enabled: boolean;
  verification: { type: string; header?: string };
  [field: string]: unknown;
}
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> };
}

const errorPaths = (body: unknown) => (body as ErrorBody).error.details.map((detail) => detail.path);

const createFolder = async (token: string, name: string) => (await createFolderAs(url(), token, name)).id;

describe('creating an incoming webhook', () => {
  it('answers the hook with its token and receive URL once, uncached, with the defaults', async () => {
    const { token } = await registerAndLogin(url());
    const created = await call<HookBody>(url(), 'POST', BASE, { token, body: SIMPLE_FILE_HOOK });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { token: hookToken, url: receiveUrl, ...hook } = created.body;
    expect(hookToken).toMatch(/^fwh_[0-9A-Za-z]{49}$/);
    expect(receiveUrl).toBe(`${url()}/api/v1/webhooks/incoming/${hookToken}`);
    expect(hook).toEqual({
      id: expect.any(String),
      name: 'form contacts',
      action: 'create_file',
      field_mapping: { name: 'name', content: 'content' },
      upsert_field: null,
      folder_id: null,
      verification: { type: 'none' },
      rate_limit_per_minute: 60,
      enabled: true,
      token_prefix: hookToken!.slice(0, 12),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      stats: { total: 0, succeeded: 0, failed: 0, success_rate: null, last_call_at: null },
      recent_calls: [],
    });

    const shown = await call<HookBody>(url(), 'GET', `${BASE}/${hook.id}`, { token });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(hook);
    expect(JSON.stringify(shown.body)).not.toContain(hookToken);
  });

  it('makes a verification secret when none is given, shows it once, and keeps only hashes and sealed values', async () => {
    const { token } = await registerAndLogin(url());
    const standard = await createIncomingWebhook(url(), token, { ...SIMPLE_FILE_HOOK, verification: { type: 'standard_webhooks' } });
    expect(standard.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(standard.verification).toEqual({ type: 'standard_webhooks' });
    const hmac = await createIncomingWebhook(url(), token, {
      ...SIMPLE_FILE_HOOK,
      verification: { type: 'hmac_sha256', secret: 'a-sender-chosen-secret' },
    });
    expect(hmac.secret).toBe('a-sender-chosen-secret');
    expect(hmac.verification).toEqual({ type: 'hmac_sha256', header: 'X-Signature' });
    const none = await createIncomingWebhook(url(), token, { ...SIMPLE_FILE_HOOK, verification: 'none' });
    expect(none).not.toHaveProperty('secret');

    const listed = await call(url(), 'GET', BASE, { token });
    const shown = await call(url(), 'GET', `${BASE}/${standard.id}`, { token });
    for (const answer of [listed.body, shown.body])
      for (const secret of [standard.secret!, hmac.secret!, standard.token, hmac.token])
        expect(JSON.stringify(answer)).not.toContain(secret);

    // Nothing on disk holds a token or a secret in clear: the token as its SHA-256, the secret sealed.
    await call(url(), 'GET', `${BASE}/${hmac.id}?after_position=0`, { token });
    for (const file of filesUnder(platform.dataDir)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const secret of [standard.secret!, hmac.secret!, standard.token, hmac.token]) expect(bytes).not.toContain(secret);
    }
  });

  it('puts the hook in a folder its owner may write, and answers 404 for anyone else’s folder', async () => {
    const owner = await registerAndLogin(url());
    const stranger = await registerAndLogin(url());
    const folderId = await createFolder(owner.token, 'inbox');
    const hook = await createIncomingWebhook(url(), owner.token, { ...SIMPLE_FILE_HOOK, folder_id: folderId });
    expect(hook.folder_id).toBe(folderId);

    const elsewhere = await call(url(), 'POST', BASE, { token: stranger.token, body: { ...SIMPLE_FILE_HOOK, folder_id: folderId } });
    expect(elsewhere.status).toBe(404);
    const missing = await call(url(), 'POST', BASE, {
      token: owner.token,
      body: { ...SIMPLE_FILE_HOOK, folder_id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.status).toBe(404);
    const listed = await call<{ data: unknown[] }>(url(), 'GET', BASE, { token: stranger.token });
    expect(listed.body.data).toEqual([]);
  });

  it('refuses bad settings with a 400 naming them, and creates nothing', async () => {
    const { token } = await registerAndLogin(url());
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...SIMPLE_FILE_HOOK, name: '' }, 'body.name'],
      [{ ...SIMPLE_FILE_HOOK, name: 'x'.repeat(101) }, 'body.name'],
      [{ ...SIMPLE_FILE_HOOK, action: 'delete_file' }, 'body.action'],
      [{ ...SIMPLE_FILE_HOOK, field_mapping: 'name' }, 'body.field_mapping'],
      [{ ...SIMPLE_FILE_HOOK, action: 'upsert_file' }, 'body.upsert_field'],
      [{ ...SIMPLE_FILE_HOOK, upsert_field: 'email' }, 'body.upsert_field'],
      [{ ...SIMPLE_FILE_HOOK, folder_id: 'inbox' }, 'body.folder_id'],
      [{ ...SIMPLE_FILE_HOOK, rate_limit_per_minute: 0 }, 'body.rate_limit_per_minute'],
      [{ ...SIMPLE_FILE_HOOK, rate_limit_per_minute: 6001 }, 'body.rate_limit_per_minute'],
      [{ ...SIMPLE_FILE_HOOK, verification: 'sometimes' }, 'body.verification'],
      [{ ...SIMPLE_FILE_HOOK, verification: { type: 'standard_webhooks', secret: 'hunter2' } }, 'body.verification.secret'],
      [{ ...SIMPLE_FILE_HOOK, verification: { type: 'hmac_sha256', header: 'X Signature' } }, 'body.verification.header'],
      [{ ...SIMPLE_FILE_HOOK, colour: 'blue' }, 'body'],
    ];
    for (const [body, path] of cases) {
      const refused = await call(url(), 'POST', BASE, { token, body });
      expect([refused.status, errorPaths(refused.body)]).toEqual([400, expect.arrayContaining([path])]);
    }
    const listed = await call<{ data: unknown[] }>(url(), 'GET', BASE, { token });
    expect(listed.body.data).toEqual([]);
  });

  it('refuses a mapping that does not fit the action, naming the field', async () => {
    const { token } = await registerAndLogin(url());
    const unknownField = await call(url(), 'POST', BASE, {
      token,
      body: { ...SIMPLE_FILE_HOOK, field_mapping: { name: 'name', colour: 'colour' } },
    });
    expect(unknownField.status).toBe(400);
    expect(errorPaths(unknownField.body).some((path) => path.startsWith('body.field_mapping.colour'))).toBe(true);
    const unknownTransform = await call(url(), 'POST', BASE, {
      token,
      body: { ...SIMPLE_FILE_HOOK, field_mapping: { name: { path: 'name', transform: 'rot13' } } },
    });
    expect(unknownTransform.status).toBe(400);
    expect(errorPaths(unknownTransform.body).some((path) => path.startsWith('body.field_mapping.name'))).toBe(true);
  });

  it('refuses upsert_file by id (a miss would create a new file each time), and keeps update_file by id', async () => {
    const { token } = await registerAndLogin(url());
    const mapping = { id: 'ref', name: 'title', content: 'body' };
    const refused = await call<ErrorBody>(url(), 'POST', BASE, {
      token,
      body: { name: 'mirror', action: 'upsert_file', upsert_field: 'id', field_mapping: mapping },
    });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused.body)).toEqual(['body.upsert_field']);
    expect(refused.body.error.details[0]!.message).toContain('name');
    const updating = await createIncomingWebhook(url(), token, {
      name: 'u',
      action: 'update_file',
      upsert_field: 'id',
      field_mapping: mapping,
    });
    const missing = await call(updating.url, 'POST', '', { body: { ref: '6c0f4e1a-8d57-4b0e-9a44-1d3f2b8c7e65', title: 't', body: 'b' } });
    expect(missing.status).toBe(404);
    const switched = await call<ErrorBody>(url(), 'PATCH', `${BASE}/${updating.id}`, { token, body: { action: 'upsert_file' } });
    expect(switched.status).toBe(400);
    expect(errorPaths(switched.body)).toEqual(['body.upsert_field']);
  });

  it('needs webhooks.manage: a token without it gets 403, one with it manages its owner’s hooks', async () => {
    const { token } = await registerAndLogin(url());
    const filesOnly = await createToken(url(), token, { scopes: ['files.write'] });
    const refused = await call(url(), 'POST', BASE, { token: filesOnly.secret, body: SIMPLE_FILE_HOOK });
    expect(refused.status).toBe(403);
    const manager = await createToken(url(), token, { scopes: ['webhooks.manage', 'files.write'] });
    const created = await call(url(), 'POST', BASE, { token: manager.secret, body: SIMPLE_FILE_HOOK });
    expect(created.status).toBe(201);
  });

  it('needs files.write too to create, change or re-issue a hook, whose URL writes files, and files.read to dry-run one', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    const manageOnly = (await createToken(url(), token, { scopes: ['webhooks.manage'] })).secret;
    const writer = (await createToken(url(), token, { scopes: ['webhooks.manage', 'files.write'] })).secret;
    const reader = (await createToken(url(), token, { scopes: ['webhooks.manage', 'files.read'] })).secret;
    const refusals = [
      await call<ErrorBody>(url(), 'POST', BASE, { token: manageOnly, body: SIMPLE_FILE_HOOK }),
      await call<ErrorBody>(url(), 'PATCH', `${BASE}/${hook.id}`, { token: manageOnly, body: { name: 'renamed' } }),
      await call<ErrorBody>(url(), 'PUT', `${BASE}/${hook.id}`, { token: manageOnly, body: SIMPLE_FILE_HOOK }),
      await call<ErrorBody>(url(), 'POST', `${BASE}/${hook.id}/regenerate-token`, { token: manageOnly }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('files.write');
    }
    const dryRun = { payload: { name: 'a.txt', content: 'hi' } };
    const unread = await call<ErrorBody>(url(), 'POST', `${BASE}/${hook.id}/test`, { token: manageOnly, body: dryRun });
    expect(unread.status).toBe(403);
    expect(unread.body.error.message).toContain('files.read');
    expect((await dryRunIncomingWebhook(url(), reader, hook.id, dryRun.payload)).status).toBe(200);
    expect((await call(url(), 'GET', `${BASE}/${hook.id}`, { token: manageOnly })).status).toBe(200);
    expect((await call(url(), 'PATCH', `${BASE}/${hook.id}`, { token: writer, body: { name: 'renamed' } })).status).toBe(200);
    expect((await call(url(), 'POST', BASE, { token: writer, body: SIMPLE_FILE_HOOK })).status).toBe(201);
    expect((await call(url(), 'GET', BASE, { token })).body).toMatchObject({ data: [{}, {}] });
  });
});

describe('managing incoming webhooks', () => {
  it('lists the owner’s hooks newest first in cursor pages', async () => {
    const { token } = await registerAndLogin(url());
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push((await createIncomingWebhook(url(), token, { ...SIMPLE_FILE_HOOK, name: `hook ${n}` })).id);
    const first = await call<{ data: HookBody[]; page: { next_cursor: string | null; has_more: boolean } }>(
      url(),
      'GET',
      `${BASE}?limit=2`,
      {
        token,
      },
    );
    expect(first.body.data.map((hook) => hook.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.data[0]).not.toHaveProperty('token');
    expect(first.body.page.has_more).toBe(true);
    const second = await call<{ data: HookBody[]; page: { has_more: boolean } }>(
      url(),
      'GET',
      `${BASE}?limit=2&cursor=${first.body.page.next_cursor}`,
      { token },
    );
    expect(second.body.data.map((hook) => hook.id)).toEqual([ids[0]]);
    expect(second.body.page.has_more).toBe(false);
    expect((await call(url(), 'GET', `${BASE}?limit=101`, { token })).status).toBe(400);
  });

  it('answers 404 for another user’s hook on every route', async () => {
    const owner = await registerAndLogin(url());
    const stranger = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token);
    const attempts: Array<[string, string, unknown]> = [
      ['GET', `${BASE}/${hook.id}`, undefined],
      ['PATCH', `${BASE}/${hook.id}`, { name: 'mine now' }],
      ['PUT', `${BASE}/${hook.id}`, SIMPLE_FILE_HOOK],
      ['DELETE', `${BASE}/${hook.id}`, undefined],
      ['POST', `${BASE}/${hook.id}/regenerate-token`, undefined],
      ['POST', `${BASE}/${hook.id}/test`, { payload: { name: 'a.txt', content: 'x' } }],
    ];
    for (const [method, path, body] of attempts)
      expect((await call(url(), method, path, { token: stranger.token, body })).status).toBe(404);
    const unchanged = await call<HookBody>(url(), 'GET', `${BASE}/${hook.id}`, { token: owner.token });
    expect(unchanged.body.name).toBe('form contacts');
  });

  it('PATCH changes the fields sent, checked with the rest of the settings', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    const renamed = await call<HookBody>(url(), 'PATCH', `${BASE}/${hook.id}`, {
      token,
      body: { name: 'renamed', rate_limit_per_minute: 10 },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'renamed',
      rate_limit_per_minute: 10,
      action: 'create_file',
      field_mapping: SIMPLE_FILE_HOOK.field_mapping,
    });
    expect(renamed.body).not.toHaveProperty('secret');

    // An upsert finds its file: the action alone would leave no upsert_field.
    const noUpsertField = await call(url(), 'PATCH', `${BASE}/${hook.id}`, { token, body: { action: 'upsert_file' } });
    expect([noUpsertField.status, errorPaths(noUpsertField.body)]).toEqual([400, ['body.upsert_field']]);
    const upsert = await call<HookBody>(url(), 'PATCH', `${BASE}/${hook.id}`, {
      token,
      body: { action: 'upsert_file', upsert_field: 'name' },
    });
    expect(upsert.status).toBe(200);
    expect(upsert.body).toMatchObject({ action: 'upsert_file', upsert_field: 'name' });

    expect((await call(url(), 'PATCH', `${BASE}/${hook.id}`, { token, body: {} })).status).toBe(400);
    const disabled = await call<HookBody>(url(), 'PATCH', `${BASE}/${hook.id}`, { token, body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
  });

  it('PUT replaces the settings, keeps enabled unless given, and shows a verification secret it made', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token, { ...SIMPLE_FILE_HOOK, rate_limit_per_minute: 5, enabled: false });
    const signed = {
      name: 'signed',
      action: 'create_file',
      field_mapping: { name: 'title', content: 'body' },
      verification: { type: 'standard_webhooks' },
    };
    const replaced = await call<HookBody>(url(), 'PUT', `${BASE}/${hook.id}`, { token, body: signed });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('cache-control')).toBe('no-store');
    expect(replaced.body).toMatchObject({
      name: 'signed',
      field_mapping: { name: 'title', content: 'body' },
      rate_limit_per_minute: 60,
      enabled: false,
      verification: { type: 'standard_webhooks' },
    });
    expect(replaced.body.secret).toMatch(/^whsec_/);

    // The same kind again keeps the secret: nothing new to show.
    const again = await call<HookBody>(url(), 'PUT', `${BASE}/${hook.id}`, { token, body: { ...signed, enabled: true } });
    expect(again.body).not.toHaveProperty('secret');
    expect(again.body.enabled).toBe(true);
  });

  it('PATCH of the verification: another kind makes a secret, `none` drops it; a folder not the owner’s is 404', async () => {
    const owner = await registerAndLogin(url());
    const stranger = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token);
    const commands = platform.platform.api.incoming.commands;
    const hmac = await call<HookBody>(url(), 'PATCH', `${BASE}/${hook.id}`, {
      token: owner.token,
      body: { verification: { type: 'hmac_sha256', header: 'X-Hub-Signature-256' } },
    });
    expect(hmac.body.verification).toEqual({ type: 'hmac_sha256', header: 'X-Hub-Signature-256' });
    expect(hmac.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await commands.currentIncomingWebhook(hook.id))?.encryptedSecret).toEqual(expect.any(String));
    const none = await call<HookBody>(url(), 'PATCH', `${BASE}/${hook.id}`, { token: owner.token, body: { verification: 'none' } });
    expect(none.body).not.toHaveProperty('secret');
    expect(none.body.verification).toEqual({ type: 'none' });
    expect((await commands.currentIncomingWebhook(hook.id))?.encryptedSecret).toBeNull();

    const strangersFolder = await createFolder(stranger.token, 'theirs');
    const moved = await call(url(), 'PATCH', `${BASE}/${hook.id}`, { token: owner.token, body: { folder_id: strangersFolder } });
    expect(moved.status).toBe(404);
    const shown = await call<HookBody>(url(), 'GET', `${BASE}/${hook.id}`, { token: owner.token });
    expect(shown.body.folder_id).toBeNull();
  });

  it('regenerating the token answers a new URL once; the token prefix changes', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    const regenerated = await call<HookBody>(url(), 'POST', `${BASE}/${hook.id}/regenerate-token`, { token });
    expect(regenerated.status).toBe(200);
    expect(regenerated.headers.get('cache-control')).toBe('no-store');
    expect(regenerated.body.token).toMatch(/^fwh_/);
    expect(regenerated.body.token).not.toBe(hook.token);
    expect(regenerated.body.url).toBe(`${url()}/api/v1/webhooks/incoming/${regenerated.body.token}`);
    expect(regenerated.body.token_prefix).toBe(regenerated.body.token!.slice(0, 12));
    const shown = await call<HookBody>(url(), 'GET', `${BASE}/${hook.id}`, { token });
    expect(shown.body.token_prefix).toBe(regenerated.body.token_prefix);
  });

  it('DELETE answers 204, then the hook is gone', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    expect((await call(url(), 'DELETE', `${BASE}/${hook.id}`, { token })).status).toBe(204);
    expect((await call(url(), 'GET', `${BASE}/${hook.id}`, { token })).status).toBe(404);
    expect((await call(url(), 'DELETE', `${BASE}/${hook.id}`, { token })).status).toBe(404);
  });

  it('allows 50 hooks a user: the 51st is a 409', async () => {
    const { token } = await registerAndLogin(url());
    for (let n = 0; n < 50; n++) await createIncomingWebhook(url(), token, { ...SIMPLE_FILE_HOOK, name: `hook ${n}` });
    const refused = await call<ErrorBody>(url(), 'POST', BASE, { token, body: SIMPLE_FILE_HOOK });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('50');
  }, 60_000);
});

describe('the hook as its stream has it', () => {
  it('answers the current token hash right after a regeneration, and nothing once deleted', async () => {
    const { token, id: ownerId } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    const commands = platform.platform.api.incoming.commands;
    expect(await commands.currentIncomingWebhook(hook.id)).toMatchObject({
      incomingWebhookId: hook.id,
      ownerId,
      tokenHash: hashIncomingWebhookToken(hook.token),
    });
    const regenerated = await call<HookBody>(url(), 'POST', `${BASE}/${hook.id}/regenerate-token`, { token });
    expect((await commands.currentIncomingWebhook(hook.id))?.tokenHash).toBe(hashIncomingWebhookToken(regenerated.body.token!));
    await call(url(), 'DELETE', `${BASE}/${hook.id}`, { token });
    expect(await commands.currentIncomingWebhook(hook.id)).toBeNull();
    expect(await commands.currentIncomingWebhook('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
