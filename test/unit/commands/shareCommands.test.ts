import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderAggregate } from '../../../src/commands/aggregates';
import type { Grantee } from '../../../src/domain/share/shareDecisions';
import { actorOf } from '../../support/actors';
import { commandSpec } from '../../support/commandSpec';
import { owner, OWNER_ID, ownerMetadata } from '../../support/fileCommandKit';

const BOB = '22222222-2222-4222-8222-222222222222';
const CAROL = '33333333-3333-4333-8333-333333333333';
const MISSING = '99999999-9999-4999-8999-999999999999';
const bob = actorOf(BOB);
const carol = actorOf(CAROL);
const bobMetadata = { actor: BOB };
const HOUR_MS = 3_600_000;
const EXPIRER_METADATA = { causationId: 'share-expirer' };

let root: string;
let now: Date;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-shares-'));
  now = new Date('2026-03-01T10:00:00.000Z');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const grantee = (principalId: string, permission: Grantee['permission'], expiresAt: string | null = null): Grantee => ({
  principalId,
  permission,
  expiresAt,
});
const upload = (name: string, folderId: string | null) => ({ folderId, name, mimeType: 'text/plain', overwrite: false });
const spec = () => commandSpec({ blobRoot: root, now: () => now });

describe('grantees on the write side', () => {
  it('a write grantee uploads into a shared folder: the file is the owner’s, the grantee its actor', async () => {
    const s = await spec();
    const [folderId, blob] = await s.given(async (kit) => {
      const folder = await kit.folder('team');
      await kit.shareResources.run(owner, 'folder', [folder], [grantee(BOB, 'write')], ownerMetadata);
      return [folder, await kit.store('from bob')] as const;
    });
    const outcome = await s.when(async (kit) =>
      kit.upload.record(bob, upload('b.txt', folderId), blob, bobMetadata, await kit.upload.precheck(bob, upload('b.txt', folderId))),
    );
    s.thenAppended([
      ['claim', 'NameClaimed'],
      ['blob', 'BlobReferenced'],
      ['file', 'FileUploaded'],
    ]);
    const [uploaded] = await s.kit.eventStore.readStream(`file-${outcome!.fileId}`);
    expect(uploaded).toMatchObject({ type: 'FileUploaded', data: { ownerId: OWNER_ID, folderId }, metadata: { actor: BOB } });
  });

  it('a write grantee creates a sub-folder of a folder shared higher up, owned by the owner; the owner’s own name claims apply', async () => {
    const s = await spec();
    const childId = await s.given(async (kit) => {
      const team = await kit.folder('team');
      const child = await kit.folder('child', team);
      await kit.folder('taken', child);
      await kit.shareResources.run(owner, 'folder', [team], [grantee(BOB, 'edit')], ownerMetadata);
      return child;
    });
    const created = await s.when((kit) => kit.createFolder.run(bob, { name: 'sub', parentId: childId }, bobMetadata));
    s.thenAppended([
      ['claim', 'NameClaimed'],
      ['folder', 'FolderCreated'],
    ]);
    expect((await s.kit.pipeline.load(folderAggregate, created!.folderId)).state.ownerId).toBe(OWNER_ID);
    await s.when((kit) => kit.createFolder.run(bob, { name: 'taken', parentId: childId }, bobMetadata));
    s.thenFails('conflict');
  });

  it('a write grantee renames, changes metadata and adds a version, but does not delete, move or re-share', async () => {
    const s = await spec();
    const [fileId, blob] = await s.given(async (kit) => {
      const file = await kit.file('a.txt');
      await kit.shareResources.run(owner, 'file', [file], [grantee(BOB, 'write')], ownerMetadata);
      return [file, await kit.store('v2')] as const;
    });
    await s.when((kit) => kit.update.run(bob, fileId, { name: 'b.txt', tags: ['x'] }, bobMetadata));
    s.thenAppended([
      ['claim', 'NameClaimed'],
      ['file', 'FileRenamed'],
      ['file', 'FileMetadataChanged'],
      ['claim', 'NameReleased'],
    ]);
    await s.when((kit) => kit.replace.run(bob, fileId, blob, 'text/plain', bobMetadata));
    s.thenAppended([
      ['blob', 'BlobReferenced'],
      ['file', 'FileContentReplaced'],
    ]);
    await s.when((kit) => kit.deleteFile.run(bob, fileId, bobMetadata));
    s.thenFails('forbidden');
    const elsewhere = await s.given((kit) => kit.folder('elsewhere'));
    await s.when((kit) => kit.update.run(bob, fileId, { folderId: elsewhere }, bobMetadata));
    s.thenFails('forbidden');
    const reshared = await s.when((kit) => kit.shareResources.run(bob, 'file', [fileId], [grantee(CAROL, 'read')], bobMetadata));
    expect(reshared!.items).toEqual([expect.objectContaining({ outcome: 'failed', reason: 'forbidden' })]);
    await s.when((kit) => kit.revokeShare.run(bob, 'file', fileId, BOB, bobMetadata));
    s.thenFails('forbidden');
  });

  it('a write grantee through a folder may not delete or move what is inside it (403, not 404)', async () => {
    const s = await spec();
    const fileId = await s.given(async (kit) => {
      const team = await kit.folder('team');
      await kit.shareResources.run(owner, 'folder', [team], [grantee(BOB, 'write')], ownerMetadata);
      return kit.file('a.txt', team);
    });
    await s.when((kit) => kit.deleteFile.run(bob, fileId, bobMetadata));
    s.thenFails('forbidden');
    await s.when((kit) => kit.update.run(bob, fileId, { folderId: null }, bobMetadata));
    s.thenFails('forbidden');
    await s.when((kit) => kit.update.run(carol, fileId, { name: 'c.txt' }, { actor: CAROL }));
    s.thenFails('not_found');
  });

  it('a view grantee cannot rename', async () => {
    const s = await spec();
    const fileId = await s.given(async (kit) => {
      const file = await kit.file('a.txt');
      await kit.shareResources.run(owner, 'file', [file], [grantee(BOB, 'view')], ownerMetadata);
      return file;
    });
    await s.when((kit) => kit.update.run(bob, fileId, { name: 'b.txt' }, bobMetadata));
    s.thenFails('forbidden');
  });

  it('refuses a grant past its expiry at once, before its expiry is recorded', async () => {
    const s = await spec();
    const [folderId, blob] = await s.given(async (kit) => {
      const folder = await kit.folder('team');
      const expiresAt = new Date(now.getTime() + HOUR_MS).toISOString();
      await kit.shareResources.run(owner, 'folder', [folder], [grantee(BOB, 'write', expiresAt)], ownerMetadata);
      return [folder, await kit.store('late')] as const;
    });
    now = new Date(now.getTime() + HOUR_MS);
    await s.when((kit) => kit.upload.precheck(bob, upload('late.txt', folderId)));
    s.thenFails('not_found');
    await s.when((kit) => kit.upload.record(bob, upload('late.txt', folderId), blob, bobMetadata));
    // The content streamed for the refused upload is collected.
    s.thenFails('not_found', [
      ['blob', 'BlobCollectionStarted'],
      ['blob', 'BlobCollected'],
    ]);
  });
});

