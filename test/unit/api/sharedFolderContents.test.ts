import { fileBeneath } from '../../../src/api/links/sharedFolderContents';
import type { FileView } from '../../../src/projections/files/fileViews';
import { FILES } from '../../../src/projections/files/fileViews';
import type { FolderView } from '../../../src/projections/folders/folderViews';
import { FOLDERS } from '../../../src/projections/folders/folderViews';
import { openStores } from '../../support/stores';

const alice = '11111111-1111-4111-8111-111111111111';
const carol = '33333333-3333-4333-8333-333333333333';
const sharedId = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const STAMP = '2026-01-02T03:04:05.000Z';

const folder = (id: string, parentId: string | null): FolderView => ({
  _id: id,
  owner_id: alice,
  parent_id: parentId,
  name: id.slice(0, 4),
  name_lower: id.slice(0, 4),
  file_count: 0,
  folder_count: 0,
  created_at: STAMP,
  updated_at: STAMP,
});

const file = (id: string, ownerId: string, folderId: string): FileView => ({
  _id: id,
  owner_id: ownerId,
  folder_id: folderId,
  name: `${id.slice(0, 4)}.txt`,
  name_lower: `${id.slice(0, 4)}.txt`,
  mime_type: 'text/plain',
  size: 1,
  sha256: '0'.repeat(64),
  version: 1,
  version_id: id,
  description: null,
  tags: [],
  created_at: STAMP,
  updated_at: STAMP,
});

let stores: Awaited<ReturnType<typeof openStores>>;
beforeAll(async () => {
  stores = await openStores();
});
afterAll(() => stores.close());

describe('a folder link reaches a file', () => {
  const shared = { folderId: sharedId, ownerId: alice };
  const below = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

  it("when it is the folder owner's file beneath the folder, and not when it is someone else's file sitting there", async () => {
    const own = file('cccccccc-cccc-4ccc-8ccc-cccccccccccc', alice, below);
    // Such a file could only come from an older move; the link must not serve it even so.
    const foreign = file('dddddddd-dddd-4ddd-8ddd-dddddddddddd', carol, below);
    await stores.readStore.upsert(FOLDERS, folder(sharedId, null));
    await stores.readStore.upsert(FOLDERS, folder(below, sharedId));
    await stores.readStore.upsert(FILES, own);
    await stores.readStore.upsert(FILES, foreign);

    await expect(fileBeneath(stores.readStore, shared, own._id)).resolves.toMatchObject({ _id: own._id });
    await expect(fileBeneath(stores.readStore, shared, foreign._id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
