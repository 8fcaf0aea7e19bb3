import { STORAGE_STATS } from '../../../src/projections/stats/storageStatsView';
import { storageStatsProjection } from '../../../src/projections/stats/storageStatsProjection';
import { fileContentReplaced, fileDeleted, fileUploaded, folderCreated, folderDeleted, OTHER_OWNER, OWNER } from './fileEventData';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(storageStatsProjection);

describe('storage stats projection', () => {
  const log = new RecordedEvents();
  const report = log.record('FileUploaded', fileUploaded(uuid(10)));
  const photo = log.record('FileUploaded', fileUploaded(uuid(11), { size: 1000, mimeType: 'image/png', versionId: uuid(903) }));
  const folder = log.record('FolderCreated', folderCreated(uuid(20), null));
  const replaced = log.record('FileContentReplaced', fileContentReplaced(uuid(10)));
  const othersFile = log.record('FileUploaded', fileUploaded(uuid(12), { ownerId: OTHER_OWNER, size: 5, versionId: uuid(904) }));
  const reportGone = log.record('FileDeleted', fileDeleted(uuid(10)));
  const folderGone = log.record('FolderDeleted', folderDeleted(uuid(20), null));

  const history = [report, photo, folder, replaced, othersFile];
  const owner = {
    _id: OWNER,
    bytes_used: 1350,
    current_bytes: 1250,
    files: 2,
    folders: 1,
    versions: 3,
    by_mime_type: [
      { mime_type: 'image/png', files: 1, bytes: 1000 },
      { mime_type: 'text/markdown', files: 1, bytes: 250 },
    ],
    updated_at: at(replaced),
  };
  const other = {
    _id: OTHER_OWNER,
    bytes_used: 5,
    current_bytes: 5,
    files: 1,
    folders: 0,
    versions: 1,
    by_mime_type: [{ mime_type: 'text/plain', files: 1, bytes: 5 }],
    updated_at: at(othersFile),
  };

  it('totals each owner apart: every version counts towards bytes used, current versions by mime type', () =>
    spec.given(history).then(STORAGE_STATS, [owner, other]));

  it('subtracts what a deleted file and folder held, dropping mime types with no file left', () =>
    spec.given([...history, reportGone, folderGone]).then(STORAGE_STATS, [
      {
        ...owner,
        bytes_used: 1000,
        current_bytes: 1000,
        files: 1,
        folders: 0,
        versions: 1,
        by_mime_type: [{ mime_type: 'image/png', files: 1, bytes: 1000 }],
        updated_at: at(folderGone),
      },
      other,
    ]));

  it('ignores a replay of events it has applied', () => spec.given([...history, ...history]).then(STORAGE_STATS, [owner, other]));
});