describe('share commands', () => {
  it('shares files with users in one append per file, and answers each pair', async () => {
    const s = await spec();
    const [a, b] = await s.given(async (kit) => {
      const files = [await kit.file('a.txt'), await kit.file('b.txt')] as const;
      await kit.shareResources.run(owner, 'file', [files[0]], [grantee(BOB, 'read'), grantee(CAROL, 'read')], ownerMetadata);
      return files;
    });
    const result = await s.when((kit) =>
      kit.shareResources.run(
        owner,
        'file',
        [a, b, MISSING],
        [grantee(BOB, 'write'), grantee(CAROL, 'read'), grantee(OWNER_ID, 'read')],
        ownerMetadata,
      ),
    );
    s.thenAppended([
      ['file', 'SharePermissionChanged'],
      ['file', 'FileShared'],
      ['file', 'FileShared'],
    ]);
    const summary = result!.items.map(({ resourceId, principalId, outcome, reason, name }) => [
      resourceId,
      principalId,
      outcome,
      reason,
      name,
    ]);
    expect(summary).toEqual([
      [a, BOB, 'updated', null, 'a.txt'],
      [a, CAROL, 'skipped', 'already_shared', 'a.txt'],
      [a, OWNER_ID, 'skipped', 'self', 'a.txt'],
      [b, BOB, 'created', null, 'b.txt'],
      [b, CAROL, 'created', null, 'b.txt'],
      [b, OWNER_ID, 'skipped', 'self', 'b.txt'],
      [MISSING, BOB, 'failed', 'file_not_found', null],
      [MISSING, CAROL, 'failed', 'file_not_found', null],
      [MISSING, OWNER_ID, 'failed', 'file_not_found', null],
    ]);
    expect(result!.position).not.toBeNull();
  });

  it('revokes once; a second revoke appends nothing', async () => {
    const s = await spec();
    const fileId = await s.given(async (kit) => {
      const file = await kit.file('a.txt');
      await kit.shareResources.run(owner, 'file', [file], [grantee(BOB, 'read')], ownerMetadata);
      return file;
    });
    expect(await s.when((kit) => kit.revokeShare.run(owner, 'file', fileId, BOB, ownerMetadata))).toMatchObject({ revoked: true });
    s.thenAppended([['file', 'ShareRevoked']]);
    expect(await s.when((kit) => kit.revokeShare.run(owner, 'file', fileId, BOB, ownerMetadata))).toEqual({
      revoked: false,
      position: null,
    });
    s.thenAppended([]);
    await s.when((kit) => kit.update.run(bob, fileId, { name: 'b.txt' }, bobMetadata));
    s.thenFails('not_found');
  });

  it('records an expiry once it has passed, and only once', async () => {
    const s = await spec();
    const expiresAt = new Date(now.getTime() + HOUR_MS).toISOString();
    const folderId = await s.given(async (kit) => {
      const folder = await kit.folder('team');
      await kit.shareResources.run(owner, 'folder', [folder], [grantee(BOB, 'read', expiresAt)], ownerMetadata);
      return folder;
    });
    const expiring = { kind: 'folder' as const, resourceId: folderId, principalId: BOB, expiresAt };
    await s.when((kit) => kit.expireShare.run(expiring, EXPIRER_METADATA));
    s.thenAppended([]);
    now = new Date(now.getTime() + HOUR_MS);
    await s.when((kit) => kit.expireShare.run(expiring, EXPIRER_METADATA));
    s.thenAppended([['folder', 'FolderShareExpired']]);
    await s.when((kit) => kit.expireShare.run(expiring, EXPIRER_METADATA));
    s.thenAppended([]);
  });
});
