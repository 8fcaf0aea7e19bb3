import { randomUUID } from 'node:crypto';
import type { EventStore, Position, RecordedEvent } from '../../ports/eventStore';
import type { Logger } from '../../ports/logger';
import type { AccessHistoryAudience } from '../../sync/feedAudience';
import type { HorizonWatch } from '../../sync/feedTypes';
import type { PublishDeliveryJobs } from '../dispatcher/deliveryJobs';
import type { WebhookBodyOf } from '../dispatcher/webhookDeliveries';
import { deliveryOf, subscribesTo } from '../dispatcher/webhookDeliveries';
import type { DeliveryCommands, NewDelivery, WebhookRow } from '../webhookPorts';

/** Which events a replay re-sends: those after `after` (null: from the first), and, when given, from `since` to `until`. */
export interface ReplayWindow {
  after: Position | null;
  since?: Date;
  until?: Date;
}

/** A replay that has begun: what it covers; its events are read and re-sent in the background. */
export interface ReplayStarted {
  replayId: string;
  /** The first event the replay reads; null when there is none up to `throughPosition`. */
  fromPosition: Position | null;
  /** Events are read to here (the access read model's checkpoint when the replay began); null with an empty log. */
  throughPosition: Position | null;
  /** Settles when the replay ends; it never rejects (a failure is logged). */
  finished: Promise<ReplayOutcome>;
}

export interface ReplayOutcome {
  replayId: string;
  eventsRead: number;
  /** Deliveries created (one per matching event). */
  deliveries: number;
  /** False when it failed or the process stopped first (it is asked for again). */
  completed: boolean;
}

export interface WebhookReplayDeps {
  eventStore: EventStore;
  /** The access read model's checkpoint: who may see an event is final up to it. */
  horizon: HorizonWatch;
  audience: Pick<AccessHistoryAudience, 'reaching'>;
  deliveries: Pick<DeliveryCommands, 'create'>;
  bodyOf: WebhookBodyOf;
  publishJobs: PublishDeliveryJobs;
  logger: Logger;
  newId?: () => string;
  /** Events read from the log at a time. */
  readBatch?: number;
  /** A progress line is logged each time this many more events have been read. */
  progressEvery?: number;
}

interface RunningReplay {
  stopping: AbortController;
  finished: Promise<unknown>;
}

/** One replay's run: its id, how far it reads, where it logs, and the signal that stops it. */
interface ReplayRun {
  replayId: string;
  through: Position | null;
  logger: Logger;
  signal: AbortSignal;
}

/** Event times may run a little behind positions (clocks of several processes): a replay reads this far past `until`. */
const UNTIL_SLACK_MS = 60_000;
const PROGRESS_EVERY = 10_000;

/**
 * Re-sends every event of the log that a webhook would receive now (its selectors, its owner's visibility), with
 * no window cap: each as a new delivery (the replay's id in its derived id) under the same message id as before.
 * A replay runs in the background of the process that began it, one at a time per webhook; nothing resumes it
 * after a restart (it is asked for again: the receivers dedupe by `webhook-id`).
 */
export class WebhookReplay {
  private readonly running = new Map<string, RunningReplay>();

  constructor(private readonly deps: WebhookReplayDeps) {}

  /** Begins a replay and answers what it covers at once; null while another replay of this webhook runs. */
  async start(webhook: WebhookRow, window: ReplayWindow): Promise<ReplayStarted | null> {
    if (this.running.has(webhook._id)) return null;
    const running: RunningReplay = { stopping: new AbortController(), finished: Promise.resolve() };
    this.running.set(webhook._id, running);
    try {
      const replayId = (this.deps.newId ?? randomUUID)();
      const through = await this.deps.horizon.current();
      const fromPosition = await this.firstPosition(window.after, through);
      const context = { replayId, webhookId: webhook._id, fromPosition, throughPosition: through };
      const logger = this.deps.logger.child(context);
      logger.info('webhook replay started');
      const finished = this.run(webhook, window, { replayId, through, logger, signal: running.stopping.signal }).finally(() =>
        this.running.delete(webhook._id),
      );
      running.finished = finished;
      return { replayId, fromPosition, throughPosition: through, finished };
    } catch (error) {
      this.running.delete(webhook._id);
      throw error;
    }
  }

