import type { RecordedEvent } from '../../../src/ports/eventStore';
import type { Document } from '../../../src/ports/readStore';
import { accessProjection } from '../../../src/projections/access/accessProjection';
import type { AccessHistoryRow, AccessRow } from '../../../src/projections/access/accessRows';
import { ACCESS, ACCESS_HISTORY, NEVER_EXPIRES, SHARE_GRANTS } from '../../../src/projections/access/accessRows';
import { SHARE_PAIRS, SHARED_RESOURCES } from '../../../src/projections/access/shareCounters';
import { fileContentReplaced, fileDeleted, fileUploaded, folderCreated, folderDeleted, OWNER } from './fileEventData';
import { projectedCollections, projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const BOB = uuid(3);
const CAROL = uuid(4);
const DOCS = uuid(20);
const INNER = uuid(21);
const OTHER = uuid(22);
const FILE = uuid(10);
const LATER = uuid(11);

const EXPIRY = '2026-02-01T00:00:00.000Z';

type Permission = 'view' | 'read' | 'write';

const grant = (kind: 'file' | 'folder', resourceId: string, principalId: string, permission: Permission, expiresAt: string | null) => ({
  [kind === 'file' ? 'fileId' : 'folderId']: resourceId,
  ownerId: OWNER,
  shareId: uuid(600 + Number(resourceId.slice(-3)) * 10 + Number(principalId.slice(-1))),
  principalId,
  permission,
  expiresAt,
});

describe('access projection', () => {
  const log = new RecordedEvents();
  const record = (type: string, data: Record<string, unknown>) => log.record(type, data);
  const folderShared = (folderId: string, principalId: string, permission: Permission = 'read', expiresAt: string | null = null) =>
    record('FolderShared', { ...grant('folder', folderId, principalId, permission, expiresAt), sharedAt: '2026-01-01T00:00:00.000Z' });
  const folderRevoked = (folderId: string, principalId: string, permission: Permission = 'read') =>
    record('FolderShareRevoked', { ...grant('folder', folderId, principalId, permission, null), revokedAt: '2026-01-01T00:30:00.000Z' });
  const fileShared = (fileId: string, principalId: string, permission: Permission = 'read', expiresAt: string | null = null) =>
    record('FileShared', { ...grant('file', fileId, principalId, permission, expiresAt), sharedAt: '2026-01-01T00:00:00.000Z' });
  const fileMoved = (fileId: string, folderId: string | null, previousFolderId: string | null) =>
    record('FileMoved', { fileId, ownerId: OWNER, name: 'Report.txt', folderId, previousFolderId });

  const docs = record('FolderCreated', folderCreated(DOCS, null, 'Docs'));
  const inner = record('FolderCreated', folderCreated(INNER, DOCS, 'Inner'));
  const other = record('FolderCreated', folderCreated(OTHER, null, 'Other'));
  const upload = record('FileUploaded', fileUploaded(FILE, { folderId: INNER }));

  /** Each access row as `resource:principal <- via from permission`, one string per source, sorted. */
  const reach = (rows: readonly Document[]) =>
    (rows as AccessRow[])
      .flatMap((row) => row.sources.map((source) => `${row._id} <- ${source.via} ${source.from} ${source.permission}`))
      .sort();
  const collectionsAfter = (events: readonly RecordedEvent[]) => projectedCollections(accessProjection, [events]);
  const reachAfter = async (events: readonly RecordedEvent[]) => reach((await collectionsAfter(events))[ACCESS]!);
  const intervalsAfter = async (events: readonly RecordedEvent[], id: string) =>
    ((await collectionsAfter(events))[ACCESS_HISTORY] as AccessHistoryRow[]).find((row) => row._id === id)?.intervals;

  it('writes the direct share, and the reach of the folder and everything below it, with copies of their listing', () => {
    const shared = folderShared(DOCS, BOB, 'read');
    const listing = (name: string, parentId: string | null, created: RecordedEvent, file = false) => ({
      name,
      name_lower: name.toLowerCase(),
      size_bytes: file ? 100 : null,
      content_type: file ? 'text/plain' : null,
      parent_id: parentId,
      resource_created_at: at(created),
      resource_updated_at: at(created),
    });
    const row = (id: string, kind: 'file' | 'folder', via: 'direct' | 'folder', fields: Record<string, unknown>) => ({
      _id: `${id}:${BOB}`,
      resource_kind: kind,
      resource_id: id,
      owner_id: OWNER,
      principal_id: BOB,
      sources: [{ via, from: DOCS, permission: 'read', expires_at: null }],
      active_until: NEVER_EXPIRES,
      ...fields,
    });
    return projectionSpec(accessProjection)
      .given([docs, inner, other, upload, shared])
      .then({
        [SHARE_GRANTS]: [
          {
            _id: `${DOCS}:${BOB}`,
            share_id: grant('folder', DOCS, BOB, 'read', null).shareId,
            resource_kind: 'folder',
            resource_id: DOCS,
            owner_id: OWNER,
            principal_id: BOB,
            permission: 'read',
            expires_at: null,
            active_until: NEVER_EXPIRES,
            shared_at: '2026-01-01T00:00:00.000Z',
            ...listing('Docs', null, docs),
          },
        ],
        [ACCESS]: [
          row(DOCS, 'folder', 'direct', listing('Docs', null, docs)),
          row(INNER, 'folder', 'folder', listing('Inner', DOCS, inner)),
          row(FILE, 'file', 'folder', listing('Report.txt', INNER, upload, true)),
        ],
        [SHARE_PAIRS]: [{ _id: `${OWNER}:${BOB}`, owner_id: OWNER, principal_id: BOB, grants: 1 }],
        [SHARED_RESOURCES]: [{ _id: DOCS, owner_id: OWNER, resource_kind: 'folder', grants: 1 }],
      });
  });

  it('reaches a file created later in a shared folder, and sub-folders created later', async () => {
    const shared = folderShared(DOCS, BOB);
    const later = record('FileUploaded', fileUploaded(LATER, { folderId: INNER, name: 'Later.txt' }));
    const sub = record('FolderCreated', folderCreated(uuid(23), INNER, 'Sub'));
    expect(await reachAfter([docs, inner, shared, later, sub])).toEqual(
      [
        `${DOCS}:${BOB} <- direct ${DOCS} read`,
        `${INNER}:${BOB} <- folder ${DOCS} read`,
        `${LATER}:${BOB} <- folder ${DOCS} read`,
        `${uuid(23)}:${BOB} <- folder ${DOCS} read`,
      ].sort(),
    );
  });

  it('stops reaching a file moved out of the shared folder and starts again when it moves back in', async () => {
    const shared = folderShared(DOCS, BOB);
    const out = fileMoved(FILE, OTHER, INNER);
    const back = fileMoved(FILE, DOCS, OTHER);
    expect(await reachAfter([docs, inner, other, upload, shared, out])).not.toContainEqual(expect.stringContaining(`${FILE}:`));
    expect(await reachAfter([docs, inner, other, upload, shared, out, back])).toContain(`${FILE}:${BOB} <- folder ${DOCS} read`);
    expect(await intervalsAfter([docs, inner, other, upload, shared, out, back], `${FILE}:${BOB}`)).toEqual([
      { from: shared.position, to: out.position, expires_at: null },
      { from: back.position, to: null, expires_at: null },
    ]);
  });

  it('moves a whole folder between sharing contexts: the sources of the old ancestors are swapped for the new', async () => {
    const sharedDocs = folderShared(DOCS, BOB);
    const sharedOther = folderShared(OTHER, CAROL, 'write');
    const innerShared = folderShared(INNER, CAROL, 'view');
    const movedInner = record('FolderMoved', { folderId: INNER, ownerId: OWNER, name: 'Inner', parentId: OTHER, previousParentId: DOCS });
    expect(await reachAfter([docs, inner, other, upload, sharedDocs, sharedOther, innerShared, movedInner])).toEqual(
      [
        `${DOCS}:${BOB} <- direct ${DOCS} read`,
        `${OTHER}:${CAROL} <- direct ${OTHER} write`,
        `${INNER}:${CAROL} <- direct ${INNER} view`,
        `${INNER}:${CAROL} <- folder ${OTHER} write`,
        `${FILE}:${CAROL} <- folder ${INNER} view`,
        `${FILE}:${CAROL} <- folder ${OTHER} write`,
      ].sort(),
    );
  });

  it('keeps what a nested share gives when the share above it is revoked, and closes the intervals of what it no longer reaches at the revoke', async () => {
    const sharedDocs = folderShared(DOCS, BOB);
    const sharedInner = folderShared(INNER, BOB, 'write');
    const revoked = folderRevoked(DOCS, BOB);
    const events = [docs, inner, upload, sharedDocs, sharedInner, revoked];
    expect(await reachAfter(events)).toEqual(
      [`${INNER}:${BOB} <- direct ${INNER} write`, `${FILE}:${BOB} <- folder ${INNER} write`].sort(),
    );
    expect(await intervalsAfter(events, `${DOCS}:${BOB}`)).toEqual([{ from: sharedDocs.position, to: revoked.position, expires_at: null }]);
    expect(await intervalsAfter(events, `${FILE}:${BOB}`)).toEqual([{ from: sharedDocs.position, to: null, expires_at: null }]);

    const revokedInner = folderRevoked(INNER, BOB, 'write');
    const all = await collectionsAfter([...events, revokedInner]);
    expect(all[ACCESS]).toEqual([]);
    expect(all[SHARE_GRANTS]).toEqual([]);
    expect(all[SHARE_PAIRS]).toEqual([]);
    expect((all[ACCESS_HISTORY] as AccessHistoryRow[]).find((row) => row._id === `${FILE}:${BOB}`)?.intervals).toEqual([
      { from: sharedDocs.position, to: revokedInner.position, expires_at: null },
    ]);
  });

  it('carries a share expiry in the rows until ShareExpired removes them; a new expiry starts a new interval', async () => {
    const shared = fileShared(FILE, BOB, 'read', '2026-01-15T00:00:00.000Z');
    const extended = record('SharePermissionChanged', {
      ...grant('file', FILE, BOB, 'read', EXPIRY),
      previousPermission: 'read',
      previousExpiresAt: '2026-01-15T00:00:00.000Z',
    });
    const expired = record('ShareExpired', grant('file', FILE, BOB, 'read', EXPIRY));
    const before = await collectionsAfter([docs, inner, upload, shared, extended]);
    expect(before[ACCESS]).toEqual([expect.objectContaining({ _id: `${FILE}:${BOB}`, active_until: EXPIRY })]);
    expect(before[SHARE_GRANTS]).toEqual([
      expect.objectContaining({ expires_at: EXPIRY, active_until: EXPIRY, shared_at: '2026-01-01T00:00:00.000Z' }),
    ]);
    const after = await collectionsAfter([docs, inner, upload, shared, extended, expired]);
    expect(after[ACCESS]).toEqual([]);
    expect(after[SHARE_GRANTS]).toEqual([]);
    expect((after[ACCESS_HISTORY] as AccessHistoryRow[])[0]!.intervals).toEqual([
      { from: shared.position, to: extended.position, expires_at: '2026-01-15T00:00:00.000Z' },
      { from: extended.position, to: expired.position, expires_at: EXPIRY },
    ]);
  });

  it('follows renames and new content in every copy of the listing', async () => {
    const shared = fileShared(FILE, BOB);
    const renamed = record('FileRenamed', { fileId: FILE, ownerId: OWNER, folderId: INNER, name: 'Final.md', previousName: 'Report.txt' });
    const replaced = record('FileContentReplaced', fileContentReplaced(FILE));
    const all = await collectionsAfter([docs, inner, upload, shared, renamed, replaced]);
    const copied = {
      name: 'Final.md',
      name_lower: 'final.md',
      size_bytes: 250,
      content_type: 'text/markdown',
      resource_updated_at: at(replaced),
    };
    expect(all[ACCESS]).toEqual([expect.objectContaining(copied)]);
    expect(all[SHARE_GRANTS]).toEqual([expect.objectContaining(copied)]);
  });

  it('forgets a deleted file and a deleted folder: reach, shares and counts', async () => {
    const sharedFile = fileShared(FILE, CAROL);
    const sharedDocs = folderShared(DOCS, BOB);
    const fileGone = record('FileDeleted', fileDeleted(FILE, { folderId: INNER }));
    const innerGone = record('FolderDeleted', folderDeleted(INNER, DOCS, 'Inner'));
    const all = await collectionsAfter([docs, inner, upload, sharedFile, sharedDocs, fileGone, innerGone]);
    expect(reach(all[ACCESS]!)).toEqual([`${DOCS}:${BOB} <- direct ${DOCS} read`]);
    expect(all[SHARE_GRANTS]!.map((row) => row._id)).toEqual([`${DOCS}:${BOB}`]);
    expect(all[SHARE_PAIRS]).toEqual([{ _id: `${OWNER}:${BOB}`, owner_id: OWNER, principal_id: BOB, grants: 1 }]);
    expect(all[SHARED_RESOURCES]!.map((row) => row._id)).toEqual([DOCS]);
    expect((all[ACCESS_HISTORY] as AccessHistoryRow[]).find((row) => row._id === `${FILE}:${CAROL}`)?.intervals).toEqual([
      { from: sharedFile.position, to: fileGone.position, expires_at: null },
    ]);
  });

  describe('replays and rebuilds', () => {
    const history = () => {
      const events = new RecordedEvents();
      const again = (event: RecordedEvent) => events.record(event.type, event.data);
      // The same story on a fresh log, so positions run in order.
      return [docs, inner, other, upload]
        .map(again)
        .concat([
          events.record('FolderShared', { ...grant('folder', DOCS, BOB, 'read', null), sharedAt: '2026-01-01T00:00:00.000Z' }),
          events.record('FileUploaded', fileUploaded(LATER, { folderId: INNER, name: 'Later.txt' })),
          events.record('FolderShared', { ...grant('folder', INNER, CAROL, 'write', EXPIRY), sharedAt: '2026-01-01T00:00:00.000Z' }),
          events.record('FileMoved', { fileId: FILE, ownerId: OWNER, name: 'Report.txt', folderId: OTHER, previousFolderId: INNER }),
          events.record('FolderMoved', { folderId: INNER, ownerId: OWNER, name: 'Inner', parentId: OTHER, previousParentId: DOCS }),
          events.record('FolderShareRevoked', { ...grant('folder', DOCS, BOB, 'read', null), revokedAt: '2026-01-01T00:30:00.000Z' }),
          events.record('FileMoved', { fileId: FILE, ownerId: OWNER, name: 'Report.txt', folderId: INNER, previousFolderId: OTHER }),
          events.record('FolderShared', { ...grant('folder', OTHER, BOB, 'view', null), sharedAt: '2026-01-01T00:00:00.000Z' }),
          events.record('FileDeleted', fileDeleted(LATER, { folderId: INNER })),
        ]);
    };

    it('ignores a replay of events it has applied', async () => {
      const events = history();
      const once = await projectedCollections(accessProjection, [events]);
      expect(once[ACCESS]!.length).toBeGreaterThan(0);
      expect(await projectedCollections(accessProjection, [events, events])).toEqual(once);
    });

    it('builds the same rows whether the log comes in one batch or one event at a time', async () => {
      const events = history();
      expect(
        await projectedCollections(
          accessProjection,
          events.map((event) => [event]),
        ),
      ).toEqual(await projectedCollections(accessProjection, [events]));
    });
  });
});
