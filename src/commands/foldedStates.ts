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
 * Kept per decider: several deciders may fold one stream (the user's, by the user decider and each
 * second factor's), each into a state of its own.
 */
export class FoldedStates {
  private readonly entries: RecentlyUsed<string, FoldedState<unknown>>;
  private readonly deciderKeys = new WeakMap<object, number>();
  private decidersSeen = 0;

  constructor(maxEntries = 10_000) {
    this.entries = new RecentlyUsed(maxEntries);
  }

  get<TState>(decider: object, stream: string): FoldedState<TState> | undefined {
    return this.entries.get(this.keyOf(decider, stream)) as FoldedState<TState> | undefined;
  }

  /** Keeps the furthest folded state: a concurrent writer's older one does not replace it. */
  remember<TState>(decider: object, stream: string, folded: FoldedState<TState>): void {
    const key = this.keyOf(decider, stream);
    const current = this.entries.peek(key);
    if (current && current.revision >= folded.revision) return;
    this.entries.set(key, folded);
  }

  private keyOf(decider: object, stream: string): string {
    let deciderKey = this.deciderKeys.get(decider);
    if (deciderKey === undefined) {
      deciderKey = this.decidersSeen++;
      this.deciderKeys.set(decider, deciderKey);
    }
    return `${deciderKey}:${stream}`;
  }
}
