import type { ZodType } from 'zod';
import type { FileChanges } from '../../commands/files/updateFile';
import type { NewFolder } from '../../commands/folders/createFolder';
import type { FileMatch, MappedFile, MappedFolder } from '../../domain/incoming/incomingCommand';
import type { JsonUploadInput } from '../../api/files/fileSchemas';
import { jsonUploadInput, putFileInput } from '../../api/files/fileSchemas';
import { createFolderInput } from '../../api/folders/folderSchemas';
import { ApiError } from '../../api/http/apiError';
import { idParams } from '../../api/http/route';
import { zodDetails } from '../../api/http/validation';

/**
 * Mapped values pass the REST API's own request schemas before anything runs, so a webhook cannot make a
 * name, type, tag or content the API would refuse. A value that fails is the sender's payload's fault:
 * 422, with each detail's path naming the target field (`name`, `tags.0`).
 */
function checked<T>(schema: ZodType<T>, value: Record<string, unknown>): T {
  const result = schema.safeParse(Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)));
  if (result.success) return result.data;
  throw new ApiError('unprocessable_entity', 'the mapped values are not valid', zodDetails(result.error));
}

const jsonEncoding = (file: MappedFile): JsonUploadInput['encoding'] => (file.encoding === 'base64' ? 'base64' : 'text');

export function checkedFolder(folder: MappedFolder): NewFolder {
  const input = checked(createFolderInput, { name: folder.name, parent_id: folder.parentId });
  return { name: input.name, parentId: input.parent_id };
}

/** A new file as the JSON upload takes it; without content it is empty. */
export function checkedUpload(file: MappedFile, name: string | undefined, folderId: string | null): JsonUploadInput {
  const content = file.content ?? '';
  return checked(jsonUploadInput, { name, folder_id: folderId, mime_type: file.mimeType, content, encoding: jsonEncoding(file) });
}

/** The rename, move, description and tags of an update; fields left out stay as they are. */
export function checkedChanges(file: MappedFile): FileChanges {
  const input = checked(putFileInput.partial(), {
    name: file.name,
    folder_id: file.folderId,
    description: file.description,
    tags: file.tags,
  });
  return { name: input.name, folderId: input.folder_id, description: input.description, tags: input.tags };
}

/** New content for a file named `name`, checked like a JSON upload's. */
export const checkedContent = (file: MappedFile & { content: string }, name: string): JsonUploadInput => checkedUpload(file, name, null);

/** How an update finds its file: a file id, or an entry name and a folder id. */
export function checkedMatch(match: FileMatch): FileMatch {
  if (match.by === 'id') return { by: 'id', id: checked(idParams, { id: match.id }).id };
  const input = checked(putFileInput.pick({ name: true, folder_id: true }), { name: match.name, folder_id: match.folderId });
  return { by: 'name', name: input.name, folderId: input.folder_id };
}

export const hasChanges = (changes: FileChanges): boolean => Object.values(changes).some((value) => value !== undefined);
