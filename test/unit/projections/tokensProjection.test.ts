import { TOKENS, tokensProjection } from '../../../src/projections/tokens/tokensProjection';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(tokensProjection);
const ALICE = uuid(1);
const TOKEN = uuid(20);
const OTHER = uuid(21);

describe('tokens projection', () => {
  const log = new RecordedEvents();
  const settings = { name: 'ci', scopes: ['files.read'], ipAllowlist: [], rateLimitPerHour: 1000, expiresAt: null };
  const created = log.record('TokenCreated', { tokenId: TOKEN, ownerId: ALICE, prefix: 'fl_aaaaaaaa', secretHash: 'h1', ...settings });
  const other = log.record('TokenCreated', { tokenId: OTHER, ownerId: ALICE, prefix: 'fl_bbbbbbbb', secretHash: 'h9', ...settings });
  const changed = log.record('TokenChanged', { tokenId: TOKEN, scopes: ['files.write'], rateLimitPerHour: 10 });
  const regenerated = log.record('TokenRegenerated', { tokenId: TOKEN, ownerId: ALICE, prefix: 'fl_cccccccc', secretHash: 'h2' });
  const revoked = log.record('TokenRevoked', { tokenId: TOKEN, ownerId: ALICE });
  const deleted = log.record('TokenDeleted', { tokenId: OTHER, ownerId: ALICE });

  const row = {
    _id: TOKEN,
    owner_id: ALICE,
    name: 'ci',
    prefix: 'fl_aaaaaaaa',
    secret_hash: 'h1',
    scopes: ['files.read'],
    ip_allowlist: [],
    rate_limit_per_hour: 1000,
    expires_at: null,
    created_at: at(created),
    updated_at: at(created),
    regenerated_at: null,
    revoked_at: null,
  };

  it('holds a created token by id, with the hash of its secret', () => spec.given([created]).then(TOKENS, [row]));

  it('applies changes, a new secret and revocation', () =>
    spec.given([created, changed, regenerated, revoked]).then(TOKENS, [
      {
        ...row,
        scopes: ['files.write'],
        rate_limit_per_hour: 10,
        prefix: 'fl_cccccccc',
        secret_hash: 'h2',
        regenerated_at: at(regenerated),
        revoked_at: at(revoked),
        updated_at: at(revoked),
      },
    ]));

  it('forgets a deleted token', () => spec.given([created, other, deleted]).then(TOKENS, [row]));
});
