import { actorOf } from '../../support/actors';
import { fileDecider } from '../../../src/domain/file/fileDecider';
import type { FileEvent } from '../../../src/domain/file/fileEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const owner = '11111111-1111-4111-8111-111111111111';
const stranger = '22222222-2222-4222-8222-222222222222';
const fileId = '33333333-3333-4333-8333-333333333333';
const folderId = '44444444-4444-4444-8444-444444444444';
const v1 = '55555555-5555-4555-8555-555555555555';
const v2 = '66666666-6666-4666-8666-666666666666';
const hash = (char: string) => char.repeat(64);

const uploaded: FileEvent = {
  type: 'FileUploaded',
  data: {
    fileId,
    ownerId: owner,
    folderId: null,
    name: 'a.txt',
    versionId: v1,
    version: 1,
    size: 3,
    sha256: hash('a'),
    mimeType: 'text/plain',
  },
};
const replaced: FileEvent = {
  type: 'FileContentReplaced',
  data: {
    fileId,
    ownerId: owner,
    versionId: v2,
    version: 2,
    size: 10,
    sha256: hash('b'),
    mimeType: 'text/markdown',
    previousSize: 3,
    previousMimeType: 'text/plain',
  },
};
const deleted = (extra: Partial<Extract<FileEvent, { type: 'FileDeleted' }>['data']> = {}): FileEvent => ({
  type: 'FileDeleted',
  data: {
    fileId,
    ownerId: owner,
    folderId: null,
    name: 'a.txt',
    size: 3,
    mimeType: 'text/plain',
    storedBytes: 3,
    versionCount: 1,
    deletedAt: FIXED_NOW.toISOString(),
    reason: 'deleted',
    ...extra,
  },
});

describe('file decider', () => {
  it('uploads a new file once', () => {
    const upload = {
      type: 'UploadFile' as const,
      fileId,
      ownerId: owner,
      folderId: null,
      name: 'a.txt',
      versionId: v1,
      size: 3,
      sha256: hash('a'),
      mimeType: 'text/plain',
    };
    given(fileDecider, []).when(upload).then([uploaded]);
    given(fileDecider, [uploaded]).when(upload).thenFails('conflict');
  });

  it('adds versions with the next number and the previous size and type', () => {
    given(fileDecider, [uploaded])
      .when({ type: 'ReplaceContent', actor: actorOf(owner), versionId: v2, size: 10, sha256: hash('b'), mimeType: 'text/markdown' })
      .then([replaced]);
  });

  it('emits only what an update changes', () => {
    given(fileDecider, [uploaded])
      .when({ type: 'UpdateFile', actor: actorOf(owner), name: 'a.txt', folderId: null, description: null, tags: [] })
      .then([]);
    given(fileDecider, [uploaded])
      .when({ type: 'UpdateFile', actor: actorOf(owner), name: 'b.txt', folderId, tags: ['x'] })
      .then([
        { type: 'FileMoved', data: { fileId, ownerId: owner, name: 'a.txt', folderId, previousFolderId: null } },
        { type: 'FileRenamed', data: { fileId, ownerId: owner, folderId, name: 'b.txt', previousName: 'a.txt' } },
        { type: 'FileMetadataChanged', data: { fileId, ownerId: owner, description: null, tags: ['x'] } },
      ]);
  });

  it('refuses a rename or move computed from a place the file has left meanwhile', () => {
    const renamed: FileEvent = {
      type: 'FileRenamed',
      data: { fileId, ownerId: owner, folderId: null, name: 'c.txt', previousName: 'a.txt' },
    };
    given(fileDecider, [uploaded, renamed])
      .when({ type: 'UpdateFile', actor: actorOf(owner), folderId, expectedPlace: { folderId: null, name: 'a.txt' } })
      .thenFails('conflict', /meanwhile/);
    given(fileDecider, [uploaded])
      .when({ type: 'UpdateFile', actor: actorOf(owner), name: 'b.txt', expectedPlace: { folderId: null, name: 'a.txt' } })
      .then([{ type: 'FileRenamed', data: { fileId, ownerId: owner, folderId: null, name: 'b.txt', previousName: 'a.txt' } }]);
  });

  it('deletes with the totals of every version', () => {
    given(fileDecider, [uploaded, replaced])
      .when({ type: 'DeleteFile', actor: actorOf(owner), reason: 'deleted' })
      .then([deleted({ size: 10, mimeType: 'text/markdown', storedBytes: 13, versionCount: 2 })]);
  });

  it('skips a folder-scoped delete of a file that moved elsewhere', () => {
    given(fileDecider, [uploaded])
      .when({ type: 'DeleteFile', actor: actorOf(owner), reason: 'folder_deleted', onlyInFolder: folderId })
      .then([]);
    given(fileDecider, [uploaded])
      .when({ type: 'DeleteFile', actor: actorOf(owner), reason: 'folder_deleted', onlyInFolder: null })
      .then([deleted({ reason: 'folder_deleted' })]);
  });

  it("treats another user's file, a deleted file and an unknown file as not found", () => {
    given(fileDecider, [uploaded])
      .when({ type: 'UpdateFile', actor: actorOf(stranger), name: 'x' })
      .thenFails('not_found');
    given(fileDecider, [uploaded])
      .when({ type: 'DeleteFile', actor: actorOf(stranger), reason: 'deleted' })
      .thenFails('not_found');
    given(fileDecider, [uploaded, deleted()])
      .when({ type: 'ReplaceContent', actor: actorOf(owner), versionId: v2, size: 1, sha256: hash('c'), mimeType: 'text/plain' })
      .thenFails('not_found');
    given(fileDecider, [uploaded, deleted()])
      .when({ type: 'DeleteFile', actor: actorOf(owner), reason: 'deleted' })
      .thenFails('not_found');
    given(fileDecider, [])
      .when({ type: 'UpdateFile', actor: actorOf(owner), name: 'x' })
      .thenFails('not_found');
  });
});
