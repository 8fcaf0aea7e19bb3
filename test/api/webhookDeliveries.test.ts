import { randomUUID } from 'node:crypto';
import type { AttemptResult } from '../../src/webhooks/webhookPorts';
import { createToken } from '../support/apiTokens';
import { domainHead } from '../support/domainHead';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { createWebhook } from '../support/webhookApi';

/**
 * The deliveries API over HTTP. Deliveries are made and attempted here with the delivery commands themselves
 * (as the dispatcher would), so each test controls every attempt; retries are scheduled an hour away.
 */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_WEBHOOK_RETRY_SCHEDULE: '3600000,3600000,3600000' });
});
afterAll(async () => {
  await platform.close();
});

const BASE = '/api/v1/webhooks';
const ENDPOINT = 'https://hooks.example.com/filora';
const commands = () => platform.platform.api.deliveryCommands;

interface AttemptBody {
  attempt: number;
  status: number | null;
  error_class: string | null;
  response_headers?: Record<string, string>;
  response_body?: string;
}
interface DeliveryBody {
  id: string;
  webhook_id: string;
  message_id: string;
  event: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  last_attempt: AttemptBody | null;
  attempts?: AttemptBody[];
  request_body?: string;
  created_at: string;
}
interface PageBody {
  data: DeliveryBody[];
  page: { limit: number; next_cursor: string | null; has_more: boolean };
}
interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> };
}

const OK: AttemptResult = {
  status: 204,
  durationMs: 31,
  errorClass: null,
  errorMessage: null,
  responseHeaders: { server: 'receiver' },
  responseBody: '',
  retryAfterMs: null,
};
const SERVER_ERROR: AttemptResult = {
  ...OK,
  status: 500,
  errorClass: 'http_status',
  responseHeaders: { 'content-type': 'text/plain' },
  responseBody: 'database down',
};
const GONE: AttemptResult = { ...OK, status: 410, errorClass: 'gone', responseBody: 'gone' };

async function owner() {
  const user = await registerAndLogin(platform.url);
  const webhook = await createWebhook(platform.url, user.token, { url: ENDPOINT, events: ['*'] });
  return { ...user, webhookId: webhook.id };
}

async function newDelivery(webhookId: string, ownerId: string, event = 'upload.completed'): Promise<string> {
  const deliveryId = randomUUID();
  const body = { id: randomUUID(), event, timestamp: new Date().toISOString(), data: { file_id: randomUUID() } };
  const fields = { eventId: randomUUID(), eventPosition: null, resourceStream: null, trigger: 'event' as const };
  await commands().create({ deliveryId, webhookId, ownerId, body, ...fields });
  return deliveryId;
}

/** The headers an attempt sent, as the dispatcher hands them over (signed per attempt). */
const sentHeaders = (attemptNumber: number) => ({ 'webhook-id': 'msg_1', 'webhook-signature': `v1,signature-${attemptNumber}` });

async function attempt(deliveryId: string, result: AttemptResult) {
  const lease = await commands().startAttempt(deliveryId);
  if (!lease) throw new Error(`delivery ${deliveryId} could not be leased`);
  return commands().recordAttempt(lease, { url: ENDPOINT, headers: sentHeaders(lease.attempt) }, result);
}

/** A read that waits until the read models have every event written so far. */
async function read<T>(token: string, path: string) {
  const head = await domainHead(platform.platform.eventStore);
  return call<T>(platform.url, 'GET', path, { token, headers: head ? { 'x-filora-min-position': head } : {} });
}

const post = <T>(token: string, path: string, body?: unknown) => call<T>(platform.url, 'POST', path, { token, body });
const errorPaths = (body: unknown) => (body as ErrorBody).error.details.map((detail) => detail.path);

