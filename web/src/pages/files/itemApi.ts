import { api } from '../../api/client';
import type { Item } from './types';

/** The API address of a file or a folder. */
const addressOf = (target: Item) => `/${target.kind === 'file' ? 'files' : 'folders'}/${target.item.id}`;

export const renameItem = (target: Item, name: string) => api<void>('PATCH', addressOf(target), { body: { name } });

/** Moves into a folder (null: My files); a file names its folder_id, a folder its parent_id. */
export const moveItem = (target: Item, folderId: string | null) =>
  api<void>('PATCH', addressOf(target), { body: target.kind === 'file' ? { folder_id: folderId } : { parent_id: folderId } });

/** Deletes a file with every version, or a folder with everything in it. */
export const deleteItem = (target: Item) =>
  api<void>('DELETE', addressOf(target), { query: target.kind === 'folder' ? { recursive: 'true' } : {} });
