import { randomUUID } from 'node:crypto';
import type { WebhookRow } from '../../src/webhooks/webhookPorts';

/** A webhooks read-model row with the management API's defaults; a test overrides what it is about. */
export function webhookRow(overrides: Partial<WebhookRow> = {}): WebhookRow {
  return {
    _id: randomUUID(),
    ownerId: randomUUID(),
    url: 'https://hooks.example.com/filora',
    events: ['*'],
    name: null,
    description: null,
    rateLimitPerMinute: 100,
    maxConcurrency: 10,
    ordering: 'none',
    verifySsl: true,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    secrets: [{ encryptedSecret: 'sealed', expiresAt: null }],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
