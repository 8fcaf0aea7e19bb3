/**
 * Kafka under faults, against a real broker run by scripts/services/kafka.sh (the test stops and restarts it).
 * Needs FILORA_TEST_KAFKA_BROKERS pointing at that broker; skipped otherwise.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JsonLogger } from '../../src/adapters/logger/jsonLogger';
import type { KafkaMessageLogOptions } from '../../src/adapters/messageLog/kafkaMessageLog';
import { KafkaMessageLog } from '../../src/adapters/messageLog/kafkaMessageLog';
import type { ConsumedMessage, Consumer } from '../../src/ports/messageLog';

const brokers = process.env.FILORA_TEST_KAFKA_BROKERS;
const script = join(__dirname, '../../scripts/services/kafka.sh');
const [host, port] = (brokers ?? '').split(',')[0]?.split(':') ?? [];
const scriptEnv = { ...process.env, KAFKA_HOST: host, KAFKA_PORT: port };

function managedByScript(): boolean {
  try {
    execFileSync('bash', [script, 'status'], { env: scriptEnv, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skipReason = !brokers
  ? 'FILORA_TEST_KAFKA_BROKERS is not set'
  : !managedByScript()
    ? `the broker at ${brokers} is not one that scripts/services/kafka.sh runs (it must stop and restart it)`
    : undefined;
if (skipReason) console.log(`Kafka fault tests skipped: ${skipReason}`);
const describeIfManaged = skipReason ? describe.skip : describe;

const run = promisify(execFile);

async function broker(command: 'start' | 'stop'): Promise<void> {
  await run('bash', [script, command], { env: scriptEnv, timeout: 180_000 });
}

interface LogLine {
  level: string;
  msg: string;
}

function capturingLogger(lines: LogLine[]): JsonLogger {
  return new JsonLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function eventually(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

/**
 * Fails fast on broker outages, so a test sees crashes within seconds; the short session lets the group drop the
 * member that crashed (6 s is the broker's minimum) instead of waiting 30 s for it in the next rebalance.
 */
const impatient: Partial<KafkaMessageLogOptions> = {
  retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
  consumer: { heartbeatInterval: 500, sessionTimeout: 6000, maxWaitTimeInMs: 250 },
  backoff: { initialMs: 20, maxMs: 200 },
};

describeIfManaged('Kafka under faults', () => {
  const logs: KafkaMessageLog[] = [];
  const consumers: Consumer[] = [];

  function openLog(lines: LogLine[], extra: Partial<KafkaMessageLogOptions> = {}): KafkaMessageLog {
    const log = new KafkaMessageLog({ brokers: (brokers ?? '').split(','), logger: capturingLogger(lines), ...extra });
    logs.push(log);
    return log;
  }

  afterEach(async () => {
    await broker('start'); // whatever happened, later suites get their broker back
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    await Promise.all(logs.splice(0).map((l) => l.close()));
  });

  it.each([
    ['kafkajs retries bridge the outage', {}],
    ['the consumer crashes and kafkajs restarts it', impatient],
  ])(
    'loses no message and keeps per-key order when the broker restarts mid-consumption (%s)',
    async (setting, options) => {
      const lines: LogLine[] = [];
      const log = openLog(lines, options);
      const topic = `faults-${randomUUID()}`;
      const keys = 20;
      const perKey = 100;
      const sent = keys * perKey;
      const messages = Array.from({ length: sent }, (_, i) => ({ key: `k${i % keys}`, seq: Math.floor(i / keys) }));
      for (let i = 0; i < sent; i += 200) {
        await log.publish(
          topic,
          messages.slice(i, i + 200).map((m) => ({ key: m.key, value: Buffer.from(JSON.stringify(m)) })),
        );
      }

      let received = 0;
      const firstDeliveries = new Map<string, number[]>();
      const seen = new Set<string>();
      const handler = async (message: ConsumedMessage): Promise<void> => {
        await sleep(3);
        const { key, seq } = JSON.parse(message.value.toString()) as { key: string; seq: number };
        received++;
        if (seen.has(`${key}#${seq}`)) return;
        seen.add(`${key}#${seq}`);
        firstDeliveries.set(key, [...(firstDeliveries.get(key) ?? []), seq]);
      };
      const crashes: Error[] = [];
      consumers.push(await log.consume(`faults-${randomUUID()}`, [topic], handler, { onCrash: (e) => crashes.push(e) }));

      await eventually('a quarter was consumed', () => seen.size >= sent / 4, 60_000);
      const restartStarted = Date.now();
      await broker('stop');
      const seenWhileDown = seen.size;
      await broker('start');
      const restartMs = Date.now() - restartStarted;
      await eventually('every message was received', () => seen.size === sent, 120_000);

      const summary = {
        setting,
        sent,
        received,
        unique: seen.size,
        duplicates: received - seen.size,
        seenAtStop: seenWhileDown,
        restartMs,
        consumerCrashesLogged: lines.filter((l) => l.msg.startsWith('kafka consumer crashed')).length,
      };
      console.log(JSON.stringify(summary));

      expect(seenWhileDown).toBeLessThan(sent); // the restart really happened mid-way
      expect(crashes).toEqual([]);
      for (const [, seqs] of firstDeliveries) expect(seqs).toEqual(Array.from({ length: perKey }, (_, i) => i));
      expect(firstDeliveries.size).toBe(keys);
    },
    300_000,
  );

  it('calls onCrash when kafkajs gives up, and keeps consuming after an outage when it restarts', async () => {
    const givingUpLines: LogLine[] = [];
    const restartingLines: LogLine[] = [];
    const givingUp = openLog(givingUpLines, { ...impatient, restartOnFailure: async () => false });
    const restarting = openLog(restartingLines, impatient);
    const topic = `crash-${randomUUID()}`;

    const crashed: Error[] = [];
    const restartingCrashes: Error[] = [];
    const received: string[] = [];
    consumers.push(await givingUp.consume(`crash-${randomUUID()}`, [topic], async () => undefined, { onCrash: (e) => crashed.push(e) }));
    consumers.push(
      await restarting.consume(`crash-${randomUUID()}`, [topic], async (m) => void received.push(m.value.toString()), {
        onCrash: (e) => restartingCrashes.push(e),
      }),
    );

    await broker('stop');
    const restartLogged = (): boolean => restartingLines.some((l) => l.msg === 'kafka consumer crashed, kafkajs restarts it');
    await eventually('both consumers crashed', () => crashed.length > 0 && restartLogged(), 90_000);
    await broker('start');

    expect(crashed[0]).toBeInstanceOf(Error);
    expect(givingUpLines.filter((l) => l.level === 'error').map((l) => l.msg)).toContain('kafka consumer crashed and will not restart');

    await restarting.publish(topic, [{ key: 'k', value: Buffer.from('after the outage') }]);
    await eventually('the restarted consumer received the new message', () => received.length > 0, 90_000);
    expect(received).toEqual(['after the outage']);
    expect(restartingCrashes).toEqual([]);
  }, 300_000);
});
