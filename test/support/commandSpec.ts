import { MemoryEventStore } from '../../src/adapters/eventStore/memoryEventStore';
import type { StoreTraffic } from './countingEventStore';
import { CountingEventStore } from './countingEventStore';
import type { KitOptions } from './fileCommandKit';
import { fileCommandKit } from './fileCommandKit';

type Kit = Awaited<ReturnType<typeof fileCommandKit>>;

/**
 * Multi-stream commands as given / when / then: `given` builds the history through the commands
 * themselves, `when` runs the command under test, and the `then`s check what it appended, stream by
 * stream category in order, and how many stream reads it made.
 */
export async function commandSpec(options: Omit<KitOptions, 'eventStore'>) {
  const store = new CountingEventStore(new MemoryEventStore());
  const kit = await fileCommandKit({ ...options, eventStore: store });
  let traffic: StoreTraffic | null = null;
  let failure: unknown = null;
  const appendedTypes = () => traffic!.appended.map(({ stream, type }) => [stream.slice(0, stream.indexOf('-')), type]);
  return {
    kit,
    async given<T>(history: (kit: Kit) => Promise<T>): Promise<T> {
      const result = await history(kit);
      store.take();
      return result;
    },
    async when<T>(command: (kit: Kit) => Promise<T>): Promise<T | undefined> {
      try {
        return await command(kit);
      } catch (error) {
        failure = error;
        return undefined;
      } finally {
        traffic = store.take();
      }
    },
    thenAppended(expected: Array<[category: string, type: string]>) {
      expect(failure).toBeNull();
      expect(appendedTypes()).toEqual(expected);
    },
    thenFails(kind: string, appended: Array<[category: string, type: string]> = []) {
      expect(failure).toMatchObject({ kind });
      expect(appendedTypes()).toEqual(appended);
    },
    thenRead(expected: Record<string, number>) {
      expect(traffic!.reads).toEqual(expected);
    },
  };
}
