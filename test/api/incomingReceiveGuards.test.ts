import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { call, registerAndLogin } from '../support/http';
import { createFolder } from '../support/files';
import type { FileBody } from '../support/files';
import { createIncomingWebhook } from '../support/incomingWebhookApi';
import { callLog, postToHook } from '../support/incomingReceive';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** The receive URL's guards over real HTTP: signatures, repeats of a message id, and the size limit. */
const MAX_JSON_BYTES = 4096;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_MAX_JSON_BYTES: String(MAX_JSON_BYTES) });
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const CONTACT_FILE = { name: 'email', content: 'note' };

async function contactsHook(settings: Record<string, unknown> = {}) {
  const owner = await registerAndLogin(url());
  const folder = await createFolder(url(), owner.token, 'contacts');
  const hook = await createIncomingWebhook(url(), owner.token, {
    name: 'contacts',
    action: 'create_file',
    folder_id: folder.id,
    field_mapping: CONTACT_FILE,
    ...settings,
  });
  const filesInFolder = async () =>
    (await call<{ data: FileBody[] }>(url(), 'GET', `/api/v1/files?folder_id=${folder.id}&limit=100`, { token: owner.token })).body.data;
  return { owner, hook, filesInFolder };
}

/** Sends the body in chunks with no Content-Length (chunked transfer): the size shows only as it is read. */
function postChunked(hookUrl: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sending = request(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sending.on('error', reject);
    for (const chunk of chunks) sending.write(chunk);
    sending.end();
  });
}

describe('Standard Webhooks verification', () => {
  it('runs a call signed by the standardwebhooks library, and refuses a tampered one with 401, logged', async () => {
    const { owner, hook, filesInFolder } = await contactsHook({ verification: { type: 'standard_webhooks' } });
    expect(hook.secret).toMatch(/^whsec_/);
    const sender = new Webhook(hook.secret!);
    const body = JSON.stringify({ email: 'signed.txt', note: 'from a signing sender' });
    const signed = (messageId: string, at = new Date()) => ({
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': sender.sign(messageId, at, body),
    });

    const verified = await postToHook(hook.url, null, signed('msg_signed'), body);
    expect(verified.status).toBe(201);

    const tampered = await postToHook(hook.url, null, signed('msg_tampered'), body.replace('signed.txt', 'forged.txt'));
    expect(tampered.status).toBe(401);
    expect(tampered.body.error).toMatchObject({ code: 'unauthorized', details: [{ path: 'signature' }] });
    const stale = await postToHook(hook.url, null, signed('msg_stale', new Date(Date.now() - 10 * 60_000)), body);
    expect(stale.status).toBe(401);
    expect((await postToHook(hook.url, null, {}, body)).status).toBe(401);

    expect((await filesInFolder()).map((file) => file.name)).toEqual(['signed.txt']);
    const rows = await callLog(url(), owner.token, hook.id, 4);
    expect(rows.map((row) => [row.outcome, row.status])).toEqual([
      ['invalid_signature', 401],
      ['invalid_signature', 401],
      ['invalid_signature', 401],
      ['succeeded', 201],
    ]);
  });

  it('a forged call does not take the message id its genuine sender uses', async () => {
    const { hook } = await contactsHook({ verification: { type: 'standard_webhooks' } });
    const body = JSON.stringify({ email: 'genuine.txt', note: 'x' });
    const at = new Date();
    const headers = {
      'webhook-id': 'msg_shared',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(hook.secret!).sign('msg_shared', at, body),
    };
    expect((await postToHook(hook.url, null, { ...headers, 'webhook-signature': 'v1,AAAA' }, body)).status).toBe(401);
    expect((await postToHook(hook.url, null, headers, body)).status).toBe(201);
  });
});

describe('HMAC-SHA256 verification', () => {
  it('runs a call whose header holds the hex HMAC of the body, and refuses a wrong one with 401', async () => {
    const { hook, filesInFolder } = await contactsHook({
      verification: { type: 'hmac_sha256', secret: 'a form tool secret', header: 'X-Form-Signature' },
    });
    const body = JSON.stringify({ email: 'hmac.txt', note: 'x' });
    const hex = createHmac('sha256', 'a form tool secret').update(body).digest('hex');
    expect((await postToHook(hook.url, null, { 'X-Form-Signature': `sha256=${hex}` }, body)).status).toBe(201);
    const wrong = createHmac('sha256', 'another secret').update(body).digest('hex');
    expect((await postToHook(hook.url, null, { 'X-Form-Signature': wrong }, body)).status).toBe(401);
    expect((await postToHook(hook.url, null, { 'X-Signature': hex }, body)).status).toBe(401);
    expect((await filesInFolder()).map((file) => file.name)).toEqual(['hmac.txt']);
  });
});

