import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoReadStore } from '../../src/adapters/readStore/mongoReadStore';
import { mongoKnownGaps, NO_GAPS } from './knownGaps';
import { describeReadStoreContract } from './readStore.contract';

const url = process.env.FILORA_TEST_MONGO_URL;
if (!url)
  console.log('ReadStore contract on MongoDB skipped: FILORA_TEST_MONGO_URL is not set (e.g. mongodb://127.0.0.1:27017/filora_test)');
const describeIfServer = url ? describe : describe.skip;

/** Each run gets its own database, named after the URL's (default filora_test) plus a random suffix. */
function freshDatabaseName(connectionUrl: string): string {
  const base = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^/?]+)/.exec(connectionUrl)?.[1] ?? 'filora_test';
  return `${base}_${randomBytes(4).toString('hex')}`;
}

describeIfServer('MongoDB', () => {
  const knownGaps = url ? mongoKnownGaps(url) : NO_GAPS;
  describeReadStoreContract(
    'mongo',
    async () => {
      const client = await MongoClient.connect(url ?? '');
      const dbName = freshDatabaseName(url ?? '');
      const store = new MongoReadStore(client, dbName);
      return {
        store,
        atomicTransactions: await store.supportsTransactions(),
        dispose: async () => {
          await store.close();
          await client.db(dbName).dropDatabase();
          await client.close();
        },
      };
    },
    knownGaps,
  );
});
