import { tokenDecider } from '../../../src/domain/token/tokenDecider';
import type { TokenEvent } from '../../../src/domain/token/tokenEvents';
import { actorOf } from '../../support/actors';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const tokenId = '55555555-5555-4555-8555-555555555555';
const ownerId = '44444444-4444-4444-8444-444444444444';
const strangerId = '66666666-6666-4666-8666-666666666666';
const owner = actorOf(ownerId);
const inAnHour = new Date(FIXED_NOW.getTime() + 3600_000).toISOString();
const anHourAgo = new Date(FIXED_NOW.getTime() - 3600_000).toISOString();

const settings = { name: 'deploys', scopes: ['files.read' as const], ipAllowlist: [], rateLimitPerHour: 1000, expiresAt: inAnHour };
const created: TokenEvent = { type: 'TokenCreated', data: { tokenId, ownerId, prefix: 'fl_abcdefgh', secretHash: 'h1', ...settings } };
const revoked: TokenEvent = { type: 'TokenRevoked', data: { tokenId, ownerId } };
const deleted: TokenEvent = { type: 'TokenDeleted', data: { tokenId, ownerId } };
const create = { type: 'CreateToken' as const, tokenId, ownerId, prefix: 'fl_abcdefgh', secretHash: 'h1', ...settings };

describe('token decider', () => {
  it('creates a token once, with an expiry in the future or none', () => {
    given(tokenDecider, []).when(create).then([created]);
    given(tokenDecider, [created]).when(create).thenFails('conflict');
    given(tokenDecider, [])
      .when({ ...create, expiresAt: anHourAgo })
      .thenFails('invalid');
    given(tokenDecider, [])
      .when({ ...create, expiresAt: null })
      .then([{ ...created, data: { ...created.data, expiresAt: null } } as TokenEvent]);
  });

  it('changes only the settings named, and nothing when none is', () => {
    given(tokenDecider, [created])
      .when({ type: 'ChangeToken', actor: owner, name: 'renamed', expiresAt: null })
      .then([{ type: 'TokenChanged', data: { tokenId, name: 'renamed', expiresAt: null } }]);
    given(tokenDecider, [created]).when({ type: 'ChangeToken', actor: owner }).then([]);
    given(tokenDecider, [created]).when({ type: 'ChangeToken', actor: owner, expiresAt: anHourAgo }).thenFails('invalid');
  });

  it('revokes once; a revoked token cannot be changed or regenerated', () => {
    given(tokenDecider, [created]).when({ type: 'RevokeToken', actor: owner }).then([revoked]);
    given(tokenDecider, [created, revoked]).when({ type: 'RevokeToken', actor: owner }).then([]);
    given(tokenDecider, [created, revoked]).when({ type: 'ChangeToken', actor: owner, name: 'x' }).thenFails('conflict');
    given(tokenDecider, [created, revoked])
      .when({ type: 'RegenerateToken', actor: owner, prefix: 'fl_x', secretHash: 'h2' })
      .thenFails('conflict');
  });

  it('regenerates a live token with a new secret hash, but not an expired one', () => {
    given(tokenDecider, [created])
      .when({ type: 'RegenerateToken', actor: owner, prefix: 'fl_newprefx', secretHash: 'h2' })
      .then([{ type: 'TokenRegenerated', data: { tokenId, ownerId, prefix: 'fl_newprefx', secretHash: 'h2' } }]);
    given(tokenDecider, [created], { now: new Date(FIXED_NOW.getTime() + 7200_000) })
      .when({ type: 'RegenerateToken', actor: owner, prefix: 'fl_x', secretHash: 'h2' })
      .thenFails('conflict');
  });

  it('hides the token from anyone but its owner, and after deletion from everyone', () => {
    for (const command of [
      { type: 'RevokeToken' as const, actor: actorOf(strangerId) },
      { type: 'DeleteToken' as const, actor: actorOf(strangerId) },
      { type: 'ChangeToken' as const, actor: actorOf(strangerId), name: 'mine' },
    ]) {
      given(tokenDecider, [created]).when(command).thenFails('not_found');
    }
    given(tokenDecider, [created]).when({ type: 'DeleteToken', actor: owner }).then([deleted]);
    given(tokenDecider, [created, deleted]).when({ type: 'RevokeToken', actor: owner }).thenFails('not_found');
    given(tokenDecider, []).when({ type: 'DeleteToken', actor: owner }).thenFails('not_found');
  });
});
