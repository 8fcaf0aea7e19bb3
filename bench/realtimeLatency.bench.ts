import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startRealtimeClients } from './lib/realtimeClients';
import { startRealtimeWorld, wallClockMs } from './lib/realtimeWorld';
import { latencyFigures } from './lib/requestLatency';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';

const EVENTS = 1000;
const PER_SECOND = 100;
/** Issue 11: event → WebSocket client, p50 under this, embedded. */
const GOAL_P50_MS = 50;
const DELIVERY_TIMEOUT_MS = 60_000;

export const benchmark: Benchmark = {
  name: 'realtimeLatency',
  description: `event appended → WebSocket client, p50 and p99 over ${EVENTS} events at ${PER_SECOND}/s (embedded)`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const world = await startRealtimeWorld(tempDir);
    const clients = startRealtimeClients();
    try {
      await clients.open(world.platform.url, [world.token], 1);
      const appendedAt = new Map<string, number>();
      const appends: Promise<void>[] = [];
      const started = wallClockMs();
      step(`appending ${EVENTS} events at ${PER_SECOND}/s; one ws client in a child process`);
      for (let index = 0; index < EVENTS; index++) {
        const due = started + (index * 1000) / PER_SECOND;
        const wait = due - wallClockMs();
        if (wait > 0) await sleep(wait);
        const id = randomUUID();
        appendedAt.set(id, wallClockMs());
        appends.push(world.touchFile(id, `event ${index}`));
        if ((index + 1) % 250 === 0) step(`${index + 1} events appended`);
      }
      await Promise.all(appends);
      const received = new Map<string, number>();
      const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
      while (received.size < EVENTS && Date.now() < deadline) {
        for (const [id, at] of await clients.receipts()) if (appendedAt.has(id)) received.set(id, at);
        if (received.size < EVENTS) await sleep(200);
      }
      if (received.size < EVENTS) throw new Error(`only ${received.size} of ${EVENTS} events reached the client`);
      const figures = latencyFigures([...received].map(([id, at]) => at - appendedAt.get(id)!));
      step(`p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`);
      const how =
        `${EVENTS} metadata changes of one file appended in-process at ${PER_SECOND}/s (synchronous FULL), each timed from ` +
        `the append call to its sync_event arriving at a ws client in another process: durable append, projections up to ` +
        `the feed's horizon, the hub's read and audience, the send`;
      return [
        {
          benchmark: 'realtime: event → ws client, p50',
          measured: figures.p50,
          baseline: null,
          unit: 'ms',
          check: { pass: figures.p50 < GOAL_P50_MS, requirement: `goal p50 < ${GOAL_P50_MS} ms`, goal: true },
          notes: how,
        },
        { benchmark: 'realtime: event → ws client, p99', measured: figures.p99, baseline: null, unit: 'ms', notes: how },
      ];
    } finally {
      await clients.close();
      await world.platform.close();
    }
  },
};
