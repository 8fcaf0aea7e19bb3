import { randomUUID } from 'node:crypto';
import type { CallResult, ReceivedCall } from '../../src/incoming/incomingPorts';
import { domainHead } from '../support/domainHead';
import { call, registerAndLogin } from '../support/http';
import type { CallLogRow } from '../support/incomingReceive';
import { createIncomingWebhook } from '../support/incomingWebhookApi';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const BASE = '/api/v1/incoming-webhooks';
const calls = () => platform.platform.api.incoming.calls;

interface LogPage {
  data: CallLogRow[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}
interface ErrorBody {
  error: { code: string; details: Array<{ path: string; message: string }> };
}

/** A read that waits until the read models have every event written so far. */
async function read<T>(token: string, path: string) {
  const head = await domainHead(platform.platform.eventStore);
  return call<T>(platform.url, 'GET', path, { token, headers: head ? { 'x-filora-min-position': head } : {} });
}

async function owner() {
  const user = await registerAndLogin(platform.url);
  const hook = await createIncomingWebhook(platform.url, user.token);
  return { ...user, hookId: hook.id, hookUrl: hook.url };
}

const received = (hookId: string, ownerId: string, payload: unknown, messageId: string | null = null): ReceivedCall => ({
  incomingWebhookId: hookId,
  ownerId,
  messageId,
  ip: '203.0.113.9',
  body: Buffer.from(JSON.stringify(payload)),
});
const created = (id: string): CallResult => ({
  outcome: 'succeeded',
  resultId: id,
  errors: [],
  answer: { status: 201, body: { id, resource: 'file', result: 'created' } },
});
const unmapped: CallResult = {
  outcome: 'mapping_failed',
  resultId: null,
  errors: [{ path: 'name', message: 'no value at payload path name' }],
  answer: { status: 422, body: {} },
};

/** A call that ran through the call log as the receive route runs it: received, then finished. */
async function ranCall(hookId: string, ownerId: string, payload: unknown, result: CallResult): Promise<string> {
  const call = received(hookId, ownerId, payload);
  const start = await calls().begin(call);
  await calls().finish(start.callId, call, result);
  return start.callId;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('an incoming webhook’s call log', () => {
  it('answers the calls newest first in cursor pages, each row with what the call was and how it ended', async () => {
    const { token, id, hookId } = await owner();
    const fileId = randomUUID();
    const ids = [
      await ranCall(hookId, id, { name: 'a.txt', api_key: 'k-123' }, created(fileId)),
      await ranCall(hookId, id, { content: 'no name' }, unmapped),
      (await calls().begin(received(hookId, id, { name: 'running.txt' }, 'msg-running'))).callId,
    ];
    const first = await read<LogPage>(token, `${BASE}/${hookId}/logs?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.page).toEqual({ limit: 2, next_cursor: expect.any(String), has_more: true });
    const second = await read<LogPage>(token, `${BASE}/${hookId}/logs?limit=2&cursor=${first.body.page.next_cursor}`);
    expect(second.body.page).toEqual({ limit: 2, next_cursor: null, has_more: false });
    const rows = [...first.body.data, ...second.body.data];
    expect(rows.map((row) => row.id)).toEqual([...ids].reverse());
    expect(rows[2]).toEqual({
      id: ids[0],
      received_at: expect.any(String),
      ip: '203.0.113.9',
      size_bytes: Buffer.byteLength(JSON.stringify({ name: 'a.txt', api_key: 'k-123' })),
      message_id: null,
      outcome: 'succeeded',
      status: 201,
      result_id: fileId,
      errors: [],
      payload_excerpt: '{"name":"a.txt","api_key":"***"}',
      finished_at: expect.any(String),
    });
    expect(rows[1]).toMatchObject({ outcome: 'mapping_failed', status: 422, result_id: null, errors: unmapped.errors });
    expect(rows[0]).toMatchObject({ outcome: 'running', status: null, message_id: 'msg-running', finished_at: null });
  });

  it('filters by outcome and by the time received', async () => {
    const { token, id, hookId } = await owner();
    const early = await ranCall(hookId, id, { name: 'early.txt' }, created(randomUUID()));
    await pause();
    const from = new Date().toISOString();
    await pause();
    const failed = await ranCall(hookId, id, { content: 'x' }, unmapped);
    const late = await ranCall(hookId, id, { name: 'late.txt' }, created(randomUUID()));
    await pause();
    const to = new Date().toISOString();
    const ids = async (query: string) => (await read<LogPage>(token, `${BASE}/${hookId}/logs?${query}`)).body.data.map((row) => row.id);
    expect(await ids('outcome=succeeded')).toEqual([late, early]);
    expect(await ids('outcome=mapping_failed')).toEqual([failed]);
    expect(await ids('outcome=invalid_signature')).toEqual([]);
    expect(await ids(`since=${from}`)).toEqual([late, failed]);
    expect(await ids(`until=${from}`)).toEqual([early]);
    expect(await ids(`since=${from}&until=${to}&outcome=succeeded`)).toEqual([late]);
  });

  it('counts the calls in the hook’s stats and shows the newest in recent_calls', async () => {
    const { token, id, hookId } = await owner();
    await ranCall(hookId, id, { name: 'one.txt' }, created(randomUUID()));
    await ranCall(hookId, id, { content: 'x' }, unmapped);
    const latest = await ranCall(hookId, id, { name: 'two.txt' }, created(randomUUID()));
    await calls().refuse(received(hookId, id, { name: 'forged.txt' }), {
      outcome: 'invalid_signature',
      resultId: null,
      errors: [],
      answer: { status: 401, body: {} },
    });
    const hook = await read<{ stats: Record<string, unknown>; recent_calls: CallLogRow[] }>(token, `${BASE}/${hookId}`);
    expect(hook.status).toBe(200);
    expect(hook.body.stats).toEqual({ total: 4, succeeded: 2, failed: 2, success_rate: 0.5, last_call_at: expect.any(String) });
    expect(hook.body.recent_calls.map((row) => row.outcome)).toEqual(['invalid_signature', 'succeeded', 'mapping_failed', 'succeeded']);
    expect(hook.body.recent_calls[1]!.id).toBe(latest);

    // The list carries each hook's counts too: read in one query for the page, a hook no call reached with zeros.
    const quiet = await createIncomingWebhook(platform.url, token);
    const listed = await read<{ data: Array<{ id: string; stats: unknown }> }>(token, BASE);
    expect(listed.body.data.map(({ id: listedId, stats }) => ({ id: listedId, stats }))).toEqual([
      { id: quiet.id, stats: { total: 0, succeeded: 0, failed: 0, success_rate: null, last_call_at: null } },
      { id: hookId, stats: hook.body.stats },
    ]);
  });

  it('logs calls to the receive URL, their payload masked', async () => {
    const { token, hookUrl, hookId } = await owner();
    const post = (payload: unknown) =>
      fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    const stored = await post({ name: 'contact.txt', content: 'hello', contact: { password: 'hunter2' } });
    expect(stored.status).toBe(201);
    const storedId = ((await stored.json()) as { id: string }).id;
    expect((await post({ content: 'no name', token: 'tok-1' })).status).toBe(422);
    const rows = (await read<LogPage>(token, `${BASE}/${hookId}/logs`)).body.data;
    expect(rows).toEqual([
      expect.objectContaining({ outcome: 'mapping_failed', status: 422, errors: [expect.objectContaining({ path: expect.any(String) })] }),
      expect.objectContaining({ outcome: 'succeeded', status: 201, result_id: storedId }),
    ]);
    expect(rows[0]!.payload_excerpt).toBe('{"content":"no name","token":"***"}');
    expect(rows[1]!.payload_excerpt).toBe('{"name":"contact.txt","content":"hello","contact":{"password":"***"}}');
  });

  it('answers 404 for another user’s hook, a made-up one and a deleted one', async () => {
    const alice = await owner();
    const bob = await registerAndLogin(platform.url);
    await ranCall(alice.hookId, alice.id, { name: 'a.txt' }, created(randomUUID()));
    expect((await read<ErrorBody>(bob.token, `${BASE}/${alice.hookId}/logs`)).status).toBe(404);
    expect((await read<ErrorBody>(alice.token, `${BASE}/${randomUUID()}/logs`)).status).toBe(404);
    expect((await call(platform.url, 'DELETE', `${BASE}/${alice.hookId}`, { token: alice.token })).status).toBe(204);
    const gone = await read<ErrorBody>(alice.token, `${BASE}/${alice.hookId}/logs`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('not_found');
  });

  it('refuses bad filters with a 400 naming them', async () => {
    const { token, hookId } = await owner();
    const paths = async (query: string) => {
      const response = await call<ErrorBody>(platform.url, 'GET', `${BASE}/${hookId}/logs?${query}`, { token });
      expect(response.status).toBe(400);
      return response.body.error.details.map((detail) => detail.path);
    };
    expect(await paths('outcome=exploded')).toEqual(['query.outcome']);
    expect(await paths('since=yesterday')).toEqual(['query.since']);
    expect(await paths('since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z')).toEqual(['query.until']);
    expect(await paths('limit=101')).toEqual(['query.limit']);
    expect(await paths('cursor=not-a-cursor')).toEqual(['query.cursor']);
    expect(await paths('status=200')).toEqual(['query']);
  });
});
