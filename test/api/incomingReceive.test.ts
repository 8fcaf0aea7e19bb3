import { fileAggregate, folderAggregate } from '../../src/commands/aggregates';
import { streamName } from '../../src/commands/pipeline';
import { call, registerAndLogin } from '../support/http';
import { createFolder, download } from '../support/files';
import type { FileBody } from '../support/files';
import { domainHead } from '../support/domainHead';
import { createIncomingWebhook } from '../support/incomingWebhookApi';
import { callLog, postToHook } from '../support/incomingReceive';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** The receive URL (POST /api/v1/webhooks/incoming/{token}) over real HTTP: each action, and each way a call is refused. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const fileStream = (id: string) => streamName(fileAggregate.category, id);
const folderStream = (id: string) => streamName(folderAggregate.category, id);
const CONTACT_FILE = { name: 'email', content: 'note', mime_type: { value: 'text/plain' } };

async function fileOf(token: string, id: string): Promise<FileBody & { content: string }> {
  const shown = await call<FileBody>(url(), 'GET', `/api/v1/files/${id}`, { token });
  expect(shown.status).toBe(200);
  return { ...shown.body, content: (await download(url(), token, id)).body.toString('utf8') };
}

/** The newest event of a stream: what the call appended, with its metadata. */
async function lastEventOf(stream: string) {
  const events = await platform.platform.eventStore.readStream(stream);
  return events[events.length - 1]!;
}

