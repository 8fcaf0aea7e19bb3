import { chainedHashAfter, chainEvents, GENESIS_HASH } from '../domain/audit/eventHash';
import { WrongExpectedRevisionError } from '../ports/errors';
import type { AppendResult, EventStore, EventToAppend } from '../ports/eventStore';
import { KeyedMutex } from '../shared/keyedMutex';
import { RecentlyUsed } from '../shared/recentlyUsed';
import { afterConflict } from './conflictBackoff';
import { visitStreamFrom } from './streamPages';

/** Where a stream's chain stands: its last revision and the hash its next event chains to. */
interface ChainTail {
  revision: bigint | 'no_stream';
  hash: string;
}

const EMPTY: ChainTail = { revision: 'no_stream', hash: GENESIS_HASH };

export interface ChainedAppenderOptions {
  /** Attempts in all when other processes keep appending to the same stream. */
  maxAttempts?: number;
  /** Streams whose tail is remembered. */
  maxStreams?: number;
}

/**
 * Appends facts that no decision needs (downloads, usage records) to a stream, hash-chained and with the
 * expected revision that keeps the chain whole. Appends to one stream are serialised within the process, so
 * they never conflict with each other; a conflict with another process reads what it wrote and tries again.
 * The tail of a recently used stream is remembered, so an append reads nothing unless another process wrote.
 */
export class ChainedAppender {
  private readonly tails: RecentlyUsed<string, ChainTail>;
  private readonly turns = new KeyedMutex();
  private readonly maxAttempts: number;

  constructor(
    private readonly eventStore: EventStore,
    options: ChainedAppenderOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.tails = new RecentlyUsed(options.maxStreams ?? 10_000);
  }

  /** `events` without chain fields; a retry of a batch with the same ids that did land is answered where it lies. */
  append(stream: string, events: readonly EventToAppend[]): Promise<AppendResult> {
    return this.turns.run(stream, () => this.appendInTurn(stream, events));
  }

  private async appendInTurn(stream: string, events: readonly EventToAppend[]): Promise<AppendResult> {
    let tail = this.tails.get(stream) ?? (await this.readOn(stream, EMPTY));
    for (let attempt = 1; ; attempt++) {
      const chained = chainEvents(tail.hash, events);
      try {
        const result = await this.eventStore.append(stream, chained.events, { expectedRevision: tail.revision });
        const written = (tail.revision === 'no_stream' ? -1n : tail.revision) + BigInt(events.length);
        // A repeated batch stored earlier answers where it lies, not at the tail chained on here.
        if (result.nextExpectedRevision === written) this.tails.set(stream, { revision: written, hash: chained.lastHash });
        else this.tails.delete(stream);
        return result;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.maxAttempts) throw error;
        await afterConflict(attempt);
        tail = await this.readOn(stream, tail);
      }
    }
  }

  /** The tail after the events appended since `known`. */
  private async readOn(stream: string, known: ChainTail): Promise<ChainTail> {
    let tail = known;
    await visitStreamFrom(this.eventStore, stream, known.revision === 'no_stream' ? 0n : known.revision + 1n, (event) => {
      tail = { revision: event.revision, hash: chainedHashAfter(tail.hash, event) };
    });
    this.tails.set(stream, tail);
    return tail;
  }
}
