import { INCOMING_WEBHOOKS } from '../../../src/incoming/incomingPorts';
import { incomingWebhooksProjection } from '../../../src/projections/incoming/incomingWebhooksProjection';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, sha, uuid } from './recordedEvents';

const spec = projectionSpec(incomingWebhooksProjection);
const ALICE = uuid(1);
const HOOK = uuid(40);
const OTHER = uuid(41);

describe('incoming webhooks projection', () => {
  const log = new RecordedEvents();
  const settings = {
    name: 'contacts',
    action: 'create_file',
    fieldMapping: { name: 'contact.email', content: 'message' },
    upsertField: null,
    folderId: null,
    verification: { kind: 'hmac_sha256', header: 'X-Signature' },
    rateLimitPerMinute: 60,
    enabled: true,
  };
  const identity = { incomingWebhookId: HOOK, ownerId: ALICE };
  const created = log.record('IncomingWebhookCreated', {
    ...identity,
    tokenHash: sha(1),
    tokenPrefix: 'fwh_aaaaaaaa',
    encryptedSecret: 'sealed-1',
    ...settings,
    createdAt: '2026-01-01T00:00:01.000Z',
  });
  const other = log.record('IncomingWebhookCreated', {
    incomingWebhookId: OTHER,
    ownerId: ALICE,
    tokenHash: sha(2),
    tokenPrefix: 'fwh_bbbbbbbb',
    encryptedSecret: null,
    ...settings,
    verification: { kind: 'none' },
    createdAt: '2026-01-01T00:00:02.000Z',
  });
  const changed = log.record('IncomingWebhookChanged', { ...identity, name: 'renamed', enabled: false });
  const secretDropped = log.record('IncomingWebhookChanged', { ...identity, verification: { kind: 'none' }, encryptedSecret: null });
  const regenerated = log.record('IncomingWebhookTokenRegenerated', { ...identity, tokenHash: sha(3), tokenPrefix: 'fwh_cccccccc' });
  const deleted = log.record('IncomingWebhookDeleted', { incomingWebhookId: OTHER, ownerId: ALICE });

  const row = {
    _id: HOOK,
    ownerId: ALICE,
    tokenHash: sha(1),
    tokenPrefix: 'fwh_aaaaaaaa',
    encryptedSecret: 'sealed-1',
    ...settings,
    createdAt: at(created),
    updatedAt: at(created),
  };

  it('holds a created hook with its token hash and sealed secret', () => spec.given([created]).then(INCOMING_WEBHOOKS, [row]));

  it('applies changes, a dropped secret included', () =>
    spec
      .given([created, changed, secretDropped])
      .then(INCOMING_WEBHOOKS, [
        { ...row, name: 'renamed', enabled: false, verification: { kind: 'none' }, encryptedSecret: null, updatedAt: at(secretDropped) },
      ]));

  it('keeps a secret that a change does not name', () =>
    spec.given([created, changed]).then(INCOMING_WEBHOOKS, [{ ...row, name: 'renamed', enabled: false, updatedAt: at(changed) }]));

  it('replaces the token hash on regeneration: the old one finds nothing', () =>
    spec
      .given([created, regenerated])
      .then(INCOMING_WEBHOOKS, [{ ...row, tokenHash: sha(3), tokenPrefix: 'fwh_cccccccc', updatedAt: at(regenerated) }]));

  it('drops a deleted hook', () => spec.given([created, other, deleted]).then(INCOMING_WEBHOOKS, [row]));

  it('ignores a change to a hook it never saw', () => spec.given([changed, regenerated]).then(INCOMING_WEBHOOKS, []));
});
