import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { step } from './lib/progress';
import type { Benchmark, ResultRow } from './lib/results';
import { mostInAnyWindow } from './lib/slidingWindowCounts';
import { startWebhookWorld } from './lib/webhookWorld';

/** The Filora seed's default rate of a webhook. */
const RATE_PER_MINUTE = 100;
const QUEUED = 400;
const MINUTES = 3;
const WINDOW_MS = 60_000;
/** Issue 12: each minute's deliveries within 1% of the rate. */
const TOLERANCE = 0.01;

export const benchmark: Benchmark = {
  name: 'webhookRateAccuracy',
  description: `deliveries per minute to an endpoint at ${RATE_PER_MINUTE}/min with ${QUEUED} events queued, over ${MINUTES} minutes`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const hooks = await startWebhookWorld(tempDir, { rate_limit_per_minute: RATE_PER_MINUTE, max_concurrency: 10 });
    try {
      step(`queueing ${QUEUED} file.updated events at once`);
      await Promise.all(Array.from({ length: QUEUED }, (_, index) => hooks.world.touchFile(randomUUID(), `rate${index}`)));
      const first = (await hooks.waitForReceipts(1, (mark) => mark.startsWith('rate'), 60_000))[0]!;
      const receipts = [first];
      const end = first.atMs + MINUTES * WINDOW_MS;
      while (performance.timeOrigin + performance.now() < end + 2000) {
        await sleep(5000);
        receipts.push(...(await hooks.waitForReceipts(0, (mark) => mark.startsWith('rate'), 0)));
        step(`${receipts.length} delivered`);
      }
      const times = receipts.map((receipt) => receipt.atMs);
      const perMinute = Array.from({ length: MINUTES }, (_, minute) => {
        const from = first.atMs + minute * WINDOW_MS;
        return times.filter((at) => at >= from && at < from + WINDOW_MS).length;
      });
      const most = mostInAnyWindow(
        times.filter((at) => at < end),
        WINDOW_MS,
      );
      const duplicates = receipts.length - new Set(receipts.map((receipt) => receipt.messageId)).size;
      const worst = Math.max(...perMinute.map((delivered) => Math.abs(delivered - RATE_PER_MINUTE) / RATE_PER_MINUTE));
      step(`per minute: ${perMinute.join(', ')}; most in any 60-s window ${most}`);
      const notes =
        `${QUEUED} file.updated events appended at once for one webhook (rate_limit_per_minute ${RATE_PER_MINUTE}, max_concurrency 10, ` +
        `a receiver answering 200 at once); minutes counted from the first delivery's arrival: ${perMinute.join(', ')}; ` +
        `most in any 60-s window of the ${MINUTES} minutes ${most}; ${duplicates} duplicate webhook-ids`;
      return [
        {
          benchmark: 'webhooks: deliveries per minute at 100/min (worst minute)',
          measured: perMinute.reduce((worstMinute, delivered) =>
            Math.abs(delivered - RATE_PER_MINUTE) > Math.abs(worstMinute - RATE_PER_MINUTE) ? delivered : worstMinute,
          ),
          baseline: RATE_PER_MINUTE,
          unit: 'deliveries/min',
          check: {
            pass: worst <= TOLERANCE,
            requirement: `goal every minute within ${TOLERANCE * 100}% of ${RATE_PER_MINUTE}`,
            goal: true,
          },
          notes,
        },
        {
          benchmark: 'webhooks: most deliveries in any 60-s window at 100/min',
          measured: most,
          baseline: RATE_PER_MINUTE,
          unit: 'deliveries',
          check: { pass: most <= RATE_PER_MINUTE, requirement: `≤ ${RATE_PER_MINUTE}` },
          notes: 'the limiter never lets more than the rate through in any window of a minute',
        },
      ];
    } finally {
      await hooks.close();
    }
  },
};
