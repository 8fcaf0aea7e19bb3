import { actorOf } from '../../support/actors';
import { FIXED_NOW, given } from '../../support/givenWhenThen';
import { MAX_INCOMING_WEBHOOKS_PER_OWNER, incomingWebhookDecider } from '../../../src/domain/incoming/incomingWebhookDecider';
import type { IncomingWebhookEvent, IncomingWebhookSettings } from '../../../src/domain/incoming/incomingWebhookEvents';

const incomingWebhookId = '77777777-7777-4777-8777-777777777777';
const ownerId = '44444444-4444-4444-8444-444444444444';
const strangerId = '66666666-6666-4666-8666-666666666666';
const owner = actorOf(ownerId);
const identity = { incomingWebhookId, ownerId };
const token = { tokenHash: 'a'.repeat(64), tokenPrefix: 'fwh_abcdefgh' };

const settings: IncomingWebhookSettings = {
  name: 'contacts',
  action: 'create_file',
  fieldMapping: { name: 'contact.email', content: 'message' },
  upsertField: null,
  folderId: null,
  verification: { kind: 'standard_webhooks' },
  rateLimitPerMinute: 60,
  enabled: true,
};
const create = {
  type: 'CreateIncomingWebhook' as const,
  incomingWebhookId,
  ownerId,
  token,
  encryptedSecret: 'sealed-1',
  settings,
  ownedIncomingWebhooks: 0,
};
const created: IncomingWebhookEvent = {
  type: 'IncomingWebhookCreated',
  data: { ...identity, ...token, encryptedSecret: 'sealed-1', ...settings, createdAt: FIXED_NOW.toISOString() },
};
const deleted: IncomingWebhookEvent = { type: 'IncomingWebhookDeleted', data: identity };

describe('incoming webhook decider', () => {
  it('creates a hook once, up to the per-user limit', () => {
    given(incomingWebhookDecider, []).when(create).then([created]);
    given(incomingWebhookDecider, [created]).when(create).thenFails('conflict');
    given(incomingWebhookDecider, [])
      .when({ ...create, ownedIncomingWebhooks: MAX_INCOMING_WEBHOOKS_PER_OWNER })
      .thenFails('conflict', /at most 50 incoming webhooks/);
    given(incomingWebhookDecider, [])
      .when({ ...create, ownedIncomingWebhooks: MAX_INCOMING_WEBHOOKS_PER_OWNER - 1 })
      .then([created]);
  });

  it('refuses settings that do not fit together, naming the setting', () => {
    given(incomingWebhookDecider, [])
      .when({ ...create, settings: { ...settings, action: 'upsert_file' } })
      .thenFails('invalid', /upsert_field/);
    given(incomingWebhookDecider, [])
      .when({ ...create, settings: { ...settings, fieldMapping: { name: 'title', colour: 'colour' } } })
      .thenFails('invalid');
  });

  it('refuses an upsert field for an action that creates: it finds no file', () => {
    given(incomingWebhookDecider, [])
      .when({ ...create, settings: { ...settings, upsertField: 'id' } })
      .thenFails('invalid', /upsert_field/);
  });

  it('refuses an upsert by id: ids are Filora’s, so a miss would create a new file on every repeat', () => {
    given(incomingWebhookDecider, [])
      .when({ ...create, settings: { ...settings, action: 'upsert_file', upsertField: 'id', fieldMapping: { id: 'ref', name: 'title' } } })
      .thenFails('invalid', /upsert_field.*name/);
  });

  it('drops the upsert field a change to a creating action leaves behind, and refuses one it names', () => {
    const upserting = { ...created, data: { ...created.data, action: 'upsert_file' as const, upsertField: 'name' as const } };
    given(incomingWebhookDecider, [upserting])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: { action: 'create_file' } })
      .then([{ type: 'IncomingWebhookChanged', data: { ...identity, action: 'create_file', upsertField: null } }]);
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: { upsertField: 'id' } })
      .thenFails('invalid', /upsert_field/);
  });

  it('changes only the settings that differ, checked whole, and nothing when none does', () => {
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: { name: 'renamed', rateLimitPerMinute: 60 } })
      .then([{ type: 'IncomingWebhookChanged', data: { ...identity, name: 'renamed' } }]);
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: { ...settings } })
      .then([]);
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: { action: 'update_file' } })
      .thenFails('invalid', /upsert_field/);
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: { action: 'upsert_file', upsertField: 'name' } })
      .then([{ type: 'IncomingWebhookChanged', data: { ...identity, action: 'upsert_file', upsertField: 'name' } }]);
  });

  it('records a new or removed verification secret, and nothing for the same one', () => {
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: { verification: { kind: 'none' } }, encryptedSecret: null })
      .then([{ type: 'IncomingWebhookChanged', data: { ...identity, verification: { kind: 'none' }, encryptedSecret: null } }]);
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: {}, encryptedSecret: 'sealed-2' })
      .then([{ type: 'IncomingWebhookChanged', data: { ...identity, encryptedSecret: 'sealed-2' } }]);
    given(incomingWebhookDecider, [created])
      .when({ type: 'ChangeIncomingWebhook', actor: owner, changes: {}, encryptedSecret: 'sealed-1' })
      .then([]);
  });

  it('regenerates the token and deletes, for the owner only', () => {
    const newToken = { tokenHash: 'b'.repeat(64), tokenPrefix: 'fwh_ijklmnop' };
    given(incomingWebhookDecider, [created])
      .when({ type: 'RegenerateIncomingWebhookToken', actor: owner, token: newToken })
      .then([{ type: 'IncomingWebhookTokenRegenerated', data: { ...identity, ...newToken } }]);
    given(incomingWebhookDecider, [created]).when({ type: 'DeleteIncomingWebhook', actor: owner }).then([deleted]);
    const stranger = actorOf(strangerId);
    for (const command of [
      { type: 'DeleteIncomingWebhook' as const, actor: stranger },
      { type: 'RegenerateIncomingWebhookToken' as const, actor: stranger, token: newToken },
      { type: 'ChangeIncomingWebhook' as const, actor: stranger, changes: { name: 'mine' } },
    ])
      given(incomingWebhookDecider, [created]).when(command).thenFails('not_found');
  });

  it('treats a deleted or never created hook as not found', () => {
    for (const history of [[], [created, deleted]])
      given(incomingWebhookDecider, history).when({ type: 'DeleteIncomingWebhook', actor: owner }).thenFails('not_found');
  });

  it('needs webhooks.manage to manage a hook', () => {
    given(incomingWebhookDecider, [created])
      .when({ type: 'DeleteIncomingWebhook', actor: actorOf(ownerId, new Set(['files.write'])) })
      .thenFails('forbidden');
  });

  it('folds the current token and secret, for the receive route’s check', () => {
    const newToken = { tokenHash: 'b'.repeat(64), tokenPrefix: 'fwh_ijklmnop' };
    const events: IncomingWebhookEvent[] = [
      created,
      { type: 'IncomingWebhookTokenRegenerated', data: { ...identity, ...newToken } },
      { type: 'IncomingWebhookChanged', data: { ...identity, enabled: false, encryptedSecret: null, verification: { kind: 'none' } } },
    ];
    const state = events.reduce(incomingWebhookDecider.evolve, incomingWebhookDecider.initialState);
    expect(state).toEqual({
      ...identity,
      exists: true,
      deleted: false,
      settings: { ...settings, enabled: false, verification: { kind: 'none' } },
      token: newToken,
      encryptedSecret: null,
    });
  });
});
