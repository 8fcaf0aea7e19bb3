import { JsonLogger } from '../../../src/adapters/logger/jsonLogger';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import type { UsageRecorderOptions } from '../../../src/api/usage/usageRecorder';
import { UsageRecorder } from '../../../src/api/usage/usageRecorder';
import { requestsOfToken, requestsOfUser, tokenRequestsOfUser } from '../../../src/api/usage/usageSubject';
import type { UsageRecord } from '../../../src/domain/usage/usageEvents';
import { usageRecord } from '../../../src/domain/usage/usageEvents';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../../../src/ports/eventStore';
import { uuid } from '../projections/recordedEvents';

const STREAM = 'usage-00000000-0000-4000-8000-00000000abcd';

/** A memory event store that refuses appends while `down`, and counts the appends it is asked for. */
class FlakyEventStore extends MemoryEventStore {
  down = false;
  attempts: Array<readonly EventToAppend[]> = [];

  override append(
    stream: string,
    events: readonly EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.attempts.push(events);
    if (this.down) return Promise.reject(new Error('event store unavailable'));
    return super.append(stream, events, options);
  }
}

interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

let sequence = 0;
const record = (overrides: Partial<UsageRecord> = {}): UsageRecord => ({
  requestId: `request-${++sequence}`,
  at: '2026-01-01T00:00:00.000Z',
  method: 'GET',
  route: '/files/:id',
  path: `/api/v1/files/${uuid(1)}`,
  status: 200,
  durationMs: 1.5,
  bytesIn: 100,
  bytesOut: 200,
  ip: '127.0.0.1',
  userAgent: 'jest',
  userId: uuid(2),
  tokenId: null,
  ...overrides,
});

function setUp(options: Partial<UsageRecorderOptions> = {}) {
  const store = new FlakyEventStore();
  const lines: LogLine[] = [];
  const logger = new JsonLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const recorder = new UsageRecorder(store, logger, {
    streamId: STREAM,
    flushIntervalMs: 1000,
    batchRecords: 3,
    maxWaitingRecords: 10,
    maxRememberedSubjects: 100,
    ...options,
  });
  const stored = async () => (await store.readStream(STREAM)).map((event) => (event.data as { records: UsageRecord[] }).records);
  return { store, lines, recorder, stored };
}

afterEach(() => {
  jest.useRealTimers();
});

