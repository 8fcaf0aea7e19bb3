import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChangeRole } from '../../src/commands/users/changeRole';
import type { EventToAppend } from '../../src/ports/eventStore';
import { registerAndLogin } from '../support/http';
import type { TestPlatform } from '../support/testPlatform';
import { startTestPlatform } from '../support/testPlatform';

const EVENTS = 100_000;
const PER_STREAM = 1000;
const MIB = 1024 * 1024;
/** Lines between samples of the RSS, each after a full collection. */
const SAMPLE_EVERY = 5000;

/**
 * A full garbage collection. V8 grows its heap lazily, by as much as it likes before collecting, so RSS sampled
 * without one measures the collector's mood (44 to 132 MiB from one run to the next): after one it measures
 * what the export keeps.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
}, 60_000);
afterAll(async () => {
  await platform.close();
});

/** EVENTS events of a realistic size, written straight into the event store (no API round trips). */
async function writeEvents(): Promise<void> {
  const ownerId = randomUUID();
  for (let stream = 0; stream < EVENTS / PER_STREAM; stream++) {
    const events: EventToAppend[] = Array.from({ length: PER_STREAM }, (_, index) => ({
      id: randomUUID(),
      type: 'FileRenamed',
      data: { fileId: randomUUID(), ownerId, name: `report-${stream}-${index}.pdf`, note: 'x'.repeat(200), secretHash: 'h' },
      metadata: { actor: ownerId, requestId: randomUUID(), ip: '127.0.0.1' },
    }));
    await platform.platform.eventStore.append(`bulk-${randomUUID()}`, events, { expectedRevision: 'no_stream' });
  }
}

it('exports 100,000 events as NDJSON with RSS growth under 50 MiB', async () => {
  const auditor = await registerAndLogin(platform.url);
  await platform.platform.container.resolve(ChangeRole).run(auditor.user.username, 'grant', 'auditor', {});
  // Only the export runs while memory is measured: the projections and the relay, which would read the bulk too, stop first.
  await platform.platform.relay.stop();
  await platform.platform.projections.stop();
  const written = Date.now();
  await writeEvents();
  console.log(`wrote ${EVENTS} events in ${Date.now() - written} ms`);
  collectGarbage();
  const before = process.memoryUsage().rss;
  let peak = before;
  let peakAtHalf = before;
  const started = Date.now();
  const response = await fetch(`${platform.url}/api/v1/audit/export?category=bulk`, {
    headers: { authorization: `Bearer ${auditor.token}` },
  });
  expect(response.status).toBe(200);
  // Counted on the bytes, so that the client's own garbage stays out of the measure; a few lines are parsed.
  let lines = 0;
  let bytes = 0;
  let last = Buffer.alloc(0);
  for await (const chunk of response.body!) {
    const received = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const linesBefore = lines;
    for (let at = received.indexOf(10); at !== -1; at = received.indexOf(10, at + 1)) lines++;
    if (lines % 10_000 < 50) last = received;
    bytes += received.byteLength;
    if (Math.floor(lines / SAMPLE_EVERY) === Math.floor(linesBefore / SAMPLE_EVERY)) continue;
    collectGarbage();
    peak = Math.max(peak, process.memoryUsage().rss);
    if (lines <= EVENTS / 2) peakAtHalf = peak;
  }
  const sample = last.toString('utf8').split('\n')[1]!;
  expect(JSON.parse(sample).data.secretHash).toBe('[redacted]');
  expect(lines).toBe(EVENTS);
  expect(bytes).toBeGreaterThan(EVENTS * 300);
  console.log(
    `exported ${lines} events (${(bytes / MIB).toFixed(1)} MiB) in ${Date.now() - started} ms; RSS growth ${((peak - before) / MIB).toFixed(1)} MiB (${((peakAtHalf - before) / MIB).toFixed(1)} MiB at half-way)`,
  );
  expect((peak - before) / MIB).toBeLessThan(50);
  // Flat, not merely small: the second half of the export adds next to nothing to what the first reached.
  expect((peak - peakAtHalf) / MIB).toBeLessThan(10);
}, 300_000);