  /** Resolves once no replay runs (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((running) => running.finished));
  }

  /** Stops the replays under way after their current batch (the process is shutting down). */
  async close(): Promise<void> {
    for (const running of this.running.values()) running.stopping.abort();
    await this.idle();
  }

  private async firstPosition(after: Position | null, through: Position | null): Promise<Position | null> {
    if (through === null) return null;
    const [first] = await this.deps.eventStore.readAll({ after, limit: 1 });
    return first !== undefined && first.position <= through ? first.position : null;
  }

  private async run(webhook: WebhookRow, window: ReplayWindow, replay: ReplayRun): Promise<ReplayOutcome> {
    const { replayId, through, logger, signal } = replay;
    const progressEvery = this.deps.progressEvery ?? PROGRESS_EVERY;
    let [eventsRead, deliveries, nextReport] = [0, 0, progressEvery];
    const outcome = (completed: boolean): ReplayOutcome => ({ replayId, eventsRead, deliveries, completed });
    try {
      let after = window.after;
      while (through !== null && (after === null || after < through)) {
        if (signal.aborted) {
          logger.warn('webhook replay stopped before its end (the process is stopping): ask for it again', { eventsRead, deliveries });
          return outcome(false);
        }
        const read = await this.deps.eventStore.readAll({ after, limit: this.deps.readBatch ?? 500 });
        const batch = read.filter((event) => event.position <= through);
        if (batch.length === 0) break;
        const chosen = batch.filter((event) => inWindow(event, window) && subscribesTo(webhook, event, { includeOlder: true }));
        deliveries += await this.resend(webhook, chosen, replayId);
        eventsRead += batch.length;
        after = batch[batch.length - 1]!.position;
        if (eventsRead >= nextReport) {
          logger.info('webhook replay progress', { eventsRead, deliveries, position: after });
          nextReport = eventsRead + progressEvery;
        }
        if (batch.length < read.length || pastUntil(batch[batch.length - 1]!, window)) break;
      }
      logger.info('webhook replay finished', { eventsRead, deliveries });
      return outcome(true);
    } catch (error) {
      logger.error('webhook replay failed: ask for it again', { eventsRead, deliveries, error });
      return outcome(false);
    }
  }

  private async resend(webhook: WebhookRow, events: readonly RecordedEvent[], replayId: string): Promise<number> {
    if (events.length === 0) return 0;
    const reaching = await this.deps.audience.reaching(webhook.ownerId, events);
    const made: NewDelivery[] = [];
    for (const event of events) {
      if (!reaching.has(event.id)) continue;
      const delivery = this.deliveryOf(event, webhook, replayId);
      if (delivery) made.push(delivery);
    }
    await Promise.all(made.map((delivery) => this.deps.deliveries.create(delivery)));
    await this.deps.publishJobs(made.map(({ deliveryId, webhookId }) => ({ deliveryId, webhookId })));
    return made.length;
  }

  /** Null for an event no body can be made for (the fan-out never sent it either). */
  private deliveryOf(event: RecordedEvent, webhook: WebhookRow, replayId: string): NewDelivery | null {
    try {
      return deliveryOf(event, webhook, this.deps.bodyOf, replayId);
    } catch {
      return null;
    }
  }
}

function inWindow(event: RecordedEvent, window: ReplayWindow): boolean {
  return (window.since === undefined || event.createdAt >= window.since) && (window.until === undefined || event.createdAt <= window.until);
}

const pastUntil = (event: RecordedEvent, window: ReplayWindow): boolean =>
  window.until !== undefined && event.createdAt.getTime() > window.until.getTime() + UNTIL_SLACK_MS;
