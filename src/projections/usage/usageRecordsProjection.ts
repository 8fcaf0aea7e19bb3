import type { UsageRecord } from '../../domain/usage/usageEvents';
import { usageRecorded } from '../../domain/usage/usageEvents';
import type { RecordedEvent } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { Projection } from '../projection';

export interface UsageRecordsProjectionSpec {
  name: string;
  version: number;
  collections: readonly string[];
  setup(store: ReadStore): Promise<void>;
  /** Writes what one UsageRecorded batch changes; each document at most once (the runner's position guard). */
  applyRecords(tx: ReadStore, records: readonly UsageRecord[], recorded: RecordedEvent): Promise<void>;
}

/** A read model of usage records: each UsageRecorded event hands its batch of records over, validated. */
export function usageRecordsProjection(spec: UsageRecordsProjectionSpec): Projection {
  return {
    name: spec.name,
    version: spec.version,
    collections: spec.collections,
    handles: [usageRecorded.shape.type.value],
    setup: (store) => spec.setup(store),
    async apply(recorded, tx) {
      const { data } = usageRecorded.parse({ type: recorded.type, data: recorded.data });
      await spec.applyRecords(tx, data.records, recorded);
    },
  };
}
