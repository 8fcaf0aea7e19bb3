import { ALL_SCOPES } from '../../../src/domain/access/scopes';
import { MAX_WEBHOOKS_PER_OWNER, webhookDecider } from '../../../src/domain/webhook/webhookDecider';
import type { WebhookEvent, WebhookSettings } from '../../../src/domain/webhook/webhookEvents';
import { actorOf } from '../../support/actors';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const webhookId = '77777777-7777-4777-8777-777777777777';
const ownerId = '44444444-4444-4444-8444-444444444444';
const strangerId = '66666666-6666-4666-8666-666666666666';
const owner = actorOf(ownerId);
const identity = { webhookId, ownerId };
const now = FIXED_NOW.toISOString();
const inSeconds = (seconds: number) => new Date(FIXED_NOW.getTime() + seconds * 1000).toISOString();

const settings: WebhookSettings = {
  url: 'https://example.com/hooks',
  events: ['upload.completed', 'file.*'],
  name: 'uploads',
  description: null,
  rateLimitPerMinute: 100,
  maxConcurrency: 5,
  ordering: 'none',
  verifySsl: true,
  enabled: true,
};
const register = { type: 'RegisterWebhook' as const, webhookId, ownerId, encryptedSecret: 'sealed-1', settings, ownedWebhooks: 0 };
const registered: WebhookEvent = {
  type: 'WebhookRegistered',
  data: { ...identity, encryptedSecret: 'sealed-1', ...settings, registeredAt: now },
};
const disabledByOwner: WebhookEvent = { type: 'WebhookDisabled', data: { ...identity, reason: 'disabled by its owner', disabledAt: now } };
const deleted: WebhookEvent = { type: 'WebhookDeleted', data: identity };

describe('webhook decider', () => {
  it('registers a webhook once, with known events, up to the per-user limit', () => {
    given(webhookDecider, []).when(register).then([registered]);
    given(webhookDecider, [registered]).when(register).thenFails('conflict');
    given(webhookDecider, [])
      .when({ ...register, ownedWebhooks: MAX_WEBHOOKS_PER_OWNER })
      .thenFails('conflict', /at most 50 webhooks/);
    given(webhookDecider, [])
      .when({ ...register, ownedWebhooks: MAX_WEBHOOKS_PER_OWNER - 1 })
      .then([registered]);
    given(webhookDecider, [])
      .when({ ...register, settings: { ...settings, events: ['file.exploded'] } })
      .thenFails('invalid', /unknown event 'file.exploded'; valid events are: .*upload\.completed/);
  });

  it('changes only the settings that differ, and nothing when none does', () => {
    given(webhookDecider, [registered])
      .when({ type: 'ChangeWebhook', actor: owner, changes: { name: 'renamed', rateLimitPerMinute: 100, events: ['*'] } })
      .then([{ type: 'WebhookChanged', data: { ...identity, name: 'renamed', events: ['*'] } }]);
    given(webhookDecider, [registered])
      .when({ type: 'ChangeWebhook', actor: owner, changes: { ...settings } })
      .then([]);
    given(webhookDecider, [registered])
      .when({ type: 'ChangeWebhook', actor: owner, changes: { events: ['nope.*'] } })
      .thenFails('invalid');
  });

  it('records an owner turning a webhook off as a WebhookDisabled, and on again as a change', () => {
    given(webhookDecider, [registered])
      .when({ type: 'ChangeWebhook', actor: owner, changes: { enabled: false, name: 'paused' } })
      .then([{ type: 'WebhookChanged', data: { ...identity, name: 'paused' } }, disabledByOwner]);
    given(webhookDecider, [registered, disabledByOwner])
      .when({ type: 'ChangeWebhook', actor: owner, changes: { enabled: false } })
      .then([]);
    given(webhookDecider, [registered, disabledByOwner])
      .when({ type: 'ChangeWebhook', actor: owner, changes: { enabled: true } })
      .then([{ type: 'WebhookChanged', data: { ...identity, enabled: true } }]);
  });

  it('rotates the secret, keeping the previous one for 24 h or the seconds asked', () => {
    const rotate = { type: 'RotateWebhookSecret' as const, actor: owner, encryptedSecret: 'sealed-2', expirePreviousInSeconds: 86_400 };
    given(webhookDecider, [registered])
      .when(rotate)
      .then([{ type: 'WebhookSecretRotated', data: { ...identity, encryptedSecret: 'sealed-2', previousExpiresAt: inSeconds(86_400) } }]);
    given(webhookDecider, [registered])
      .when({ ...rotate, expirePreviousInSeconds: 0 })
      .then([{ type: 'WebhookSecretRotated', data: { ...identity, encryptedSecret: 'sealed-2', previousExpiresAt: now } }]);
    given(webhookDecider, [registered])
      .when({ ...rotate, expirePreviousInSeconds: -1 })
      .thenFails('invalid');
    given(webhookDecider, [registered])
      .when({ ...rotate, expirePreviousInSeconds: 8 * 86_400 })
      .thenFails('invalid');
  });

  it('lets the platform disable a webhook with a reason, once, and not a deleted one', () => {
    const disable = { type: 'DisableWebhook' as const, reason: 'the endpoint answered 410 Gone' };
    given(webhookDecider, [registered])
      .when(disable)
      .then([{ type: 'WebhookDisabled', data: { ...identity, reason: 'the endpoint answered 410 Gone', disabledAt: now } }]);
    given(webhookDecider, [registered, disabledByOwner]).when(disable).then([]);
    given(webhookDecider, [registered, deleted]).when(disable).then([]);
    given(webhookDecider, []).when(disable).thenFails('not_found');
  });

  it('deletes a webhook', () => {
    given(webhookDecider, [registered]).when({ type: 'DeleteWebhook', actor: owner }).then([deleted]);
  });

  it('hides the webhook from anyone but its owner, and after deletion from everyone', () => {
    for (const actor of [actorOf(strangerId), owner]) {
      const history = actor === owner ? [registered, deleted] : [registered];
      given(webhookDecider, history).when({ type: 'DeleteWebhook', actor }).thenFails('not_found');
      given(webhookDecider, history)
        .when({ type: 'ChangeWebhook', actor, changes: { name: 'x' } })
        .thenFails('not_found');
      given(webhookDecider, history)
        .when({ type: 'RotateWebhookSecret', actor, encryptedSecret: 'x', expirePreviousInSeconds: 0 })
        .thenFails('not_found');
    }
  });

  it('needs the webhooks.manage scope from a token', () => {
    const withoutScope = actorOf(ownerId, new Set([...ALL_SCOPES].filter((scope) => scope !== 'webhooks.manage')));
    given(webhookDecider, [registered]).when({ type: 'DeleteWebhook', actor: withoutScope }).thenFails('forbidden');
    given(webhookDecider, [registered])
      .when({ type: 'DeleteWebhook', actor: actorOf(ownerId, new Set(['webhooks.manage'])) })
      .then([deleted]);
  });
});
