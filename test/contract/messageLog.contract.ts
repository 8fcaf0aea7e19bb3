import { randomUUID } from 'node:crypto';
import type { ConsumedMessage, ConsumeOptions, Consumer, MessageLog } from '../../src/ports/messageLog';

export interface MessageLogFixture {
  /** Configured with a short handler backoff (tens of milliseconds), so retries happen within a test. */
  log: MessageLog;
  close(): Promise<void>;
}

interface Sent {
  key: string;
  seq: number;
}

const WAIT_MS = 20_000;

function unique(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

function encode(message: Sent): Buffer {
  return Buffer.from(JSON.stringify(message));
}

function decode(message: ConsumedMessage): Sent {
  return JSON.parse(message.value.toString('utf8')) as Sent;
}

/** Messages for keys k0..k(keys-1), seq 0..perKey-1, interleaved across keys. */
function interleaved(keys: number, perKey: number): Sent[] {
  const messages: Sent[] = [];
  for (let seq = 0; seq < perKey; seq++) for (let k = 0; k < keys; k++) messages.push({ key: `k${k}`, seq });
  return messages;
}

function outgoing(messages: readonly Sent[]): { key: string; value: Buffer }[] {
  return messages.map((m) => ({ key: m.key, value: encode(m) }));
}

function label(message: Sent): string {
  return `${message.key}#${message.seq}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function eventually(what: string, condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** A handler that records what it is given. */
function recorder(): { received: ConsumedMessage[]; labels: () => string[]; handler: (m: ConsumedMessage) => Promise<void> } {
  const received: ConsumedMessage[] = [];
  return {
    received,
    labels: () => received.map((m) => label(decode(m))),
    handler: async (message) => {
      received.push(message);
    },
  };
}

export function describeMessageLogContract(adapterName: string, open: () => Promise<MessageLogFixture>): void {
  describe(`MessageLog contract: ${adapterName}`, () => {
    let fixture: MessageLogFixture;
    let consumers: Consumer[];

    beforeEach(async () => {
      fixture = await open();
      consumers = [];
    });

    afterEach(async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      await fixture.close();
    });

    async function consume(
      group: string,
      topics: readonly string[],
      handler: (m: ConsumedMessage) => Promise<void>,
      options?: ConsumeOptions,
    ): Promise<Consumer> {
      const consumer = await fixture.log.consume(group, topics, handler, options);
      consumers.push(consumer);
      return consumer;
    }

    it('round-trips the key, the value bytes and the headers', async () => {
      const topic = unique('roundtrip');
      const value = Buffer.from([0, 1, 2, 127, 128, 254, 255]);
      await fixture.log.publish(topic, [
        { key: 'file-1', value, headers: { ce_type: 'file.created', 'content-type': 'application/octet-stream' } },
        { key: 'file-2', value: Buffer.from('plain'), headers: {} },
        { key: 'file-2', value: Buffer.alloc(0) },
      ]);
      const { received, handler } = recorder();
      await consume(unique('g'), [topic], handler);
      await eventually('3 messages arrived', () => received.length >= 3);

      const byValue = (v: Buffer): ConsumedMessage | undefined => received.find((m) => m.value.equals(v));
      const binary = byValue(value);
      expect(binary).toMatchObject({
        topic,
        key: 'file-1',
        headers: { ce_type: 'file.created', 'content-type': 'application/octet-stream' },
      });
      expect(Buffer.isBuffer(binary?.value)).toBe(true);
      expect(binary?.timestamp).toBeInstanceOf(Date);
      expect(Number.isNaN(binary?.timestamp.getTime())).toBe(false);
      expect(typeof binary?.offset).toBe('string');
      expect(Number.isInteger(binary?.partition)).toBe(true);

      const plain = byValue(Buffer.from('plain'));
      const empty = byValue(Buffer.alloc(0));
      expect(plain).toMatchObject({ key: 'file-2', headers: {} });
      expect(empty).toMatchObject({ key: 'file-2', headers: {} });
      expect(empty?.partition).toBe(plain?.partition);
      expect(BigInt(empty?.offset ?? -1)).toBeGreaterThan(BigInt(plain?.offset ?? -1));
      expect(received).toHaveLength(3);
    });

    it('keeps the order of each key across many interleaved keys and publish calls', async () => {
      const topic = unique('order');
      const messages = interleaved(12, 20);
      for (let i = 0; i < messages.length; i += 60) await fixture.log.publish(topic, outgoing(messages.slice(i, i + 60)));
      const { received, handler } = recorder();
      await consume(unique('g'), [topic], handler);
      await eventually('all messages arrived', () => received.length >= messages.length);

      const seqsByKey = new Map<string, number[]>();
      for (const m of received.map(decode)) seqsByKey.set(m.key, [...(seqsByKey.get(m.key) ?? []), m.seq]);
      expect(seqsByKey.size).toBe(12);
      for (const seqs of seqsByKey.values()) expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it('redelivers a message whose handler threw, before the later messages of its key', async () => {
      const topic = unique('retry');
      await fixture.log.publish(
        topic,
        outgoing([
          { key: 'k', seq: 0 },
          { key: 'k', seq: 1 },
          { key: 'k', seq: 2 },
        ]),
      );
      const attempts: string[] = [];
      let failed = false;
      await consume(unique('g'), [topic], async (message) => {
        attempts.push(label(decode(message)));
        if (!failed) {
          failed = true;
          throw new Error('first delivery fails');
        }
      });
      await eventually('the retried messages arrived', () => attempts.length >= 4);
      expect(attempts).toEqual(['k#0', 'k#0', 'k#1', 'k#2']);
    });

    it('does not commit past a failing message: a restarted consumer of the group starts with it', async () => {
      const topic = unique('stuck');
      const group = unique('g');
      await fixture.log.publish(
        topic,
        outgoing([
          { key: 'k', seq: 0 },
          { key: 'k', seq: 1 },
          { key: 'k', seq: 2 },
        ]),
      );
      const attempts: string[] = [];
      const failing = await consume(group, [topic], async (message) => {
        attempts.push(label(decode(message)));
        throw new Error('always fails');
      });
      await eventually('the first message was retried', () => attempts.length >= 3);
      await failing.stop();
      expect(new Set(attempts)).toEqual(new Set(['k#0']));

      const { labels, handler } = recorder();
      await consume(group, [topic], handler);
      await eventually('the restarted consumer caught up', () => labels().length >= 3);
      expect(labels()).toEqual(['k#0', 'k#1', 'k#2']);
    });

    it('does not redeliver what a group handled once a consumer of that group restarts', async () => {
      const topic = unique('resume');
      const group = unique('g');
      // One key, so one partition: a redelivered old message would arrive before the new ones.
      const first = Array.from({ length: 5 }, (_, seq) => ({ key: 'k', seq }));
      const second = Array.from({ length: 5 }, (_, i) => ({ key: 'k', seq: 5 + i }));
      await fixture.log.publish(topic, outgoing(first));
      const before = recorder();
      const consumer = await consume(group, [topic], before.handler);
      await eventually('the first batch arrived', () => before.received.length >= 5);
      await consumer.stop();

      await fixture.log.publish(topic, outgoing(second));
      const after = recorder();
      await consume(group, [topic], after.handler);
      await eventually('the second batch arrived', () => after.received.length >= 5);
      expect(before.labels()).toEqual(first.map(label));
      expect(after.labels()).toEqual(second.map(label));
    });

    it('delivers every message to each of two groups', async () => {
      const topic = unique('groups');
      const messages = interleaved(5, 4);
      await fixture.log.publish(topic, outgoing(messages));
      const a = recorder();
      const b = recorder();
      await consume(unique('ga'), [topic], a.handler);
      await consume(unique('gb'), [topic], b.handler);
      await eventually('both groups received everything', () => a.received.length >= 20 && b.received.length >= 20);
      const expected = messages.map(label).sort();
      expect([...a.labels()].sort()).toEqual(expected);
      expect([...b.labels()].sort()).toEqual(expected);
    });

    it('consumes several topics with one consumer and tells them apart', async () => {
      const [t1, t2] = [unique('multi'), unique('multi')];
      await fixture.log.publish(t1, outgoing([{ key: 'a', seq: 1 }]));
      await fixture.log.publish(t2, outgoing([{ key: 'b', seq: 2 }]));
      const { received, handler } = recorder();
      await consume(unique('g'), [t1, t2], handler);
      await eventually('both topics delivered', () => received.length >= 2);
      expect(received.map((m) => [m.topic, label(decode(m))]).sort()).toEqual(
        [
          [t1, 'a#1'],
          [t2, 'b#2'],
        ].sort(),
      );
    });

    it('stop() resolves only after the in-flight handler finished, and commits it', async () => {
      const topic = unique('stop');
      const group = unique('g');
      const events: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = false;
      const consumer = await consume(group, [topic], async () => {
        started = true;
        await gate;
        events.push('handler finished');
      });
      await fixture.log.publish(topic, outgoing([{ key: 'k', seq: 0 }]));
      await eventually('the handler started', () => started);

      const stopped = consumer.stop().then(() => events.push('stop resolved'));
      await sleep(100);
      events.push('handler released');
      release();
      await stopped;
      expect(events).toEqual(['handler released', 'handler finished', 'stop resolved']);

      await fixture.log.publish(topic, outgoing([{ key: 'k', seq: 1 }]));
      const { labels, handler } = recorder();
      await consume(group, [topic], handler);
      await eventually('the next message arrived', () => labels().length >= 1);
      expect(labels()).toEqual(['k#1']);
    });

    it('starts a new group at the earliest message by default, and after the existing ones with fromBeginning: false', async () => {
      const topic = unique('start');
      await fixture.log.publish(topic, outgoing([{ key: 'k', seq: 0 }]));
      const earliest = recorder();
      const latest = recorder();
      await consume(unique('g'), [topic], earliest.handler);
      await consume(unique('g'), [topic], latest.handler, { fromBeginning: false });
      await fixture.log.publish(topic, outgoing([{ key: 'k', seq: 1 }]));
      await eventually('both consumers saw the new message', () => earliest.received.length >= 2 && latest.received.length >= 1);
      expect(earliest.labels()).toEqual(['k#0', 'k#1']);
      expect(latest.labels()).toEqual(['k#1']);
    });

    it('lets the consumers of one group share partitions without overlap, and hands over when one stops', async () => {
      const topic = unique('shared');
      const group = unique('g');
      const seen = new Map<string, string>();
      const active = new Map<number, number>();
      let overlaps = 0;
      const handlerFor =
        (name: string) =>
        async (message: ConsumedMessage): Promise<void> => {
          const busy = (active.get(message.partition) ?? 0) + 1;
          active.set(message.partition, busy);
          if (busy > 1) overlaps++;
          await sleep(2);
          seen.set(label(decode(message)), name);
          active.set(message.partition, (active.get(message.partition) ?? 1) - 1);
        };
      const a = await consume(group, [topic], handlerFor('a'));
      await consume(group, [topic], handlerFor('b'));

      const firstBatch = interleaved(8, 5);
      await fixture.log.publish(topic, outgoing(firstBatch));
      await eventually('the group handled the first batch', () => firstBatch.every((m) => seen.has(label(m))));
      await a.stop();

      const secondBatch = interleaved(8, 5).map((m) => ({ ...m, seq: m.seq + 100 }));
      await fixture.log.publish(topic, outgoing(secondBatch));
      await eventually('the remaining consumer handled the second batch', () => secondBatch.every((m) => seen.has(label(m))));
      expect(secondBatch.map((m) => seen.get(label(m)))).toEqual(secondBatch.map(() => 'b'));
      expect(overlaps).toBe(0);
    });
  });
}
