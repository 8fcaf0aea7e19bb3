import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, registerAndLogin } from '../support/http';
import { createFolder } from '../support/files';
import type { FileBody } from '../support/files';
import { createIncomingWebhook } from '../support/incomingWebhookApi';
import { postToHook } from '../support/incomingReceive';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/**
 * A call whose body is still arriving while the hook's owner changes it: the change decides the call,
 * however early its headers came. And the receive URL ignores query parameters senders add.
 */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;

async function contactsHook() {
  const owner = await registerAndLogin(url());
  const folder = await createFolder(url(), owner.token, 'contacts');
  const hook = await createIncomingWebhook(url(), owner.token, {
    name: 'contacts',
    action: 'create_file',
    folder_id: folder.id,
    field_mapping: { name: 'email', content: 'note' },
  });
  const filesInFolder = async () =>
    (await call<{ data: FileBody[] }>(url(), 'GET', `/api/v1/files?folder_id=${folder.id}&limit=100`, { token: owner.token })).body.data;
  const manage = (method: string, path: string, body?: unknown) =>
    call(url(), method, `/api/v1/incoming-webhooks/${hook.id}${path}`, { token: owner.token, body });
  return { hook, filesInFolder, manage };
}

/** Sends the headers and the first bytes of the body, runs `meanwhile`, then the rest: the status answered. */
function heldCall(hookUrl: string, body: string, meanwhile: () => Promise<unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    const sending = request(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sending.on('error', reject);
    sending.write(body.slice(0, 5));
    // Long enough for the server to have found the hook by its token and be waiting for the body.
    sleep(300)
      .then(meanwhile)
      .then(() => sending.end(body.slice(5)), reject);
  });
}

const CONTACT = JSON.stringify({ email: 'held.txt', note: 'sent slowly' });

describe('a call held open across a change of its hook', () => {
  it('regenerated token: the old URL answers 404 and nothing runs', async () => {
    const { hook, filesInFolder, manage } = await contactsHook();
    const status = await heldCall(hook.url, CONTACT, async () => expect((await manage('POST', '/regenerate-token')).status).toBe(200));
    expect(status).toBe(404);
    expect(await filesInFolder()).toEqual([]);
  });

  it('deleted hook: 404 and nothing runs', async () => {
    const { hook, filesInFolder, manage } = await contactsHook();
    const status = await heldCall(hook.url, CONTACT, async () => expect((await manage('DELETE', '')).status).toBe(204));
    expect(status).toBe(404);
    expect(await filesInFolder()).toEqual([]);
  });

  it('disabled hook: 403 and nothing runs', async () => {
    const { hook, filesInFolder, manage } = await contactsHook();
    const status = await heldCall(hook.url, CONTACT, async () => expect((await manage('PATCH', '', { enabled: false })).status).toBe(200));
    expect(status).toBe(403);
    expect(await filesInFolder()).toEqual([]);
  });

  it('verification switched on: the unsigned call is refused 401 and nothing runs', async () => {
    const { hook, filesInFolder, manage } = await contactsHook();
    const status = await heldCall(hook.url, CONTACT, async () =>
      expect((await manage('PATCH', '', { verification: { type: 'hmac_sha256' } })).status).toBe(200),
    );
    expect(status).toBe(401);
    expect(await filesInFolder()).toEqual([]);
  });
});

describe('query parameters on the receive URL', () => {
  it('are ignored: a sender’s ?source=form runs the call', async () => {
    const { hook, filesInFolder } = await contactsHook();
    const answer = await postToHook(`${hook.url}?source=form&utm_campaign=x`, { email: 'query.txt', note: 'with a query' });
    expect(answer.status).toBe(201);
    expect((await filesInFolder()).map((file) => file.name)).toEqual(['query.txt']);
  });
});
