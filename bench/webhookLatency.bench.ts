import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../test/support/http';
import { latencyFigures } from './lib/requestLatency';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { startWebhookWorld } from './lib/webhookWorld';

const COMMANDS = 300;
const PER_SECOND = 10;
/** Issue 12: command → webhook received, p50 under this, embedded. */
const GOAL_P50_MS = 50;
/** Commands go to these files in turn, so that no two run on one file at once (each file is changed once a second). */
const FILES = 10;

const wallClockMs = () => performance.timeOrigin + performance.now();

export const benchmark: Benchmark = {
  name: 'webhookLatency',
  description: `command (PATCH /files/:id over HTTP) → webhook received, p50 and p99 over ${COMMANDS} commands at ${PER_SECOND}/s (embedded)`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const hooks = await startWebhookWorld(tempDir, { rate_limit_per_minute: 60_000, max_concurrency: 10 }, FILES);
    try {
      const { world } = hooks;
      const sentAt = new Map<string, number>();
      const commands: Promise<void>[] = [];
      const started = wallClockMs();
      step(`${COMMANDS} PATCH /files/:id (a new description each) at ${PER_SECOND}/s; a keep-alive receiver in a child process`);
      for (let index = 0; index < COMMANDS; index++) {
        const wait = started + (index * 1000) / PER_SECOND - wallClockMs();
        if (wait > 0) await sleep(wait);
        const mark = `latency${index}`;
        sentAt.set(mark, wallClockMs());
        commands.push(
          call(world.platform.url, 'PATCH', `/api/v1/files/${hooks.fileIds[index % FILES]!}`, {
            token: world.token,
            body: { description: mark },
          }).then((answer) => {
            if (answer.status !== 200) throw new Error(`PATCH answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          }),
        );
      }
      await Promise.all(commands);
      const receipts = await hooks.waitForReceipts(COMMANDS, (mark) => sentAt.has(mark), 120_000);
      const figures = latencyFigures(receipts.map((receipt) => receipt.atMs - sentAt.get(receipt.mark)!));
      step(`p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`);
      const how =
        `${COMMANDS} PATCH /files/:id over HTTP at ${PER_SECOND}/s (${FILES} files in turn), each timed from sending the request to its file.updated delivery ` +
        `arriving at a keep-alive receiver in another process: the command (durable append, synchronous FULL), relay, fan-out ` +
        `(waits for the access projection), DeliveryCreated, job, endpoint queue, lease, signing, POST`;
      return [
        {
          benchmark: 'webhooks: command → webhook received, p50',
          measured: figures.p50,
          baseline: null,
          unit: 'ms',
          check: { pass: figures.p50 < GOAL_P50_MS, requirement: `goal p50 < ${GOAL_P50_MS} ms`, goal: true },
          notes: how,
        },
        { benchmark: 'webhooks: command → webhook received, p99', measured: figures.p99, baseline: null, unit: 'ms', notes: how },
      ];
    } finally {
      await hooks.close();
    }
  },
};
