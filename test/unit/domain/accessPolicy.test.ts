import type { AccessAction, Grant, GuardedResource } from '../../../src/domain/access/accessPolicy';
import { accessVerdict, requireAccess, requirePlacement, resourceOf, seesGrantOf } from '../../../src/domain/access/accessPolicy';
import type { Scope } from '../../../src/domain/access/scopes';
import { actorOf } from '../../support/actors';

const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const carol = '33333333-3333-4333-8333-333333333333';
const NOW = new Date('2026-01-02T03:04:05.000Z');
const ALL: AccessAction[] = ['see', 'read', 'write', 'delete', 'share', 'manage'];

const owned: GuardedResource = { live: true, ownerId: alice, grants: [] };
const deleted: GuardedResource = { ...owned, live: false };
const grantedToBob = (permission: Grant['permission'], via: Grant['via'] = 'direct'): GuardedResource => ({
  ...owned,
  grants: [{ principalId: bob, permission, via, expiresAt: null }],
});
const session = (userId: string) => actorOf(userId);
const token = (userId: string, ...scopes: Scope[]) => actorOf(userId, new Set(scopes));

/** [case, actor, resource, the actions allowed; every other action is forbidden, or invisible when none is allowed] */
const table: Array<[string, ReturnType<typeof actorOf>, GuardedResource, AccessAction[] | 'invisible']> = [
  ['the owner, through a session', session(alice), owned, ALL],
  ['another user, with no grant', session(bob), owned, 'invisible'],
  ['the owner, once the resource is deleted', session(alice), deleted, 'invisible'],
  ['a grantee with view', session(bob), grantedToBob('view'), ['see']],
  ['a grantee with read', session(bob), grantedToBob('read'), ['see', 'read']],
  ['a grantee with download (= read)', session(bob), grantedToBob('download'), ['see', 'read']],
  ['a grantee with write', session(bob), grantedToBob('write'), ['see', 'read', 'write']],
  ['a grantee with edit (= write), inherited from a folder', session(bob), grantedToBob('edit', 'folder'), ['see', 'read', 'write']],
  ['a public-link holder with read', session(bob), grantedToBob('read', 'link'), ['see', 'read']],
  ['a grantee of a deleted resource', session(bob), { ...grantedToBob('write'), live: false }, 'invisible'],
  ['the owner through a files.read token', token(alice, 'files.read'), owned, ['see', 'read']],
  ['the owner through a files.write token', token(alice, 'files.write'), owned, ['write', 'delete', 'manage']],
  ['the owner through a shares.manage token', token(alice, 'shares.manage'), owned, ['share']],
  ['a write grantee through a files.read token', token(bob, 'files.read'), grantedToBob('write'), ['see', 'read']],
  ['a token with no scope', token(alice), owned, []],
];

describe('access policy', () => {
  it.each(table)('%s', (_name, actor, resource, allowed) => {
    for (const action of ALL) {
      const expected = allowed === 'invisible' ? 'invisible' : allowed.includes(action) ? 'allowed' : 'forbidden';
      expect([action, accessVerdict(actor, action, resource, NOW)]).toEqual([action, expected]);
    }
  });

  it('ignores a grant from its expiry on, whether or not the expiry was recorded', () => {
    const expiring = (expiresAt: string): GuardedResource => ({
      ...owned,
      grants: [{ principalId: bob, permission: 'read', via: 'direct', expiresAt }],
    });
    const justBefore = new Date(NOW.getTime() - 1).toISOString();
    const justAfter = new Date(NOW.getTime() + 1).toISOString();
    expect(accessVerdict(session(bob), 'read', expiring(justAfter), NOW)).toBe('allowed');
    expect(accessVerdict(session(bob), 'read', expiring(NOW.toISOString()), NOW)).toBe('invisible');
    expect(accessVerdict(session(bob), 'read', expiring(justBefore), NOW)).toBe('invisible');
  });

  it('adds the grants of the folders above to those of the resource itself', () => {
    const inherited: Grant[] = [{ principalId: bob, permission: 'write', via: 'folder', expiresAt: null }];
    const resource = resourceOf({ exists: true, deleted: false, ownerId: alice }, inherited);
    expect(accessVerdict(session(bob), 'write', resource, NOW)).toBe('allowed');
    expect(accessVerdict(session(bob), 'manage', resource, NOW)).toBe('forbidden');
  });

  it('answers not_found for what the actor cannot see at all, forbidden for what they see but may not do', () => {
    expect(() => requireAccess(session(bob), 'read', owned, 'file', NOW)).toThrow(
      expect.objectContaining({ kind: 'not_found', message: 'file not found' }),
    );
    expect(() => requireAccess(session(bob), 'write', grantedToBob('read'), 'folder', NOW)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
    expect(() => requireAccess(session(alice), 'delete', owned, 'file', NOW)).not.toThrow();
  });

  it("lets an entry move only into a folder of the entry's owner, even for one who may write there", () => {
    const alicesFolderSharedWithBob = grantedToBob('write');
    const bobsFile = { kind: 'file', ownerId: bob } as const;
    expect(() => requirePlacement(session(bob), bobsFile, alicesFolderSharedWithBob, NOW)).toThrow(
      expect.objectContaining({ kind: 'forbidden', field: 'folder_id' }),
    );
    expect(() => requirePlacement(session(bob), { kind: 'folder', ownerId: bob }, alicesFolderSharedWithBob, NOW)).toThrow(
      expect.objectContaining({ kind: 'forbidden', field: 'parent_id' }),
    );
    expect(() => requirePlacement(session(carol), { kind: 'file', ownerId: carol }, owned, NOW)).toThrow(
      expect.objectContaining({ kind: 'not_found', message: 'folder not found' }),
    );
    expect(() => requirePlacement(session(alice), { kind: 'file', ownerId: alice }, owned, NOW)).not.toThrow();
    expect(() => requirePlacement(token(alice, 'files.read'), { kind: 'file', ownerId: alice }, owned, NOW)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });

  it('shows a share event to the owner and to the grantee it names only', () => {
    expect(seesGrantOf(session(alice), owned, bob)).toBe(true);
    expect(seesGrantOf(session(bob), owned, bob)).toBe(true);
    expect(seesGrantOf(session(carol), owned, bob)).toBe(false);
  });
});
