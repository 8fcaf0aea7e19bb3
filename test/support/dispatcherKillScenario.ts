import { startDispatcher } from './dispatcherProcess';
import { uploadJson } from './files';
import { call, registerAndLogin } from './http';
import { createWebhook, pollUntil } from './webhookApi';
import { WebhookReceiver } from './webhookReceiver';
import type { ReceivedRequest } from './webhookReceiver';

export interface KillCounts {
  /** Events that each had to be delivered once. */
  sent: number;
  /** Distinct webhook-ids received. */
  delivered: number;
  /** Requests past the first for a webhook-id. */
  duplicated: number;
  /** Requests received before the SIGKILL. */
  beforeKill: number;
}

const FILES = 60;
/** Each answer takes this long, so that attempts are in flight when the dispatcher is killed. */
const ANSWER_DELAY_MS = 300;

/**
 * Uploads FILES files with a webhook on upload.completed, SIGKILLs the `filora dispatcher` process once a
 * quarter of the deliveries have arrived (others in flight), starts another, and waits until every event
 * has arrived. `apiUrl` serves the API on the same stores as `dispatcherEnv` (projections and relay running).
 */
export async function deliveriesAcrossDispatcherKill(apiUrl: string, dispatcherEnv: Record<string, string>): Promise<KillCounts> {
  const receiver = await WebhookReceiver.start(() => ({ status: 200, delayMs: ANSWER_DELAY_MS }));
  let dispatcher = await startDispatcher(dispatcherEnv);
  try {
    const user = await registerAndLogin(apiUrl);
    const settings = { url: receiver.urlFor('/kill'), events: ['upload.completed'], rate_limit_per_minute: 6000, max_concurrency: 2 };
    const webhook = await createWebhook(apiUrl, user.token, settings);
    for (let index = 0; index < FILES; index++) {
      const uploaded = await uploadJson(apiUrl, user.token, { name: `f${index}.txt`, content: 'x' });
      if (uploaded.status !== 201) throw new Error(`upload ${index}: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
    }
    await receiver.waitForRequests(FILES / 4, { timeoutMs: 60_000 });
    dispatcher.child.kill('SIGKILL');
    await dispatcher.exited;
    const beforeKill = receiver.requests().length;
    dispatcher = await startDispatcher(dispatcherEnv);

    // The killed process's partition and delivery leases run out before the new one takes its work over.
    await pollUntil(
      async () => distinctIds(receiver.requests()).size,
      (delivered) => delivered >= FILES,
      150_000,
    );
    const deliveries = `/api/v1/webhooks/${webhook.id}/deliveries?status=succeeded&limit=100`;
    await pollUntil(
      async () => (await call<{ data: unknown[] }>(apiUrl, 'GET', deliveries, { token: user.token })).body.data?.length ?? 0,
      (succeeded) => succeeded === FILES,
    );
    const requests = receiver.requests();
    requireSameBodyPerId(requests);
    return { sent: FILES, delivered: distinctIds(requests).size, duplicated: requests.length - distinctIds(requests).size, beforeKill };
  } finally {
    dispatcher.child.kill('SIGTERM');
    await dispatcher.exited;
    await receiver.close();
  }
}

const distinctIds = (requests: readonly ReceivedRequest[]) => new Set(requests.map((request) => request.headers['webhook-id']));

/** A duplicate is a repeat of its first send: same webhook-id, same body. */
function requireSameBodyPerId(requests: readonly ReceivedRequest[]): void {
  const bodies = new Map<string, string>();
  for (const request of requests) {
    const id = request.headers['webhook-id']!;
    const first = bodies.get(id) ?? request.body;
    if (first !== request.body) throw new Error(`two bodies for webhook-id ${id}`);
    bodies.set(id, first);
  }
}
