import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../../src/ports/errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../../src/ports/eventStore';

export interface EventStoreHarness {
  store: EventStore;
  /** Closes the store and whatever the factory opened for it. */
  dispose(): Promise<void>;
}

export interface EventStoreContractOptions {
  /** Each test gets an empty store (false for a shared server, where tests only look after the head they saw). */
  startsEmpty: boolean;
  /** Whether reusing an event id in another stream is refused (EventStoreDB keeps no global index of ids). */
  rejectsIdReusedInAnotherStream: boolean;
}

const newStream = (): string => `file-${randomUUID()}`;

function anEvent(type = 'FileRenamed', data: Record<string, unknown> = { name: `name-${randomUUID()}` }): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { actor: randomUUID(), requestId: randomUUID() } };
}

function events(count: number, type?: string): EventToAppend[] {
  return Array.from({ length: count }, () => anEvent(type));
}

/** Polls until the condition holds; the deadline only turns a hang into a readable failure. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Recorder {
  received: RecordedEvent[];
  errors: Error[];
  subscription: Subscription;
  until(count: number): Promise<void>;
}

function record(
  store: EventStore,
  after: Position | null,
  handler: (event: RecordedEvent, received: RecordedEvent[]) => Promise<void> | void = () => undefined,
): Recorder {
  const received: RecordedEvent[] = [];
  const errors: Error[] = [];
  const options: SubscribeOptions = { onError: (error) => errors.push(error) };
  const subscription = store.subscribe(
    after,
    async (event) => {
      received.push(event);
      await handler(event, received);
    },
    options,
  );
  return {
    received,
    errors,
    subscription,
    until: (count) => eventually(() => received.length >= count, `${count} events (got ${received.length})`),
  };
}

const idsOf = (list: readonly { id: string }[]): string[] => list.map((event) => event.id);

function expectStrictlyIncreasing(positions: readonly Position[]): void {
  positions.slice(1).forEach((position, index) => {
    expect(position > (positions[index] as Position)).toBe(true);
  });
}

async function expectConflict(
  attempt: Promise<AppendResult>,
  expected: { stream: string; expected: string; actual: bigint | 'no_stream' },
): Promise<void> {
  const error: unknown = await attempt.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const conflict = error as WrongExpectedRevisionError;
  expect({ stream: conflict.stream, expected: conflict.expected, actual: conflict.actual }).toEqual(expected);
}

export function describeEventStoreContract(
  adapterName: string,
  open: () => Promise<EventStoreHarness>,
  options: EventStoreContractOptions,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let harness: EventStoreHarness;
    let store: EventStore;
    /** The newest position before the test appended anything: tests read and subscribe after it. */
    let head: Position | null;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
      head = await store.headPosition();
    });

    afterEach(async () => {
      await harness.dispose();
    });

    describe('append', () => {
      it('creates a stream with no_stream and numbers revisions from 0', async () => {
        const stream = newStream();
        const batch = events(2);
        const result = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1n);
        const stored = await store.readStream(stream);
        expect(stored.map((event) => [event.streamId, event.revision, event.id, event.type])).toEqual([
          [stream, 0n, batch[0]?.id, batch[0]?.type],
          [stream, 1n, batch[1]?.id, batch[1]?.type],
        ]);
        expect(result.position).toBe(stored[1]?.position);
      });

      it('continues the numbering on later appends', async () => {
        const stream = newStream();
        await store.append(stream, events(1), { expectedRevision: 'no_stream' });
        const result = await store.append(stream, events(2), { expectedRevision: 0n });
        expect(result.nextExpectedRevision).toBe(2n);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      });

      it.each<[string, ExpectedRevision, boolean]>([
        ['any on an absent stream', 'any', false],
        ['any on an existing stream', 'any', true],
        ['stream_exists on an existing stream', 'stream_exists', true],
        ['the current revision', 1n, true],
      ])('succeeds with %s', async (_name, expectedRevision, exists) => {
        const stream = newStream();
        if (exists) await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        const result = await store.append(stream, events(1), { expectedRevision });
        expect(result.nextExpectedRevision).toBe(exists ? 2n : 0n);
      });

      it.each<[string, ExpectedRevision, boolean, bigint | 'no_stream']>([
        ['no_stream on an existing stream', 'no_stream', true, 1n],
        ['stream_exists on an absent stream', 'stream_exists', false, 'no_stream'],
        ['a revision on an absent stream', 0n, false, 'no_stream'],
        ['a stale revision', 0n, true, 1n],
        ['a revision ahead of the stream', 5n, true, 1n],
      ])('refuses %s with WrongExpectedRevisionError and writes nothing', async (_name, expectedRevision, exists, actual) => {
        const stream = newStream();
        if (exists) await store.append(stream, events(2), { expectedRevision: 'no_stream' });
        await expectConflict(store.append(stream, events(1), { expectedRevision }), {
          stream,
          expected: String(expectedRevision),
          actual,
        });
        expect(await store.readStream(stream)).toHaveLength(exists ? 2 : 0);
      });

      it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
        const stream = newStream();
        await store.append(stream, events(1), { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () => store.append(stream, events(1), { expectedRevision: 0n })),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      describe('concurrent appends (one commit may serve many)', () => {
        it('gives each of many concurrent appends to distinct streams its own outcome: its revision and a position of its own', async () => {
          const streams = Array.from({ length: 40 }, () => newStream());
          const results = await Promise.all(streams.map((stream) => store.append(stream, events(2), { expectedRevision: 'no_stream' })));
          expect(results.map((result) => result.nextExpectedRevision)).toEqual(streams.map(() => 1n));
          expect(new Set(results.map((result) => result.position)).size).toBe(streams.length);
          for (const [index, stream] of streams.entries()) {
            const stored = await store.readStream(stream);
            expect(stored.map((event) => event.revision)).toEqual([0n, 1n]);
            expect(stored[1]!.position).toBe(results[index]!.position);
          }
        });

        it('fails a conflicting append alone: the appends beside it succeed, and it writes nothing', async () => {
          const contested = newStream();
          const others = Array.from({ length: 10 }, () => newStream());
          const contestedBatches = Array.from({ length: 5 }, () => events(3));
          const outcomes = await Promise.allSettled([
            ...contestedBatches.map((batch) => store.append(contested, batch, { expectedRevision: 'no_stream' })),
            ...others.map((stream) => store.append(stream, events(1), { expectedRevision: 'no_stream' })),
          ]);
          const [contestedOutcomes, otherOutcomes] = [outcomes.slice(0, 5), outcomes.slice(5)];
          expect(contestedOutcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
          for (const outcome of contestedOutcomes) {
            if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
          }
          expect(otherOutcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
          const winner = contestedBatches[contestedOutcomes.findIndex((outcome) => outcome.status === 'fulfilled')]!;
          expect((await store.readStream(contested)).map((event) => event.id)).toEqual(winner.map((event) => event.id));
          for (const stream of others) expect(await store.readStream(stream)).toHaveLength(1);
        });

        it('answers a retry arriving beside new appends with the original result, writing nothing twice', async () => {
          const stream = newStream();
          const batch = events(2);
          const first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
          const [retry, next] = await Promise.all([
            store.append(stream, batch, { expectedRevision: 'no_stream' }),
            store.append(newStream(), events(1), { expectedRevision: 'no_stream' }),
          ]);
          expect(retry).toEqual(first);
          expect(next.nextExpectedRevision).toBe(0n);
          expect(await store.readStream(stream)).toHaveLength(2);
        });
      });

      it('lets exactly one of several concurrent creations of a stream win', async () => {
        const stream = newStream();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, () => store.append(stream, events(2), { expectedRevision: 'no_stream' })),
        );
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it.each<[string, ExpectedRevision]>([
        ['its original expected revision', 'no_stream'],
        ['any', 'any'],
        ['stream_exists', 'stream_exists'],
        ['the current revision', 2n],
        ['a revision that does not match', 7n],
      ])('treats a re-append of stored ids with %s as a no-op returning the original result', async (_name, expectedRevision) => {
        const stream = newStream();
        const batch = events(2);
        const original = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        await store.append(stream, events(1), { expectedRevision: 1n });
        const retried = await store.append(stream, batch, { expectedRevision });
        expect(retried).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(3);
        expect(idsOf(await store.readAll({ after: head, limit: 10 })).filter((id) => id === batch[0]?.id)).toHaveLength(1);
      });

      it('refuses a batch that repeats only some stored ids, writing nothing', async () => {
        const stream = newStream();
        const [first] = events(1);
        await store.append(stream, [first as EventToAppend], { expectedRevision: 'no_stream' });
        await expect(store.append(stream, [first as EventToAppend, anEvent()], { expectedRevision: 'any' })).rejects.toThrow(
          /already stored/,
        );
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses an empty batch and a batch that repeats an id', async () => {
        const stream = newStream();
        const event = anEvent();
        await expect(store.append(stream, [], { expectedRevision: 'any' })).rejects.toThrow(/no events/);
        await expect(store.append(stream, [event, event], { expectedRevision: 'any' })).rejects.toThrow(/repeats an event id/);
        expect(await store.readStream(stream)).toEqual([]);
      });

      if (options.rejectsIdReusedInAnotherStream) {
        it('refuses an event id that another stream already holds', async () => {
          const [event] = events(1) as [EventToAppend];
          const first = newStream();
          const second = newStream();
          await store.append(first, [event], { expectedRevision: 'no_stream' });
          await expect(store.append(second, [event], { expectedRevision: 'any' })).rejects.toThrow(first);
          expect(await store.readStream(second)).toEqual([]);
        });
      }
    });

    describe('readStream', () => {
      it('returns [] for a stream that does not exist', async () => {
        expect(await store.readStream(newStream())).toEqual([]);
      });

      it('reads from a revision and up to a limit', async () => {
        const stream = newStream();
        await store.append(stream, events(5), { expectedRevision: 'no_stream' });
        const revisions = async (range: { from?: bigint; limit?: number }): Promise<bigint[]> =>
          (await store.readStream(stream, range)).map((event) => event.revision);
        expect(await revisions({ from: 2n })).toEqual([2n, 3n, 4n]);
        expect(await revisions({ limit: 2 })).toEqual([0n, 1n]);
        expect(await revisions({ from: 1n, limit: 2 })).toEqual([1n, 2n]);
        expect(await revisions({ from: 5n })).toEqual([]);
      });
    });

    describe('readAll', () => {
      let a1: EventToAppend, b1: EventToAppend, a2: EventToAppend;
      let written: RecordedEvent[];

      beforeEach(async () => {
        [a1, b1, a2] = [anEvent('FileUploaded'), anEvent('FolderCreated'), anEvent('FileRenamed')];
        const [streamA, streamB] = [newStream(), newStream()];
        await store.append(streamA, [a1], { expectedRevision: 'no_stream' });
        await store.append(streamB, [b1], { expectedRevision: 'no_stream' });
        await store.append(streamA, [a2], { expectedRevision: 0n });
        written = await store.readAll({ after: head, limit: 10 });
      });

      it('returns the events of every stream in append order', () => {
        expect(idsOf(written)).toEqual([a1.id, b1.id, a2.id]);
      });

      it('gives strictly increasing positions whose string order is the append order', () => {
        const positions = written.map((event) => event.position);
        expectStrictlyIncreasing(positions);
        expect([...positions].sort()).toEqual(positions);
        if (head !== null) expect(positions.every((position) => position > (head as Position))).toBe(true);
      });

      it('treats `after` as exclusive', async () => {
        const afterFirst = await store.readAll({ after: written[0]?.position ?? null, limit: 10 });
        expect(idsOf(afterFirst)).toEqual([b1.id, a2.id]);
        expect(await store.readAll({ after: written[2]?.position ?? null, limit: 10 })).toEqual([]);
      });

      it('returns at most `limit` events, so pages chain without gaps or repeats', async () => {
        const firstPage = await store.readAll({ after: head, limit: 2 });
        const secondPage = await store.readAll({ after: firstPage[1]?.position ?? null, limit: 2 });
        expect(idsOf(firstPage)).toEqual([a1.id, b1.id]);
        expect(idsOf(secondPage)).toEqual([a2.id]);
      });

      it('filters by type, keeping order and limit', async () => {
        const filtered = await store.readAll({ after: head, limit: 10, types: ['FileUploaded', 'FileRenamed'] });
        expect(idsOf(filtered)).toEqual([a1.id, a2.id]);
        const limited = await store.readAll({ after: head, limit: 1, types: ['FileRenamed'] });
        expect(idsOf(limited)).toEqual([a2.id]);
        expect(await store.readAll({ after: head, limit: 10, types: [`Unknown${randomUUID().slice(0, 8)}`] })).toEqual([]);
      });

      it('returns the same events as readStream', async () => {
        const streamA = written[0]?.streamId as string;
        expect(await store.readStream(streamA)).toEqual([written[0], written[2]]);
      });
    });

    describe('round trip', () => {
      it('keeps nested data, unicode and metadata, and records createdAt as a Date', async () => {
        const stream = newStream();
        const data = {
          name: 'Grüße – 日本語 – 🌍.txt',
          size: 1234,
          ratio: 0.5,
          flags: [true, false],
          nothing: null,
          nested: { path: ['a', 'ü', { deep: 'ß' }], empty: {} },
        };
        const metadata = {
          actor: randomUUID(),
          tokenId: randomUUID(),
          requestId: randomUUID(),
          correlationId: randomUUID(),
          causationId: randomUUID(),
          ip: '2001:db8::1',
        };
        const event: EventToAppend = { id: randomUUID(), type: 'FileUploaded', data, metadata };
        await store.append(stream, [event], { expectedRevision: 'no_stream' });
        const [stored] = await store.readStream(stream);
        expect(stored?.data).toEqual(data);
        expect(stored?.metadata).toEqual(metadata);
        expect(stored?.createdAt).toBeInstanceOf(Date);
        // Server clocks may differ a little; this only proves the date is the append's, not a default.
        expect(Math.abs((stored?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(5 * 60_000);
      });

      it('keeps empty metadata empty', async () => {
        const stream = newStream();
        await store.append(stream, [{ id: randomUUID(), type: 'FileDeleted', data: {}, metadata: {} }], { expectedRevision: 'no_stream' });
        const [stored] = await store.readStream(stream);
        expect(stored?.data).toEqual({});
        expect(stored?.metadata).toEqual({});
      });
    });

    describe('headPosition', () => {
      if (options.startsEmpty) {
        it('is null for an empty store', () => {
          expect(head).toBeNull();
        });
      }

      it('is the position of the newest event', async () => {
        await store.append(newStream(), events(1), { expectedRevision: 'no_stream' });
        const last = await store.append(newStream(), events(2), { expectedRevision: 'no_stream' });
        expect(await store.headPosition()).toBe(last.position);
      });
    });

    describe('subscribe', () => {
      it('catches up on stored events, then receives new ones in order', async () => {
        const [first, second] = [newStream(), newStream()];
        const stored = [...events(2), anEvent()];
        await store.append(first, stored.slice(0, 2), { expectedRevision: 'no_stream' });
        await store.append(second, stored.slice(2), { expectedRevision: 'no_stream' });
        const recorder = record(store, head);
        await recorder.until(3);
        const live = events(2);
        await store.append(first, live.slice(0, 1), { expectedRevision: 1n });
        await store.append(second, live.slice(1), { expectedRevision: 0n });
        await recorder.until(5);
        expect(idsOf(recorder.received)).toEqual(idsOf([...stored, ...live]));
        expect(recorder.received).toEqual(await store.readAll({ after: head, limit: 10 }));
        await recorder.subscription.close();
      });

      if (options.startsEmpty) {
        it('starts at the beginning when after is null', async () => {
          const batch = events(2);
          await store.append(newStream(), batch, { expectedRevision: 'no_stream' });
          const recorder = record(store, null);
          await recorder.until(2);
          expect(idsOf(recorder.received)).toEqual(idsOf(batch));
          await recorder.subscription.close();
        });
      }

      it('skips the events up to and including the given position', async () => {
        const stream = newStream();
        const batch = events(3);
        await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const [first] = await store.readStream(stream, { limit: 1 });
        const recorder = record(store, first?.position ?? null);
        await recorder.until(2);
        const later = anEvent();
        await store.append(stream, [later], { expectedRevision: 2n });
        await recorder.until(3);
        expect(idsOf(recorder.received)).toEqual([batch[1]?.id, batch[2]?.id, later.id]);
        await recorder.subscription.close();
      });

      it('awaits each handler call before delivering the next event', async () => {
        let active = 0;
        let mostActive = 0;
        const recorder = record(store, head, async () => {
          active += 1;
          mostActive = Math.max(mostActive, active);
          await new Promise((resolve) => setTimeout(resolve, 2));
          active -= 1;
        });
        const batch = events(5);
        await store.append(newStream(), batch, { expectedRevision: 'no_stream' });
        await recorder.until(5);
        await recorder.subscription.close();
        expect(mostActive).toBe(1);
        expect(idsOf(recorder.received)).toEqual(idsOf(batch));
      });

      it('delivers nothing after close', async () => {
        const stream = newStream();
        const recorder = record(store, head);
        await store.append(stream, events(1), { expectedRevision: 'no_stream' });
        await recorder.until(1);
        await recorder.subscription.close();
        await store.append(stream, events(1), { expectedRevision: 0n });
        // A second subscription seeing the new event shows it was there to be delivered.
        const witness = record(store, head);
        await witness.until(2);
        await witness.subscription.close();
        expect(recorder.received).toHaveLength(1);
      });

      it('resolves close only after the in-flight handler has finished', async () => {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        const recorder = record(store, head, () => released);
        await store.append(newStream(), events(2), { expectedRevision: 'no_stream' });
        await recorder.until(1);
        let closed = false;
        const closing = recorder.subscription.close().then(() => (closed = true));
        await new Promise((resolve) => setImmediate(resolve));
        expect(closed).toBe(false);
        release();
        await closing;
        expect(recorder.received).toHaveLength(1);
      });

      it('can be closed from inside its own handler', async () => {
        const recorder: Recorder = record(store, head, async () => {
          await recorder.subscription.close();
        });
        await store.append(newStream(), events(3), { expectedRevision: 'no_stream' });
        await recorder.until(1);
        await recorder.subscription.close();
        expect(recorder.received).toHaveLength(1);
      });

      it('stops and reports through onError when the handler throws', async () => {
        const failure = new Error('handler failed');
        const recorder = record(store, head, (_event, received) => {
          if (received.length === 2) throw failure;
        });
        const stream = newStream();
        await store.append(stream, events(3), { expectedRevision: 'no_stream' });
        await eventually(() => recorder.errors.length > 0, 'onError');
        expect(recorder.errors).toEqual([failure]);
        await store.append(stream, events(1), { expectedRevision: 2n });
        const witness = record(store, head);
        await witness.until(4);
        await witness.subscription.close();
        expect(recorder.received).toHaveLength(2);
        await recorder.subscription.close();
      });

      it('is stopped by closing the store', async () => {
        const recorder = record(store, head);
        await store.append(newStream(), events(1), { expectedRevision: 'no_stream' });
        await recorder.until(1);
        await store.close();
        expect(recorder.errors).toEqual([]);
      });
    });
  });
}
