import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../../src/adapters/blobStore/fsBlobStore';
import { MemoryEventStore } from '../../../src/adapters/eventStore/memoryEventStore';
import { userAggregate } from '../../../src/commands/aggregates';
import { NameClaims } from '../../../src/commands/claims/nameClaims';
import { entryClaimUsage } from '../../../src/commands/entries/entryNames';
import { createFileCommands } from '../../../src/commands/fileCommands';
import { CommandPipeline } from '../../../src/commands/pipeline';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import type { Document, ReadStore } from '../../../src/ports/readStore';
import { allProjections } from '../../../src/projections/allProjections';
import { FILES } from '../../../src/projections/files/fileViews';
import { PositionGuardedStore } from '../../../src/projections/positionGuardedStore';
import type { Projection } from '../../../src/projections/projection';
import { actorOf } from '../../support/actors';
import { openStores, silentLogger } from '../../support/stores';

const ownerId = '11111111-1111-4111-8111-111111111111';
const owner = actorOf(ownerId);
const metadata = { actor: ownerId, correlationId: 'c', causationId: 'c' };

/** A varied history written through the real commands: users, folders, files with versions, tags, moves and deletes. */
async function writeHistory(root: string): Promise<RecordedEvent[]> {
  const eventStore = new MemoryEventStore();
  const pipeline = new CommandPipeline(eventStore);
  const refuse = async () => false;
  const claims = new NameClaims(pipeline, { username: refuse, email: refuse, entry: entryClaimUsage(pipeline) });
  const children = (folderId: string) =>
    folderId === archive ? { folders: [inner], files: [a] } : folderId === inner ? { folders: [], files: [b] } : { folders: [], files: [] };
  const commands = createFileCommands(pipeline, eventStore, await FsBlobStore.open({ root }), claims, silentLogger(), {
    folderContents: { children: async (_owner, folderId) => children(folderId), subtreeSize: async () => 0 },
    storedBytes: async () => 0,
    upload: { maxUploadBytes: 1024, quotaBytes: null },
    maxRecursiveDeleteEntries: 100,
  });
  let archive = '';
  let inner = '';
  let a = '';
  let b = '';
  const store = (content: string) => commands.blobs.store(Readable.from([Buffer.from(content)]), 1024);
  const upload = async (name: string, folderId: string | null, content: string, mimeType = 'text/plain') =>
    (await commands.uploadFile.record(owner, { folderId, name, mimeType, overwrite: false }, await store(content), metadata)).fileId;

  await pipeline.execute(
    userAggregate,
    ownerId,
    {
      type: 'RegisterUser',
      userId: ownerId,
      username: 'alice',
      email: 'a@example.com',
      displayName: 'Alice',
      passwordHash: 'scrypt$first-secret',
    },
    metadata,
  );
  await pipeline.execute(
    userAggregate,
    ownerId,
    { type: 'ChangeProfile', displayName: 'Al', username: 'alice2', passwordHash: 'scrypt$second-secret' },
    metadata,
  );
  await pipeline.execute(userAggregate, ownerId, { type: 'RecordLogin', sessionId: '22222222-2222-4222-8222-222222222222' }, metadata);
  const docs = (await commands.createFolder.run(owner, { name: 'docs', parentId: null }, metadata)).folderId;
  archive = (await commands.createFolder.run(owner, { name: 'archive', parentId: null }, metadata)).folderId;
  inner = (await commands.createFolder.run(owner, { name: 'inner', parentId: docs }, metadata)).folderId;
  a = await upload('a.txt', docs, 'aaa');
  b = await upload('b.json', inner, 'shared', 'application/json');
  const c = await upload('c.txt', null, 'shared');
  await commands.updateFile.run(owner, a, { tags: ['x', 'y'], description: 'first' }, metadata);
  await commands.updateFile.run(owner, a, { tags: ['y', 'z'], name: 'a2.txt', folderId: archive }, metadata);
  await commands.replaceFileContent.run(owner, a, await store('aaaa, longer'), 'text/markdown', metadata);
  await commands.updateFolder.run(owner, inner, { parentId: archive, name: 'moved' }, metadata);
  await commands.deleteFile.run(owner, c, metadata);
  await commands.deleteFolder.run(owner, archive, true, metadata);
  await upload('again.txt', docs, 'aaa');
  return eventStore.readAll({ after: null, limit: 10_000 });
}

async function snapshot(store: ReadStore, projections: readonly Projection[]): Promise<Record<string, Document[]>> {
  const result: Record<string, Document[]> = {};
  for (const projection of projections) {
    for (const collection of projection.collections) result[collection] = await store.find(collection, {}, { limit: 10_000 });
  }
  return result;
}

