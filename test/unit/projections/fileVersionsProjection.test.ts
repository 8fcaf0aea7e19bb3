import { FILE_VERSIONS } from '../../../src/projections/files/fileViews';
import { fileVersionsProjection } from '../../../src/projections/files/fileVersionsProjection';
import { fileContentReplaced, fileDeleted, fileUploaded, OWNER } from './fileEventData';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, sha, uuid } from './recordedEvents';

const spec = projectionSpec(fileVersionsProjection);
const FILE = uuid(10);
const KEPT_FILE = uuid(11);

describe('file versions projection', () => {
  const log = new RecordedEvents();
  const uploaded = log.record('FileUploaded', fileUploaded(FILE));
  const replaced = log.record('FileContentReplaced', fileContentReplaced(FILE));
  const keptUpload = log.record('FileUploaded', fileUploaded(KEPT_FILE, { versionId: uuid(902), sha256: sha(3), size: 7 }));
  const renamed = log.record('FileRenamed', { fileId: FILE, ownerId: OWNER, folderId: null, name: 'x', previousName: 'Report.txt' });
  const deleted = log.record('FileDeleted', fileDeleted(FILE));

  const version = (id: string, fileId: string, number: number, size: number, hash: string, mime: string, event: typeof uploaded) => ({
    _id: id,
    file_id: fileId,
    owner_id: OWNER,
    version: number,
    size,
    sha256: hash,
    mime_type: mime,
    created_at: at(event),
  });
  const first = version(uuid(900), FILE, 1, 100, sha(1), 'text/plain', uploaded);
  const second = version(uuid(901), FILE, 2, 250, sha(2), 'text/markdown', replaced);
  const kept = version(uuid(902), KEPT_FILE, 1, 7, sha(3), 'text/plain', keptUpload);

  it('records every version of a file, and ignores events that change no content', () =>
    spec.given([uploaded, replaced, keptUpload, renamed]).then(FILE_VERSIONS, [first, second, kept]));

  it("removes a deleted file's versions, and only those", () =>
    spec.given([uploaded, replaced, keptUpload, deleted]).then(FILE_VERSIONS, [kept]));

  it('ignores a replay, a deletion included', () => {
    const history = [uploaded, replaced, keptUpload, deleted];
    return spec.given([...history, ...history]).then(FILE_VERSIONS, [kept]);
  });
});
