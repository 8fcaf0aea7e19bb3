import { pastReaderOf } from '../../../../src/api/history/asOfAccess';
import type { Role } from '../../../../src/domain/user/roles';
import type { Position, RecordedEvent } from '../../../../src/ports/eventStore';
import type { AccessHistoryRow } from '../../../../src/projections/access/accessRows';
import { ACCESS_HISTORY, accessKeyOf } from '../../../../src/projections/access/accessRows';
import { actorOf } from '../../../support/actors';
import { openStores } from '../../../support/stores';

const OWNER = '11111111-1111-4111-8111-111111111111';
const GRANTEE = '22222222-2222-4222-8222-222222222222';
const AUDITOR = '33333333-3333-4333-8333-333333333333';
const FILE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const position = (n: number): Position => String(n).padStart(20, '0');

/** The file's last event folded: it stood as after this one at the bound. */
const last = { position: position(20), createdAt: new Date('2026-01-01T00:20:00Z') } as RecordedEvent;

describe('pastReaderOf', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let horizon: Position | null;
  const roles = new Map<string, ReadonlySet<Role>>([[AUDITOR, new Set<Role>(['auditor'])]]);
  const services = () => ({
    readStore: stores.readStore,
    roles: { rolesOf: (userId: string) => Promise.resolve(roles.get(userId) ?? new Set<Role>()) },
    sync: { horizon: { current: () => Promise.resolve(horizon), onAdvance: () => () => undefined } },
  });
  const readerAt = (userId: string, bound: { position: Position } | { time: Date }, lastFolded = last) =>
    pastReaderOf(services(), actorOf(userId), { id: FILE, ownerId: OWNER }, bound, lastFolded);

  beforeEach(async () => {
    stores = await openStores();
    horizon = position(100);
    // Shared from position 30 (after the last event folded) to 50, expiring at 00:45.
    const row: AccessHistoryRow = {
      _id: accessKeyOf(FILE, GRANTEE),
      resource_kind: 'file',
      resource_id: FILE,
      principal_id: GRANTEE,
      intervals: [{ from: position(30), to: position(50), expires_at: '2026-01-01T00:45:00.000Z' }],
    };
    await stores.readStore.upsert(ACCESS_HISTORY, row);
  });
  afterEach(() => stores.close());

  it('lets the owner and holders of a role that reads every stream read any moment', async () => {
    expect(await readerAt(OWNER, { position: position(1) })).toBe('owner');
    expect(await readerAt(AUDITOR, { position: position(1) })).toBe('every_stream');
  });

  it('lets a grantee read a position inside their interval, and not one outside it', async () => {
    expect(await readerAt(GRANTEE, { position: position(40) })).toBe('grantee');
    expect(await readerAt(GRANTEE, { position: position(25) })).toBeNull();
    expect(await readerAt(GRANTEE, { position: position(60) })).toBeNull();
    // The revoke that ended the share (position 50): the state it leaves is not the grantee's.
    expect(await readerAt(GRANTEE, { position: position(50) })).toBeNull();
    const revokeFolded = { position: position(50), createdAt: new Date('2026-01-01T00:30:00Z') } as RecordedEvent;
    expect(await readerAt(GRANTEE, { time: new Date('2099-01-01T00:00:00Z') }, revokeFolded)).toBeNull();
  });

  it("places a time bound at the last event folded, and checks the time against the share's expiry", async () => {
    // The file's last change (position 20) was before the share began: the grantee never saw that state shared.
    expect(await readerAt(GRANTEE, { time: new Date('2026-01-01T00:40:00Z') })).toBeNull();
    const renamedWhileShared = { position: position(35), createdAt: new Date('2026-01-01T00:35:00Z') } as RecordedEvent;
    expect(await readerAt(GRANTEE, { time: new Date('2026-01-01T00:40:00Z') }, renamedWhileShared)).toBe('grantee');
    expect(await readerAt(GRANTEE, { time: new Date('2026-01-01T00:45:00Z') }, renamedWhileShared)).toBeNull();
  });

  it('refuses to judge a grantee past the access history it has (503), never guessing', async () => {
    horizon = position(35);
    await expect(readerAt(GRANTEE, { position: position(40) })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(await readerAt(OWNER, { position: position(40) })).toBe('owner');
  });

  it('answers null to a user the resource was never shared with', async () => {
    expect(await readerAt('44444444-4444-4444-8444-444444444444', { position: position(40) })).toBeNull();
  });
});
