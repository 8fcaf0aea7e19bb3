/**
 * The distributed wiring end to end: SQLite events, MongoDB read models and the Kafka message log, built by the
 * real composition root. A command goes in over HTTP; the read model in MongoDB and a Kafka consumer both see it.
 * Needs FILORA_TEST_MONGO_URL and FILORA_TEST_KAFKA_BROKERS; skipped otherwise.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Consumer, IHeaders, KafkaMessage } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { call, uniqueUser } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const mongoUrl = process.env.FILORA_TEST_MONGO_URL;
const brokers = process.env.FILORA_TEST_KAFKA_BROKERS;
const missing = [!mongoUrl && 'FILORA_TEST_MONGO_URL', !brokers && 'FILORA_TEST_KAFKA_BROKERS'].filter(Boolean);
if (missing.length > 0) console.log(`Distributed wiring test skipped: ${missing.join(' and ')} not set`);
const describeIfServers = missing.length === 0 ? describe : describe.skip;

const USER_TOPIC = 'filora.user.v1';

async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]));
}

describeIfServers('distributed wiring: SQLite events, MongoDB read models, Kafka message log', () => {
  const dbName = `filora_wiring_${randomBytes(4).toString('hex')}`;
  const kafka = new Kafka({ clientId: 'filora-wiring-test', brokers: (brokers ?? '').split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const groupId = `filora-wiring-${randomUUID()}`;
  let mongo: MongoClient;
  let platform: TestPlatform;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    mongo = await MongoClient.connect(mongoUrl ?? '');
    await admin.connect();
    platform = await startTestPlatform({
      FILORA_EVENT_STORE: 'sqlite',
      FILORA_READ_STORE: 'mongo',
      FILORA_MESSAGE_LOG: 'kafka',
      FILORA_MONGO_URL: mongoUrl ?? '',
      FILORA_MONGO_DB: dbName,
      FILORA_KAFKA_BROKERS: brokers ?? '',
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    await platform?.close();
    await mongo?.db(dbName).dropDatabase();
    await mongo?.close();
  });

  it('a registration reaches the MongoDB read model and the Kafka topic as a CloudEvent', async () => {
    const wanted = uniqueUser('wiring');
    const registered = await call<{ id: string; username: string }>(platform.url, 'POST', '/api/v1/auth/register', { body: wanted });
    expect(registered.status).toBe(201);
    const userId = registered.body.id;
    const [recorded] = await platform.platform.eventStore.readStream(`user-${userId}`);
    expect(recorded?.type).toBe('UserRegistered');

    // The read model, through the API and straight from MongoDB.
    const login = await call<{ access_token: string }>(platform.url, 'POST', '/api/v1/auth/login', {
      body: { username: wanted.username, password: wanted.password },
    });
    expect(login.status).toBe(200);
    const me = await call(platform.url, 'GET', '/api/v1/users/me', { token: login.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: userId, username: wanted.username, email: wanted.email, display_name: wanted.display_name });
    const stored = await mongo.db(dbName).collection<{ _id: string }>('users').findOne({ _id: userId });
    expect(stored).toMatchObject({
      _id: userId,
      username: wanted.username,
      email: wanted.email,
      email_lower: wanted.email.toLowerCase(),
      display_name: wanted.display_name,
    });
    expect(stored).not.toHaveProperty('passwordHash');

    // The relay creates the topic when it first publishes to it; a fresh group then reads it from the start.
    await eventually(`topic ${USER_TOPIC}`, async () => ((await admin.listTopics()).includes(USER_TOPIC) ? true : undefined));
    const received: KafkaMessage[] = [];
    consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    await consumer.subscribe({ topics: [USER_TOPIC], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (headerText(message.headers).ce_subject === `user-${userId}`) received.push(message);
      },
    });
    const message = await eventually('the relayed UserRegistered on Kafka', () => received[0]);

    expect(message.key?.toString()).toBe(`user-${userId}`);
    const headers = headerText(message.headers);
    expect(headers).toMatchObject({
      ce_id: recorded?.id,
      ce_type: 'io.filora.UserRegistered',
      ce_source: '/filora/user',
      ce_subject: `user-${userId}`,
      ce_time: recorded?.createdAt.toISOString(),
      'content-type': 'application/json',
    });
    const body = JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown>;
    expect(body).toEqual({ userId, username: wanted.username, email: wanted.email, displayName: wanted.display_name });
    expect(message.value?.toString()).not.toMatch(/passwordHash|scrypt/);
  });
});
