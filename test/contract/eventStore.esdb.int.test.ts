import { EsdbEventStore } from '../../src/adapters/eventStore/esdbEventStore';
import { describeEventStoreContract } from './eventStore.contract';

const url = process.env.FILORA_TEST_ESDB_URL;
if (!url)
  console.log('EventStore contract on EventStoreDB skipped: FILORA_TEST_ESDB_URL is not set (e.g. esdb://localhost:2113?tls=false)');
const describeIfServer = url ? describe : describe.skip;

describeIfServer('EventStoreDB', () => {
  describeEventStoreContract(
    'esdb',
    async () => {
      const store = EsdbEventStore.fromConnectionString(url ?? '');
      return { store, dispose: () => store.close() };
    },
    // A shared server holds earlier events, and EventStoreDB has no global index of event ids.
    { startsEmpty: false, rejectsIdReusedInAnotherStream: false },
  );
});
