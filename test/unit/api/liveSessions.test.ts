import { LiveSessions } from '../../../src/api/auth/liveSessions';
import type { ReadStore } from '../../../src/ports/readStore';
import type { ProjectionProgress } from '../../../src/projections/projectionProgress';
import { SESSIONS } from '../../../src/projections/sessions/sessionsProjection';
import { openStores } from '../../support/stores';

const SESSION = '00000000-0000-4000-8000-000000000010';
const session = (expiresAt = '2999-01-01T00:00:00.000Z') => ({
  _id: SESSION,
  user_id: '00000000-0000-4000-8000-000000000001',
  started_at: '2026-01-01T00:00:00.000Z',
  expires_at: expiresAt,
});

describe('live sessions', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let readStore: ReadStore;
  let clock: number;
  let waited: string[];
  let projectOnWait: (() => Promise<void>) | null;
  const progress: ProjectionProgress = {
    statuses: async () => [],
    waitFor: async (position) => {
      waited.push(position);
      await projectOnWait?.();
      return true;
    },
    checkpointOf: async () => null,
  };
  const sessions = (maxEntries = 10) => new LiveSessions(readStore, progress, { ttlMs: 1000, maxEntries, waitMaxMs: 50 }, () => clock);

  beforeEach(async () => {
    stores = await openStores();
    readStore = stores.readStore;
    clock = Date.parse('2026-06-01T00:00:00.000Z');
    waited = [];
    projectOnWait = null;
  });
  afterEach(() => stores.close());

  it('answers a session the read model has as live, and one it lacks (or that expired) as not', async () => {
    expect(await sessions().isLive(SESSION, undefined)).toBe(false);
    await readStore.upsert(SESSIONS, session());
    expect(await sessions().isLive(SESSION, undefined)).toBe(true);
    await readStore.upsert(SESSIONS, session('2026-05-01T00:00:00.000Z'));
    expect(await sessions().isLive(SESSION, undefined)).toBe(false);
  });

  it('reuses an answer for at most the TTL, so an ended session stops within it', async () => {
    await readStore.upsert(SESSIONS, session());
    const live = sessions();
    expect(await live.isLive(SESSION, undefined)).toBe(true);
    await readStore.delete(SESSIONS, SESSION);
    clock += 999;
    expect(await live.isLive(SESSION, undefined)).toBe(true);
    clock += 1;
    expect(await live.isLive(SESSION, undefined)).toBe(false);
  });

  it('waits for the position a just-started session was written at before answering it is unknown', async () => {
    projectOnWait = () => readStore.upsert(SESSIONS, session());
    expect(await sessions().isLive(SESSION, 'p42')).toBe(true);
    expect(waited).toEqual(['p42']);
  });

  it('forgets the oldest answers past the bound', async () => {
    await readStore.upsert(SESSIONS, session());
    const live = sessions(1);
    expect(await live.isLive(SESSION, undefined)).toBe(true);
    expect(await live.isLive('00000000-0000-4000-8000-000000000011', undefined)).toBe(false);
    await readStore.delete(SESSIONS, SESSION);
    // Within the TTL, but its answer was forgotten: checked again.
    expect(await live.isLive(SESSION, undefined)).toBe(false);
  });
});
