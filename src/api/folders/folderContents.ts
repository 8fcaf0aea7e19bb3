import type { FolderContents } from '../../commands/folders/deleteFolder';
import type { Document, Filter } from '../../ports/readStore';
import { FILES } from '../../projections/files/fileViews';
import { FOLDERS } from '../../projections/folders/folderViews';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';

const PAGE = 1000;

/**
 * A folder's children from the read models, once they have caught up with every event appended so far:
 * what a folder delete must see, including entries created a moment ago.
 */
export function readModelFolderContents(services: ApiServices): FolderContents {
  const { eventStore, progress, readStore, limits } = services;

  const ids = async (collection: string, filter: Filter): Promise<string[]> => {
    const found: string[] = [];
    let after: Document | undefined;
    for (;;) {
      const page = await readStore.find(collection, filter, { sort: [['_id', 1]], limit: PAGE, after });
      found.push(...page.map((doc) => doc._id));
      if (page.length < PAGE) return found;
      after = page[page.length - 1];
    }
  };

  return {
    async children(ownerId, folderId) {
      const head = await eventStore.headPosition();
      if (head !== null && !(await progress.waitFor(head, limits.readWaitMaxMs))) {
        throw new ApiError('service_unavailable', 'the folder listing is behind; try again', [], { 'Retry-After': '1' });
      }
      return {
        folders: await ids(FOLDERS, { owner_id: ownerId, parent_id: folderId }),
        files: await ids(FILES, { owner_id: ownerId, folder_id: folderId }),
      };
    },
  };
}
