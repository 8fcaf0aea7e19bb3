import { SqliteReadStore } from '../../../src/adapters/readStore/sqliteReadStore';
import { SqliteDatabase } from '../../../src/adapters/sqlite/sqliteDatabase';
import { countPublicLinks } from '../../../src/projections/links/linkQueries';
import type { PublicLinkRow } from '../../../src/projections/links/publicLinkRows';
import { LINK_NEVER_EXPIRES, PUBLIC_LINKS } from '../../../src/projections/links/publicLinkRows';
import { publicLinksProjection } from '../../../src/projections/links/publicLinksProjection';
import { projectionSpec } from './projectionSpec';
import { at, RecordedEvents, uuid } from './recordedEvents';

const spec = projectionSpec(publicLinksProjection);
const ALICE = uuid(1);
const BOB = uuid(2);
const FILE = uuid(10);
const FOLDER = uuid(11);
const LINK = uuid(20);
const FOLDER_LINK = uuid(21);
const CREATED_AT = '2026-01-01T00:00:00.000Z';
const IN_A_DAY = '2026-01-02T00:00:00.000Z';

describe('public links projection', () => {
  const log = new RecordedEvents();
  const settings = { permission: 'download', expiresAt: IN_A_DAY, passwordHash: 'scrypt$hash', maxDownloads: 2 };
  const created = log.record('PublicLinkCreated', {
    linkId: LINK,
    ownerId: ALICE,
    resourceKind: 'file',
    resourceId: FILE,
    ...settings,
    createdAt: CREATED_AT,
  });
  const folderLink = log.record('PublicLinkCreated', {
    linkId: FOLDER_LINK,
    ownerId: ALICE,
    resourceKind: 'folder',
    resourceId: FOLDER,
    permission: 'view',
    expiresAt: null,
    passwordHash: null,
    maxDownloads: null,
    createdAt: CREATED_AT,
  });
  const counted = (downloadNumber: number) =>
    log.record('PublicLinkDownloadCounted', { linkId: LINK, ownerId: ALICE, fileId: FILE, downloadNumber });
  const first = counted(1);
  const second = counted(2);
  const updated = log.record('PublicLinkUpdated', {
    linkId: LINK,
    ownerId: ALICE,
    ...settings,
    expiresAt: null,
    passwordHash: null,
    maxDownloads: 5,
    passwordVersion: 1,
  });
  const revoked = log.record('PublicLinkRevoked', { linkId: LINK, ownerId: ALICE, revokedAt: '2026-01-01T12:00:00.000Z' });
  const fileDeleted = log.record('FileDeleted', {
    fileId: FILE,
    ownerId: ALICE,
    folderId: null,
    name: 'a.txt',
    size: 3,
    mimeType: 'text/plain',
    storedBytes: 3,
    versionCount: 1,
    deletedAt: '2026-01-01T13:00:00.000Z',
    reason: 'deleted',
  });

  const row: PublicLinkRow = {
    _id: LINK,
    owner_id: ALICE,
    resource_kind: 'file',
    resource_id: FILE,
    permission: 'download',
    expires_at: IN_A_DAY,
    active_until: IN_A_DAY,
    has_password: true,
    password_hash: 'scrypt$hash',
    password_version: 0,
    max_downloads: 2,
    download_count: 0,
    exhausted: false,
    revoked: false,
    revoked_at: null,
    resource_deleted: false,
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
  };
  const folderRow: PublicLinkRow = {
    ...row,
    _id: FOLDER_LINK,
    resource_kind: 'folder',
    resource_id: FOLDER,
    permission: 'view',
    expires_at: null,
    active_until: LINK_NEVER_EXPIRES,
    has_password: false,
    password_hash: null,
    max_downloads: null,
  };

  it('holds a created link by id, never its token', () => spec.given([created, folderLink]).then(PUBLIC_LINKS, [row, folderRow]));

  it('counts downloads and marks the link exhausted at max_downloads', () =>
    spec.given([created, first, second]).then(PUBLIC_LINKS, [{ ...row, download_count: 2, exhausted: true }]));

  it('applies an update: more downloads allowed, no expiry, the password removed', () =>
    spec.given([created, first, second, updated]).then(PUBLIC_LINKS, [
      {
        ...row,
        download_count: 2,
        max_downloads: 5,
        exhausted: false,
        expires_at: null,
        active_until: LINK_NEVER_EXPIRES,
        has_password: false,
        password_hash: null,
        password_version: 1,
        updated_at: at(updated),
      },
    ]));

  it('keeps a revoked link, marked revoked', () =>
    spec
      .given([created, revoked])
      .then(PUBLIC_LINKS, [{ ...row, revoked: true, revoked_at: '2026-01-01T12:00:00.000Z', updated_at: at(revoked) }]));

  it('marks the links to a deleted file, and only those', () =>
    spec
      .given([created, folderLink, fileDeleted])
      .then(PUBLIC_LINKS, [{ ...row, resource_deleted: true, updated_at: at(fileDeleted) }, folderRow]));

  it("counts a user's links and those that still work", async () => {
    const db = new SqliteDatabase({ path: ':memory:' });
    try {
      const store = await SqliteReadStore.open(db);
      const now = new Date('2026-01-01T18:00:00.000Z');
      const links: PublicLinkRow[] = [
        { ...row, _id: uuid(30) },
        { ...folderRow, _id: uuid(31) },
        { ...row, _id: uuid(32), revoked: true },
        { ...row, _id: uuid(33), exhausted: true },
        { ...row, _id: uuid(34), resource_deleted: true },
        { ...row, _id: uuid(35), expires_at: now.toISOString(), active_until: now.toISOString() },
        { ...row, _id: uuid(36), owner_id: BOB },
      ];
      for (const link of links) await store.upsert(PUBLIC_LINKS, link);
      expect(await countPublicLinks(store, ALICE, now)).toEqual({ public_links: 6, active_public_links: 2 });
      expect(await countPublicLinks(store, uuid(99), now)).toEqual({ public_links: 0, active_public_links: 0 });
    } finally {
      await db.close();
    }
  });
});
