import { FOLDERS } from '../../../src/projections/folders/folderViews';
import { foldersProjection } from '../../../src/projections/folders/foldersProjection';
import { fileDeleted, fileUploaded, folderCreated, folderDeleted, OWNER } from './fileEventData';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(foldersProjection);
const DOCS = uuid(20);
const ARCHIVE = uuid(21);
const INNER = uuid(22);
const FILE = uuid(10);

describe('folders projection', () => {
  const log = new RecordedEvents();
  const docs = log.record('FolderCreated', folderCreated(DOCS, null, 'Docs'));
  const archive = log.record('FolderCreated', folderCreated(ARCHIVE, null, 'Archive'));
  const inner = log.record('FolderCreated', folderCreated(INNER, DOCS, 'Inner'));
  const upload = log.record('FileUploaded', fileUploaded(FILE, { folderId: INNER }));
  const rootUpload = log.record('FileUploaded', fileUploaded(uuid(11)));
  const fileMoved = log.record('FileMoved', { fileId: FILE, ownerId: OWNER, name: 'Report.txt', folderId: DOCS, previousFolderId: INNER });
  const folderMoved = log.record('FolderMoved', {
    folderId: INNER,
    ownerId: OWNER,
    name: 'Inner',
    parentId: ARCHIVE,
    previousParentId: DOCS,
  });
  const renamed = log.record('FolderRenamed', {
    folderId: INNER,
    ownerId: OWNER,
    parentId: ARCHIVE,
    name: 'Old Stuff',
    previousName: 'Inner',
  });
  const fileGone = log.record('FileDeleted', fileDeleted(FILE, { folderId: DOCS }));
  const innerGone = log.record('FolderDeleted', folderDeleted(INNER, ARCHIVE, 'Old Stuff'));

  const row = (id: string, parentId: string | null, name: string, created: typeof docs, fields: Record<string, unknown> = {}) => ({
    _id: id,
    owner_id: OWNER,
    parent_id: parentId,
    name,
    name_lower: name.toLowerCase(),
    file_count: 0,
    folder_count: 0,
    created_at: at(created),
    updated_at: at(created),
    ...fields,
  });

  it('counts the folders and files directly inside each folder; the root has no row', () =>
    spec
      .given([docs, archive, inner, upload, rootUpload])
      .then(FOLDERS, [
        row(DOCS, null, 'Docs', docs, { folder_count: 1 }),
        row(ARCHIVE, null, 'Archive', archive),
        row(INNER, DOCS, 'Inner', inner, { file_count: 1 }),
      ]));

  it('moves counts with moved files and folders, and follows renames', () =>
    spec
      .given([docs, archive, inner, upload, fileMoved, folderMoved, renamed])
      .then(FOLDERS, [
        row(DOCS, null, 'Docs', docs, { file_count: 1 }),
        row(ARCHIVE, null, 'Archive', archive, { folder_count: 1 }),
        row(INNER, ARCHIVE, 'Old Stuff', inner, { updated_at: at(renamed) }),
      ]));

  it('removes a deleted folder and takes deleted children off their parent', () =>
    spec
      .given([docs, archive, inner, upload, fileMoved, folderMoved, renamed, fileGone, innerGone])
      .then(FOLDERS, [row(DOCS, null, 'Docs', docs), row(ARCHIVE, null, 'Archive', archive)]));

  it('ignores a replay of events it has applied', () => {
    const history = [docs, archive, inner, upload, fileMoved, folderMoved];
    return spec
      .given([...history, ...history])
      .then(FOLDERS, [
        row(DOCS, null, 'Docs', docs, { file_count: 1 }),
        row(ARCHIVE, null, 'Archive', archive, { folder_count: 1 }),
        row(INNER, ARCHIVE, 'Inner', inner, { updated_at: at(folderMoved) }),
      ]);
  });
});
