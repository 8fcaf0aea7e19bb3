import { z } from 'zod';
import type { Document, ReadStore } from '../../ports/readStore';
import type { FileView } from '../../projections/files/fileViews';
import { FILES } from '../../projections/files/fileViews';
import { folderPath } from '../../projections/folders/folderQueries';
import type { FolderView } from '../../projections/folders/folderViews';
import { FOLDERS } from '../../projections/folders/folderViews';
import { ApiError } from '../http/apiError';
import type { Page } from '../http/pagination';
import { decodeCursor, encodeCursor } from '../http/pagination';

export const sharedEntry = z
  .object({
    type: z.enum(['folder', 'file']),
    id: z.uuid(),
    name: z.string(),
    /** Files only. */
    mime_type: z.string().optional(),
    size: z.int().min(0).optional(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'PublicLinkEntry' });

export type SharedEntry = z.infer<typeof sharedEntry>;

export const presentSharedFile = (file: FileView): SharedEntry => ({
  type: 'file',
  id: file._id,
  name: file.name,
  mime_type: file.mime_type,
  size: file.size,
  created_at: file.created_at,
  updated_at: file.updated_at,
});

const presentSharedFolder = (folder: FolderView): SharedEntry => ({
  type: 'folder',
  id: folder._id,
  name: folder.name,
  created_at: folder.created_at,
  updated_at: folder.updated_at,
});

const notBeneath = (noun: string) => new ApiError('not_found', `no such ${noun} in the shared folder`);

/** The folder's path from the shared folder down to it, or null when it is not the shared folder or beneath it. */
async function pathBelow(readStore: ReadStore, shared: { folderId: string; ownerId: string }, folder: FolderView) {
  if (folder.owner_id !== shared.ownerId) return null;
  const path = await folderPath(readStore, folder);
  const top = path.findIndex((step) => step.id === shared.folderId);
  return top === -1 ? null : path.slice(top);
}

/** The shared folder, or a folder beneath it, with its path from the shared folder; 404 for any other. */
export async function folderBeneath(readStore: ReadStore, shared: { folderId: string; ownerId: string }, folderId: string) {
  const folder = await readStore.get<FolderView>(FOLDERS, folderId);
  const path = folder && (await pathBelow(readStore, shared, folder));
  if (!folder || !path) throw notBeneath('folder');
  return { folder, path };
}

/**
 * A file of the shared folder's owner in that folder or beneath it; 404 for any other. The file's own owner
 * is checked too, not only its folder's: a link serves only what its owner owns, wherever it sits.
 */
export async function fileBeneath(readStore: ReadStore, shared: { folderId: string; ownerId: string }, fileId: string): Promise<FileView> {
  const file = await readStore.get<FileView>(FILES, fileId);
  const ownFile = file?.owner_id === shared.ownerId ? file : null;
  const folder = ownFile?.folder_id ? await readStore.get<FolderView>(FOLDERS, ownFile.folder_id) : null;
  if (!file || !folder || !(await pathBelow(readStore, shared, folder))) throw notBeneath('file');
  return file;
}

const SORT_FIELDS = ['type', 'name_lower'];
const BY_NAME = [['name_lower', 1]] as const;

type Listed = { type: 'folder'; doc: FolderView } | { type: 'file'; doc: FileView };

const presentListed = (entry: Listed): SharedEntry =>
  entry.type === 'folder' ? presentSharedFolder(entry.doc) : presentSharedFile(entry.doc);

/** Where a page ends: the last entry's type, sort key and id. */
function cursorAfter(entry: Listed): string {
  return encodeCursor({ _id: entry.doc._id, type: entry.type, name_lower: entry.doc.name_lower }, SORT_FIELDS);
}

function resumeFrom(cursor: string | undefined): { type: SharedEntry['type']; after: Document } | null {
  if (cursor === undefined) return null;
  const decoded = decodeCursor(cursor, SORT_FIELDS);
  const type = decoded.type;
  if (type !== 'folder' && type !== 'file') {
    throw new ApiError('validation_error', 'the cursor is not valid', [
      { path: 'query.cursor', message: 'use next_cursor from a previous page' },
    ]);
  }
  return { type, after: { _id: decoded._id, name_lower: decoded.name_lower } };
}

/** What a folder holds, one page at a time: its folders by name, then its files by name. */
export async function folderEntries(
  readStore: ReadStore,
  folder: FolderView,
  options: { limit: number; cursor?: string },
): Promise<Page<SharedEntry>> {
  const resume = resumeFrom(options.cursor);
  const want = options.limit + 1;
  const entries: Listed[] = [];
  if (resume?.type !== 'file') {
    const folders = await readStore.find<FolderView>(
      FOLDERS,
      { owner_id: folder.owner_id, parent_id: folder._id },
      { sort: BY_NAME, limit: want, after: resume?.after },
    );
    entries.push(...folders.map((doc) => ({ type: 'folder' as const, doc })));
  }
  if (entries.length < want) {
    const files = await readStore.find<FileView>(
      FILES,
      { owner_id: folder.owner_id, folder_id: folder._id },
      { sort: BY_NAME, limit: want - entries.length, after: resume?.type === 'file' ? resume.after : undefined },
    );
    entries.push(...files.map((doc) => ({ type: 'file' as const, doc })));
  }
  const hasMore = entries.length > options.limit;
  const shown = entries.slice(0, options.limit);
  const last = shown[shown.length - 1];
  return {
    data: shown.map(presentListed),
    page: { limit: options.limit, next_cursor: hasMore && last ? cursorAfter(last) : null, has_more: hasMore },
  };
}