async function applyAll(store: ReadStore, events: readonly RecordedEvent[], projections: readonly Projection[]): Promise<void> {
  for (const projection of projections) await projection.setup(store);
  for (const event of events) {
    for (const projection of projections) {
      if (projection.handles.includes(event.type)) await projection.apply(event, new PositionGuardedStore(store, event.position));
    }
  }
}

/** A store that records which documents one event writes, to prove each is written at most once (the position guard drops a second write). */
function recordingWrites(inner: ReadStore, written: string[]): ReadStore {
  const note = (collection: string, id: string) => written.push(`${collection}/${id}`);
  return Object.assign(Object.create(inner) as ReadStore, {
    upsert: (...args: Parameters<ReadStore['upsert']>) => {
      note(args[0], args[1]._id);
      return inner.upsert(...args);
    },
    patch: (...args: Parameters<ReadStore['patch']>) => {
      note(args[0], args[1]);
      return inner.patch(...args);
    },
    delete: (...args: Parameters<ReadStore['delete']>) => {
      note(args[0], args[1]);
      return inner.delete(...args);
    },
  });
}

class Crash extends Error {}

/** A store without transactions whose writes stop (the process "crashes") after `writesLeft` of them. */
function crashingAfter(inner: ReadStore, writesLeft: number): ReadStore {
  const spend = () => {
    if (writesLeft-- <= 0) throw new Crash('crashed mid-event');
  };
  return Object.assign(Object.create(inner) as ReadStore, {
    upsert: (...args: Parameters<ReadStore['upsert']>) => {
      spend();
      return inner.upsert(...args);
    },
    patch: (...args: Parameters<ReadStore['patch']>) => {
      spend();
      return inner.patch(...args);
    },
    delete: (...args: Parameters<ReadStore['delete']>) => {
      spend();
      return inner.delete(...args);
    },
  });
}

let root: string;
let events: RecordedEvent[];
let stores: Array<Awaited<ReturnType<typeof openStores>>> = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'filora-replay-'));
  events = await writeHistory(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  stores = [];
});
const open = async () => {
  const opened = await openStores();
  stores.push(opened);
  return opened.readStore;
};

describe('projections replayed over the same events', () => {
  it('build identical read models twice (rebuilds are deterministic) and ignore a full replay', async () => {
    const first = await open();
    const second = await open();
    await applyAll(first, events, allProjections);
    await applyAll(second, events, allProjections);
    const types = new Set(events.map((event) => event.type));
    for (const type of [
      'UsernameChanged',
      'PasswordChanged',
      'UserAuthenticated',
      'FileMetadataChanged',
      'FileMoved',
      'FileRenamed',
      'FileContentReplaced',
      'FileDeleted',
      'FolderMoved',
      'FolderDeleted',
      'BlobReleased',
      'BlobCollected',
    ]) {
      expect(types).toContain(type);
    }
    const built = await snapshot(first, allProjections);
    expect(built[FILES]!.length).toBeGreaterThan(0);
    expect(JSON.stringify(built)).not.toMatch(/scrypt|secret|passwordHash/);
    expect(await snapshot(second, allProjections)).toEqual(built);
    await applyAll(first, events, allProjections);
    expect(await snapshot(first, allProjections)).toEqual(built);
  });

  it('write each document at most once per event', async () => {
    const store = await open();
    for (const projection of allProjections) await projection.setup(store);
    for (const event of events) {
      for (const projection of allProjections) {
        if (!projection.handles.includes(event.type)) continue;
        const written: string[] = [];
        await projection.apply(event, new PositionGuardedStore(recordingWrites(store, written), event.position));
        expect({ projection: projection.name, event: event.type, written: [...new Set(written)] }).toEqual({
          projection: projection.name,
          event: event.type,
          written,
        });
      }
    }
  });

  it.each(allProjections.map((projection) => [projection.name, projection] as const))(
    '%s: an event cut short after any of its writes, then applied again, gives the read model of a clean run',
    async (_name, projection) => {
      const clean = await open();
      await applyAll(clean, events, [projection]);
      const expected = await snapshot(clean, [projection]);
      const crashed = await open();
      await projection.setup(crashed);
      for (const event of events) {
        if (!projection.handles.includes(event.type)) continue;
        // Cut the event short after 0, 1, 2, ... writes until it runs to the end, replaying it every time.
        for (let writes = 0; ; writes++) {
          try {
            await projection.apply(event, new PositionGuardedStore(crashingAfter(crashed, writes), event.position));
            break;
          } catch (error) {
            if (!(error instanceof Crash)) throw error;
          }
        }
      }
      expect(await snapshot(crashed, [projection])).toEqual(expected);
    },
  );
});
