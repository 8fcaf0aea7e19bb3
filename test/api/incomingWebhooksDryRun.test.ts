import { domainHead } from '../support/domainHead';
import { call, registerAndLogin } from '../support/http';
import type { DryRunBody } from '../support/incomingWebhookApi';
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
// Usage records (flushed within a second of any request) move the raw head: the domain's head is what must stay.
const headPosition = () => domainHead(platform.platform.eventStore);

const dryRun = (token: string, hookId: string, payload: unknown) => dryRunIncomingWebhook(url(), token, hookId, payload);

interface ErrorBody {
  error: { code: string; details: Array<{ path: string; message: string }> };
}
interface JsonSchema {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  description?: string;
}
interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
        responses: Record<string, { description?: string }>;
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
}

/** The schema, or the component its `$ref` names. */
const resolved = (document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema =>
  schema?.$ref === undefined ? (schema ?? {}) : (document.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {});

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

  it('maps with the settings sent beside the payload instead of the stored ones, and saves none of them', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    const stored = await call<Record<string, unknown>>(url(), 'GET', `${BASE}/${hook.id}`, { token });
    const before = await headPosition();
    const payload = { contact: { last: 'Lovelace' }, message: 'Hello', name: 'stored.txt', content: 'stored' };
    const field_mapping = { name: { template: '{{contact.last}}.txt', transform: 'lower' }, content: 'message' };
    const tried = await call<DryRunBody>(url(), 'POST', `${BASE}/${hook.id}/test`, { token, body: { payload, field_mapping } });
    expect(tried.status).toBe(200);
    expect(tried.body).toMatchObject({ valid: true, command: { action: 'create_file', file: { name: 'lovelace.txt', content: 'Hello' } } });
    // Without the override, the same payload maps with the stored mapping.
    expect((await dryRun(token, hook.id, payload)).body.command).toMatchObject({ file: { name: 'stored.txt', content: 'stored' } });

    const folder = { action: 'create_folder', field_mapping: { name: 'contact.last' } };
    const asFolder = await call<DryRunBody>(url(), 'POST', `${BASE}/${hook.id}/test`, { token, body: { payload, ...folder } });
    expect(asFolder.body).toEqual({
      valid: true,
      command: { action: 'create_folder', folder: { name: 'Lovelace', parent_id: null } },
      plan: { branch: 'create', target_id: null },
    });

    expect(await headPosition()).toBe(before);
    expect((await call(url(), 'GET', `${BASE}/${hook.id}`, { token })).body).toEqual(stored.body);
  });

  it('refuses a tried setting a PATCH would refuse with a 400 naming it, and saves nothing', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    const before = await headPosition();
    const refused = async (tried: Record<string, unknown>) => {
      const answer = await call<ErrorBody>(url(), 'POST', `${BASE}/${hook.id}/test`, { token, body: { payload: { name: 'a' }, ...tried } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('validation_error');
      return answer.body.error.details.map((detail) => detail.path);
    };
    expect(await refused({ field_mapping: { name: { path: 'name', transform: 'shout' }, content: 'content' } })).toEqual([
      'body.field_mapping.name.transform',
    ]);
    expect(await refused({ field_mapping: { name: 'name', content: 'content', colour: 'hue' } })).toEqual(['body.field_mapping.colour']);
    expect(await refused({ field_mapping: { name: 'name' } })).toEqual(['body.field_mapping.content']);
    expect(await refused({ action: 'delete_everything' })).toEqual(['body.action']);
    expect(await refused({ action: 'upsert_file', upsert_field: 'id' })).toEqual(['body.upsert_field']);
    expect(await refused({ folder_id: 'inbox' })).toEqual(['body.folder_id']);
    // A PATCH meets the same check with the same answer.
    const patched = await call<ErrorBody>(url(), 'PATCH', `${BASE}/${hook.id}`, {
      token,
      body: { field_mapping: { name: { path: 'name', transform: 'shout' }, content: 'content' } },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.map((detail) => detail.path)).toEqual(['body.field_mapping.name.transform']);
    expect(await headPosition()).toBe(before);
  });

  it('documents the tried settings in the OpenAPI entry of the route', async () => {
    const document = await call<OpenApiDocument>(url(), 'GET', '/api/v1/openapi.json');
    const operation = document.body.paths['/api/v1/incoming-webhooks/{id}/test']?.post;
    const schema = resolved(document.body, operation?.requestBody?.content['application/json']?.schema);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['action', 'field_mapping', 'folder_id', 'payload', 'upsert_field']);
    expect(schema.required).toEqual(['payload']);
    expect(schema.description).toContain('not saved');
    expect(operation?.summary).toContain('unsaved');
    expect(operation?.responses['400']?.description).toContain('PATCH');
  });

  it('refuses a body without a payload object with a 400', async () => {
    const { token } = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), token);
    for (const body of [{}, { payload: 'text' }, { payload: [1] }, { payload: {}, extra: 1 }])
      expect((await call(url(), 'POST', `${BASE}/${hook.id}/test`, { token, body })).status).toBe(400);
  });
});
