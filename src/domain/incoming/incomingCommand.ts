/**
 * What an incoming webhook turns a sender's JSON into (issue 13): one of four actions on folders and files.
 * The mapping (src/domain/incoming/mapping) produces an IncomingCommand, or the MappingIssues that stop it;
 * the runner (src/incoming/run) executes it through the same commands as the REST API.
 */

export const INCOMING_ACTIONS = ['create_folder', 'create_file', 'update_file', 'upsert_file'] as const;
export type IncomingAction = (typeof INCOMING_ACTIONS)[number];

/** How `update_file` and `upsert_file` find their file: by its id, or by its name within `folder_id`. */
export const UPSERT_FIELDS = ['id', 'name'] as const;
export type UpsertField = (typeof UPSERT_FIELDS)[number];

/** The target fields a mapping may fill, per action (`id` only where the file is found by id). */
export const FOLDER_TARGET_FIELDS = ['name', 'parent_id'] as const;
export const FILE_TARGET_FIELDS = ['name', 'folder_id', 'mime_type', 'content', 'encoding', 'description', 'tags'] as const;
export type FolderTargetField = (typeof FOLDER_TARGET_FIELDS)[number];
export type FileTargetField = (typeof FILE_TARGET_FIELDS)[number] | 'id';

export type ContentEncoding = 'utf8' | 'base64';

/** A problem with a mapping, when it is saved or when it meets a payload: `path` names the field (`field_mapping.name.transform`). */
export interface MappingIssue {
  path: string;
  message: string;
}

export interface MappedFolder {
  name: string;
  /** null: the root. */
  parentId: string | null;
}

/** A file's fields as mapped; on an update, an absent field stays as it is. */
export interface MappedFile {
  name?: string;
  folderId?: string | null;
  mimeType?: string;
  /** Text, or base64 when `encoding` is `base64`. */
  content?: string;
  encoding?: ContentEncoding;
  description?: string | null;
  tags?: string[];
}

/** How an update or upsert finds its file. */
export type FileMatch = { by: 'id'; id: string } | { by: 'name'; name: string; folderId: string | null };

export type IncomingCommand =
  | { action: 'create_folder'; folder: MappedFolder }
  | { action: 'create_file'; file: MappedFile & { name: string; folderId: string | null } }
  | { action: 'update_file'; match: FileMatch; file: MappedFile }
  | {
      action: 'upsert_file';
      match: FileMatch;
      file: MappedFile;
      /** Where the file goes when nothing matches (file.folderId, when mapped, is where it goes and where an update moves it): the mapped or hook folder, null the root. */
      createIn: string | null;
    };

export type MappingOutcome = { ok: true; command: IncomingCommand } | { ok: false; issues: MappingIssue[] };