describe('each action through a real POST to the receive URL', () => {
  it('create_file: 201 with the new file, stored as the owner through the hook', async () => {
    const owner = await registerAndLogin(url());
    const folder = await createFolder(url(), owner.token, 'contacts');
    const hook = await createIncomingWebhook(url(), owner.token, {
      name: 'form contacts',
      action: 'create_file',
      folder_id: folder.id,
      field_mapping: { ...CONTACT_FILE, name: { template: '{{contact.name}}.txt' }, content: 'contact.email' },
    });
    expect(hook.url).toMatch(/\/api\/v1\/webhooks\/incoming\/fwh_/);

    const answer = await postToHook(hook.url, { contact: { name: 'Zoë Ünal', email: 'zoe@example.com' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.any(String), resource: 'file', result: 'created', call_id: expect.any(String) });
    expect(await fileOf(owner.token, answer.body.id)).toMatchObject({
      name: 'Zoë Ünal.txt',
      folder_id: folder.id,
      content: 'zoe@example.com',
      mime_type: 'text/plain',
    });
    const event = await lastEventOf(fileStream(answer.body.id));
    expect(event.metadata).toMatchObject({ actor: owner.id, incomingWebhookId: hook.id, requestId: expect.any(String) });
    expect(event.metadata.tokenId).toBeUndefined();

    const [row] = await callLog(url(), owner.token, hook.id, 1);
    expect(row).toMatchObject({ id: answer.body.call_id, outcome: 'succeeded', status: 201, result_id: answer.body.id, errors: [] });
  });

  it('create_folder: 201 with the new folder', async () => {
    const owner = await registerAndLogin(url());
    const parent = await createFolder(url(), owner.token, 'projects');
    const hook = await createIncomingWebhook(url(), owner.token, {
      name: 'new projects',
      action: 'create_folder',
      field_mapping: { name: { path: 'project.title', transform: 'trim' }, parent_id: { value: parent.id } },
    });
    const answer = await postToHook(hook.url, { project: { title: '  Apollo  ' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ resource: 'folder', result: 'created' });
    const shown = await call(url(), 'GET', `/api/v1/folders/${answer.body.id}`, { token: owner.token });
    expect(shown.body).toMatchObject({ name: 'Apollo', parent_id: parent.id });
    expect((await lastEventOf(folderStream(answer.body.id))).metadata).toMatchObject({ actor: owner.id, incomingWebhookId: hook.id });
  });

  it('update_file by id: 200 with the file changed, a second version of its content', async () => {
    const owner = await registerAndLogin(url());
    const creating = await createIncomingWebhook(url(), owner.token, { name: 'c', action: 'create_file', field_mapping: CONTACT_FILE });
    const made = await postToHook(creating.url, { email: 'report.txt', note: 'draft' });
    const updating = await createIncomingWebhook(url(), owner.token, {
      name: 'u',
      action: 'update_file',
      upsert_field: 'id',
      field_mapping: { id: 'file_id', content: 'text', description: 'why' },
    });
    const answer = await postToHook(updating.url, { file_id: made.body.id, text: 'final', why: 'signed off' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: made.body.id, resource: 'file', result: 'updated' });
    expect(await fileOf(owner.token, made.body.id)).toMatchObject({ content: 'final', version: 2, description: 'signed off' });

    const unknown = await postToHook(updating.url, { file_id: '00000000-0000-4000-8000-000000000000', text: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('not_found');
  });

  it('upsert_file by name: the first call creates (201), the next one updates the same file (200)', async () => {
    const owner = await registerAndLogin(url());
    const folder = await createFolder(url(), owner.token, 'contacts');
    const hook = await createIncomingWebhook(url(), owner.token, {
      name: 'contacts by email',
      action: 'upsert_file',
      upsert_field: 'name',
      folder_id: folder.id,
      field_mapping: { name: { template: '{{email}}.txt', transform: 'lower' }, content: 'note' },
    });
    const first = await postToHook(hook.url, { email: 'Ada@Example.com', note: 'first contact' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ result: 'created' });
    const second = await postToHook(hook.url, { email: 'ada@example.com', note: 'called back' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, result: 'updated' });
    expect(await fileOf(owner.token, first.body.id)).toMatchObject({ name: 'ada@example.com.txt', content: 'called back', version: 2 });
    const listed = await call<{ data: FileBody[] }>(url(), 'GET', `/api/v1/files?folder_id=${folder.id}`, { token: owner.token });
    expect(listed.body.data.map((file) => file.name)).toEqual(['ada@example.com.txt']);
  });
});

describe('a dry run', () => {
  it('answers the command the mapping makes, or its errors, and leaves the event store head where it was', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, { name: 'c', action: 'create_file', field_mapping: CONTACT_FILE });
    const head = await domainHead(platform.platform.eventStore);
    const valid = await call(url(), 'POST', `/api/v1/incoming-webhooks/${hook.id}/test`, {
      token: owner.token,
      body: { payload: { email: 'dry.txt', note: 'only a test' } },
    });
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({ valid: true, command: { action: 'create_file' }, plan: { branch: 'create', target_id: null } });
    const invalid = await call(url(), 'POST', `/api/v1/incoming-webhooks/${hook.id}/test`, {
      token: owner.token,
      body: { payload: { note: 'no email' } },
    });
    expect(invalid.status).toBe(200);
    expect(invalid.body).toMatchObject({ valid: false, errors: [expect.objectContaining({ path: expect.stringContaining('name') })] });
    expect(await domainHead(platform.platform.eventStore)).toBe(head);
  });
});

describe('calls that cannot run', () => {
  it('a payload the mapping cannot map: 422 naming the field and the payload path, logged mapping_failed', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, { name: 'c', action: 'create_file', field_mapping: CONTACT_FILE });
    const head = await domainHead(platform.platform.eventStore);
    const answer = await postToHook(hook.url, { note: 'an email is missing', password: 'hunter2' });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'unprocessable_entity', details: [{ path: expect.stringContaining('name') }] });
    const [row] = await callLog(url(), owner.token, hook.id, 1);
    expect(row).toMatchObject({ outcome: 'mapping_failed', status: 422, result_id: null, errors: answer.body.error!.details });
    expect(row!.payload_excerpt).toContain('an email is missing');
    expect(row!.payload_excerpt).not.toContain('hunter2');
    // The call log is all it wrote: no file, no folder.
    const written = await platform.platform.eventStore.readAll({ after: head, limit: 100 });
    expect(written.filter((event) => !/^(incomingcall|usage)-/.test(event.streamId))).toEqual([]);
  });

  it('not JSON, or not an object: 400, logged invalid_payload', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, { name: 'c', action: 'create_file', field_mapping: CONTACT_FILE });
    const form = await postToHook(hook.url, null, { 'content-type': 'application/x-www-form-urlencoded' }, 'email=a.txt&note=hi');
    expect(form.status).toBe(400);
    expect(form.body.error?.code).toBe('validation_error');
    expect((await postToHook(hook.url, [{ email: 'a.txt' }])).status).toBe(400);
    const rows = await callLog(url(), owner.token, hook.id, 2);
    expect(rows.map((row) => [row.outcome, row.status])).toEqual([
      ['invalid_payload', 400],
      ['invalid_payload', 400],
    ]);
  });

  it('a command the REST API would refuse answers its status: a folder that is not there 404, a name taken 409', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, {
      name: 'c',
      action: 'create_file',
      field_mapping: { ...CONTACT_FILE, folder_id: 'folder' },
    });
    const noFolder = await postToHook(hook.url, { email: 'a.txt', note: 'x', folder: '00000000-0000-4000-8000-000000000000' });
    expect(noFolder.status).toBe(404);
    expect((await postToHook(hook.url, { email: 'a.txt', note: 'x', folder: null })).status).toBe(201);
    const taken = await postToHook(hook.url, { email: 'a.txt', note: 'again', folder: null });
    expect(taken.status).toBe(409);
    const rows = await callLog(url(), owner.token, hook.id, 3);
    expect(rows.map((row) => [row.outcome, row.status])).toEqual([
      ['command_failed', 409],
      ['succeeded', 201],
      ['command_failed', 404],
    ]);
  });
});

