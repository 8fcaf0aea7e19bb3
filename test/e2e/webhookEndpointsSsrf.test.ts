import { uploadJson } from '../support/files';
import { call } from '../support/http';
import { createWebhook, pollUntil } from '../support/webhookApi';
import { useWebhookServer } from '../support/webhookServer';

/**
 * With FILORA_WEBHOOK_ALLOW_PRIVATE off (the default), a webhook whose host name resolves to a private address
 * (here `localhost`, a local receiver) gets nothing: the sender refuses the address at connect time.
 */
const world = useWebhookServer('filora-ssrf-', { FILORA_WEBHOOK_RETRY_SCHEDULE: '60000' });

interface DeliveryView {
  id: string;
  attempts: Array<{ error_class: string | null; error_message: string | null }>;
}

describe('a URL resolving to a private address', () => {
  it('is refused, for a test send and for an event, and the receiver gets nothing', async () => {
    const privateUrl = world.receiver.urlFor('/private').replace('127.0.0.1', 'localhost');
    const webhook = await createWebhook(world.server.url, world.session.token, { url: privateUrl, events: ['upload.completed'] });

    const tested = await call(world.server.url, 'POST', `/api/v1/webhooks/${webhook.id}/test`, { token: world.session.token });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({
      success: false,
      status: null,
      error_class: 'ssrf_refused',
      error_message: 'localhost resolves to an address webhooks may not reach',
    });

    await uploadJson(world.server.url, world.session.token, { name: 'private.txt', content: 'not for localhost' });
    const attempted = await pollUntil(
      async () => {
        const page = await call<{ data: DeliveryView[] }>(
          world.server.url,
          'GET',
          `/api/v1/webhooks/${webhook.id}/deliveries?event=upload.completed`,
          {
            token: world.session.token,
          },
        );
        const [delivery] = page.body.data;
        if (!delivery) return [];
        return (
          await call<DeliveryView>(world.server.url, 'GET', `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}`, {
            token: world.session.token,
          })
        ).body.attempts;
      },
      (attempts) => attempts.length > 0,
    );
    expect(attempted.map((attempt) => [attempt.error_class, attempt.error_message])).toEqual([
      ['ssrf_refused', 'localhost resolves to an address webhooks may not reach'],
    ]);
    expect(world.receiver.requests()).toHaveLength(0);
  });
});