describe('a repeated message id', () => {
  it('runs once: the repeat answers the first answer again, marked Idempotent-Replayed', async () => {
    const { owner, hook, filesInFolder } = await contactsHook();
    const first = await postToHook(hook.url, { email: 'once.txt', note: 'x' }, { 'webhook-id': 'msg_once' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const repeat = await postToHook(hook.url, { email: 'once.txt', note: 'x' }, { 'webhook-id': 'msg_once' });
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body).toEqual(first.body);
    expect((await filesInFolder()).map((file) => file.id)).toEqual([first.body.id]);
    expect((await callLog(url(), owner.token, hook.id, 1)).map((row) => row.message_id)).toEqual(['msg_once']);
  });

  it('does not replay a refusal: a repeat of a 409 for a name taken runs again, and its own log row says so', async () => {
    const { owner, hook } = await contactsHook();
    expect((await postToHook(hook.url, { email: 'taken.txt', note: 'x' })).status).toBe(201);
    const refused = await postToHook(hook.url, { email: 'taken.txt', note: 'y' }, { 'Idempotency-Key': 'key-409' });
    expect(refused.status).toBe(409);
    const repeat = await postToHook(hook.url, { email: 'taken.txt', note: 'y' }, { 'Idempotency-Key': 'key-409' });
    expect({ status: repeat.status, replayed: repeat.headers.get('idempotent-replayed') }).toEqual({ status: 409, replayed: null });
    const rows = (await callLog(url(), owner.token, hook.id, 3)).filter((row) => row.message_id === 'key-409');
    expect(rows.map((row) => [row.outcome, row.status])).toEqual([
      ['command_failed', 409],
      ['command_failed', 409],
    ]);
  });

  it('ten at once with the same webhook-id: one runs, the others answer its answer or 409, one file', async () => {
    const { hook, filesInFolder } = await contactsHook();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postToHook(hook.url, { email: 'concurrent.txt', note: 'x' }, { 'webhook-id': 'msg_ten' })),
    );
    const ran = answers.filter((answer) => answer.status === 201 && answer.headers.get('idempotent-replayed') === null);
    expect(ran).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 409) expect(answer.body.error?.code).toBe('conflict');
      else expect({ status: answer.status, body: answer.body }).toEqual({ status: 201, body: ran[0]!.body });
    }
    expect((await filesInFolder()).map((file) => file.id)).toEqual([ran[0]!.body.id]);
  });

  it('the same id at two hooks is two messages', async () => {
    const { owner, hook } = await contactsHook();
    const other = await createIncomingWebhook(url(), owner.token, { name: 'other', action: 'create_file', field_mapping: CONTACT_FILE });
    expect((await postToHook(hook.url, { email: 'a.txt', note: 'x' }, { 'webhook-id': 'msg_both' })).status).toBe(201);
    const atOther = await postToHook(other.url, { email: 'b.txt', note: 'x' }, { 'webhook-id': 'msg_both' });
    expect(atOther.status).toBe(201);
    expect(atOther.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('the size limit (FILORA_MAX_JSON_BYTES)', () => {
  const oversized = () => JSON.stringify({ email: 'big.txt', note: 'x'.repeat(MAX_JSON_BYTES) });

  it('answers 413 for a body announced too large, and for a chunked one that grows too large; both logged too_large', async () => {
    const { owner, hook, filesInFolder } = await contactsHook();
    const announced = await postToHook(hook.url, null, {}, oversized());
    expect(announced.status).toBe(413);
    expect(announced.body.error?.code).toBe('payload_too_large');
    const chunked = await postChunked(hook.url, [Buffer.from(oversized().slice(0, 3000)), Buffer.from(oversized().slice(3000))]);
    expect(chunked.status).toBe(413);
    const bigger = await postToHook(hook.url, null, {}, Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bigger.status).toBe(413);

    expect(await filesInFolder()).toEqual([]);
    const rows = await callLog(url(), owner.token, hook.id, 3);
    expect(rows.map((row) => [row.outcome, row.status])).toEqual([
      ['too_large', 413],
      ['too_large', 413],
      ['too_large', 413],
    ]);
    expect(rows.map((row) => row.size_bytes).sort((a, b) => a - b)).toEqual([expect.any(Number), oversized().length, 8 * 1024 * 1024]);
    expect(rows.every((row) => row.size_bytes > MAX_JSON_BYTES)).toBe(true);
  });

  it('takes a body of exactly the limit', async () => {
    const { hook } = await contactsHook();
    const envelope = JSON.stringify({ email: 'exact.txt', note: '' });
    const exact = JSON.stringify({ email: 'exact.txt', note: 'y'.repeat(MAX_JSON_BYTES - envelope.length) });
    expect(exact.length).toBe(MAX_JSON_BYTES);
    expect((await postToHook(hook.url, null, {}, exact)).status).toBe(201);
  });
});
