import { call } from './http';

export interface CreatedWebhook {
  id: string;
  secret: string;
}

/** Registers a webhook over the API (201 expected) and answers its id and signing secret. */
export async function createWebhook(url: string, token: string, settings: Record<string, unknown>): Promise<CreatedWebhook> {
  const created = await call<{ id: string; secret: string }>(url, 'POST', '/api/v1/webhooks', { token, body: settings });
  if (created.status !== 201) throw new Error(`webhook not created: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id, secret: created.body.secret };
}

/** Polls `read` until `done` holds for its answer; throws with the last answer after `timeoutMs`. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not there after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
