import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Collection, type Db, GridFSBucket, type GridFSChunk, type GridFSFile, type ObjectId } from 'mongodb';
import type { BlobStore, ByteRange, PutOptions, StoredBlob } from '../../ports/blobStore';
import { BlobNotFoundError } from '../../ports/errors';
import { isBlobKey } from './blobKey';
import { assertRangeWithin } from './byteRange';
import { GridFsUploadSink } from './gridfsUploadSink';
import { HashingSizeLimiter } from './hashingSizeLimiter';

export interface GridFsBlobStoreOptions {
  /** The caller owns the client behind it; close() leaves it open. */
  db: Db;
  bucketName?: string;
  /** Temporary uploads older than this are removed by open(); younger ones may belong to a put still running. */
  staleTempAfterMs?: number;
}

/** Filenames of uploads in progress; a `/` keeps them apart from every key. */
const TEMP_PREFIX = 'tmp/';
const HOUR_MS = 60 * 60 * 1000;

/**
 * Content-addressed blobs in a GridFS bucket, one file per key (filename = sha256).
 *
 * A put uploads under a temporary filename while hashing. The driver inserts the files document only
 * after the last chunk, so an unfinished upload has no files document at all, and a finished one is
 * visible only under its temporary name until a single-document rename gives it its key. A unique
 * index on filename makes two concurrent puts of the same content keep exactly one copy: the loser's
 * rename fails with a duplicate key and its upload is discarded.
 */
export class GridFsBlobStore implements BlobStore {
  private readonly bucket: GridFSBucket;
  private readonly files: Collection<GridFSFile>;
  private readonly chunks: Collection<GridFSChunk>;

  private constructor(db: Db, bucketName: string) {
    this.bucket = new GridFSBucket(db, { bucketName });
    this.files = db.collection<GridFSFile>(`${bucketName}.files`);
    this.chunks = db.collection<GridFSChunk>(`${bucketName}.chunks`);
  }

  /** Creates the unique filename index and removes temporary uploads left behind by a crash. */
  static async open(options: GridFsBlobStoreOptions): Promise<GridFsBlobStore> {
    const store = new GridFsBlobStore(options.db, options.bucketName ?? 'blobs');
    await store.files.createIndex({ filename: 1 }, { unique: true, name: 'filename_unique' });
    await store.removeTempUploadsOlderThan(options.staleTempAfterMs ?? HOUR_MS);
    return store;
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredBlob> {
    const hasher = new HashingSizeLimiter(options.maxBytes);
    const tempName = `${TEMP_PREFIX}${randomUUID()}`;
    const upload = this.bucket.openUploadStream(tempName);
    const sink = new GridFsUploadSink(upload);
    try {
      await pipeline(source, hasher, sink);
      const blob = hasher.blob;
      await this.publish(upload.id, tempName, blob.key);
      return blob;
    } catch (error) {
      await sink.settled();
      // If cleanup fails as well (server gone), the put's own error is the one to report; a complete
      // temporary upload left behind is removed by a later open().
      await this.discardUpload(upload.id, tempName).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = await this.findFile(key);
    if (!file) throw new BlobNotFoundError(key);
    if (!range) return this.bucket.openDownloadStream(file._id);
    assertRangeWithin(range, file.length);
    // GridFS ends are exclusive, ByteRange ends inclusive.
    return this.bucket.openDownloadStream(file._id, { start: range.start, end: range.end + 1 });
  }

  async stat(key: string): Promise<{ size: number } | null> {
    const file = await this.findFile(key);
    return file ? { size: file.length } : null;
  }

  async delete(key: string): Promise<void> {
    if (!isBlobKey(key)) return;
    for await (const file of this.files.find({ filename: key }, { projection: { _id: 1 } })) {
      await this.discard(file._id);
    }
  }

  async close(): Promise<void> {
    // The Db belongs to the caller.
  }

  private findFile(key: string): Promise<GridFSFile | null> {
    return isBlobKey(key) ? this.files.findOne({ filename: key }) : Promise.resolve(null);
  }

  /** Gives a complete temporary upload its key, or drops it when that content is already stored. */
  private async publish(id: ObjectId, tempName: string, key: string): Promise<void> {
    if (await this.findFile(key)) {
      await this.discardUpload(id, tempName);
      return;
    }
    try {
      await this.bucket.rename(id, key);
    } catch (error) {
      // A concurrent put of the same content won the unique index. Checked by looking rather than by
      // error code, because FerretDB reports that violation on updates without code 11000.
      if (!(await this.findFile(key))) throw error;
      await this.discardUpload(id, tempName);
    }
  }

  /** Removes an upload that has not become a blob: its temporary files document, if any, and its chunks. */
  private async discardUpload(id: ObjectId, tempName: string): Promise<void> {
    await this.files.deleteOne({ _id: id, filename: tempName });
    // A rename that reached the server before its reply was lost has made this upload a blob: keep it.
    if ((await this.files.countDocuments({ _id: id }, { limit: 1 })) === 0) await this.chunks.deleteMany({ files_id: id });
  }

  /** Removes a files document and every chunk written for it. */
  private async discard(id: ObjectId): Promise<void> {
    await this.files.deleteOne({ _id: id });
    await this.chunks.deleteMany({ files_id: id });
  }

  private async removeTempUploadsOlderThan(ageMs: number): Promise<void> {
    const stale = this.files.find(
      { filename: { $regex: `^${TEMP_PREFIX}` }, uploadDate: { $lte: new Date(Date.now() - ageMs) } },
      { projection: { _id: 1 } },
    );
    for await (const file of stale) await this.discard(file._id);
  }
}
