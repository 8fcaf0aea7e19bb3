import { webhooksProjection } from '../../../src/projections/webhooks/webhooksProjection';
import { WEBHOOKS } from '../../../src/webhooks/webhookPorts';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(webhooksProjection);
const ALICE = uuid(1);
const HOOK = uuid(30);
const OTHER = uuid(31);

describe('webhooks projection', () => {
  const log = new RecordedEvents();
  const settings = {
    url: 'https://example.com/hooks',
    events: ['upload.completed'],
    name: 'uploads',
    description: null,
    rateLimitPerMinute: 100,
    maxConcurrency: 5,
    ordering: 'none',
    verifySsl: true,
    enabled: true,
  };
  const identity = { webhookId: HOOK, ownerId: ALICE };
  const registered = log.record('WebhookRegistered', {
    ...identity,
    encryptedSecret: 's1',
    ...settings,
    registeredAt: '2026-01-01T00:00:01.000Z',
  });
  const other = log.record('WebhookRegistered', {
    webhookId: OTHER,
    ownerId: ALICE,
    encryptedSecret: 'o1',
    ...settings,
    registeredAt: '2026-01-01T00:00:02.000Z',
  });
  const changed = log.record('WebhookChanged', { ...identity, events: ['file.*'], rateLimitPerMinute: 10, description: 'all file events' });
  const disabled = log.record('WebhookDisabled', {
    ...identity,
    reason: 'the endpoint answered 410 Gone',
    disabledAt: '2026-01-01T00:00:04.000Z',
  });
  const reenabled = log.record('WebhookChanged', { ...identity, enabled: true });
  const deleted = log.record('WebhookDeleted', { webhookId: OTHER, ownerId: ALICE });

  const row = {
    _id: HOOK,
    ownerId: ALICE,
    ...settings,
    disabledReason: null,
    disabledAt: null,
    secrets: [{ encryptedSecret: 's1', expiresAt: null }],
    createdAt: at(registered),
    updatedAt: at(registered),
  };

  it('holds a registered webhook with its sealed secret', () => spec.given([registered]).then(WEBHOOKS, [row]));

  it('applies changes, keeps the reason of a disabling, and clears it when re-enabled', async () => {
    const changedRow = { ...row, events: ['file.*'], rateLimitPerMinute: 10, description: 'all file events', updatedAt: at(changed) };
    await spec.given([registered, changed, disabled]).then(WEBHOOKS, [
      {
        ...changedRow,
        enabled: false,
        disabledReason: 'the endpoint answered 410 Gone',
        disabledAt: '2026-01-01T00:00:04.000Z',
        updatedAt: at(disabled),
      },
    ]);
    await spec
      .given([registered, changed, disabled, reenabled])
      .then(WEBHOOKS, [{ ...changedRow, enabled: true, updatedAt: at(reenabled) }]);
  });

  it('drops a deleted webhook', () => spec.given([registered, other, deleted]).then(WEBHOOKS, [row]));

  it('keeps the rotated-out secret until its expiry, and only the last one', async () => {
    const firstRotation = log.record('WebhookSecretRotated', {
      ...identity,
      encryptedSecret: 's2',
      previousExpiresAt: '2026-01-02T00:00:00.000Z',
    });
    const secondRotation = log.record('WebhookSecretRotated', {
      ...identity,
      encryptedSecret: 's3',
      previousExpiresAt: '2026-01-03T00:00:00.000Z',
    });
    const twoSecrets = [
      { encryptedSecret: 's2', expiresAt: null },
      { encryptedSecret: 's1', expiresAt: '2026-01-02T00:00:00.000Z' },
    ];
    await spec.given([registered, firstRotation]).then(WEBHOOKS, [{ ...row, secrets: twoSecrets, updatedAt: at(firstRotation) }]);
    await spec.given([registered, firstRotation, secondRotation]).then(WEBHOOKS, [
      {
        ...row,
        secrets: [
          { encryptedSecret: 's3', expiresAt: null },
          { encryptedSecret: 's2', expiresAt: '2026-01-03T00:00:00.000Z' },
        ],
        updatedAt: at(secondRotation),
      },
    ]);
  });

  it('keeps no previous secret when the rotation expires it at once', () => {
    const immediate = log.record('WebhookSecretRotated', {
      ...identity,
      encryptedSecret: 's2',
      previousExpiresAt: '2025-12-31T00:00:00.000Z',
    });
    return spec
      .given([registered, immediate])
      .then(WEBHOOKS, [{ ...row, secrets: [{ encryptedSecret: 's2', expiresAt: null }], updatedAt: at(immediate) }]);
  });
});
