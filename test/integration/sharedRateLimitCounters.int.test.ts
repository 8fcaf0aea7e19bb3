import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoReadStore } from '../../src/adapters/readStore/mongoReadStore';
import { SharedRateLimitCounters } from '../../src/api/http/rateLimit/sharedRateLimitCounters';
import { mongoKnownGaps } from '../contract/knownGaps';
import { describeRateLimitCounters } from '../contract/rateLimitCounters.contract';

/** The counters API replicas share in the distributed profile, on MongoDB. Needs FILORA_TEST_MONGO_URL; skipped otherwise. */
const url = process.env.FILORA_TEST_MONGO_URL;
if (!url) console.log('Shared rate limit counters on MongoDB skipped: FILORA_TEST_MONGO_URL is not set');
const describeIfServer = url ? describe : describe.skip;

describeIfServer('MongoDB', () => {
  describeRateLimitCounters(
    'shared (MongoDB read store)',
    async () => {
      const client = await MongoClient.connect(url ?? '');
      const dbName = `filora_rate_${randomBytes(4).toString('hex')}`;
      const store = new MongoReadStore(client, dbName);
      return {
        counters: new SharedRateLimitCounters(store),
        close: async () => {
          await store.close();
          await client.db(dbName).dropDatabase();
          await client.close();
        },
      };
    },
    url ? mongoKnownGaps(url) : undefined,
  );
});
