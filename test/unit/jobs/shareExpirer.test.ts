import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonLogger } from '../../../src/adapters/logger/jsonLogger';
import { ShareExpirer } from '../../../src/jobs/shareExpirer';
import type { ShareGrantRow } from '../../../src/projections/access/accessRows';
import { SHARE_GRANTS } from '../../../src/projections/access/accessRows';
import { fileCommandKit, owner, ownerMetadata } from '../../support/fileCommandKit';
import { openStores } from '../../support/stores';

const BOB = '22222222-2222-4222-8222-222222222222';
const HOUR_MS = 3_600_000;

type Stores = Awaited<ReturnType<typeof openStores>>;
let stores: Stores;
let root: string;
beforeEach(async () => {
  stores = await openStores();
  root = await mkdtemp(join(tmpdir(), 'filora-expirer-'));
});
afterEach(async () => {
  await stores.close();
  await rm(root, { recursive: true, force: true });
});

/** The share_grants row the access projection writes for a share, as far as the expirer reads it. */
const grantRow = (folderId: string, expiresAt: string): ShareGrantRow => ({
  _id: `${folderId}:${BOB}`,
  share_id: 'share',
  resource_kind: 'folder',
  resource_id: folderId,
  owner_id: owner.userId,
  principal_id: BOB,
  permission: 'read',
  expires_at: expiresAt,
  active_until: expiresAt,
  shared_at: '2026-03-01T10:00:00.000Z',
  name: 'team',
  name_lower: 'team',
  size_bytes: null,
  content_type: null,
  parent_id: null,
  resource_created_at: '2026-03-01T10:00:00.000Z',
  resource_updated_at: '2026-03-01T10:00:00.000Z',
});

describe('share expirer', () => {
  it('records the expiry of a share once it has passed, once, and logs what it did', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const kit = await fileCommandKit({ blobRoot: root, eventStore: stores.eventStore, now: () => now });
    const lines: Array<Record<string, unknown>> = [];
    const logger = new JsonLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const expirer = new ShareExpirer(stores.readStore, kit.expireShare, logger, {}, () => now);

    const folderId = await kit.folder('team');
    const expiresAt = new Date(now.getTime() + HOUR_MS).toISOString();
    await kit.shareResources.run(owner, 'folder', [folderId], [{ principalId: BOB, permission: 'read', expiresAt }], ownerMetadata);
    await stores.readStore.upsert(SHARE_GRANTS, grantRow(folderId, expiresAt));

    expect(await expirer.expire()).toBe(0);
    now = new Date(now.getTime() + HOUR_MS);
    expect(await expirer.expire()).toBe(1);
    // The read model has not applied the expiry yet: the row is found again, and the stream records nothing more.
    expect(await expirer.expire()).toBe(0);

    const events = await stores.eventStore.readStream(`folder-${folderId}`);
    expect(events.map((event) => event.type)).toEqual(['FolderCreated', 'FolderShared', 'FolderShareExpired']);
    expect(events[2]).toMatchObject({ data: { principalId: BOB, expiresAt }, metadata: { causationId: 'share-expirer' } });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'recorded expired shares', due: 1, recorded: 1 }));
  });
});
