import { call, registerAndLogin } from '../support/http';
import { createIncomingWebhook, dryRunIncomingWebhook, INCOMING_WEBHOOKS_PATH, SIMPLE_FILE_HOOK } from '../support/incomingWebhookApi';
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
const BASE = INCOMING_WEBHOOKS_PATH;
const headPosition = () => platform.platform.api.eventStore.headPosition();

const dryRun = (token: string, hookId: string, payload: unknown) => dryRunIncomingWebhook(url(), token, hookId, payload);

describe('dry-running an incoming webhook', () => {
  it('answers the mapped command and its plan, and appends nothing, not even to the call log', async () => {
    const { token } = await registerAndLogin(url());
    const folder = await call<{ id: string }>(url(), 'POST', '/api/v1/folders', { token, body: { name: 'contacts' } });
    const hook = await createIncomingWebhook(url(), token, {
      name: 'contacts',
      action: 'create_file',
      folder_id: folder.body.id,
      field_mapping: { name: '{{contact.last}}.txt', content: 'message', tags: { value: ['form'] }, mime_type: { value: 'text/plain' } },
    });
    const before = await headPosition();
    const answered = await dryRun(token, hook.id, { contact: { last: 'Lovelace' }, message: 'Hello' });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({
      valid: true,
      command: {
        action: 'create_file',
        file: expect.objectContaining({
          name: 'Lovelace.txt',
          folder_id: folder.body.id,
          content: 'Hello',
          tags: ['form'],
          mime_type: 'text/plain',
        }),
      },
      plan: { branch: 'create', target_id: null },
    });
    expect(await headPosition()).toBe(before);
    const shown = await call<{ stats: { total: number }; recent_calls: unknown[] }>(url(), 'GET', `${BASE}/${hook.id}`, { token });
    expect(shown.body.stats.total).toBe(0);
    expect(shown.body.recent_calls).toEqual([]);
    const files = await call<{ data: unknown[] }>(url(), 'GET', `/api/v1/files?folder_id=${folder.body.id}`, { token });
    expect(files.body.data).toEqual([]);
  });

  it('answers the mapping’s errors for a payload it cannot map, naming the field and the payload path', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    const before = await headPosition();
    const answered = await dryRun(token, hook.id, { content: 'no name here' });
    expect(answered.status).toBe(200);
    expect(answered.body.valid).toBe(false);
    expect(answered.body.errors).toEqual([expect.objectContaining({ path: expect.stringContaining('name') })]);
    expect(await headPosition()).toBe(before);
  });

  it('plans both branches of an upsert: create when nothing matches, update of the file found by name', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token, { ...SIMPLE_FILE_HOOK, action: 'upsert_file', upsert_field: 'name' });
    const creates = await dryRun(token, hook.id, { name: 'notes.txt', content: 'v1' });
    expect(creates.body.plan).toEqual({ branch: 'create', target_id: null });
    const file = await call<{ id: string }>(url(), 'POST', '/api/v1/files', { token, body: { name: 'notes.txt', content: 'v0' } });
    const updates = await dryRun(token, hook.id, { name: 'notes.txt', content: 'v1' });
    expect(updates.body.plan).toEqual({ branch: 'update', target_id: file.body.id });
    expect(updates.body.command).toMatchObject({ action: 'upsert_file', match: { by: 'name', name: 'notes.txt' } });
  });

  it('answers a refusal a run would meet as invalid: an update of a file that does not exist', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token, {
      name: 'updates',
      action: 'update_file',
      upsert_field: 'id',
      field_mapping: { id: 'file', content: 'content' },
    });
    const answered = await dryRun(token, hook.id, { file: '00000000-0000-4000-8000-000000000000', content: 'x' });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ valid: false, errors: [{ path: 'command', message: expect.stringContaining('not found') }] });
  });

  it('refuses a body without a payload object with a 400', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    for (const body of [{}, { payload: 'text' }, { payload: [1] }, { payload: {}, extra: 1 }])
      expect((await call(url(), 'POST', `${BASE}/${hook.id}/test`, { token, body })).status).toBe(400);
  });
});
