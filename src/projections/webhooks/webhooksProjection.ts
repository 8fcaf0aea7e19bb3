import type { WebhookEvent } from '../../domain/webhook/webhookEvents';
import { webhookEvent } from '../../domain/webhook/webhookEvents';
import type { WebhookRow } from '../../webhooks/webhookPorts';
import { WEBHOOKS } from '../../webhooks/webhookPorts';
import { documentProjection } from '../documentProjection';
import { definedOnly } from '../../domain/shared/definedOnly';

type Secrets = WebhookRow['secrets'];

/**
 * A rotation: the new secret signs from now on, the one it replaces beside it until `previousExpiresAt`.
 * Any older secret stops at once, so a delivery carries at most two signatures.
 */
function rotated(secrets: Secrets, encryptedSecret: string, previousExpiresAt: string, at: string): Secrets {
  const [current] = secrets;
  const previous = current && previousExpiresAt > at ? [{ encryptedSecret: current.encryptedSecret, expiresAt: previousExpiresAt }] : [];
  return [{ encryptedSecret, expiresAt: null }, ...previous];
}

function evolveWebhook(row: WebhookRow | null, event: WebhookEvent, at: string): WebhookRow | null {
  switch (event.type) {
    case 'WebhookRegistered': {
      const { webhookId, encryptedSecret, registeredAt: _registeredAt, ...settings } = event.data;
      return {
        _id: webhookId,
        ...settings,
        disabledReason: null,
        disabledAt: null,
        secrets: [{ encryptedSecret, expiresAt: null }],
        createdAt: at,
        updatedAt: at,
      };
    }
    case 'WebhookChanged': {
      if (!row) return null;
      const { webhookId: _id, ownerId: _owner, ...changes } = event.data;
      const given = definedOnly(changes);
      const reenabled = changes.enabled === true ? { disabledReason: null, disabledAt: null } : {};
      return { ...row, ...given, ...reenabled, updatedAt: at };
    }
    case 'WebhookDisabled':
      return row && { ...row, enabled: false, disabledReason: event.data.reason, disabledAt: event.data.disabledAt, updatedAt: at };
    case 'WebhookSecretRotated':
      return row && { ...row, secrets: rotated(row.secrets, event.data.encryptedSecret, event.data.previousExpiresAt, at), updatedAt: at };
    case 'WebhookDeleted':
      return null;
  }
}

/** The webhooks read model (WEBHOOKS rows): what management answers and what the dispatcher matches and signs with. */
export const webhooksProjection = documentProjection<WebhookEvent, WebhookRow>({
  name: 'webhooks',
  version: 1,
  collection: WEBHOOKS,
  handles: webhookEvent.options.map((option) => option.shape.type.value),

  async setup(store) {
    await store.ensureIndex(WEBHOOKS, {
      fields: [
        ['ownerId', 1],
        ['createdAt', -1],
        ['_id', -1],
      ],
    });
    await store.ensureIndex(WEBHOOKS, {
      fields: [
        ['enabled', 1],
        ['ownerId', 1],
      ],
    });
  },
  parse: (event) => webhookEvent.parse(event),
  key: (event) => event.data.webhookId,
  evolve: evolveWebhook,
});