describe('listing a webhook’s deliveries', () => {
  it('answers them newest first in cursor pages', async () => {
    const { token, id, webhookId } = await owner();
    const ids = [];
    for (let index = 0; index < 3; index++) ids.push(await newDelivery(webhookId, id));
    const first = await read<PageBody>(token, `${BASE}/${webhookId}/deliveries?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.page).toEqual({ limit: 2, next_cursor: expect.any(String), has_more: true });
    const second = await read<PageBody>(token, `${BASE}/${webhookId}/deliveries?limit=2&cursor=${first.body.page.next_cursor}`);
    expect(second.body.page).toEqual({ limit: 2, next_cursor: null, has_more: false });
    expect([...first.body.data, ...second.body.data].map((delivery) => delivery.id)).toEqual([...ids].reverse());
    expect(first.body.data[0]).toEqual({
      id: ids[2],
      webhook_id: webhookId,
      message_id: expect.any(String),
      event: 'upload.completed',
      event_id: expect.any(String),
      trigger: 'event',
      status: 'pending',
      attempt_count: 0,
      next_attempt_at: expect.any(String),
      last_attempt: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it('filters by status, event (an alias names its event) and creation time', async () => {
    const { token, id, webhookId } = await owner();
    const succeeded = await newDelivery(webhookId, id);
    await attempt(succeeded, OK);
    const retrying = await newDelivery(webhookId, id, 'file.deleted');
    await attempt(retrying, SERVER_ERROR);
    const failed = await newDelivery(webhookId, id, 'file.deleted');
    await attempt(failed, GONE);
    const list = async (query: string) =>
      (await read<PageBody>(token, `${BASE}/${webhookId}/deliveries?${query}`)).body.data.map((delivery) => delivery.id);

    expect(await list('status=succeeded')).toEqual([succeeded]);
    expect(await list('status=retrying')).toEqual([retrying]);
    expect(await list('status=failed')).toEqual([failed]);
    expect(await list('status=pending')).toEqual([]);
    expect(await list('event=file.deleted')).toEqual([failed, retrying]);
    expect(await list('event=file.created')).toEqual([succeeded]);
    expect(await list('event=file.deleted&status=failed')).toEqual([failed]);

    const all = (await read<PageBody>(token, `${BASE}/${webhookId}/deliveries`)).body.data;
    const createdOf = (deliveryId: string) => all.find((delivery) => delivery.id === deliveryId)!.created_at;
    expect(await list(`since=${createdOf(retrying)}`)).toEqual([failed, retrying]);
    expect(await list(`until=${createdOf(retrying)}`)).toEqual([retrying, succeeded]);
    expect(await list(`since=${createdOf(retrying)}&until=${createdOf(retrying)}`)).toEqual([retrying]);
    expect(await list(`since=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);

    const retryingRow = all.find((delivery) => delivery.id === retrying)!;
    expect(retryingRow).toMatchObject({
      status: 'retrying',
      attempt_count: 1,
      last_attempt: { attempt: 1, status: 500, error_class: 'http_status' },
    });
    expect(Date.parse(retryingRow.next_attempt_at!)).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it('refuses bad filters with a 400 naming the parameter', async () => {
    const { token, webhookId } = await owner();
    const path = `${BASE}/${webhookId}/deliveries`;
    const cases: Array<[string, string]> = [
      ['status=lost', 'query.status'],
      ['event=file.exploded', 'query.event'],
      ['since=yesterday', 'query.since'],
      ['until=2026-13-01T00:00:00Z', 'query.until'],
      ['since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z', 'query.until'],
      ['limit=0', 'query.limit'],
      ['limit=101', 'query.limit'],
      ['cursor=not-a-cursor', 'query.cursor'],
      ['colour=blue', 'query'],
    ];
    for (const [query, field] of cases) {
      const response = await call(platform.url, 'GET', `${path}?${query}`, { token });
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body).toMatchObject({ error: { code: 'validation_error' } });
      expect(errorPaths(response.body).some((path) => path.startsWith(field))).toBe(true);
    }
    const unknownEvent = await call(platform.url, 'GET', `${path}?event=file.exploded`, { token });
    expect(JSON.stringify(unknownEvent.body)).toContain('upload.completed');
  });
});

describe('one delivery', () => {
  it('shows the body sent and every attempt with its request headers, status, error class, response headers and body', async () => {
    const { token, id, webhookId } = await owner();
    const deliveryId = await newDelivery(webhookId, id);
    await attempt(deliveryId, SERVER_ERROR);
    expect((await post(token, `${BASE}/${webhookId}/deliveries/${deliveryId}/retry`)).status).toBe(202);
    await attempt(deliveryId, OK);
    const shown = await read<DeliveryBody>(token, `${BASE}/${webhookId}/deliveries/${deliveryId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: deliveryId, status: 'succeeded', attempt_count: 2, next_attempt_at: null });
    expect(JSON.parse(shown.body.request_body ?? 'null')).toMatchObject({ id: shown.body.message_id, event: 'upload.completed' });
    expect(shown.body.attempts).toEqual([
      {
        attempt: 1,
        started_at: expect.any(String),
        url: ENDPOINT,
        request_headers: sentHeaders(1),
        duration_ms: 31,
        status: 500,
        error_class: 'http_status',
        error_message: null,
        response_headers: { 'content-type': 'text/plain' },
        response_body: 'database down',
      },
      {
        attempt: 2,
        started_at: expect.any(String),
        url: ENDPOINT,
        request_headers: sentHeaders(2),
        duration_ms: 31,
        status: 204,
        error_class: null,
        error_message: null,
        response_headers: { server: 'receiver' },
        response_body: '',
      },
    ]);
    const seedPath = await read(token, `/api/integrations/webhooks/${webhookId}/deliveries/${deliveryId}`);
    expect(seedPath.body).toEqual(shown.body);
  });

  it('is not found through another webhook, nor by another user, nor when made up', async () => {
    const alice = await owner();
    const deliveryId = await newDelivery(alice.webhookId, alice.id);
    const otherWebhook = await createWebhook(platform.url, alice.token, { url: ENDPOINT, events: ['*'] });
    const bob = await owner();
    const notFound = [
      await read(alice.token, `${BASE}/${otherWebhook.id}/deliveries/${deliveryId}`),
      await read(bob.token, `${BASE}/${alice.webhookId}/deliveries/${deliveryId}`),
      await read(bob.token, `${BASE}/${alice.webhookId}/deliveries`),
      await read(alice.token, `${BASE}/${alice.webhookId}/deliveries/${randomUUID()}`),
      await post(bob.token, `${BASE}/${alice.webhookId}/deliveries/${deliveryId}/retry`),
      await post(alice.token, `${BASE}/${otherWebhook.id}/deliveries/${deliveryId}/retry`),
      await post(bob.token, `${BASE}/${alice.webhookId}/recover`, { since: '2026-01-01T00:00:00Z' }),
    ];
    for (const response of notFound) expect(response).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('refuses a delivery id that is not a UUID', async () => {
    const { token, webhookId } = await owner();
    for (const response of [
      await call(platform.url, 'GET', `${BASE}/${webhookId}/deliveries/nope`, { token }),
      await call(platform.url, 'POST', `${BASE}/${webhookId}/deliveries/nope/retry`, { token }),
    ]) {
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toContain('params.deliveryId');
    }
  });
});

describe('retrying a delivery', () => {
  it('makes a failed delivery due now, with the same message id', async () => {
    const { token, id, webhookId } = await owner();
    const deliveryId = await newDelivery(webhookId, id);
    await attempt(deliveryId, GONE);
    const before = await read<DeliveryBody>(token, `${BASE}/${webhookId}/deliveries/${deliveryId}`);
    expect(before.body).toMatchObject({ status: 'failed', next_attempt_at: null });

    const retried = await post<DeliveryBody>(token, `${BASE}/${webhookId}/deliveries/${deliveryId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: deliveryId, status: 'retrying', message_id: before.body.message_id, attempt_count: 1 });
    expect(Date.parse(retried.body.next_attempt_at!)).toBeLessThanOrEqual(Date.now());
    const lease = await commands().startAttempt(deliveryId);
    expect(lease).toMatchObject({ attempt: 2, body: { id: before.body.message_id } });
  });

  it('refuses while an attempt is under way, and for a disabled webhook', async () => {
    const { token, id, webhookId } = await owner();
    const deliveryId = await newDelivery(webhookId, id);
    await commands().startAttempt(deliveryId);
    const underWay = await post(token, `${BASE}/${webhookId}/deliveries/${deliveryId}/retry`);
    expect(underWay).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });

    const disabled = await call(platform.url, 'PATCH', `${BASE}/${webhookId}`, { token, body: { enabled: false } });
    expect(disabled.status).toBe(200);
    const refused = await post<ErrorBody>(token, `${BASE}/${webhookId}/deliveries/${deliveryId}/retry`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(refused.body.error.message).toMatch(/disabled/);
  });

  it('needs the webhooks.manage scope', async () => {
    const { token, id, webhookId } = await owner();
    const deliveryId = await newDelivery(webhookId, id);
    const filesOnly = await createToken(platform.url, token, { scopes: ['files.read'] });
    for (const response of [
      await call(platform.url, 'GET', `${BASE}/${webhookId}/deliveries`, { token: filesOnly.secret }),
      await call(platform.url, 'POST', `${BASE}/${webhookId}/deliveries/${deliveryId}/retry`, { token: filesOnly.secret }),
    ])
      expect(response).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const manager = await createToken(platform.url, token, { scopes: ['webhooks.manage'] });
    expect((await read(manager.secret, `${BASE}/${webhookId}/deliveries/${deliveryId}`)).status).toBe(200);
  });
});

