import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { uploadJson } from '../../test/support/files';
import { call } from '../../test/support/http';
import type { RealtimeWorld } from './realtimeWorld';
import { appendMetadataChange, startRealtimeWorld } from './realtimeWorld';
import type { Receipt, ReceiverProcess } from './webhookReceivers';
import { startReceiverProcess } from './webhookReceivers';

export interface WebhookSettings {
  rate_limit_per_minute: number;
  max_concurrency: number;
}

/**
 * The embedded platform in the benchmark's process (synchronous FULL) with its webhook dispatcher running,
 * one user owning `files` files, and one webhook of that user subscribed to `file.updated` that points at a
 * keep-alive receiver in a child process. `touch` appends a metadata change to one of the files (taken in
 * turn, so the events spread over streams and partitions as many resources' would) whose description is the
 * mark the receiver records, so each delivery can be told apart.
 */
export interface WebhookWorld {
  world: RealtimeWorld;
  receiver: ReceiverProcess;
  webhookId: string;
  fileIds: string[];
  /** Appends a file.updated event on the `index`-th file (modulo their number), marked `note`. */
  touch(index: number, note: string): Promise<void>;
  /** Waits until `count` requests whose mark satisfies `isMine` have arrived since the last wait; throws after `timeoutMs`. */
  waitForReceipts(count: number, isMine: (mark: string) => boolean, timeoutMs: number): Promise<Receipt[]>;
  close(): Promise<void>;
}

export async function startWebhookWorld(tempDir: string, webhook: WebhookSettings, files = 1): Promise<WebhookWorld> {
  const world = await startRealtimeWorld(tempDir, { FILORA_WEBHOOK_ALLOW_PRIVATE: 'true' });
  const receiver = await startReceiverProcess();
  try {
    const fileIds = [world.fileId];
    for (let index = 1; index < files; index++) {
      const uploaded = await uploadJson(world.platform.url, world.token, { name: `watched-${index}.txt`, content: 'watched' });
      fileIds.push(uploaded.body.id);
    }
    await world.platform.platform.dispatcher.start();
    const registered = await call<{ id: string }>(world.platform.url, 'POST', '/api/v1/webhooks', {
      token: world.token,
      body: { url: `${receiver.url}/hooks/filora`, events: ['file.updated'], ...webhook },
    });
    if (registered.status !== 201)
      throw new Error(`registering the webhook answered ${registered.status}: ${JSON.stringify(registered.body)}`);
    let pending: Receipt[] = [];
    return {
      world,
      receiver,
      webhookId: registered.body.id,
      fileIds,
      touch: (index, note) =>
        appendMetadataChange(world.platform, { fileId: fileIds[index % fileIds.length]!, ownerId: world.userId }, randomUUID(), note),
      async waitForReceipts(count, isMine, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        let mine: Receipt[] = [];
        for (;;) {
          pending = [...pending, ...(await receiver.receipts())];
          mine = pending.filter((receipt) => isMine(receipt.mark));
          if (mine.length >= count) break;
          if (Date.now() > deadline) throw new Error(`only ${mine.length} of ${count} deliveries arrived within ${timeoutMs} ms`);
          await sleep(50);
        }
        pending = pending.filter((receipt) => !isMine(receipt.mark));
        return mine;
      },
      async close() {
        await world.platform.platform.dispatcher.stop();
        await receiver.close();
        await world.platform.close();
      },
    };
  } catch (error) {
    await receiver.close();
    await world.platform.close();
    throw error;
  }
}
