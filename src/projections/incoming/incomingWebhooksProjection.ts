import type { IncomingWebhookEvent } from '../../domain/incoming/incomingWebhookEvents';
import { incomingWebhookEvent } from '../../domain/incoming/incomingWebhookEvents';
import type { IncomingWebhookRow } from '../../incoming/incomingPorts';
import { INCOMING_WEBHOOKS } from '../../incoming/incomingPorts';
import { documentProjection } from '../documentProjection';
import { definedOnly } from '../../domain/shared/definedOnly';

function evolveIncomingWebhook(row: IncomingWebhookRow | null, event: IncomingWebhookEvent, at: string): IncomingWebhookRow | null {
  switch (event.type) {
    case 'IncomingWebhookCreated': {
      const { incomingWebhookId, createdAt: _createdAt, ...fields } = event.data;
      return { _id: incomingWebhookId, ...fields, createdAt: at, updatedAt: at };
    }
    case 'IncomingWebhookChanged': {
      if (!row) return null;
      const { incomingWebhookId: _id, ownerId: _owner, ...changes } = event.data;
      return { ...row, ...definedOnly(changes), updatedAt: at };
    }
    case 'IncomingWebhookTokenRegenerated':
      return row && { ...row, tokenHash: event.data.tokenHash, tokenPrefix: event.data.tokenPrefix, updatedAt: at };
    case 'IncomingWebhookDeleted':
      return null;
  }
}

/** The incoming webhooks read model (INCOMING_WEBHOOKS rows): what management answers, and the receive route's token lookup. */
export const incomingWebhooksProjection = documentProjection<IncomingWebhookEvent, IncomingWebhookRow>({
  name: 'incoming_webhooks',
  version: 1,
  collection: INCOMING_WEBHOOKS,
  handles: incomingWebhookEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(INCOMING_WEBHOOKS, {
      fields: [
        ['ownerId', 1],
        ['createdAt', -1],
        ['_id', -1],
      ],
    });
    await store.ensureIndex(INCOMING_WEBHOOKS, { fields: [['tokenHash', 1]] });
  },
  parse: (event) => incomingWebhookEvent.parse(event),
  key: (event) => event.data.incomingWebhookId,
  evolve: evolveIncomingWebhook,
});