describe('which URLs answer', () => {
  it('a wrong token 404; after regenerate-token the old URL 404 at once and the new one works; a deleted hook 404', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, { name: 'c', action: 'create_file', field_mapping: CONTACT_FILE });
    const base = hook.url.slice(0, hook.url.lastIndexOf('/') + 1);
    for (const wrong of ['fwh_nope', `${hook.token.slice(0, -1)}${hook.token.endsWith('A') ? 'B' : 'A'}`, 'x'.repeat(5000)]) {
      const answer = await postToHook(`${base}${wrong}`, { email: 'a.txt', note: 'x' });
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe('not_found');
    }

    const regenerated = await call<{ token: string; url: string }>(url(), 'POST', `/api/v1/incoming-webhooks/${hook.id}/regenerate-token`, {
      token: owner.token,
    });
    expect(regenerated.status).toBe(200);
    expect((await postToHook(hook.url, { email: 'old.txt', note: 'x' })).status).toBe(404);
    expect((await postToHook(regenerated.body.url, { email: 'new.txt', note: 'x' })).status).toBe(201);

    expect((await call(url(), 'DELETE', `/api/v1/incoming-webhooks/${hook.id}`, { token: owner.token })).status).toBe(204);
    expect((await postToHook(regenerated.body.url, { email: 'gone.txt', note: 'x' })).status).toBe(404);
  });

  it('a disabled hook: 403, not logged; enabled again, it runs', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, {
      name: 'c',
      action: 'create_file',
      field_mapping: CONTACT_FILE,
      enabled: false,
    });
    const refused = await postToHook(hook.url, { email: 'a.txt', note: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('forbidden');
    const enabled = await call(url(), 'PATCH', `/api/v1/incoming-webhooks/${hook.id}`, { token: owner.token, body: { enabled: true } });
    expect(enabled.status).toBe(200);
    expect((await postToHook(hook.url, { email: 'a.txt', note: 'x' })).status).toBe(201);
    expect((await callLog(url(), owner.token, hook.id, 1)).map((row) => row.outcome)).toEqual(['succeeded']);
  });

  it('needs no session, and a session or API token sent along changes nothing (the call acts as the hook’s owner)', async () => {
    const owner = await registerAndLogin(url());
    const someoneElse = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, { name: 'c', action: 'create_file', field_mapping: CONTACT_FILE });
    const answer = await postToHook(hook.url, { email: 'a.txt', note: 'x' }, { authorization: `Bearer ${someoneElse.token}` });
    expect(answer.status).toBe(201);
    expect((await lastEventOf(fileStream(answer.body.id))).metadata.actor).toBe(owner.id);
  });
});
