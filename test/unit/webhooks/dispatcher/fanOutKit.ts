import { randomUUID } from 'node:crypto';
import { PUBLIC_EVENT_NAMES } from '../../../../src/domain/publicEvents';
import type { Position, RecordedEvent } from '../../../../src/ports/eventStore';
import type { ReadStore } from '../../../../src/ports/readStore';
import type { HorizonWatch } from '../../../../src/sync/feedTypes';
import type { NewDelivery, WebhookRow } from '../../../../src/webhooks/webhookPorts';
import { WEBHOOKS } from '../../../../src/webhooks/webhookPorts';
import { webhookRow } from '../../../support/webhookRows';
import type { WebhookBodyOf } from '../../../../src/webhooks/dispatcher/webhookDeliveries';

/** A horizon the test moves by hand. */
export function settableHorizon(initial: Position | null = null) {
  let position = initial;
  const listeners = new Set<() => void>();
  const horizon: HorizonWatch = {
    current: async () => position,
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    horizon,
    listening: () => listeners.size,
    moveTo(next: Position) {
      position = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

/** Delivery commands that keep what they were asked to create; a second create of one id creates nothing. */
export function recordingDeliveries() {
  const created = new Map<string, NewDelivery>();
  return {
    created,
    create: async (delivery: NewDelivery) => {
      if (created.has(delivery.deliveryId)) return false;
      created.set(delivery.deliveryId, delivery);
      return true;
    },
  };
}

export const bodyOf: WebhookBodyOf = (event, messageId) => ({
  id: messageId,
  event: PUBLIC_EVENT_NAMES[event.type] ?? event.type,
  timestamp: event.createdAt.toISOString(),
  data: { event_id: event.id },
});

export async function givenWebhook(readStore: ReadStore, ownerId: string, overrides: Partial<WebhookRow> = {}): Promise<WebhookRow> {
  const webhook = webhookRow({ ownerId, createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z', ...overrides });
  await readStore.upsert(WEBHOOKS, webhook);
  return webhook;
}

export const fileUploaded = (ownerId: string, fileId = randomUUID()) => ({
  id: randomUUID(),
  type: 'FileUploaded',
  data: {
    fileId,
    ownerId,
    folderId: null,
    name: 'a.txt',
    versionId: randomUUID(),
    version: 1,
    size: 1,
    sha256: '0'.repeat(64),
    mimeType: 'text/plain',
  },
  metadata: { actor: ownerId },
});

export const lastOf = (events: RecordedEvent[]): RecordedEvent => events[events.length - 1]!;
