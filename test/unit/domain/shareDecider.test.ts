import { fileDecider } from '../../../src/domain/file/fileDecider';
import type { FileEvent } from '../../../src/domain/file/fileEvents';
import { folderDecider } from '../../../src/domain/folder/folderDecider';
import type { FolderEvent } from '../../../src/domain/folder/folderEvents';
import { actorOf } from '../../support/actors';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const owner = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const carol = '33333333-3333-4333-8333-333333333333';
const fileId = '44444444-4444-4444-8444-444444444444';
const folderId = '55555555-5555-4555-8555-555555555555';
const versionId = '66666666-6666-4666-8666-666666666666';
const firstId = '00000000-0000-4000-8000-000000000001';
const secondId = '00000000-0000-4000-8000-000000000002';
const at = FIXED_NOW.toISOString();
const later = '2026-02-01T00:00:00.000Z';
const past = '2026-01-01T00:00:00.000Z';

const uploaded: FileEvent = {
  type: 'FileUploaded',
  data: {
    fileId,
    ownerId: owner,
    folderId: null,
    name: 'a.txt',
    versionId,
    version: 1,
    size: 3,
    sha256: 'a'.repeat(64),
    mimeType: 'text/plain',
  },
};
const grant = (principalId: string, permission: 'view' | 'read' | 'write', expiresAt: string | null = null, shareId = firstId) => ({
  ownerId: owner,
  shareId,
  principalId,
  permission,
  expiresAt,
});
const fileShared = (
  principalId: string,
  permission: 'view' | 'read' | 'write',
  expiresAt: string | null = null,
  shareId = firstId,
): FileEvent => ({
  type: 'FileShared',
  data: { fileId, ...grant(principalId, permission, expiresAt, shareId), sharedAt: at },
});
const share = (...grantees: Array<[string, 'view' | 'read' | 'write', (string | null)?]>) => ({
  type: 'ShareFile' as const,
  actor: actorOf(owner),
  grantees: grantees.map(([principalId, permission, expiresAt = null]) => ({ principalId, permission, expiresAt })),
});

describe('sharing a file', () => {
  it('shares with each new grantee, skipping the owner (no event)', () => {
    given(fileDecider, [uploaded])
      .when(share([bob, 'read'], [owner, 'write'], [carol, 'view', later]))
      .then([fileShared(bob, 'read'), fileShared(carol, 'view', later, secondId)]);
  });

  it('changes the permission or expiry of a live grant, and skips an identical one', () => {
    given(fileDecider, [uploaded, fileShared(bob, 'read')])
      .when(share([bob, 'write']))
      .then([
        {
          type: 'SharePermissionChanged',
          data: { fileId, ...grant(bob, 'write'), previousPermission: 'read', previousExpiresAt: null },
        },
      ]);
    given(fileDecider, [uploaded, fileShared(bob, 'read')])
      .when(share([bob, 'read', later]))
      .then([
        {
          type: 'SharePermissionChanged',
          data: { fileId, ...grant(bob, 'read', later), previousPermission: 'read', previousExpiresAt: null },
        },
      ]);
    given(fileDecider, [uploaded, fileShared(bob, 'read')])
      .when(share([bob, 'read']))
      .then([]);
  });

  it('shares anew once a grant has expired, even before its expiry was recorded', () => {
    given(fileDecider, [uploaded, fileShared(bob, 'read', later)], { now: new Date(later) })
      .when(share([bob, 'read']))
      .then([{ type: 'FileShared', data: { fileId, ...grant(bob, 'read'), sharedAt: later } }]);
  });

  it('refuses an expiry that has passed', () => {
    given(fileDecider, [uploaded])
      .when(share([bob, 'read', past]))
      .thenFails('invalid', /future/);
  });

  it('lets only the owner share or revoke: a grantee is forbidden, a stranger does not see the file', () => {
    const asBob = { ...share([carol, 'read']), actor: actorOf(bob) };
    given(fileDecider, [uploaded, fileShared(bob, 'write')])
      .when(asBob)
      .thenFails('forbidden');
    given(fileDecider, [uploaded]).when(asBob).thenFails('not_found');
    given(fileDecider, [uploaded, fileShared(bob, 'write')])
      .when({ type: 'RevokeShare', actor: actorOf(bob), principalId: bob })
      .thenFails('forbidden');
  });

  it('revokes a grant, and revokes nothing twice', () => {
    given(fileDecider, [uploaded, fileShared(bob, 'read')])
      .when({ type: 'RevokeShare', actor: actorOf(owner), principalId: bob })
      .then([{ type: 'ShareRevoked', data: { fileId, ...grant(bob, 'read'), revokedAt: at } }]);
    given(fileDecider, [uploaded])
      .when({ type: 'RevokeShare', actor: actorOf(owner), principalId: bob })
      .then([]);
  });

  it('records an expiry once it has passed, only while the grant still has that expiry', () => {
    const expire = { type: 'ExpireShare' as const, principalId: bob, expiresAt: later };
    const expiring = [uploaded, fileShared(bob, 'read', later)];
    const expired: FileEvent = { type: 'ShareExpired', data: { fileId, ...grant(bob, 'read'), expiresAt: later } };
    given(fileDecider, expiring, { now: new Date(later) })
      .when(expire)
      .then([expired]);
    given(fileDecider, expiring).when(expire).then([]);
    given(fileDecider, [...expiring, expired], { now: new Date(later) })
      .when(expire)
      .then([]);
    const extended: FileEvent = {
      type: 'SharePermissionChanged',
      data: { fileId, ...grant(bob, 'read'), previousPermission: 'read', previousExpiresAt: later },
    };
    given(fileDecider, [...expiring, extended], { now: new Date(later) })
      .when(expire)
      .then([]);
  });
});

