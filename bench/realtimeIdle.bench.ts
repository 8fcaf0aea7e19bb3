import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startRealtimeClients } from './lib/realtimeClients';
import { startRealtimeWorld } from './lib/realtimeWorld';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';

const CONNECTIONS = 10_000;
/** Connections opened at once: below the listen backlog (511). */
const BATCH = 500;
/** Issue 11: memory per idle connection under this. */
const GOAL_BYTES = 30 * 1024;
const KIB = 1024;

/** The collector, reached without starting node with --expose-gc (the bench runner is a tsx process). */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap and RSS once the collector has run and the process has settled. */
async function settledMemory(gc: () => void): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed, rss };
}

export const benchmark: Benchmark = {
  name: 'realtimeIdle',
  description: `memory of ${CONNECTIONS.toLocaleString('en')} idle authenticated WebSocket connections (embedded server in this process)`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const gc = garbageCollector();
    const world = await startRealtimeWorld(tempDir);
    const clients = startRealtimeClients();
    try {
      // One client first, so that what every connection shares (ws, the hub's first user, the code paths) is in the baseline.
      await clients.open(world.platform.url, [world.token], 1);
      const before = await settledMemory(gc);
      step(
        `baseline: heap ${(before.heap / 1024 / 1024).toFixed(1)} MiB, RSS ${(before.rss / 1024 / 1024).toFixed(1)} MiB; opening ${CONNECTIONS} in batches of ${BATCH}`,
      );
      await clients.open(world.platform.url, new Array<string>(CONNECTIONS).fill(world.token), BATCH);
      const connected = world.platform.platform.api.realtime.hub.connectionCount - 1;
      if (connected !== CONNECTIONS) throw new Error(`the hub holds ${connected} of ${CONNECTIONS} connections`);
      const after = await settledMemory(gc);
      const heapEach = (after.heap - before.heap) / CONNECTIONS;
      const rssEach = (after.rss - before.rss) / CONNECTIONS;
      step(`per connection: heap ${(heapEach / KIB).toFixed(1)} KiB, RSS ${(rssEach / KIB).toFixed(1)} KiB`);
      const how =
        `${CONNECTIONS} ws clients (one process of their own) authenticated with one session and left idle; ` +
        `server memory after gc() minus the same with one client, ÷ ${CONNECTIONS}; permessage-deflate off`;
      return [
        {
          benchmark: 'realtime: RSS per idle ws connection',
          measured: rssEach / KIB,
          baseline: null,
          unit: 'KiB',
          check: { pass: rssEach < GOAL_BYTES, requirement: `goal < ${GOAL_BYTES / KIB} KiB`, goal: true },
          notes: how,
        },
        { benchmark: 'realtime: JS heap per idle ws connection', measured: heapEach / KIB, baseline: null, unit: 'KiB', notes: how },
      ];
    } finally {
      await clients.close();
      await world.platform.close();
    }
  },
};
