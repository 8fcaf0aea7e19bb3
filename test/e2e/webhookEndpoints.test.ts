import { Webhook } from 'standardwebhooks';
import { createFolder, uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import { createWebhook, pollUntil } from '../support/webhookApi';
import { useWebhookServer } from '../support/webhookServer';
import type { ReceivedRequest } from '../support/webhookReceiver';
import { verifiedDelivery } from '../support/webhookSignatures';

/**
 * What the endpoint workers do, end to end through `filora serve` to a real local receiver: 410, Retry-After,
 * redirects, rotation, per_resource ordering and one endpoint's throttle not holding up another.
 * Retries are shortened for the test (FILORA_WEBHOOK_RETRY_SCHEDULE).
 */
const world = useWebhookServer('filora-endpoints-', {
  FILORA_WEBHOOK_ALLOW_PRIVATE: 'true',
  FILORA_WEBHOOK_RETRY_SCHEDULE: '300,300,300,300,300,300',
});

interface WebhookView {
  enabled: boolean;
  disabled_reason: string | null;
}
interface TestAttemptView {
  success: boolean;
  status: number | null;
  error_class: string | null;
  message_id: string;
}

const api = (path: string) => `/api/v1/webhooks${path}`;
const bodyOf = (request: ReceivedRequest) => JSON.parse(request.body) as { event: string; data: Record<string, unknown> };

async function sendTest(webhookId: string) {
  return call<TestAttemptView>(world.server.url, 'POST', api(`/${webhookId}/test`), { token: world.session.token });
}

describe('endpoint answers', () => {
  it('410 Gone disables the webhook, with the reason in GET /webhooks/{id}', async () => {
    world.receiver.respondWith((request) => (request.path === '/gone' ? { status: 410 } : { status: 200 }));
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/gone'),
      events: ['upload.completed'],
    });

    await uploadJson(world.server.url, world.session.token, { name: 'gone.txt', content: 'nobody home' });
    await world.receiver.waitForRequests(1, { path: '/gone' });

    const shown = await pollUntil(
      async () => (await call<WebhookView>(world.server.url, 'GET', api(`/${webhook.id}`), { token: world.session.token })).body,
      (view) => !view.enabled,
    );
    expect(shown.disabled_reason).toMatch(/410/);
    await uploadJson(world.server.url, world.session.token, { name: 'after.txt', content: 'still nobody' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(world.receiver.requests('/gone')).toHaveLength(1);
  });

  it('waits for Retry-After: 2 before the next attempt, which carries the same webhook-id', async () => {
    world.receiver.queue([{ status: 503, headers: { 'retry-after': '2' } }], '/busy');
    await createWebhook(world.server.url, world.session.token, { url: world.receiver.urlFor('/busy'), events: ['upload.completed'] });

    await uploadJson(world.server.url, world.session.token, { name: 'busy.txt', content: 'later please' });
    const [first, second] = await world.receiver.waitForRequests(2, { path: '/busy', timeoutMs: 10_000 });

    // The schedule alone would have retried after 300 ms.
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(2_000);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
  });

  it('a redirect is a failure, never followed', async () => {
    world.receiver.respondWith((request) =>
      request.path === '/moved' ? { status: 302, headers: { location: world.receiver.urlFor('/elsewhere') } } : { status: 200 },
    );
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/moved'),
      events: ['upload.completed'],
    });

    const attempt = await sendTest(webhook.id);

    expect(attempt.status).toBe(200);
    expect(attempt.body).toMatchObject({ success: false, status: 302, error_class: 'redirect' });
    expect(world.receiver.requests('/moved')).toHaveLength(1);
    expect(world.receiver.requests('/elsewhere')).toHaveLength(0);
  });
});

describe('secret rotation', () => {
  it('during the rotation window a delivery carries two signatures, one per secret', async () => {
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/rotated'),
      events: ['upload.completed'],
    });
    const rotated = await call<{ secret: string }>(world.server.url, 'POST', api(`/${webhook.id}/rotate-secret`), {
      token: world.session.token,
      body: {},
    });
    expect(rotated.status).toBe(200);

    await uploadJson(world.server.url, world.session.token, { name: 'rotated.txt', content: 'two keys' });
    const [request] = await world.receiver.waitForRequests(1, { path: '/rotated' });

    expect(request!.headers['webhook-signature']!.split(' ')).toEqual([expect.stringMatching(/^v1,/), expect.stringMatching(/^v1,/)]);
    verifiedDelivery(request!, rotated.body.secret);
    expect(() => new Webhook(webhook.secret).verify(request!.body, request!.headers)).not.toThrow();
  });
});

