import { RecentlyUsed } from '../shared/recentlyUsed';

/** A stream's state folded up to a revision, and the hash of the event at that revision (its chain so far). */
export interface FoldedState<TState> {
  state: TState;
  revision: bigint;
  hash: string;
}

/**
 * The last folded state of recently used streams, so that loading one reads and folds only the events
 * appended after it. Events never change once stored, so an entry stays true; it may only be behind,
 * and the load reads what came after it. Bounded: the least recently used streams are forgotten first.
 */
export class FoldedStates {
  private readonly entries: RecentlyUsed<string, FoldedState<unknown>>;

  constructor(maxEntries = 10_000) {
    this.entries = new RecentlyUsed(maxEntries);
  }

  get<TState>(stream: string): FoldedState<TState> | undefined {
    return this.entries.get(stream) as FoldedState<TState> | undefined;
  }

  /** Keeps the furthest folded state: a concurrent writer's older one does not replace it. */
  remember<TState>(stream: string, folded: FoldedState<TState>): void {
    const current = this.entries.peek(stream);
    if (current && current.revision >= folded.revision) return;
    this.entries.set(stream, folded);
  }
}
