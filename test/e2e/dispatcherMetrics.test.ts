import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DispatcherProcess } from '../support/dispatcherProcess';
import { startDispatcher } from '../support/dispatcherProcess';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

async function scrape(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'filora-dispatcher-metrics-'));
let dispatcher: DispatcherProcess | undefined;
afterAll(async () => {
  if (dispatcher && dispatcher.child.exitCode === null) {
    dispatcher.child.kill('SIGKILL');
    await dispatcher.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it('a dispatcher process serves its metrics on FILORA_METRICS_PORT, and stops serving them on SIGTERM', async () => {
  const port = await freePort();
  dispatcher = await startDispatcher({ FILORA_DATA_DIR: dataDir, FILORA_METRICS_PORT: String(port), HOST: '127.0.0.1' });
  const scraped = await scrape(`http://127.0.0.1:${port}/metrics`, 10_000);
  expect(scraped.status).toBe(200);
  expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await scraped.text();
  for (const metric of ['filora_webhook_deliveries_total', 'filora_webhook_attempts_total', 'filora_webhook_queue_depth']) {
    expect(text).toContain(`# TYPE ${metric} `);
  }
  expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  dispatcher.child.kill('SIGTERM');
  expect(await dispatcher.exited).toBe(0);
  await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
}, 90_000);
