import { BLOB_REFS, blobRefsProjection } from '../../../src/projections/blobs/blobRefsProjection';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, sha, uuid } from './recordedEvents';

const spec = projectionSpec(blobRefsProjection);
const BLOB = sha(1);
const OTHER_BLOB = sha(2);

describe('blob refs projection', () => {
  const log = new RecordedEvents();
  const referenced = (fileId: number, key = BLOB) =>
    log.record('BlobReferenced', { sha256: key, size: 42, fileId: uuid(fileId), versionId: uuid(fileId + 100), revived: false });
  const first = referenced(10);
  const second = referenced(11);
  const other = referenced(12, OTHER_BLOB);
  const released = (fileId: number) =>
    log.record('BlobReleased', {
      sha256: BLOB,
      fileId: uuid(fileId),
      versionId: uuid(fileId + 100),
      releasedAt: '2026-02-01T00:00:00.000Z',
    });
  const releasedFirst = released(10);
  const releasedSecond = released(11);
  const collecting = log.record('BlobCollectionStarted', { sha256: BLOB, startedAt: '2026-02-02T00:00:00.000Z' });
  const collected = log.record('BlobCollected', { sha256: BLOB });
  const revived = referenced(13);

  const live = { _id: BLOB, refs: 2, size: 42, phase: 'live', released_at: null, collecting_since: null, updated_at: at(second) };
  const otherRow = { ...live, _id: OTHER_BLOB, refs: 1, updated_at: at(other) };
  const history = [first, second, other, releasedFirst, releasedSecond];
  const unreferenced = { ...live, refs: 0, released_at: '2026-02-01T00:00:00.000Z', updated_at: at(releasedSecond) };

  it('counts the references to each piece of content', () => spec.given([first, second, other]).then(BLOB_REFS, [live, otherRow]));

  it('records when the last reference went', () => spec.given(history).then(BLOB_REFS, [unreferenced, otherRow]));

  it('follows a collection to its end, and a new reference makes the content live again', async () => {
    await spec
      .given([...history, collecting, collected])
      .then(BLOB_REFS, [{ ...unreferenced, phase: 'collected', collecting_since: null, updated_at: at(collected) }, otherRow]);
    await spec
      .given([...history, collecting, revived])
      .then(BLOB_REFS, [{ ...unreferenced, refs: 1, phase: 'live', collecting_since: null, updated_at: at(revived) }, otherRow]);
  });

  it('ignores a replay of events it has applied', () => spec.given([...history, ...history]).then(BLOB_REFS, [unreferenced, otherRow]));
});
