import { analyticsProjection } from '../../../src/projections/analytics/analyticsProjection';
import { ANALYTICS_HOURS, STORED_BYTES, STORED_BYTES_HOURS } from '../../../src/projections/analytics/analyticsViews';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { fileContentReplaced, fileDeleted, fileUploaded, OTHER_OWNER, OWNER } from './fileEventData';
import { projectionSpec } from './projectionSpec';
import { RecordedEvents, sha, uuid } from './recordedEvents';

const spec = projectionSpec(analyticsProjection);

const HOUR_0 = '2026-01-01T00:00:00.000Z';
const HOUR_1 = '2026-01-01T01:00:00.000Z';
const HOUR_3 = '2026-01-01T03:00:00.000Z';

/** The event as recorded at `at` (RecordedEvents puts every event in the first hour of 2026). */
const recordedAt = (event: RecordedEvent, at: string): RecordedEvent => ({ ...event, createdAt: new Date(at) });

const downloaded = (fileId: string, ownerId = OWNER) => ({
  fileId,
  ownerId,
  versionId: uuid(900),
  sha256: sha(1),
  bytes: 100,
  range: null,
  downloadedBy: OTHER_OWNER,
});

const userRow = (userId: string, hour: string, counts: Record<string, number>) => ({
  _id: `${userId}:${hour}`,
  user_id: userId,
  token_id: null,
  hour,
  ...counts,
});

describe('analytics projection: file activity', () => {
  const log = new RecordedEvents();
  const report = log.record('FileUploaded', fileUploaded(uuid(10)));
  const replaced = log.record('FileContentReplaced', fileContentReplaced(uuid(10)));
  const download = log.record('FileDownloaded', downloaded(uuid(10)), `download-${uuid(10)}`);
  const othersFile = log.record('FileUploaded', fileUploaded(uuid(11), { ownerId: OTHER_OWNER, size: 7, versionId: uuid(903) }));
  const laterDownload = recordedAt(log.record('FileDownloaded', downloaded(uuid(10)), `download-${uuid(10)}`), '2026-01-01T01:10:00.000Z');
  const reportGone = recordedAt(log.record('FileDeleted', fileDeleted(uuid(10))), '2026-01-01T03:59:59.999Z');
  const history = [report, replaced, download, othersFile, laterDownload, reportGone];

  const expected = {
    [ANALYTICS_HOURS]: [
      userRow(OWNER, HOUR_0, { uploads: 2, bytes_uploaded: 350, downloads: 1 }),
      userRow(OWNER, HOUR_1, { downloads: 1 }),
      userRow(OWNER, HOUR_3, { deletes: 1, bytes_deleted: 350 }),
      userRow(OTHER_OWNER, HOUR_0, { uploads: 1, bytes_uploaded: 7 }),
    ],
    // The level at the end of each hour in which it changed; downloads change nothing.
    [STORED_BYTES_HOURS]: [
      { _id: `${OWNER}:${HOUR_0}`, user_id: OWNER, hour: HOUR_0, bytes_stored: 350 },
      { _id: `${OWNER}:${HOUR_3}`, user_id: OWNER, hour: HOUR_3, bytes_stored: 0 },
      { _id: `${OTHER_OWNER}:${HOUR_0}`, user_id: OTHER_OWNER, hour: HOUR_0, bytes_stored: 7 },
    ],
    [STORED_BYTES]: [
      { _id: OWNER, bytes_stored: 0 },
      { _id: OTHER_OWNER, bytes_stored: 7 },
    ],
  };

  it("adds each event to its owner's row of the hour it was recorded in, and keeps the stored bytes per hour", () =>
    spec.given(history).then(expected));

  it('ignores a replay of events it has applied', () => spec.given([...history, ...history]).then(expected));

  it("counts each share of a file or a folder in the owner's shares series", () => {
    const shareLog = new RecordedEvents();
    const grant = (principalId: string) => ({ ownerId: OWNER, shareId: uuid(700), principalId, permission: 'read', expiresAt: null });
    const sharedAt = { sharedAt: HOUR_0 };
    return spec
      .given([
        shareLog.record('FileShared', { fileId: uuid(10), ...grant(OTHER_OWNER), ...sharedAt }),
        shareLog.record('FolderShared', { folderId: uuid(20), ...grant(OTHER_OWNER), ...sharedAt }),
        shareLog.record('FileShared', { fileId: uuid(10), ...grant(uuid(3)), ...sharedAt }),
      ])
      .then(ANALYTICS_HOURS, [userRow(OWNER, HOUR_0, { shares: 3 })]);
  });

  it('refuses a counted event whose data is not valid', () =>
    spec.given([log.record('FileUploaded', { ...fileUploaded(uuid(12)), size: -1 })]).thenFails('FileUploaded', /size/));
});

