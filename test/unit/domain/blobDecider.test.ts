import { blobDecider } from '../../../src/domain/blob/blobDecider';
import type { BlobEvent } from '../../../src/domain/blob/blobEvents';
import { FIXED_NOW, given } from '../../support/givenWhenThen';

const sha256 = 'c'.repeat(64);
const fileId = '11111111-1111-4111-8111-111111111111';
const versionId = '22222222-2222-4222-8222-222222222222';
const minutesAgo = (minutes: number) => new Date(FIXED_NOW.getTime() - minutes * 60_000).toISOString();
const HOUR = 3_600_000;

const referenced = (revived = false): BlobEvent => ({ type: 'BlobReferenced', data: { sha256, size: 5, fileId, versionId, revived } });
const released = (at = FIXED_NOW.toISOString()): BlobEvent => ({
  type: 'BlobReleased',
  data: { sha256, fileId, versionId, releasedAt: at },
});
const started = (at = FIXED_NOW.toISOString()): BlobEvent => ({ type: 'BlobCollectionStarted', data: { sha256, startedAt: at } });
const collected: BlobEvent = { type: 'BlobCollected', data: { sha256 } };
const reference = { type: 'Reference' as const, sha256, size: 5, fileId, versionId };
const collect = (graceMs = 0) => ({ type: 'StartCollection' as const, sha256, graceMs, takeOverAfterMs: HOUR });

describe('blob decider', () => {
  it('references content once per version', () => {
    given(blobDecider, []).when(reference).then([referenced()]);
    given(blobDecider, [referenced()]).when(reference).then([]);
  });

  it('refuses to collect referenced content, or content released within the grace period', () => {
    given(blobDecider, [referenced()])
      .when(collect())
      .thenFails('conflict', /referenced/);
    given(blobDecider, [referenced(), released(minutesAgo(1))])
      .when(collect(5 * 60_000))
      .thenFails('conflict', /recently/);
    given(blobDecider, [referenced(), released(minutesAgo(10))])
      .when(collect(5 * 60_000))
      .then([started()]);
  });

  it('refuses references while a collection runs, and marks those after it as revived', () => {
    given(blobDecider, [started()])
      .when(reference)
      .thenFails('conflict', /being collected/);
    given(blobDecider, [started(), collected])
      .when(reference)
      .then([referenced(true)]);
  });

  it('lets only one collector run, unless the other has been gone too long', () => {
    given(blobDecider, [started(minutesAgo(1))])
      .when(collect())
      .thenFails('conflict', /already/);
    given(blobDecider, [started(minutesAgo(61))])
      .when(collect())
      .then([started()]);
  });

  it('finishes a running collection only', () => {
    given(blobDecider, [started()]).when({ type: 'FinishCollection', sha256 }).then([collected]);
    given(blobDecider, [started(), collected]).when({ type: 'FinishCollection', sha256 }).then([]);
  });

  it('releases only a version that holds a reference', () => {
    given(blobDecider, []).when({ type: 'Release', sha256, fileId, versionId }).then([]);
    given(blobDecider, [referenced()]).when({ type: 'Release', sha256, fileId, versionId }).then([released()]);
  });
});
