import { actorOf } from '../../support/actors';
import { folderDecider } from '../../../src/domain/folder/folderDecider';
import type { FolderEvent } from '../../../src/domain/folder/folderEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const owner = '11111111-1111-4111-8111-111111111111';
const stranger = '22222222-2222-4222-8222-222222222222';
const folderId = '33333333-3333-4333-8333-333333333333';
const target = '44444444-4444-4444-8444-444444444444';
const child = '55555555-5555-4555-8555-555555555555';

const created: FolderEvent = { type: 'FolderCreated', data: { folderId, ownerId: owner, parentId: null, name: 'docs' } };

describe('folder decider', () => {
  it('creates a folder once', () => {
    const create = { type: 'CreateFolder' as const, folderId, ownerId: owner, parentId: null, name: 'docs' };
    given(folderDecider, []).when(create).then([created]);
    given(folderDecider, [created]).when(create).thenFails('conflict');
  });

  it('renames and moves', () => {
    given(folderDecider, [created])
      .when({ type: 'UpdateFolder', actor: actorOf(owner), name: 'Docs', parentId: target, targetAncestors: [target] })
      .then([
        { type: 'FolderMoved', data: { folderId, ownerId: owner, name: 'docs', parentId: target, previousParentId: null } },
        { type: 'FolderRenamed', data: { folderId, ownerId: owner, parentId: target, name: 'Docs', previousName: 'docs' } },
      ]);
    given(folderDecider, [created])
      .when({ type: 'UpdateFolder', actor: actorOf(owner), name: 'docs', parentId: null, targetAncestors: [] })
      .then([]);
  });

  it('refuses a rename or move computed from a place the folder has left meanwhile', () => {
    const moved: FolderEvent = {
      type: 'FolderMoved',
      data: { folderId, ownerId: owner, name: 'docs', parentId: target, previousParentId: null },
    };
    given(folderDecider, [created, moved])
      .when({
        type: 'UpdateFolder',
        actor: actorOf(owner),
        name: 'papers',
        targetAncestors: [],
        expectedPlace: { parentId: null, name: 'docs' },
      })
      .thenFails('conflict', /meanwhile/);
    given(folderDecider, [created])
      .when({
        type: 'UpdateFolder',
        actor: actorOf(owner),
        name: 'papers',
        targetAncestors: [],
        expectedPlace: { parentId: null, name: 'docs' },
      })
      .then([{ type: 'FolderRenamed', data: { folderId, ownerId: owner, parentId: null, name: 'papers', previousName: 'docs' } }]);
  });

  it('refuses a move into itself or below itself', () => {
    given(folderDecider, [created])
      .when({ type: 'UpdateFolder', actor: actorOf(owner), parentId: folderId, targetAncestors: [folderId] })
      .thenFails('conflict', /itself/);
    given(folderDecider, [created])
      .when({ type: 'UpdateFolder', actor: actorOf(owner), parentId: child, targetAncestors: [child, folderId] })
      .thenFails('conflict');
  });

  it('deletes, unless a recursive delete finds it moved elsewhere', () => {
    const deleted: FolderEvent = {
      type: 'FolderDeleted',
      data: { folderId, ownerId: owner, parentId: null, name: 'docs', deletedAt: FIXED_NOW.toISOString(), reason: 'deleted' },
    };
    given(folderDecider, [created])
      .when({ type: 'DeleteFolder', actor: actorOf(owner), reason: 'deleted' })
      .then([deleted]);
    given(folderDecider, [created])
      .when({ type: 'DeleteFolder', actor: actorOf(owner), reason: 'parent_deleted', onlyIfParent: target })
      .then([]);
    given(folderDecider, [created, deleted])
      .when({ type: 'UpdateFolder', actor: actorOf(owner), name: 'x', targetAncestors: [] })
      .thenFails('not_found');
  });

  it("treats another user's folder as not found", () => {
    given(folderDecider, [created])
      .when({ type: 'UpdateFolder', actor: actorOf(stranger), name: 'x', targetAncestors: [] })
      .thenFails('not_found');
    given(folderDecider, [created])
      .when({ type: 'DeleteFolder', actor: actorOf(stranger), reason: 'deleted' })
      .thenFails('not_found');
  });
});