describe('analytics projection: usage records', () => {
  const log = new RecordedEvents();
  const TOKEN = uuid(50);
  const request = (at: string, status: number, fields: Record<string, unknown> = {}) => ({
    requestId: `req-${at}-${status}`,
    at,
    method: 'GET',
    route: '/files/:id',
    path: `/api/v1/files/${uuid(10)}`,
    status,
    durationMs: 3,
    bytesIn: 0,
    bytesOut: 120,
    ip: '127.0.0.1',
    userAgent: 'test',
    userId: OWNER,
    tokenId: null,
    ...fields,
  });
  const batch = log.record(
    'UsageRecorded',
    {
      records: [
        request('2026-01-01T00:59:59.999Z', 200),
        request('2026-01-01T00:30:00.000Z', 404, { tokenId: TOKEN }),
        request('2026-01-01T01:00:00.000Z', 503, { tokenId: TOKEN }),
        request('2026-01-01T00:10:00.000Z', 201, { userId: OTHER_OWNER }),
      ],
    },
    'usage-process-a',
  );
  const nextBatch = log.record(
    'UsageRecorded',
    { records: [request('2026-01-01T00:45:00.000Z', 200, { tokenId: TOKEN })] },
    'usage-process-b',
  );
  const upload = log.record('FileUploaded', fileUploaded(uuid(10)));

  const tokenRow = (hour: string, counts: Record<string, number>) => ({
    ...userRow(OWNER, hour, counts),
    _id: `${OWNER}:${hour}:${TOKEN}`,
    token_id: TOKEN,
  });

  it('counts requests, errors (400 and over) and server errors per user and per token, in the hour each was made', () =>
    spec
      .given([batch, nextBatch, upload])
      .then(ANALYTICS_HOURS, [
        userRow(OWNER, HOUR_0, { requests: 3, errors: 1, server_errors: 0, uploads: 1, bytes_uploaded: 100 }),
        userRow(OWNER, HOUR_1, { requests: 1, errors: 1, server_errors: 1 }),
        tokenRow(HOUR_0, { requests: 2, errors: 1, server_errors: 0 }),
        tokenRow(HOUR_1, { requests: 1, errors: 1, server_errors: 1 }),
        userRow(OTHER_OWNER, HOUR_0, { requests: 1, errors: 0, server_errors: 0 }),
      ]));

  it('ignores a replayed batch', () =>
    spec
      .given([batch, batch, nextBatch, batch])
      .then(ANALYTICS_HOURS, [
        userRow(OWNER, HOUR_0, { requests: 3, errors: 1, server_errors: 0 }),
        userRow(OWNER, HOUR_1, { requests: 1, errors: 1, server_errors: 1 }),
        tokenRow(HOUR_0, { requests: 2, errors: 1, server_errors: 0 }),
        tokenRow(HOUR_1, { requests: 1, errors: 1, server_errors: 1 }),
        userRow(OTHER_OWNER, HOUR_0, { requests: 1, errors: 0, server_errors: 0 }),
      ]));

  it('refuses a batch whose records are not valid', () =>
    spec.given([log.record('UsageRecorded', { records: [request('yesterday', 200)] })]).thenFails('UsageRecorded', /at/));
});
