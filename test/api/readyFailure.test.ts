import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ FILORA_READ_WAIT_MAX_MS: '200' });
});
afterAll(async () => {
  await platform.close();
});

interface Ready {
  status: string;
  projections: Array<{
    name: string;
    state: string;
    failure: { eventType: string; position: string; message: string } | null;
    lag: number;
  }>;
}

describe('/ready when a projection cannot apply an event', () => {
  it('answers 503 and names the projection, the event and the error; other projections keep running', async () => {
    const userId = randomUUID();
    const { position } = await platform.platform.eventStore.append(
      `user-${userId}`,
      [{ id: randomUUID(), type: 'UserRegistered', data: { userId, username: 42 }, metadata: {} }],
      { expectedRevision: 'no_stream' },
    );
    expect(await platform.platform.projections.waitFor(position, 1500)).toBe(false);

    // The projection gives up on the event after its retries, and the others catch up with it: both take longer on a busy machine.
    const othersOf = (body: Ready) => body.projections.filter((projection) => projection.name !== 'users');
    const settled = (answer: { status: number; body: Ready }) =>
      answer.status !== 200 && othersOf(answer.body).every((projection) => projection.lag === 0);
    let ready = await call<Ready>(platform.url, 'GET', '/ready');
    for (const deadline = Date.now() + 10_000; !settled(ready) && Date.now() < deadline;) {
      await sleep(100);
      ready = await call<Ready>(platform.url, 'GET', '/ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not_ready');
    const users = ready.body.projections.find((projection) => projection.name === 'users');
    expect(users).toMatchObject({ state: 'failed', failure: { eventType: 'UserRegistered', position } });
    expect(users?.failure?.message).toMatch(/username/);
    expect(users?.lag).toBeGreaterThanOrEqual(1);
    const others = othersOf(ready.body);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((projection) => projection.state === 'running' && projection.lag === 0)).toBe(true);
  });
});
