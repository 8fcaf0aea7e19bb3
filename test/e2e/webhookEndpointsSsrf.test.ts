import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { ServerProcess } from '../support/serverProcess';
import { startServer } from '../support/serverProcess';
import { createWebhook, pollUntil } from '../support/webhookApi';
import { WebhookReceiver } from '../support/webhookReceiver';

/**
 * With FILORA_WEBHOOK_ALLOW_PRIVATE off (the default), a webhook whose host name resolves to a private address
 * (here `localhost`, a local receiver) gets nothing: the sender refuses the address at connect time.
 */
let dataDir: string;
let server: ServerProcess;
let receiver: WebhookReceiver;
let session: { id: string; token: string };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'filora-ssrf-'));
  receiver = await WebhookReceiver.start();
  server = await startServer(dataDir, { FILORA_WEBHOOK_RETRY_SCHEDULE: '60000' });
  session = await registerAndLogin(server.url);
}, 60_000);
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface DeliveryView {
  id: string;
  attempts: Array<{ error_class: string | null; error_message: string | null }>;
}

describe('a URL resolving to a private address', () => {
  it('is refused, for a test send and for an event, and the receiver gets nothing', async () => {
    const privateUrl = receiver.urlFor('/private').replace('127.0.0.1', 'localhost');
    const webhook = await createWebhook(server.url, session.token, { url: privateUrl, events: ['upload.completed'] });

    const tested = await call(server.url, 'POST', `/api/v1/webhooks/${webhook.id}/test`, { token: session.token });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({
      success: false,
      status: null,
      error_class: 'ssrf_refused',
      error_message: 'localhost resolves to an address webhooks may not reach',
    });

    await uploadJson(server.url, session.token, { name: 'private.txt', content: 'not for localhost' });
    const attempted = await pollUntil(
      async () => {
        const page = await call<{ data: DeliveryView[] }>(
          server.url,
          'GET',
          `/api/v1/webhooks/${webhook.id}/deliveries?event=upload.completed`,
          {
            token: session.token,
          },
        );
        const [delivery] = page.body.data;
        if (!delivery) return [];
        return (
          await call<DeliveryView>(server.url, 'GET', `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}`, { token: session.token })
        ).body.attempts;
      },
      (attempts) => attempts.length > 0,
    );
    expect(attempted.map((attempt) => [attempt.error_class, attempt.error_message])).toEqual([
      ['ssrf_refused', 'localhost resolves to an address webhooks may not reach'],
    ]);
    expect(receiver.requests()).toHaveLength(0);
  });
});