describe('usage recorder', () => {
  it('appends nothing until a flush, then the records in batched UsageRecorded events on its own stream', async () => {
    const { recorder, stored, store } = setUp({ batchRecords: 500 });
    const records = [record(), record({ status: 404 }), record({ tokenId: uuid(3) })];
    for (const one of records) recorder.record(one);
    expect(await stored()).toEqual([]);

    const position = await recorder.flush();
    expect(await stored()).toEqual([records]);
    expect(position).toBe((await store.readStream(STREAM))[0]!.position);
    expect((await store.readStream(STREAM))[0]!.type).toBe('UsageRecorded');
    await recorder.close();
  });

  it('flushes by itself once the interval passes after a record', async () => {
    jest.useFakeTimers();
    const { recorder, stored } = setUp({ batchRecords: 500 });
    const first = record();
    recorder.record(first);
    await jest.advanceTimersByTimeAsync(999);
    expect(await stored()).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(await stored()).toEqual([[first]]);
    await recorder.close();
  });

  it('flushes at once when a batch is full, and splits what waits into events of at most a batch', async () => {
    const { recorder, stored } = setUp({ batchRecords: 3, flushIntervalMs: 3_600_000 });
    const records = [record(), record(), record()];
    for (const one of records) recorder.record(one);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await stored()).toEqual([records]);

    const more = [record(), record(), record(), record(), record()];
    for (const one of more) recorder.record(one);
    await recorder.flush();
    expect((await stored()).flat()).toEqual([...records, ...more]);
    expect((await stored()).every((batch) => batch.length <= 3)).toBe(true);
    await recorder.close();
  });

  it('appends what is left on close, and refuses records after it', async () => {
    const { recorder, stored, lines } = setUp({ batchRecords: 500 });
    const last = record();
    recorder.record(last);
    await recorder.close();
    expect(await stored()).toEqual([[last]]);
    recorder.record(record());
    expect(await stored()).toEqual([[last]]);
    expect(lines.map((line) => line.msg)).toContain('a usage record arrived after the usage log closed; it is dropped');
  });

  it('answers the last position when there is nothing new to append, null before anything was', async () => {
    const { recorder } = setUp();
    expect(await recorder.flush()).toBeNull();
    recorder.record(record());
    const position = await recorder.flush();
    expect(await recorder.flush()).toBe(position);
    await recorder.close();
  });

  it('retries a failed append on the next tick with the same event ids, then appends what came meanwhile', async () => {
    jest.useFakeTimers();
    const { recorder, stored, store, lines } = setUp({ batchRecords: 500 });
    const first = record();
    recorder.record(first);
    store.down = true;
    await expect(recorder.flush()).rejects.toThrow('event store unavailable');
    expect(recorder.unflushed).toBe(1);

    const second = record();
    recorder.record(second);
    await jest.advanceTimersByTimeAsync(1000);
    expect(lines.map((line) => line.msg)).toContain('usage records could not be appended; retrying');
    store.down = false;
    await jest.advanceTimersByTimeAsync(1000);

    expect(await stored()).toEqual([[first], [second]]);
    const firstAttemptIds = store.attempts[0]!.map((event) => event.id);
    expect(store.attempts.filter((attempt) => attempt.length === 1 && attempt[0]!.id === firstAttemptIds[0]).length).toBe(3);
    expect(recorder.unflushed).toBe(0);
    await recorder.close();
  });

  it('a retry of an append that had landed adds nothing twice', async () => {
    const { recorder, stored, store } = setUp({ batchRecords: 500 });
    // The store takes the append but the answer is lost: the recorder sees a failure.
    const append = store.append.bind(store);
    let loseAnswer = true;
    store.append = async (stream, events, options) => {
      const result = await append(stream, events, options);
      if (loseAnswer) {
        loseAnswer = false;
        throw new Error('connection reset');
      }
      return result;
    };
    const only = record();
    recorder.record(only);
    await expect(recorder.flush()).rejects.toThrow('connection reset');
    await recorder.flush();
    expect(await stored()).toEqual([[only]]);
    await recorder.close();
  });

  it('keeps at most maxWaitingRecords while the store is down, dropping the oldest with a warning', async () => {
    const { recorder, stored, store, lines } = setUp({ batchRecords: 500, maxWaitingRecords: 4 });
    store.down = true;
    const records = Array.from({ length: 7 }, () => record());
    for (const one of records) recorder.record(one);
    expect(recorder.unflushed).toBe(4);
    store.down = false;
    await recorder.flush();
    expect(await stored()).toEqual([records.slice(3)]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'usage records dropped: the event store refused appends for too long', dropped: 3 }),
    );
    await recorder.close();
  });

  it('drops a record the projections would refuse, with a warning naming the field, and keeps the others', async () => {
    const { recorder, stored, lines } = setUp({ batchRecords: 500 });
    const good = record();
    recorder.record(record({ userId: 'not-a-uuid' }));
    recorder.record(record({ bytesOut: -1 }));
    recorder.record(good);
    await recorder.flush();
    expect(await stored()).toEqual([[good]]);
    expect(lines.filter((line) => line.msg === 'an invalid usage record is dropped').map((line) => line.field)).toEqual([
      'userId',
      'bytesOut',
    ]);
    await recorder.close();
  });

  it('takes a record without parsing it with the schema (the parse cost microseconds on every request)', async () => {
    const safeParse = jest.spyOn(usageRecord, 'safeParse');
    const parse = jest.spyOn(usageRecord, 'parse');
    try {
      const { recorder, stored } = setUp({ batchRecords: 500 });
      const records = [record(), record({ tokenId: uuid(3) })];
      for (const one of records) recorder.record(one);
      await recorder.flush();
      expect(await stored()).toEqual([records]);
      expect(safeParse).not.toHaveBeenCalled();
      expect(parse).not.toHaveBeenCalled();
      await recorder.close();
    } finally {
      safeParse.mockRestore();
      parse.mockRestore();
    }
  });

  it('runs one flush at a time: flushes asked for meanwhile share the next one, which includes their records', async () => {
    const { recorder, stored, store } = setUp({ batchRecords: 500 });
    recorder.record(record());
    const first = recorder.flush();
    recorder.record(record());
    const second = recorder.flush();
    recorder.record(record());
    const third = recorder.flush();
    expect(third).toBe(second);
    await Promise.all([first, second]);
    expect(store.attempts).toHaveLength(2);
    expect((await stored()).map((batch) => batch.length)).toEqual([1, 2]);
    await recorder.close();
  });

  describe('flushFor(subject)', () => {
    it('appends only while this process holds a record of the subject, and answers the last append that carried one', async () => {
      const { recorder, store } = setUp({ batchRecords: 500 });
      const alice = uuid(10);
      const token = uuid(11);
      recorder.record(record({ userId: alice }));
      // A session's request is not one of alice's token requests: nothing to append for them.
      expect(await recorder.flushFor(tokenRequestsOfUser(alice))).toBeNull();
      expect(await recorder.flushFor(requestsOfToken(token))).toBeNull();
      expect(store.attempts).toHaveLength(0);

      const afterSession = await recorder.flushFor(requestsOfUser(alice));
      expect(store.attempts).toHaveLength(1);
      expect(afterSession).toBe((await store.readStream(STREAM))[0]!.position);
      expect(await recorder.flushFor(requestsOfUser(alice))).toBe(afterSession);
      expect(store.attempts).toHaveLength(1);

      // Another user's record is not waited for, nor appended, by alice's reads.
      recorder.record(record({ userId: uuid(12) }));
      expect(await recorder.flushFor(requestsOfUser(alice))).toBe(afterSession);
      expect(store.attempts).toHaveLength(1);

      recorder.record(record({ userId: alice, tokenId: token }));
      const afterToken = await recorder.flushFor(requestsOfToken(token));
      expect(store.attempts).toHaveLength(2);
      expect(afterToken! > afterSession!).toBe(true);
      for (const subject of [requestsOfUser(alice), tokenRequestsOfUser(alice), requestsOfToken(token)])
        expect(await recorder.flushFor(subject)).toBe(afterToken);
      expect(await recorder.flushFor(requestsOfUser(uuid(12)))).toBe(afterToken);
      expect(store.attempts).toHaveLength(2);
      await recorder.close();
    });

    it('holds a record until an append of it succeeds, and lets go of the records it drops', async () => {
      const { recorder, store } = setUp({ batchRecords: 500, maxWaitingRecords: 2 });
      const alice = uuid(20);
      const bob = uuid(21);
      store.down = true;
      recorder.record(record({ userId: alice }));
      await expect(recorder.flushFor(requestsOfUser(alice))).rejects.toThrow('event store unavailable');
      await expect(recorder.flushFor(requestsOfUser(alice))).rejects.toThrow('event store unavailable');
      store.down = false;
      const appended = await recorder.flushFor(requestsOfUser(alice));
      expect(appended).toBe((await store.readStream(STREAM))[0]!.position);

      store.down = true;
      recorder.record(record({ userId: bob }));
      recorder.record(record({ userId: alice }));
      recorder.record(record({ userId: alice }));
      // Bob's record was dropped (the bound is 2): there is nothing of his to append, so no failing append either.
      expect(await recorder.flushFor(requestsOfUser(bob))).toBeNull();
      store.down = false;
      await recorder.close();
    });

    it('forgets the least recently appended subjects past its bound, answering a position at or after theirs', async () => {
      const { recorder } = setUp({ batchRecords: 500, maxRememberedSubjects: 2 });
      const users = [uuid(30), uuid(31), uuid(32), uuid(33)];
      const positions = [];
      for (const user of users) {
        recorder.record(record({ userId: user }));
        positions.push(await recorder.flushFor(requestsOfUser(user)));
      }
      expect(await recorder.flushFor(requestsOfUser(users[3]!))).toBe(positions[3]);
      expect(await recorder.flushFor(requestsOfUser(users[2]!))).toBe(positions[2]);
      // users[0] and users[1] are forgotten: both answer the newer of their positions.
      expect(await recorder.flushFor(requestsOfUser(users[0]!))).toBe(positions[1]);
      expect(await recorder.flushFor(requestsOfUser(users[1]!))).toBe(positions[1]);
      await recorder.close();
    });
  });
});
