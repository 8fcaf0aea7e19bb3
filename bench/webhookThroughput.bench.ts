import { randomUUID } from 'node:crypto';
import { newWebhookSecret } from '../src/security/webhookSecrets';
import { serializeWebhookBody, toWebhookBody } from '../src/webhooks/payloads/toWebhookBody';
import { signHeaders } from '../src/webhooks/signing/signHeaders';
import { perSecond } from './lib/measure';
import { step } from './lib/progress';
import { rawKeepAlivePosts } from './lib/rawPosts';
import type { Benchmark, ResultRow } from './lib/results';
import { settings } from './lib/settings';
import { startWebhookWorld } from './lib/webhookWorld';

/** Issue 12: deliveries/s at least this share of raw keep-alive POSTs at the same concurrency. */
const GOAL_RATIO = 0.7;
const CONCURRENCY = 10;
/** The most a webhook allows (1,000/s), so the limiter is not what is measured. */
const RATE_PER_MINUTE = 60_000;
const WARM_UP = 100;
/** The events are spread over this many files (streams), as many resources' events would be. */
const FILES = 20;
const APPEND_BATCH = 100;

export const benchmark: Benchmark = {
  name: 'webhookThroughput',
  description: `webhook deliveries/s to a keep-alive receiver, max_concurrency ${CONCURRENCY}, against raw keep-alive POSTs at the same concurrency`,
  async run({ tempDir }): Promise<ResultRow[]> {
    const count = settings.webhookDeliveries;
    const hooks = await startWebhookWorld(tempDir, { rate_limit_per_minute: RATE_PER_MINUTE, max_concurrency: CONCURRENCY }, FILES);
    try {
      const { world } = hooks;
      const touchAll = async (prefix: string, total: number) => {
        for (let start = 0; start < total; start += APPEND_BATCH) {
          const batch = Array.from({ length: Math.min(APPEND_BATCH, total - start) }, (_, offset) =>
            hooks.touch(start + offset, `${prefix}${start + offset}`),
          );
          await Promise.all(batch);
        }
      };
      step(`warm-up: ${WARM_UP} deliveries`);
      await touchAll('warm', WARM_UP);
      await hooks.waitForReceipts(WARM_UP, (mark) => mark.startsWith('warm'), 60_000);

      // The baseline sends what a delivery sends: a body of the same shape and size, with signed headers.
      const messageId = randomUUID();
      const sample = {
        type: 'FileMetadataChanged',
        createdAt: new Date(),
        data: { fileId: world.fileId, ownerId: world.userId, description: 'raw0000', tags: [] },
      };
      const body = serializeWebhookBody(toWebhookBody(sample, messageId));
      const headers = signHeaders(body, messageId, new Date(), [newWebhookSecret()]);
      const rawRound = async (round: number) => {
        const ms = await rawKeepAlivePosts(`${hooks.receiver.url}/raw`, body, headers, count, CONCURRENCY);
        await hooks.waitForReceipts(count, (mark) => mark === 'raw0000', 30_000);
        step(`raw keep-alive POSTs, round ${round}: ${perSecond(count, ms).toFixed(0)}/s`);
        return perSecond(count, ms);
      };
      const rawBefore = await rawRound(1);

      step(
        `appending ${count} file.updated events as fast as they go (batches of ${APPEND_BATCH}); timing until the last delivery arrives`,
      );
      const started = performance.timeOrigin + performance.now();
      await touchAll('load', count);
      const appendedMs = performance.timeOrigin + performance.now() - started;
      const receipts = await hooks.waitForReceipts(count, (mark) => mark.startsWith('load'), 10 * 60_000);
      const lastAt = Math.max(...receipts.map((receipt) => receipt.atMs));
      const distinctIds = new Set(receipts.map((receipt) => receipt.messageId)).size;
      const deliveredPerSecond = perSecond(count, lastAt - started);
      step(
        `${count} deliveries in ${((lastAt - started) / 1000).toFixed(1)} s: ${deliveredPerSecond.toFixed(0)}/s (appends took ${(appendedMs / 1000).toFixed(1)} s)`,
      );

      const rawAfter = await rawRound(2);
      const baseline = (rawBefore + rawAfter) / 2;
      return [
        {
          benchmark: 'webhooks: deliveries/s to a keep-alive receiver',
          measured: deliveredPerSecond,
          baseline,
          unit: 'deliveries/s',
          check: { pass: deliveredPerSecond >= GOAL_RATIO * baseline, requirement: `goal ≥ ${GOAL_RATIO}x raw POSTs`, goal: true },
          notes:
            `${count} file.updated events on ${FILES} files appended in-process (synchronous FULL) as fast as they go, timed from the first append to the ` +
            `last delivery's arrival: relay, fan-out (access horizon, selectors, DeliveryCreated), job topic, endpoint queue (Bottleneck, ` +
            `max_concurrency ${CONCURRENCY}, ${RATE_PER_MINUTE}/min), lease, signing, POST, recorded outcome. ${distinctIds} distinct webhook-ids. ` +
            `Baseline: ${count} POSTs of a body of the same size with the same headers from ${CONCURRENCY} loops over a keep-alive agent of ` +
            `${CONCURRENCY} sockets, before and after (${rawBefore.toFixed(0)}/s, ${rawAfter.toFixed(0)}/s); the receiver is a child process`,
        },
      ];
    } finally {
      await hooks.close();
    }
  },
};