describe('POST /webhooks/{id}/test', () => {
  it('sends a webhook.test event now and answers the attempt', async () => {
    world.receiver.queue([{ status: 202, body: 'test received', headers: { 'x-receiver': 'yes' } }], '/tested');
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/tested'),
      events: ['upload.completed'],
    });

    const attempt = await sendTest(webhook.id);

    expect(attempt.status).toBe(200);
    expect(attempt.body).toMatchObject({
      delivery_id: expect.any(String),
      event: 'webhook.test',
      success: true,
      status: 202,
      duration_ms: expect.any(Number),
      error_class: null,
      response: { body: 'test received', headers: expect.objectContaining({ 'x-receiver': 'yes' }) },
    });
    const [request] = world.receiver.requests('/tested');
    expect(verifiedDelivery(request!, webhook.secret)).toMatchObject({ id: attempt.body.message_id, event: 'webhook.test' });
  });

  it('answers 400 for a malformed id, 404 for an unknown or another user’s webhook', async () => {
    const other = await registerAndLogin(world.server.url);
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/private'),
      events: ['token.revoked'],
    });

    const malformed = await call(world.server.url, 'POST', api('/not-a-uuid/test'), { token: world.session.token });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'validation_error' } });
    const unknown = await call(world.server.url, 'POST', api('/00000000-0000-4000-8000-000000000000/test'), { token: world.session.token });
    expect(unknown.status).toBe(404);
    const foreign = await call(world.server.url, 'POST', `/api/integrations/webhooks/${webhook.id}/test`, { token: other.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'not_found' } });
    expect(world.receiver.requests('/private')).toHaveLength(0);
  });
});

describe('per_resource ordering', () => {
  it("holds a file's later events while its first keeps failing; another file's go on", async () => {
    let failuresLeft = 3;
    let slowFile = '';
    world.receiver.respondWith((request) => {
      if (request.path !== '/ordered') return { status: 200 };
      const body = bodyOf(request);
      if (body.event === 'upload.completed' && body.data.file_id === slowFile && failuresLeft > 0) {
        failuresLeft -= 1;
        return { status: 500 };
      }
      return { status: 200 };
    });
    await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/ordered'),
      events: ['upload.completed', 'file.updated'],
      ordering: 'per_resource',
      max_concurrency: 4,
    });
    const slow = await uploadJson(world.server.url, world.session.token, { name: 'slow.txt', content: 'first' });
    slowFile = slow.body.id;
    for (const name of ['slow-2.txt', 'slow-3.txt']) {
      const renamed = await call(world.server.url, 'PATCH', `/api/v1/files/${slowFile}`, { token: world.session.token, body: { name } });
      expect(renamed.status).toBe(200);
    }
    const quick = await uploadJson(world.server.url, world.session.token, { name: 'quick.txt', content: 'other' });

    const requests = await world.receiver.waitForRequests(3 + 3 + 1, { path: '/ordered', timeoutMs: 30_000 });

    const slowOnes = requests.filter((request) => bodyOf(request).data.file_id === slowFile);
    expect(slowOnes.map((request) => `${bodyOf(request).event} ${String(bodyOf(request).data.file_name)}`)).toEqual([
      'upload.completed slow.txt',
      'upload.completed slow.txt',
      'upload.completed slow.txt',
      'upload.completed slow.txt',
      'file.updated slow-2.txt',
      'file.updated slow-3.txt',
    ]);
    const quickIndex = requests.findIndex((request) => bodyOf(request).data.file_id === quick.body.id);
    const slowSuccessIndex = requests.indexOf(slowOnes[3]!);
    expect(quickIndex).toBeLessThan(slowSuccessIndex);
  });
});

describe('no endpoint holds up another', () => {
  it("endpoint A throttled to 1/min with 100 deliveries queued while endpoint B's delivery arrives within 500 ms", async () => {
    const throttled = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/throttled'),
      events: ['folder.created'],
      rate_limit_per_minute: 1,
    });
    await createWebhook(world.server.url, world.session.token, { url: world.receiver.urlFor('/prompt'), events: ['upload.completed'] });
    for (let i = 0; i < 100; i++) await createFolder(world.server.url, world.session.token, `queued-${i}`);
    await pollUntil(
      async () =>
        (
          await call<{ data: unknown[] }>(world.server.url, 'GET', api(`/${throttled.id}/deliveries?limit=100`), {
            token: world.session.token,
          })
        ).body.data.length,
      (count) => count === 100,
    );
    await world.receiver.waitForRequests(1, { path: '/throttled' });

    const uploaded = await uploadJson(world.server.url, world.session.token, { name: 'prompt.txt', content: 'right away' });
    const answeredAt = Date.now();
    const [request] = await world.receiver.waitForRequests(1, { path: '/prompt' });

    expect(bodyOf(request!).data.file_id).toBe(uploaded.body.id);
    expect(request!.receivedAt - answeredAt).toBeLessThan(500);
    expect(world.receiver.requests('/throttled')).toHaveLength(1);
  });
});
