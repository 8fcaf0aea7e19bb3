import { createToken } from '../support/apiTokens';
import { uploadJson } from '../support/files';
import { call, registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';
import { createWebhook, pollUntil } from '../support/webhookApi';

let platform: TestPlatform;
beforeAll(async () => (platform = await startTestPlatform()));
afterAll(() => platform.close());

interface ReplayBody {
  replay_id: string;
  from_position: string | null;
  through_position: string | null;
}
interface ErrorBody {
  error: { code: string; details: { path: string; message: string }[] };
}

const replay = (token: string, webhookId: string, body: unknown, base = '/api/v1/webhooks') =>
  call<ReplayBody & ErrorBody>(platform.url, 'POST', `${base}/${webhookId}/replay`, { token, body });

/** Once the replays under way have ended, the webhook's deliveries (as many as `atLeast`, the read model being eventual). */
async function deliveriesOf(token: string, webhookId: string, atLeast: number) {
  await platform.platform.api.webhookReplay.idle();
  const list = () =>
    call<{ data: { trigger: string }[] }>(platform.url, 'GET', `/api/v1/webhooks/${webhookId}/deliveries?limit=100`, { token });
  return (await pollUntil(list, (answer) => answer.body.data.length >= atLeast)).body.data;
}

/** A user with three uploads made before their webhook existed, and the log positions of those uploads. */
async function userWithUploads() {
  const user = await registerAndLogin(platform.url);
  for (const name of ['a.txt', 'b.txt', 'c.txt']) await uploadJson(platform.url, user.token, { name, content: name });
  const webhook = await createWebhook(platform.url, user.token, { url: 'https://hooks.example.com/in', events: ['upload.completed'] });
  const log = await platform.platform.eventStore.readAll({ after: null, limit: 100_000 });
  const uploads = log.filter((event) => event.type === 'FileUploaded' && event.data.ownerId === user.id).map((event) => event.position);
  return { user, webhook, uploads };
}

describe('POST /webhooks/{id}/replay', () => {
  it('answers at once with what it covers, then re-sends every matching event from a position on, that position included, older than the webhook too', async () => {
    const { user, webhook, uploads } = await userWithUploads();

    const fromSecond = await replay(user.token, webhook.id, { from_position: uploads[1] });
    expect(fromSecond.status).toBe(202);
    expect(fromSecond.body).toMatchObject({
      replay_id: expect.any(String),
      from_position: uploads[1],
      through_position: expect.any(String),
    });
    expect(fromSecond.body.through_position! >= uploads[2]!).toBe(true);
    expect(await deliveriesOf(user.token, webhook.id, 2)).toHaveLength(2);

    const all = await replay(user.token, webhook.id, { from_position: '0'.repeat(20) });
    expect(all.body.replay_id).not.toBe(fromSecond.body.replay_id);
    const made = await deliveriesOf(user.token, webhook.id, 5);
    expect(made).toHaveLength(5);
    expect(made.every((delivery) => delivery.trigger === 'replay')).toBe(true);
  });

  it('re-sends from a time on, up to another, at the seed alias too', async () => {
    const { user, webhook } = await userWithUploads();
    const since = new Date(Date.now() - 60 * 60_000).toISOString();

    const nothingYet = await replay(user.token, webhook.id, { since, until: new Date(Date.now() - 30 * 60_000).toISOString() });
    await platform.platform.api.webhookReplay.idle();
    const answered = await replay(user.token, webhook.id, { since }, '/api/integrations/webhooks');

    expect(nothingYet.status).toBe(202);
    expect(answered.status).toBe(202);
    expect(await deliveriesOf(user.token, webhook.id, 3)).toHaveLength(3);
  });

  it('answers 409 while a replay of the webhook is still running', async () => {
    const { user, webhook } = await userWithUploads();
    const stillRunning = jest.spyOn(platform.platform.api.webhookReplay, 'start').mockResolvedValueOnce(null);

    const refused = await replay(user.token, webhook.id, { since: new Date(Date.now() - 60_000).toISOString() });

    stillRunning.mockRestore();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
  });

  it("answers 404 for another user's webhook and for one that does not exist", async () => {
    const { webhook } = await userWithUploads();
    const mallory = await registerAndLogin(platform.url);

    expect((await replay(mallory.token, webhook.id, { since: new Date().toISOString() })).status).toBe(404);
    expect((await replay(mallory.token, '7d0c2c1e-5b9e-4f5e-8f7e-1c2d3e4f5a6b', { since: new Date().toISOString() })).status).toBe(404);
  });

  it('answers 409 for a disabled webhook', async () => {
    const { user, webhook } = await userWithUploads();
    await call(platform.url, 'PATCH', `/api/v1/webhooks/${webhook.id}`, { token: user.token, body: { enabled: false } });

    const refused = await replay(user.token, webhook.id, { since: new Date().toISOString() });

    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
  });

  it.each([
    ['no start', {}, 'body.from_position'],
    ['both starts', { from_position: '0'.repeat(20), since: new Date().toISOString() }, 'body.from_position'],
    ['a malformed position', { from_position: 'yesterday' }, 'body.from_position'],
    ['a malformed time', { since: 'last week' }, 'body.since'],
    ['until before since', { since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 'body.until'],
    ['a since in the future (it can match nothing)', { since: new Date(Date.now() + 60 * 60_000).toISOString() }, 'body.since'],
    ['an unknown field', { since: '2026-01-02T00:00:00Z', window_days: 14 }, 'body'],
  ])('answers 400 in the error envelope for %s', async (_case, body, path) => {
    const { user, webhook } = await userWithUploads();

    const refused = await replay(user.token, webhook.id, body);

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_error');
    expect(refused.body.error.details.map((detail) => detail.path)).toContain(path);
  });

  it('needs the webhooks.manage scope', async () => {
    const { user, webhook } = await userWithUploads();
    const filesOnly = (await createToken(platform.url, user.token, { name: 'files', scopes: ['files.read'] })).secret;

    expect((await replay(filesOnly, webhook.id, { since: new Date().toISOString() })).status).toBe(403);
  });
});
