import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { chainedHashAfter, chainEvents, GENESIS_HASH } from '../domain/audit/eventHash';
import type { Decider, DomainEvent } from '../domain/shared/decider';
import { WrongExpectedRevisionError } from '../ports/errors';
import type { EventMetadata, EventStore, ExpectedRevision, Position } from '../ports/eventStore';
import { afterConflict } from './conflictBackoff';
import { FoldedStates } from './foldedStates';
import { visitStreamFrom } from './streamPages';

/** An aggregate as the pipeline needs it: its stream category, how to parse its events, and its decider. */
export interface Aggregate<TCommand, TEvent extends DomainEvent, TState> {
  category: string;
  eventSchema: z.ZodType<TEvent>;
  decider: Decider<TCommand, TEvent, TState>;
}

export interface LoadedStream<TState> {
  state: TState;
  revision: ExpectedRevision;
  exists: boolean;
  /** The hash the next event of the stream chains to: its last event's, or GENESIS_HASH for a new stream. */
  hash: string;
}

export interface CommandResult<TEvent, TState> {
  /** Events this command appended (empty when the decision was that nothing changes). */
  events: TEvent[];
  state: TState;
  /** Position of the last appended event, or null when nothing was appended. */
  position: Position | null;
  /** The stream's revision after the command. */
  revision: ExpectedRevision;
  /** The stream's chain hash after the command (see LoadedStream.hash). */
  hash: string;
}

export interface PipelineOptions {
  now?: () => Date;
  /** Folded states of recently used streams; a pipeline of its own by default. */
  foldedStates?: FoldedStates;
  newId?: () => string;
  /** Attempts in all when appends keep meeting concurrent writers. */
  maxAttempts?: number;
}

export interface ExecuteOptions<TState> {
  /**
   * The stream as the caller already read it: the first attempt decides on it instead of reading the
   * stream again. A stale one only costs a retry, since the append checks its revision.
   */
  loaded?: LoadedStream<TState>;
  /** Decide once: a concurrent write fails the command with WrongExpectedRevisionError instead of re-deciding. */
  once?: boolean;
}

/**
 * A command, or how to make one from the stream as read: facts gathered outside the domain for that
 * state (who else holds a claim, and whether they still use it) are gathered again on every attempt.
 */
export type CommandFor<C, S> = C | ((loaded: LoadedStream<S>) => Promise<C>);

export const streamName = (category: string, id: string) => `${category}-${id}`;

export const unwritten = <TState>(state: TState): LoadedStream<TState> => ({
  state,
  revision: 'no_stream',
  exists: false,
  hash: GENESIS_HASH,
});

/** load stream -> fold -> decide -> append with the expected revision, retried on concurrency conflicts. */
export class CommandPipeline {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly maxAttempts: number;
  private readonly folded: FoldedStates;

  constructor(
    private readonly eventStore: EventStore,
    options: PipelineOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.folded = options.foldedStates ?? new FoldedStates();
  }

  /** The time deciders decide at, for access checks a handler makes before deciding. */
  currentTime(): Date {
    return this.now();
  }

  /**
   * The stream's state and chain hash, folded on from the last state this process folded for it: only newer
   * events are read. Events written before chains existed get the hash they would have had (chainedHashAfter).
   */
  async load<C, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, id: string): Promise<LoadedStream<S>> {
    const stream = streamName(aggregate.category, id);
    const known = this.folded.get<S>(aggregate.decider, stream);
    let state = known?.state ?? aggregate.decider.initialState;
    let revision: ExpectedRevision = known?.revision ?? 'no_stream';
    let hash = known?.hash ?? GENESIS_HASH;
    await visitStreamFrom(this.eventStore, stream, known ? known.revision + 1n : 0n, (recorded) => {
      state = aggregate.decider.evolve(state, aggregate.eventSchema.parse({ type: recorded.type, data: recorded.data }));
      revision = recorded.revision;
      hash = chainedHashAfter(hash, recorded);
    });
    if (typeof revision === 'bigint') this.folded.remember(aggregate.decider, stream, { state, revision, hash });
    return { state, revision, exists: revision !== 'no_stream', hash };
  }

  /** Starts a stream that cannot exist yet (its id was just generated), without reading it first. */
  create<C, E extends DomainEvent, S>(aggregate: Aggregate<C, E, S>, id: string, command: C, metadata: EventMetadata) {
    return this.execute(aggregate, id, command, metadata, { loaded: unwritten(aggregate.decider.initialState) });
  }

  async execute<C, E extends DomainEvent, S>(
    aggregate: Aggregate<C, E, S>,
    id: string,
    commandFor: CommandFor<C, S>,
    metadata: EventMetadata,
    options: ExecuteOptions<S> = {},
  ): Promise<CommandResult<E, S>> {
    let loaded = options.loaded;
    for (let attempt = 1; ; attempt++) {
      const stream = loaded ?? (await this.load(aggregate, id));
      loaded = undefined;
      const { state, revision, hash } = stream;
      const command = typeof commandFor === 'function' ? await (commandFor as (loaded: LoadedStream<S>) => Promise<C>)(stream) : commandFor;
      const events = aggregate.decider.decide(command, state, { now: this.now(), newId: this.newId });
      const nextState = events.reduce(aggregate.decider.evolve, state);
      if (events.length === 0) return { events, state: nextState, position: null, revision, hash };
      // A decider bug must not store an event that no one can read back.
      const valid = events.map((event) => aggregate.eventSchema.parse(event));
      const chained = chainEvents(
        hash,
        valid.map((event) => ({ id: this.newId(), type: event.type, data: event.data as Record<string, unknown>, metadata })),
      );
      try {
        const result = await this.eventStore.append(streamName(aggregate.category, id), chained.events, { expectedRevision: revision });
        this.folded.remember(aggregate.decider, streamName(aggregate.category, id), {
          state: nextState,
          revision: result.nextExpectedRevision,
          hash: chained.lastHash,
        });
        return { events, state: nextState, position: result.position, revision: result.nextExpectedRevision, hash: chained.lastHash };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || options.once || attempt >= this.maxAttempts) throw error;
        await afterConflict(attempt);
      }
    }
  }
}
