import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerAndLogin } from './http';
import type { ServerProcess } from './serverProcess';
import { startServer } from './serverProcess';
import { WebhookReceiver } from './webhookReceiver';

/** A `filora serve` child process on a data dir of its own, a local receiver and a signed-in user. */
export interface WebhookServerWorld {
  server: ServerProcess;
  receiver: WebhookReceiver;
  session: Awaited<ReturnType<typeof registerAndLogin>>;
}

/**
 * Starts the server and the receiver before the file's tests (beforeAll) and stops both after them (afterAll).
 * The world's fields are set once beforeAll has run: read them inside the tests.
 */
export function useWebhookServer(dataDirPrefix: string, env: Record<string, string>): WebhookServerWorld {
  const world = {} as WebhookServerWorld;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
    world.receiver = await WebhookReceiver.start();
    world.server = await startServer(dataDir, env);
    world.session = await registerAndLogin(world.server.url);
  }, 60_000);
  afterAll(async () => {
    world.server?.child.kill('SIGTERM');
    await world.server?.exited;
    await world.receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return world;
}
