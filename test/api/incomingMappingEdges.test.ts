import { call, registerAndLogin } from '../support/http';
import { createIncomingWebhook, SIMPLE_FILE_HOOK } from '../support/incomingWebhookApi';
import { callLog, postToHook } from '../support/incomingReceive';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** Payloads and mappings at the edges: nesting no parser should recurse through, values no message may echo, save-time checks. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const BASE = '/api/v1/incoming-webhooks';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> };
}

/** Arrays 200,000 levels deep and objects 100,000 deep (as deep as fits in the 1 MiB body limit): `"z":[[[…]]]`, `"z":{"a":{"a":…}}`. */
const DEEP_BODIES = {
  arrays: `{"name":"deep.txt","content":"x","z":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
  objects: `{"name":"deep.txt","content":"x","z":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
};

describe('payloads nested deeper than the bound', () => {
  it.each(Object.entries(DEEP_BODIES))('receive: deep %s answer 400 invalid_payload, logged', async (_kind, body) => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, SIMPLE_FILE_HOOK);
    const answer = await postToHook(hook.url, null, {}, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('validation_error');
    expect(answer.body.error?.details).toEqual([{ path: 'body', message: expect.stringContaining('64') }]);
    const [row] = await callLog(url(), owner.token, hook.id, 1);
    expect(row).toMatchObject({ outcome: 'invalid_payload', status: 400 });
  });

  it('an unsigned deep call to a signed hook answers 401 and is logged (the excerpt survives it)', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, { ...SIMPLE_FILE_HOOK, verification: { type: 'standard_webhooks' } });
    const answer = await postToHook(hook.url, null, {}, DEEP_BODIES.arrays);
    expect(answer.status).toBe(401);
    const [row] = await callLog(url(), owner.token, hook.id, 1);
    expect(row).toMatchObject({ outcome: 'invalid_signature', status: 401 });
    expect(row!.payload_excerpt.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(DEEP_BODIES))('dry run: deep %s answer 400 naming body.payload', async (_kind, body) => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, {
      ...SIMPLE_FILE_HOOK,
      field_mapping: { name: { value: 'all.json' }, content: '$' },
    });
    const response = await fetch(`${url()}${BASE}/${hook.id}/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: `{"payload":${body}}`,
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as ErrorBody;
    expect(answer.error.details).toEqual([{ path: 'body.payload', message: expect.stringContaining('64') }]);
  });
});

describe('mapping messages never echo a payload value', () => {
  it('date:iso of a secret: 422 and a log row that say what the value was, not what it held', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, {
      ...SIMPLE_FILE_HOOK,
      field_mapping: { name: 'name', content: 'content', description: { path: 'password', transform: 'date:iso' } },
    });
    const answer = await postToHook(hook.url, { name: 'a.txt', content: 'x', password: 'hunter2-SECRET' });
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.body)).not.toContain('hunter2');
    expect(answer.body.error?.details).toEqual([{ path: 'description <- password', message: expect.stringContaining('date:iso') }]);
    const [row] = await callLog(url(), owner.token, hook.id, 1);
    expect(JSON.stringify(row)).not.toContain('hunter2');
  });
});
describe('save-time checks', () => {
  const refusal = async (settings: Record<string, unknown>) => {
    const { token } = await registerAndLogin(url());
    const response = await call<ErrorBody>(url(), 'POST', BASE, { token, body: settings });
    return { status: response.status, details: response.body.error?.details ?? [] };
  };

  it.each(['create_file', 'create_folder'])('upsert_field on a %s hook: 400 naming body.upsert_field', async (action) => {
    const { status, details } = await refusal({
      name: 'c',
      action,
      upsert_field: 'id',
      field_mapping: action === 'create_folder' ? { name: 'name' } : SIMPLE_FILE_HOOK.field_mapping,
    });
    expect(status).toBe(400);
    expect(details.map((detail) => detail.path)).toEqual(['body.upsert_field']);
  });
  it('a __proto__ key in field_mapping: 400 naming it', async () => {
    const { token } = await registerAndLogin(url());
    const response = await fetch(`${url()}${BASE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"name":"c","action":"create_file","field_mapping":{"name":"name","content":"content","__proto__":"x"}}',
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as ErrorBody;
    expect(answer.error.details.map((detail) => detail.path)).toEqual(['body.field_mapping.__proto__']);
  });
  it('constant content that is not base64 with constant encoding base64: 400 at save', async () => {
    const { status, details } = await refusal({
      name: 'c',
      action: 'create_file',
      field_mapping: { name: 'name', content: { value: 'not base64!' }, encoding: { value: 'base64' } },
    });
    expect(status).toBe(400);
    expect(details.map((detail) => detail.path)).toEqual(['body.field_mapping.content.value']);
  });
  it('a placeholder holding braces ({{{{b}}}}): 400', async () => {
    const { status, details } = await refusal({
      name: 'c',
      action: 'create_file',
      field_mapping: { name: '{{{{b}}}}', content: 'content' },
    });
    expect(status).toBe(400);
    expect(details).toEqual([{ path: 'body.field_mapping.name', message: expect.stringContaining('brace') }]);
  });
  it('a wrong whsec_ secret is named once', async () => {
    const { status, details } = await refusal({
      ...SIMPLE_FILE_HOOK,
      verification: { type: 'standard_webhooks', secret: 'whsec_short' },
    });
    expect(status).toBe(400);
    expect(details).toHaveLength(1);
  });
});
