import type { EventMetadata } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import type { LoadedClaim } from '../claims/nameClaims';
import { runWorkflow } from '../workflow/workflow';
import type { EntryKey, EntryNames } from './entryNames';
import { sameEntryKey } from './entryNames';

/** A change of where an entry sits: created (`from` null), renamed or moved, or removed (`to` null). */
export interface Placement<T> {
  holderId: string;
  from: EntryKey | null;
  to: EntryKey | null;
  /** The claim of `to` as the caller read it already (an upload's precheck), so it is not read again. */
  toClaim?: LoadedClaim;
  /** The change on the entry's own stream. */
  apply(): Promise<T>;
  /** Reverses `apply` when `verify` fails. */
  undo?(result: T): Promise<unknown>;
  /** Whether the change happened (a conditional delete may find nothing to do); the old name is released only then. */
  applied?(result: T): boolean;
  /** Checks, after the change, what another writer may have changed meanwhile (the parent deleted, a cycle formed). */
  verify?(result: T): Promise<void>;
}

/**
 * Moves an entry's name claim along with the entry: claim the new name, apply, verify, then release
 * the old name; on failure, undo the change and release the new name. The old claim is read before the
 * change and released only as it was then, so a concurrent rename back to the old name keeps it held.
 */
export class EntryPlacement {
  constructor(
    private readonly names: EntryNames,
    private readonly logger: Logger,
  ) {}

  /** An entry going away: the change, then its name released if the change did anything. */
  remove<T extends { events: readonly unknown[] }>(
    holderId: string,
    from: EntryKey,
    apply: () => Promise<T>,
    metadata: EventMetadata,
  ): Promise<T> {
    return this.place({ holderId, from, to: null, apply, applied: (result) => result.events.length > 0 }, metadata);
  }

  place<T>(placement: Placement<T>, metadata: EventMetadata): Promise<T> {
    const { holderId, from, to } = placement;
    const rekeyed = to !== null && (from === null || !sameEntryKey(from, to));
    const vacating = from !== null && (to === null || rekeyed) ? from : null;
    return runWorkflow(this.logger, async (workflow) => {
      const vacated = vacating ? await this.names.inspect(vacating) : null;
      if (rekeyed) {
        await workflow.step(() => this.names.claim(to, holderId, metadata, placement.toClaim), {
          what: 'release a name that was not used',
          run: (claimed) => this.names.releaseAsSeen(to, holderId, claimed, metadata),
        });
      }
      const undo = placement.undo;
      const result = await workflow.step(placement.apply, undo && { what: 'undo a change whose check failed', run: undo });
      await placement.verify?.(result);
      if (vacating && vacated && (placement.applied?.(result) ?? true)) {
        workflow.onSuccess('release the previous name of an entry', () => this.names.releaseAsSeen(vacating, holderId, vacated, metadata));
      }
      return result;
    });
  }
}
