/** A stream's state folded up to a revision. */
export interface FoldedState<TState> {
  state: TState;
  revision: bigint;
}

/**
 * The last folded state of recently used streams, so that loading one reads and folds only the events
 * appended after it. Events never change once stored, so an entry stays true; it may only be behind,
 * and the load reads what came after it. Bounded: the least recently used streams are forgotten first.
 */
export class FoldedStates {
  private readonly entries = new Map<string, FoldedState<unknown>>();

  constructor(private readonly maxEntries = 10_000) {}

  get<TState>(stream: string): FoldedState<TState> | undefined {
    const entry = this.entries.get(stream);
    if (!entry) return undefined;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry as FoldedState<TState>;
  }

  /** Keeps the furthest folded state: a concurrent writer's older one does not replace it. */
  remember<TState>(stream: string, folded: FoldedState<TState>): void {
    const current = this.entries.get(stream);
    if (current && current.revision >= folded.revision) return;
    this.entries.delete(stream);
    this.entries.set(stream, folded);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
