import type { z } from 'zod';
import { fileAggregate } from '../../commands/aggregates';
import type { FoldedAsOf, HistoryBound } from '../../commands/history/foldAsOf';
import type { Actor } from '../../domain/access/accessPolicy';
import type { FileState } from '../../domain/file/fileDecider';
import type { FileView } from '../../projections/files/fileViews';
import { asOfFields, presentAsOf } from '../history/asOf';
import type { PastServices, ResourceAsOf } from '../history/resourceAsOf';
import { resourceAsOf } from '../history/resourceAsOf';
import { fileResponse, presentFile } from './fileViews';

export const fileAsOfResponse = fileResponse.extend(asOfFields).meta({ id: 'FileAsOf' });

/** What a file's row shows of its state (not its shares): the row's updated_at moves with these only. */
const shownOfFile = ({ folderId, name, description, tags, versions }: FileState) => ({ folderId, name, description, tags, versions });

/** The row the files projection would have held for the file at the bound (a deleted file's last row). */
function fileRowOf({ state, first, changedAt }: FoldedAsOf<FileState>): FileView {
  const current = state.versions[state.versions.length - 1];
  if (state.fileId === null || state.ownerId === null || current === undefined) throw new Error('a created file stream holds no version');
  return {
    _id: state.fileId,
    owner_id: state.ownerId,
    folder_id: state.folderId,
    name: state.name,
    name_lower: state.name.toLowerCase(),
    mime_type: current.mimeType,
    size: current.size,
    sha256: current.sha256,
    version: current.version,
    version_id: current.versionId,
    description: state.description,
    tags: [...state.tags],
    created_at: first.createdAt.toISOString(),
    updated_at: changedAt.toISOString(),
  };
}

/** The file as it stood at the bound, if the actor may read it as of then. */
export const fileAsOf = (services: PastServices, actor: Actor, fileId: string, bound: HistoryBound): Promise<ResourceAsOf<FileState>> =>
  resourceAsOf(services, fileAggregate, actor, fileId, bound, shownOfFile);

export const presentFileAsOf = (folded: FoldedAsOf<FileState>): z.infer<typeof fileAsOfResponse> => ({
  ...presentFile(fileRowOf(folded)),
  deleted: folded.state.deleted,
  deleted_at: folded.state.deletedAt,
  as_of: presentAsOf(folded.last),
});
