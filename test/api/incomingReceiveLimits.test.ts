import { categoryOf } from '../../src/domain/publicEvents';
import { INCOMING_CALL_CATEGORY } from '../../src/domain/incoming/incomingCallEvents';
import { USAGE_CATEGORY } from '../../src/domain/usage/usageEvents';
import { registerAndLogin } from '../support/http';
import { storedFiles } from '../support/files';
import { createIncomingWebhook } from '../support/incomingWebhookApi';
import { callLog, postToHook } from '../support/incomingReceive';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** The receive URL under enforced limits: each hook's own rate limit, and its owner's storage quota. */
const ANONYMOUS_PER_MINUTE = 4;
const QUOTA = 1024;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({
    FILORA_RATE_LIMIT_MODE: 'enforce',
    FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS_PER_MINUTE),
    FILORA_USER_QUOTA_BYTES: String(QUOTA),
  });
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;
const CONTACT_FILE = { name: 'email', content: 'note' };

/** Everything but the call log and the usage records: what a refused command must leave as it was. */
async function storedState() {
  const events = await platform.platform.eventStore.readAll({ after: null, limit: 100_000 });
  const changes = events.filter((event) => ![INCOMING_CALL_CATEGORY, USAGE_CATEGORY].includes(categoryOf(event.streamId)));
  return { lastChange: changes[changes.length - 1]?.position ?? null, files: storedFiles(platform.dataDir) };
}

describe('the hook’s rate limit', () => {
  it('admits rate_limit_per_minute calls, from one address past its anonymous limit, then 429 with Retry-After, not logged', async () => {
    const owner = await registerAndLogin(url());
    const limited = await createIncomingWebhook(url(), owner.token, {
      name: 'limited',
      action: 'create_file',
      field_mapping: CONTACT_FILE,
      rate_limit_per_minute: ANONYMOUS_PER_MINUTE + 2,
    });
    const other = await createIncomingWebhook(url(), owner.token, { name: 'other', action: 'create_file', field_mapping: CONTACT_FILE });

    for (let i = 0; i < ANONYMOUS_PER_MINUTE + 2; i++) {
      const answer = await postToHook(limited.url, { email: `call-${i}.txt`, note: 'x' });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-ratelimit-limit')).toBe(String(ANONYMOUS_PER_MINUTE + 2));
      expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(ANONYMOUS_PER_MINUTE + 1 - i));
    }
    const refused = await postToHook(limited.url, { email: 'one-too-many.txt', note: 'x' });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Another hook of the same owner counts on its own.
    expect((await postToHook(other.url, { email: 'elsewhere.txt', note: 'x' })).status).toBe(201);
    const rows = await callLog(url(), owner.token, limited.id, ANONYMOUS_PER_MINUTE + 2);
    expect(rows).toHaveLength(ANONYMOUS_PER_MINUTE + 2);
    expect(rows.every((row) => row.outcome === 'succeeded')).toBe(true);
  });
});

describe('the owner’s storage quota', () => {
  it('answers 413 for a call that would go over it, with nothing stored, logged command_failed', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, {
      name: 'notes',
      action: 'upsert_file',
      upsert_field: 'name',
      field_mapping: CONTACT_FILE,
    });
    const first = await postToHook(hook.url, { email: 'a.txt', note: 'a'.repeat(600) });
    expect(first.status).toBe(201);

    const before = await storedState();
    const newFile = await postToHook(hook.url, { email: 'b.txt', note: 'b'.repeat(600) });
    expect(newFile.status).toBe(413);
    expect(newFile.body.error).toMatchObject({ code: 'payload_too_large', message: 'the upload would exceed your storage quota' });
    const newVersion = await postToHook(hook.url, { email: 'a.txt', note: 'c'.repeat(600) });
    expect(newVersion.status).toBe(413);
    expect(await storedState()).toEqual(before);

    const rows = await callLog(url(), owner.token, hook.id, 3);
    expect(rows.map((row) => [row.outcome, row.status])).toEqual([
      ['command_failed', 413],
      ['command_failed', 413],
      ['succeeded', 201],
    ]);
  });
});
