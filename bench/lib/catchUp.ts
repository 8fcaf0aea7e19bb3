import { relayedPosition } from '../../src/dispatch/relay';
import type { BenchServer } from './benchServer';
import type { ServerDatabase } from './serverDatabase';
import { step } from './progress';

const POLL_MS = 250;

interface ReadyAnswer {
  projections: { name: string; state: string; lag: number }[] | null;
}

async function projectionsLag(server: BenchServer): Promise<number> {
  const response = await fetch(`${server.url}/ready`);
  const { projections } = (await response.json()) as ReadyAnswer;
  if (!projections) return Number.POSITIVE_INFINITY;
  const failed = projections.find((projection) => projection.state === 'failed');
  if (failed) throw new Error(`projection ${failed.name} failed`);
  return projections.reduce((total, projection) => total + projection.lag, 0);
}

/**
 * Waits until the server has published (relay) and projected every event in its database, so that the
 * catching up after history was written behind its back does not run during the measurement.
 */
export async function waitForCatchUp(server: BenchServer, database: ServerDatabase, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const head = await database.eventStore.headPosition();
    const relayed = await relayedPosition(database.readStore);
    const lag = await projectionsLag(server);
    if (relayed === head && lag === 0) return;
    if (Date.now() > deadline) throw new Error(`the server did not catch up within ${timeoutMs} ms (relay at ${relayed}, head ${head})`);
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      step(`waiting for the server to catch up: relay at ${relayed ?? 'start'} of ${head}, projections ${lag} events behind`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
