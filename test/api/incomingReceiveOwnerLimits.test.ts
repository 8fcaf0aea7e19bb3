import { call, registerAndLogin } from '../support/http';
import { createIncomingWebhook } from '../support/incomingWebhookApi';
import { postToHook } from '../support/incomingReceive';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

/** The receive URL under enforced limits that are not the hook's own: its owner's plan, and an address probing for tokens. */
const ANONYMOUS_PER_MINUTE = 6;
/** The default plan's requests per minute (PLAN_LIMITS.basic). */
const BASIC_PER_MINUTE = 60;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({
    FILORA_RATE_LIMIT_MODE: 'enforce',
    FILORA_RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS_PER_MINUTE),
  });
});
afterAll(async () => {
  await platform.close();
});

const url = () => platform.url;

describe('the owner’s plan', () => {
  it('counts every call that runs as one of the owner’s requests: a 6000/min hook of a basic-plan user stops at the plan, 429 not logged', async () => {
    const owner = await registerAndLogin(url());
    const hook = await createIncomingWebhook(url(), owner.token, {
      name: 'folders',
      action: 'create_folder',
      field_mapping: { name: 'name' },
      rate_limit_per_minute: 6000,
    });
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof postToHook>> | null = null;
    for (let i = 0; i < BASIC_PER_MINUTE + 5 && refused === null; i++) {
      const answer = await postToHook(hook.url, { name: `folder-${i}` });
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(refused).not.toBeNull();
    expect(refused!.body.error?.code).toBe('rate_limited');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const ran = statuses.filter((status) => status === 201).length;
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(BASIC_PER_MINUTE);
    expect(statuses.every((status) => status === 201 || status === 429)).toBe(true);
    // The owner's own API requests are out of the same minute.
    expect((await call(url(), 'GET', '/api/v1/folders', { token: owner.token })).status).toBe(429);
    // Not logged: the hook's calls are the ones that ran (the log itself is out of the owner's reach this minute).
    const received = (await platform.platform.eventStore.readAll({ after: null, limit: 100_000 })).filter(
      (event) => event.type === 'IncomingCallReceived' && JSON.stringify(event.data).includes(hook.id),
    );
    expect(received).toHaveLength(ran);
  });
});

describe('tokens that open no hook', () => {
  it('count against the caller’s anonymous per-address limit: 404s, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= ANONYMOUS_PER_MINUTE; i++) {
      const answer = await postToHook(`${url()}/api/v1/webhooks/incoming/fwh_probe${i}`, { name: 'probe' });
      statuses.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses[statuses.length - 1]).toBe(429);
    expect(statuses.every((status) => status === 404 || status === 429)).toBe(true);
  });
});
