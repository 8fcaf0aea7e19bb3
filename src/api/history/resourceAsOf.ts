import type { RoleLookup } from '../../audit/auditPorts';
import type { Actor, OwnedState } from '../../domain/access/accessPolicy';
import { notFound } from '../../domain/shared/domainError';
import type { DomainEvent } from '../../domain/shared/decider';
import type { FoldedAsOf, HistoryBound } from '../../commands/history/foldAsOf';
import { foldAsOf } from '../../commands/history/foldAsOf';
import type { Aggregate } from '../../commands/pipeline';
import type { EventStore } from '../../ports/eventStore';
import type { ReadStore } from '../../ports/readStore';
import type { SyncFeed } from '../../sync/syncFeed';
import { requireWrittenBound } from './asOf';
import type { PastReader } from './asOfAccess';
import { pastReaderOf } from './asOfAccess';

export interface PastServices {
  eventStore: EventStore;
  readStore: ReadStore;
  roles: RoleLookup;
  /** Its horizon: how far the access history is final. */
  sync: Pick<SyncFeed, 'horizon'>;
}

export interface ResourceAsOf<S> {
  folded: FoldedAsOf<S>;
  reader: PastReader;
}

/**
 * A file or folder as it stood at the bound, folded from its stream, if the actor may read it as of then.
 * Not found when it did not exist yet, or when the actor may not read it then (whether it exists or not).
 */
export async function resourceAsOf<C, E extends DomainEvent, S extends OwnedState>(
  services: PastServices,
  aggregate: Aggregate<C, E, S>,
  actor: Actor,
  id: string,
  bound: HistoryBound,
  shown: (state: S) => unknown,
): Promise<ResourceAsOf<S>> {
  await requireWrittenBound(bound, () => services.eventStore.headPosition());
  const folded = await foldAsOf(services.eventStore, aggregate, id, bound, shown);
  const reader =
    folded && folded.state.exists ? await pastReaderOf(services, actor, { id, ownerId: folded.state.ownerId }, bound, folded.last) : null;
  if (!folded || !reader) throw notFound(`${aggregate.category} not found`);
  return { folded, reader };
}
