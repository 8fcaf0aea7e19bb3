import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ProgressBar } from '../../src/cli/progressBar';
import { blobStreamId } from '../../src/commands/blobs/blobReferences';
import { canonicalName } from '../../src/commands/claims/canonicalName';
import { NameClaims } from '../../src/commands/claims/nameClaims';
import type { EventMetadata, EventToAppend } from '../../src/ports/eventStore';
import { EVENTS_SCHEMA, writerStatements } from '../../src/adapters/eventStore/sqliteEventTable';
import { SqliteDatabase } from '../../src/adapters/sqlite/sqliteDatabase';

export interface SeededFolder {
  ownerId: string;
  folderId: string;
}

/** What the seeded files are called: zero-padded, so that the name order is the index order. */
export const seededName = (index: number) => `seeded-${String(index).padStart(7, '0')}.txt`;

const SIZE = 4096;
const FILES_PER_TRANSACTION = 2000;

/** The three appends of one JSON upload, as UploadFile makes them: the name's claim, the blob reference, the file. */
function uploadEvents(folder: SeededFolder, index: number, fileId: string): { stream: string; event: EventToAppend }[] {
  const { ownerId, folderId } = folder;
  const versionId = randomUUID();
  const name = seededName(index);
  const sha256 = createHash('sha256').update(`${folderId}/${name}`).digest('hex');
  const requestId = randomUUID();
  const metadata: EventMetadata = { actor: ownerId, requestId, correlationId: requestId, causationId: requestId, ip: '127.0.0.1' };
  const claimValue = canonicalName(`${ownerId}/${folderId}/${name}`);
  const now = new Date().toISOString();
  return [
    {
      stream: `claim-${NameClaims.claimId('entry', claimValue)}`,
      event: {
        id: randomUUID(),
        type: 'NameClaimed',
        data: { kind: 'entry', value: claimValue, ownerId: fileId, claimedAt: now },
        metadata,
      },
    },
    {
      stream: `blob-${blobStreamId(sha256)}`,
      event: { id: randomUUID(), type: 'BlobReferenced', data: { sha256, size: SIZE, fileId, versionId, revived: false }, metadata },
    },
    {
      stream: `file-${fileId}`,
      event: {
        id: randomUUID(),
        type: 'FileUploaded',
        data: { fileId, ownerId, folderId, name, versionId, version: 1, size: SIZE, sha256, mimeType: 'text/plain' },
        metadata,
      },
    },
  ];
}

/**
 * Writes the history of `count` 4 KiB uploads into `folder` straight into the events table of the
 * (stopped) server's database: the rows UploadFile would append (the name's claim, a reference to content
 * of its own, the file), through the event store's own INSERT, every stream new (revision 0), 2,000 files
 * per transaction. No content is written to the blob store: the files are there to be listed, not
 * downloaded. Names run from seededName(0) on; answers the files' ids in name order.
 */
export async function seedFiles(dataDir: string, folder: SeededFolder, count: number, label: string): Promise<string[]> {
  const db = new SqliteDatabase({ path: join(dataDir, 'filora.db'), synchronous: 'NORMAL' });
  try {
    await db.migrate(EVENTS_SCHEMA);
    const { insert } = writerStatements(db.writer);
    const bar = new ProgressBar();
    const ids: string[] = [];
    for (let done = 0; done < count;) {
      const end = Math.min(count, done + FILES_PER_TRANSACTION);
      await db.write(() => {
        const createdAt = Date.now();
        for (let index = done; index < end; index++) {
          const fileId = randomUUID();
          ids.push(fileId);
          for (const { stream, event } of uploadEvents(folder, index, fileId)) {
            insert.run(stream, 0, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), createdAt);
          }
        }
      });
      done = end;
      bar.update(label, done, count);
    }
    return ids;
  } finally {
    await db.close();
  }
}
