import { FILE_TAGS, FILES } from '../../../src/projections/files/fileViews';
import { filesProjection } from '../../../src/projections/files/filesProjection';
import { fileContentReplaced, fileDeleted, fileUploaded, OWNER } from './fileEventData';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, sha, uuid } from './recordedEvents';

const spec = projectionSpec(filesProjection);
const FILE = uuid(10);
const FOLDER = uuid(20);

describe('files projection', () => {
  const log = new RecordedEvents();
  const uploaded = log.record('FileUploaded', fileUploaded(FILE, { folderId: FOLDER }));
  const tagged = log.record('FileMetadataChanged', { fileId: FILE, ownerId: OWNER, description: 'q1', tags: ['keep', 'old'] });
  const renamed = log.record('FileRenamed', {
    fileId: FILE,
    ownerId: OWNER,
    folderId: FOLDER,
    name: 'Final.TXT',
    previousName: 'Report.txt',
  });
  const retagged = log.record('FileMetadataChanged', { fileId: FILE, ownerId: OWNER, description: 'q1', tags: ['keep', 'new'] });
  const replaced = log.record('FileContentReplaced', fileContentReplaced(FILE));
  const moved = log.record('FileMoved', { fileId: FILE, ownerId: OWNER, name: 'Final.TXT', folderId: null, previousFolderId: FOLDER });
  const deleted = log.record('FileDeleted', fileDeleted(FILE));

  const uploadedRow = {
    _id: FILE,
    owner_id: OWNER,
    folder_id: FOLDER,
    name: 'Report.txt',
    name_lower: 'report.txt',
    mime_type: 'text/plain',
    size: 100,
    sha256: sha(1),
    version: 1,
    version_id: uuid(900),
    description: null,
    tags: [],
    created_at: at(uploaded),
    updated_at: at(uploaded),
  };
  const finalRow = {
    ...uploadedRow,
    folder_id: null,
    name: 'Final.TXT',
    name_lower: 'final.txt',
    mime_type: 'text/markdown',
    size: 250,
    sha256: sha(2),
    version: 2,
    version_id: uuid(901),
    description: 'q1',
    tags: ['keep', 'new'],
    updated_at: at(moved),
  };
  const tagRow = (row: typeof finalRow, tag: string) => ({ ...row, _id: `${FILE}:${tag}`, file_id: FILE, tag });
  const history = [uploaded, tagged, renamed, retagged, replaced, moved];

  it('writes a new file as its row, with no tag rows', () => spec.given([uploaded]).then({ [FILES]: [uploadedRow], [FILE_TAGS]: [] }));

  it('keeps one copy of the row per current tag, following renames, moves and new versions', () =>
    spec.given(history).then({ [FILES]: [finalRow], [FILE_TAGS]: [tagRow(finalRow, 'keep'), tagRow(finalRow, 'new')] }));

  it('removes the row and its tag rows when the file is deleted', () =>
    spec.given([...history, deleted]).then({ [FILES]: [], [FILE_TAGS]: [] }));

  it('ignores a replay of events it has applied', () =>
    spec.given([...history, ...history]).then({ [FILES]: [finalRow], [FILE_TAGS]: [tagRow(finalRow, 'keep'), tagRow(finalRow, 'new')] }));

  it('stops on a change to a file it has no row for', () => spec.given([renamed]).thenFails('FileRenamed', /no read model row/));
});
