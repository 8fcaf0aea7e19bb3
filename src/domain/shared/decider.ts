/** What a decider may know about the world besides the command: injected so decisions are deterministic. */
export interface DecideContext {
  now: Date;
  newId(): string;
}

/** A domain event as deciders see it: a type tag and its data. Storage details are added by the pipeline. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

export interface Decider<TCommand, TEvent extends DomainEvent, TState> {
  initialState: TState;
  evolve(state: TState, event: TEvent): TState;
  decide(command: TCommand, state: TState, context: DecideContext): TEvent[];
}

export function fold<TEvent extends DomainEvent, TState>(
  decider: Pick<Decider<never, TEvent, TState>, 'initialState' | 'evolve'>,
  events: readonly TEvent[],
): TState {
  return events.reduce(decider.evolve, decider.initialState);
}
