import { uploadJson } from '../support/files';
import { call } from '../support/http';
import { createWebhook, pollUntil } from '../support/webhookApi';
import { useWebhookServer } from '../support/webhookServer';
import { verifiedDelivery } from '../support/webhookSignatures';

/**
 * Webhooks end to end, through `filora serve` (API, projections, relay and dispatcher in one process) to a
 * real local receiver. Retries are shortened for the test (FILORA_WEBHOOK_RETRY_SCHEDULE).
 */
const world = useWebhookServer('filora-webhooks-', {
  FILORA_WEBHOOK_ALLOW_PRIVATE: 'true',
  FILORA_WEBHOOK_RETRY_SCHEDULE: '300,300,300,300',
});

interface DeliveryView {
  id: string;
  status: string;
  request_body: string;
  attempts: { status: number | null; request_headers: Record<string, string> }[];
}

const SIGNING_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-filora-signature'];

describe('webhooks end to end', () => {
  it('delivers upload.completed for an upload, verified by the standardwebhooks library and by the seed snippet', async () => {
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/uploads'),
      events: ['upload.completed'],
    });

    const uploaded = await uploadJson(world.server.url, world.session.token, { name: 'report.pdf', content: 'quarterly numbers' });
    const [request] = await world.receiver.waitForRequests(1, { path: '/uploads' });

    const body = verifiedDelivery(request!, webhook.secret);
    expect(body).toMatchObject({
      event: 'upload.completed',
      id: request!.headers['webhook-id'],
      data: expect.objectContaining({ file_id: uploaded.body.id, file_name: 'report.pdf', file_size: uploaded.body.size }),
    });
    expect(request!.headers['user-agent']).toMatch(/^Filora-Webhooks\/\d+\.\d+\.\d+/);
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
  });

  it('sends the same webhook-id on the 4th attempt after 3 failures, and the delivery log shows the 4 attempts', async () => {
    world.receiver.queue([{ status: 500 }, { status: 503 }, { status: 502 }], '/flaky');
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/flaky'),
      events: ['file.created'],
    });

    await uploadJson(world.server.url, world.session.token, { name: 'retried.txt', content: 'again and again' });
    const requests = await world.receiver.waitForRequests(4, { path: '/flaky', timeoutMs: 30_000 });

    expect(new Set(requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    for (const request of requests) verifiedDelivery(request, webhook.secret);
    const deliveries = await call<{ data: DeliveryView[] }>(world.server.url, 'GET', `/api/v1/webhooks/${webhook.id}/deliveries`, {
      token: world.session.token,
    });
    expect(deliveries.body.data).toHaveLength(1);
    const deliveryPath = `/api/v1/webhooks/${webhook.id}/deliveries/${deliveries.body.data[0]!.id}`;
    const delivery = await pollUntil(
      async () => (await call<DeliveryView>(world.server.url, 'GET', deliveryPath, { token: world.session.token })).body,
      (view) => view.status === 'succeeded',
    );
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 502, 200]);
    // The log shows what was really sent: the body, and each attempt's own signed headers.
    expect(delivery.request_body).toBe(requests[0]!.body);
    delivery.attempts.forEach((attempt, index) => {
      for (const header of SIGNING_HEADERS) expect(attempt.request_headers[header]).toBe(requests[index]!.headers[header]);
    });
  });

  it('replays an event already delivered under the same webhook-id, as a delivery of its own', async () => {
    const webhook = await createWebhook(world.server.url, world.session.token, {
      url: world.receiver.urlFor('/replayed'),
      events: ['upload.completed'],
    });
    const since = new Date().toISOString();
    await uploadJson(world.server.url, world.session.token, { name: 'again.txt', content: 'once more' });
    const [original] = await world.receiver.waitForRequests(1, { path: '/replayed' });

    const replay = await call<{ from_position: string | null; through_position: string | null }>(
      world.server.url,
      'POST',
      `/api/v1/webhooks/${webhook.id}/replay`,
      {
        token: world.session.token,
        body: { since },
      },
    );
    const [, replayed] = await world.receiver.waitForRequests(2, { path: '/replayed' });

    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ from_position: expect.any(String), through_position: expect.any(String) });
    expect(replayed!.headers['webhook-id']).toBe(original!.headers['webhook-id']);
    expect(verifiedDelivery(replayed!, webhook.secret)).toEqual(JSON.parse(original!.body));
    const deliveries = await call<{ data: { trigger: string }[] }>(world.server.url, 'GET', `/api/v1/webhooks/${webhook.id}/deliveries`, {
      token: world.session.token,
    });
    expect(deliveries.body.data.map((delivery) => delivery.trigger).sort()).toEqual(['event', 'replay']);
  });
});
