import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { createWebhook } from '../support/webhookApi';
import { WebhookReceiver } from '../support/webhookReceiver';

/** POST /webhooks/{id}/test over HTTP to a real local receiver: its body, a disabled webhook, and a failed test. */
let platform: TestPlatform;
let receiver: WebhookReceiver;
let session: { id: string; token: string };
beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  platform = await startTestPlatform({ FILORA_WEBHOOK_ALLOW_PRIVATE: 'true', FILORA_WEBHOOK_RETRY_SCHEDULE: '300,300,300' });
  session = await registerAndLogin(platform.url);
});
afterAll(async () => {
  await platform.close();
  await receiver.close();
});

const api = (path: string) => `/api/v1/webhooks${path}`;

interface DeliveryBody {
  status: string;
  next_attempt_at: string | null;
  attempts: Array<{ status: number | null }>;
}

async function webhookAt(path: string) {
  return createWebhook(platform.url, session.token, { url: receiver.urlFor(path), events: ['upload.completed'] });
}

describe('POST /webhooks/{id}/test', () => {
  it('takes no body or an empty object, and refuses any key', async () => {
    receiver.respondWith(() => ({ status: 200 }));
    const webhook = await webhookAt('/bodies');

    const withoutBody = await call(platform.url, 'POST', api(`/${webhook.id}/test`), { token: session.token });
    const empty = await call(platform.url, 'POST', api(`/${webhook.id}/test`), { token: session.token, body: {} });
    const unknownKey = await call(platform.url, 'POST', api(`/${webhook.id}/test`), {
      token: session.token,
      body: { event: 'file.created' },
    });

    expect([withoutBody.status, empty.status]).toEqual([200, 200]);
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body).toMatchObject({ error: { code: 'validation_error' } });
    expect(receiver.requests('/bodies')).toHaveLength(2);
  });

  it('answers 409 for a disabled webhook and sends nothing', async () => {
    const webhook = await webhookAt('/disabled');
    const patched = await call(platform.url, 'PATCH', api(`/${webhook.id}`), { token: session.token, body: { enabled: false } });
    expect(patched.status).toBe(200);

    const tested = await call(platform.url, 'POST', api(`/${webhook.id}/test`), { token: session.token });

    expect(tested.status).toBe(409);
    expect(tested.body).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/disabled/) } });
    expect(receiver.requests('/disabled')).toHaveLength(0);
  });

  it('fails a test delivery on its one attempt: it is never retried', async () => {
    receiver.respondWith((request) => ({ status: request.path === '/failing' ? 500 : 200 }));
    const webhook = await webhookAt('/failing');

    const tested = await call<{ delivery_id: string; success: boolean }>(platform.url, 'POST', api(`/${webhook.id}/test`), {
      token: session.token,
    });
    expect(tested.body.success).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // past every retry of the shortened schedule

    const delivery = await call<DeliveryBody>(platform.url, 'GET', api(`/${webhook.id}/deliveries/${tested.body.delivery_id}`), {
      token: session.token,
    });
    expect(delivery.body).toMatchObject({ status: 'failed', next_attempt_at: null, attempts: [{ status: 500 }] });
    expect(receiver.requests('/failing')).toHaveLength(1);
  });
});
