import type { Actor } from '../../../src/domain/access/accessPolicy';
import { entryAction, requireEntryAccess } from '../../../src/domain/access/entryAccess';
import { ALL_SCOPES } from '../../../src/domain/access/scopes';

const OWNER = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2026-03-01T10:00:00.000Z');
const bob: Actor = { userId: BOB, scopes: ALL_SCOPES };
const state = {
  exists: true,
  deleted: false,
  ownerId: OWNER,
  grants: [{ principalId: BOB, permission: 'write' as const, via: 'direct' as const, expiresAt: null }],
};

describe('entry access', () => {
  it('makes an update a move (the owner’s) only when it names another place', () => {
    expect(entryAction('update', 'a', 'b')).toBe('manage');
    expect(entryAction('update', 'a', null)).toBe('manage');
    expect(entryAction('update', 'a', 'a')).toBe('write');
    expect(entryAction('update', null, undefined)).toBe('write');
    expect(entryAction('delete', 'a', undefined)).toBe('delete');
    expect(entryAction('share', 'a', undefined)).toBe('share');
  });

  it('lets a write grantee rename but not move, and counts the grants inherited from the folders above', () => {
    const rename = { noun: 'file' as const, state, kind: 'update' as const, place: 'a', movesTo: 'a' };
    expect(() => requireEntryAccess({ actor: bob }, rename, NOW)).not.toThrow();
    expect(() => requireEntryAccess({ actor: bob }, { ...rename, movesTo: 'b' }, NOW)).toThrow('you may not manage this file');
    const ungranted = { ...rename, noun: 'folder' as const, state: { ...state, grants: [] } };
    expect(() => requireEntryAccess({ actor: bob }, ungranted, NOW)).toThrow('folder not found');
    const inherited = [{ principalId: BOB, permission: 'write' as const, via: 'folder' as const, expiresAt: null }];
    expect(() => requireEntryAccess({ actor: bob, inherited }, ungranted, NOW)).not.toThrow();
  });
});
