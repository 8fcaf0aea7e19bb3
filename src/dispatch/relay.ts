import { categoryOf, INTERNAL_CATEGORIES } from '../domain/publicEvents';
import type { EventStore, Position, Subscription } from '../ports/eventStore';
import { WakeSignal } from '../shared/wakeSignal';
import type { Logger } from '../ports/logger';
import type { MessageLog, OutgoingMessage } from '../ports/messageLog';
import type { Document, ReadStore } from '../ports/readStore';
import { toCloudEvent } from './cloudEvents';

const CHECKPOINTS = 'relay_checkpoints';
const RELAY = 'event-topics';

interface RelayCheckpoint extends Document {
  position: Position | null;
}

/** Position of the last event the relay has published, as saved: what another process can see of its progress. */
export async function relayedPosition(checkpoints: ReadStore): Promise<Position | null> {
  return (await checkpoints.get<RelayCheckpoint>(CHECKPOINTS, RELAY))?.position ?? null;
}

export interface RelayOptions {
  batchSize: number;
  retryDelayMs?: number;
}

/**
 * Copies every public event from the event store to the message log, in order, at least once:
 * a batch is published before its checkpoint is saved, so a crash in between re-publishes it
 * (consumers deduplicate by `ce_id`).
 */
export class Relay {
  private running = false;
  private loop: Promise<void> | null = null;
  private subscription: Subscription | null = null;
  private readonly signal = new WakeSignal();
  private position: Position | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly messageLog: MessageLog,
    private readonly checkpoints: ReadStore,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    this.position = await relayedPosition(this.checkpoints);
    this.subscription = this.eventStore.subscribe(await this.eventStore.headPosition(), () => this.wake(), {
      onError: (error) => this.logger.error('relay subscription failed', { error }),
    });
    this.running = true;
    this.loop = this.run();
    this.logger.info('relay started', { from: this.position });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.subscription?.close();
    await this.loop;
  }

  get checkpoint(): Position | null {
    return this.position;
  }

  private wake(): void {
    this.signal.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.relayBatch()) > 0) continue;
      } catch (error) {
        this.logger.error('relay batch failed; retrying', { error, position: this.position });
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
        continue;
      }
      await this.signal.wait();
    }
  }

  private async relayBatch(): Promise<number> {
    const batch = await this.eventStore.readAll({ after: this.position, limit: this.options.batchSize });
    if (batch.length === 0) return 0;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const event of batch) {
      if (INTERNAL_CATEGORIES.has(categoryOf(event.streamId))) continue;
      const { topic, message } = toCloudEvent(event);
      const messages = byTopic.get(topic) ?? [];
      messages.push(message);
      byTopic.set(topic, messages);
    }
    for (const [topic, messages] of byTopic) await this.messageLog.publish(topic, messages);
    const last = batch[batch.length - 1]!.position;
    await this.checkpoints.upsert(CHECKPOINTS, { _id: RELAY, position: last });
    this.position = last;
    return batch.length;
  }
}