describe('recovering failed deliveries', () => {
  it('re-sends the failed deliveries of the window only', async () => {
    const { token, id, webhookId } = await owner();
    const early = await newDelivery(webhookId, id);
    await attempt(early, GONE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date().toISOString();
    const failed = [];
    for (let index = 0; index < 3; index++) {
      const deliveryId = await newDelivery(webhookId, id);
      await attempt(deliveryId, GONE);
      failed.push(deliveryId);
    }
    const succeeded = await newDelivery(webhookId, id);
    await attempt(succeeded, OK);
    const retrying = await newDelivery(webhookId, id);
    await attempt(retrying, SERVER_ERROR);
    await read(token, `${BASE}/${webhookId}/deliveries`);

    const recovered = await post(token, `${BASE}/${webhookId}/recover`, { since });
    expect(recovered).toMatchObject({ status: 202, body: { recovered: 3, has_more: false } });
    const list = async (query: string) =>
      (await read<PageBody>(token, `${BASE}/${webhookId}/deliveries?${query}`)).body.data.map((delivery) => delivery.id).sort();
    expect(await list('status=failed')).toEqual([early]);
    expect(await list('status=retrying')).toEqual([...failed, retrying].sort());
    expect(await list('status=succeeded')).toEqual([succeeded]);

    const again = await post(token, `${BASE}/${webhookId}/recover`, { since, until: new Date().toISOString() });
    expect(again).toMatchObject({ status: 202, body: { recovered: 0, has_more: false } });
  });

  it('refuses a bad window with a 400 naming the field', async () => {
    const { token, webhookId } = await owner();
    const cases: Array<[unknown, string]> = [
      [{}, 'body.since'],
      [{ since: 'last week' }, 'body.since'],
      [{ since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 'body.until'],
      [{ since: '2026-01-01T00:00:00Z', status: 'failed' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await post(token, `${BASE}/${webhookId}/recover`, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(errorPaths(response.body).some((path) => path.startsWith(field))).toBe(true);
    }
    expect((await post(token, `${BASE}/${webhookId}/recover`)).status).toBe(400);
  });
});
