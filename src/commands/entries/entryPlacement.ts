import type { EventMetadata } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import type { LoadedClaim } from '../claims/nameClaims';
import { runWorkflow } from '../workflow/workflow';
import type { EntryKey, EntryNames } from './entryNames';
import { sameEntryKey } from './entryNames';

/** A change of where an entry sits: created (`from` null), or renamed or moved. */
export interface Placement<T> {
  holderId: string;
  from: EntryKey | null;
  to: EntryKey;
  /** The claim of `to` as the caller read it already (an upload's precheck), so it is not read again. */
  toClaim?: LoadedClaim;
  /** The change on the entry's own stream. */
  apply(): Promise<T>;
  /** Reverses `apply` when `verify` fails. */
  undo?(result: T): Promise<unknown>;
  /** Checks, after the change, what another writer may have changed meanwhile (the parent deleted, a cycle formed). */
  verify?(result: T): Promise<void>;
}

/**
 * Moves an entry's name claim along with the entry: claim the new name, apply, verify, then release
 * the old name; on failure, undo the change and release the new name.
 *
 * Releases are conditional on the claim stream's revision (`releaseAsSeen`): the old claim is read before
 * the change, the new one as it was claimed, and any claim appended since (a concurrent rename back, an
 * undo putting the entry back) keeps the name held. For that, every change of place appends to the claim
 * of the place it goes to: an undo claims the old name again before it moves the entry back.
 */
export class EntryPlacement {
  constructor(
    private readonly names: EntryNames,
    private readonly logger: Logger,
  ) {}

  place<T>(placement: Placement<T>, metadata: EventMetadata): Promise<T> {
    const { holderId, from, to } = placement;
    const rekeyed = from === null || !sameEntryKey(from, to);
    return runWorkflow(this.logger, async (workflow) => {
      const vacated = from && rekeyed ? await this.names.inspect(from) : null;
      if (rekeyed) {
        await workflow.step(() => this.names.claim(to, holderId, metadata, placement.toClaim), {
          what: 'release a name that was not used',
          run: (claimed) => this.names.releaseAsSeen(to, holderId, claimed, metadata),
        });
      }
      const undo = placement.undo;
      const putBack = undo && {
        what: 'undo a change whose check failed',
        run: async (applied: T) => {
          if (from && rekeyed) await this.names.claim(from, holderId, metadata);
          await undo(applied);
        },
      };
      const result = await workflow.step(placement.apply, putBack);
      await placement.verify?.(result);
      if (from && vacated) {
        workflow.onSuccess('release the previous name of an entry', () => this.names.releaseAsSeen(from, holderId, vacated, metadata));
      }
      return result;
    });
  }

  /**
   * An entry going away: the change, then, if it appended anything, the name the entry had when it went
   * (`keyOf` its state then) is released. A deleted entry never uses a name again: no revision check needed.
   */
  remove<S, R extends { events: readonly unknown[]; state: S }>(
    holderId: string,
    apply: () => Promise<R>,
    keyOf: (state: S) => EntryKey,
    metadata: EventMetadata,
  ): Promise<R> {
    return runWorkflow(this.logger, async (workflow) => {
      const result = await apply();
      if (result.events.length > 0) {
        const place = keyOf(result.state);
        workflow.onSuccess('release the name of a deleted entry', () => this.names.releaseIfHeld(place, holderId, metadata));
      }
      return result;
    });
  }
}
