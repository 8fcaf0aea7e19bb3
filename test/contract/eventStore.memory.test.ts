import { MemoryEventStore } from '../../src/adapters/eventStore/memoryEventStore';
import { describeEventStoreContract } from './eventStore.contract';

describeEventStoreContract(
  'memory',
  async () => {
    const store = new MemoryEventStore();
    return { store, dispose: () => store.close() };
  },
  { startsEmpty: true, rejectsIdReusedInAnotherStream: true },
);
