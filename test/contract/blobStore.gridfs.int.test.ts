import { randomUUID } from 'node:crypto';
import { type Db, type GridFSChunk, type GridFSFile, MongoClient, ObjectId } from 'mongodb';
import { GridFsBlobStore } from '../../src/adapters/blobStore/gridfsBlobStore';
import { describeBlobStoreContract } from './blobStore.contract';

const url = process.env.FILORA_TEST_MONGO_URL;
if (!url)
  console.log('BlobStore contract on GridFS skipped: FILORA_TEST_MONGO_URL is not set (e.g. mongodb://127.0.0.1:27017/filora_test)');
const describeIfServer = url ? describe : describe.skip;

const BLOB_KEY = /^[0-9a-f]{64}$/;

/** The test's own view of a bucket: the two collections GridFS keeps it in. */
function bucketCollections(db: Db, bucketName: string) {
  const files = db.collection<GridFSFile>(`${bucketName}.files`);
  const chunks = db.collection<GridFSChunk>(`${bucketName}.chunks`);
  return {
    files,
    chunks,
    async leftovers(): Promise<string[]> {
      const all = await files.find({}).toArray();
      const fileIds = new Set(all.map((file) => file._id.toHexString()));
      const tempFiles = all.filter((file) => !BLOB_KEY.test(file.filename)).map((file) => `file ${file.filename}`);
      const chunkOwners = await chunks.distinct('files_id');
      const orphans = chunkOwners
        .filter((id: ObjectId) => !fileIds.has(id.toHexString()))
        .map((id: ObjectId) => `chunks of ${id.toHexString()}`);
      return [...tempFiles, ...orphans];
    },
    storedBlobCount: () => files.countDocuments({ filename: { $regex: BLOB_KEY.source } }),
    drop: () => Promise.all([files.drop().catch(() => false), chunks.drop().catch(() => false)]),
  };
}

describeIfServer('GridFS', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = new MongoClient(url ?? '');
    await client.connect();
    db = client.db();
  });

  afterAll(async () => {
    await client.close();
  });

  describeBlobStoreContract('gridfs', async () => {
    const bucketName = `blobs_${randomUUID().replaceAll('-', '')}`;
    const bucket = bucketCollections(db, bucketName);
    const store = await GridFsBlobStore.open({ db, bucketName });
    return {
      store,
      leftovers: bucket.leftovers,
      storedBlobCount: bucket.storedBlobCount,
      dispose: async () => {
        await store.close();
        await bucket.drop();
      },
    };
  });

  it('open() removes stale temporary uploads and keeps recent ones', async () => {
    const bucketName = `blobs_${randomUUID().replaceAll('-', '')}`;
    const bucket = bucketCollections(db, bucketName);
    const tempUpload = (filename: string, uploadDate: Date): GridFSFile => ({
      _id: new ObjectId(),
      filename,
      uploadDate,
      length: 1,
      chunkSize: 255 * 1024,
    });
    const stale = tempUpload('tmp/crashed', new Date(Date.now() - 2 * 60 * 60 * 1000));
    const recent = tempUpload('tmp/in-progress', new Date());
    await bucket.files.insertMany([stale, recent]);
    await bucket.chunks.insertMany(
      [stale, recent].map((file) => ({
        _id: new ObjectId(),
        files_id: file._id,
        n: 0,
        data: Buffer.from('x'),
      })),
    );
    try {
      await GridFsBlobStore.open({ db, bucketName, staleTempAfterMs: 60 * 60 * 1000 });
      expect(
        await bucket.files
          .find({})
          .map((file) => file.filename)
          .toArray(),
      ).toEqual(['tmp/in-progress']);
      expect(await bucket.chunks.countDocuments({ files_id: stale._id })).toBe(0);
      expect(await bucket.chunks.countDocuments({ files_id: recent._id })).toBe(1);
    } finally {
      await bucket.drop();
    }
  });
});
