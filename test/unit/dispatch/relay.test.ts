import { randomUUID } from 'node:crypto';
import type { ConsumedMessage } from '../../../src/ports/messageLog';
import { Relay } from '../../../src/dispatch/relay';
import { openStores, silentLogger } from '../../support/stores';

type Stores = Awaited<ReturnType<typeof openStores>>;
let stores: Stores;
beforeEach(async () => {
  stores = await openStores();
});
afterEach(async () => {
  await stores.close();
});

async function collect(topic: string, count: number): Promise<ConsumedMessage[]> {
  const received: ConsumedMessage[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const consumer = await stores.messageLog.consume(`test-${randomUUID()}`, [topic], async (message) => {
    received.push(message);
    if (received.length >= count) done();
  });
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 1000))]);
  await consumer.stop();
  return received;
}

describe('relay', () => {
  it('publishes public events as CloudEvents keyed by stream, without secrets, and skips internal streams', async () => {
    const userId = randomUUID();
    const metadata = { correlationId: 'corr-9' };
    await stores.eventStore.append(
      `claim-${randomUUID()}`,
      [{ id: randomUUID(), type: 'NameClaimed', data: { value: 'alice' }, metadata }],
      { expectedRevision: 'no_stream' },
    );
    const { position } = await stores.eventStore.append(
      `user-${userId}`,
      [
        {
          id: randomUUID(),
          type: 'UserRegistered',
          data: { userId, username: 'alice', passwordHash: 'scrypt$secret' },
          metadata,
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const relay = new Relay(stores.eventStore, stores.messageLog, stores.readStore, silentLogger(), { batchSize: 10 });
    await relay.start();

    const [message, ...rest] = await collect('filora.user.v1', 1);
    await relay.stop();
    expect(rest).toHaveLength(0);
    expect(message?.key).toBe(`user-${userId}`);
    expect(message?.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'io.filora.UserRegistered',
      ce_source: '/filora/user',
      ce_subject: `user-${userId}`,
      'content-type': 'application/json',
      filora_event: 'user.registered',
      filora_correlation_id: 'corr-9',
    });
    expect(Date.parse(message!.headers.ce_time!)).not.toBeNaN();
    expect(JSON.parse(message!.value.toString())).toEqual({ userId, username: 'alice' });
    expect(relay.checkpoint).toBe(position);
    expect(await collect('filora.claim.v1', 1)).toHaveLength(0);
  });

  it('resumes after its checkpoint: a restart does not publish old events again', async () => {
    const stream = `user-${randomUUID()}`;
    await stores.eventStore.append(stream, [{ id: randomUUID(), type: 'UserLoggedIn', data: { n: 1 }, metadata: {} }], {
      expectedRevision: 'any',
    });
    const first = new Relay(stores.eventStore, stores.messageLog, stores.readStore, silentLogger(), { batchSize: 10 });
    await first.start();
    expect(await collect('filora.user.v1', 1)).toHaveLength(1);
    await first.stop();
    await stores.eventStore.append(stream, [{ id: randomUUID(), type: 'UserLoggedIn', data: { n: 2 }, metadata: {} }], {
      expectedRevision: 'any',
    });
    const second = new Relay(stores.eventStore, stores.messageLog, stores.readStore, silentLogger(), { batchSize: 10 });
    await second.start();
    const everything = await collect('filora.user.v1', 3);
    await second.stop();
    expect(everything.map((message) => JSON.parse(message.value.toString()).n)).toEqual([1, 2]);
  });
});