describe('what a grant lets a grantee do to a file', () => {
  const withWrite = [uploaded, fileShared(bob, 'write')];
  const bobActor = actorOf(bob);

  it('write covers a rename, metadata and a new version', () => {
    given(fileDecider, withWrite)
      .when({ type: 'UpdateFile', actor: bobActor, name: 'b.txt', tags: ['x'] })
      .then([
        { type: 'FileRenamed', data: { fileId, ownerId: owner, folderId: null, name: 'b.txt', previousName: 'a.txt' } },
        { type: 'FileMetadataChanged', data: { fileId, ownerId: owner, description: null, tags: ['x'] } },
      ]);
    given(fileDecider, withWrite)
      .when({ type: 'ReplaceContent', actor: bobActor, versionId: firstId, size: 1, sha256: 'b'.repeat(64), mimeType: 'text/plain' })
      .then([expect.objectContaining({ type: 'FileContentReplaced' }) as FileEvent]);
  });

  it('a move and a delete stay the owner’s', () => {
    given(fileDecider, withWrite).when({ type: 'UpdateFile', actor: bobActor, folderId }).thenFails('forbidden');
    given(fileDecider, withWrite).when({ type: 'DeleteFile', actor: bobActor, reason: 'deleted' }).thenFails('forbidden');
  });

  it('view covers no change, and an expired grant gives nothing', () => {
    given(fileDecider, [uploaded, fileShared(bob, 'view')])
      .when({ type: 'UpdateFile', actor: bobActor, name: 'b.txt' })
      .thenFails('forbidden');
    given(fileDecider, [uploaded, fileShared(bob, 'write', later)], { now: new Date(later) })
      .when({ type: 'UpdateFile', actor: bobActor, name: 'b.txt' })
      .thenFails('not_found');
  });

  it('counts the grants of the folders above that the command carries', () => {
    given(fileDecider, [uploaded])
      .when({
        type: 'UpdateFile',
        actor: bobActor,
        name: 'b.txt',
        inherited: [{ principalId: bob, permission: 'edit', via: 'folder', expiresAt: null }],
      })
      .then([{ type: 'FileRenamed', data: { fileId, ownerId: owner, folderId: null, name: 'b.txt', previousName: 'a.txt' } }]);
  });
});

describe('sharing a folder', () => {
  const created: FolderEvent = { type: 'FolderCreated', data: { folderId, ownerId: owner, parentId: null, name: 'docs' } };
  const folderShared: FolderEvent = { type: 'FolderShared', data: { folderId, ...grant(bob, 'write'), sharedAt: at } };

  it('shares, changes, revokes and expires with the folder events', () => {
    given(folderDecider, [created])
      .when({ type: 'ShareFolder', actor: actorOf(owner), grantees: [{ principalId: bob, permission: 'write', expiresAt: null }] })
      .then([folderShared]);
    given(folderDecider, [created, folderShared])
      .when({ type: 'ShareFolder', actor: actorOf(owner), grantees: [{ principalId: bob, permission: 'view', expiresAt: null }] })
      .then([
        {
          type: 'FolderSharePermissionChanged',
          data: { folderId, ...grant(bob, 'view'), previousPermission: 'write', previousExpiresAt: null },
        },
      ]);
    given(folderDecider, [created, folderShared])
      .when({ type: 'RevokeShare', actor: actorOf(owner), principalId: bob })
      .then([{ type: 'FolderShareRevoked', data: { folderId, ...grant(bob, 'write'), revokedAt: at } }]);
  });

  it('lets a write grantee rename the folder, but not move, delete or share it', () => {
    const bobActor = actorOf(bob);
    given(folderDecider, [created, folderShared])
      .when({ type: 'UpdateFolder', actor: bobActor, name: 'Docs', targetAncestors: [] })
      .then([{ type: 'FolderRenamed', data: { folderId, ownerId: owner, parentId: null, name: 'Docs', previousName: 'docs' } }]);
    given(folderDecider, [created, folderShared])
      .when({ type: 'UpdateFolder', actor: bobActor, parentId: carol, targetAncestors: [carol] })
      .thenFails('forbidden');
    given(folderDecider, [created, folderShared]).when({ type: 'DeleteFolder', actor: bobActor, reason: 'deleted' }).thenFails('forbidden');
    given(folderDecider, [created, folderShared])
      .when({ type: 'ShareFolder', actor: bobActor, grantees: [{ principalId: carol, permission: 'read', expiresAt: null }] })
      .thenFails('forbidden');
  });
});
