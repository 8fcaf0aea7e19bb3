import type { EventStore, Position, Subscription } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import { measureLag } from './projectionLag';
import type { ProjectionProgress, ProjectionStatus } from './projectionProgress';
import type { Projection } from './projection';
import { ProjectionFeed } from './projectionFeed';
import { ProjectionRunner } from './projectionRunner';
import { PositionWaiters } from './positionWaiters';

export interface RebuildProgress {
  projection: string;
  processed: number;
  total: number;
}

/** Runs every projection in this process from one reader of the log, wakes it on appends, and answers read-your-writes waits. */
export class ProjectionManager implements ProjectionProgress {
  private readonly runners: ProjectionRunner[];
  private readonly feed: ProjectionFeed;
  private readonly waiters = new PositionWaiters();
  private readonly progressListeners = new Set<() => void>();
  private subscription: Subscription | null = null;

  constructor(
    projections: readonly Projection[],
    private readonly eventStore: EventStore,
    readStore: ReadStore,
    private readonly logger: Logger,
    batchSize: number,
  ) {
    this.runners = projections.map(
      (projection) =>
        new ProjectionRunner(projection, readStore, logger.child({ projection: projection.name }), {}, () => this.settleWaiters()),
    );
    this.feed = new ProjectionFeed(eventStore, this.runners, batchSize);
  }

  async start(): Promise<void> {
    for (const runner of this.runners) await runner.prepare();
    const head = await this.eventStore.headPosition();
    this.subscription = this.eventStore.subscribe(head, () => this.wakeAll(), {
      onError: (error) => this.logger.error('event subscription failed; projections now wake only when polled', { error }),
    });
    for (const runner of this.runners) runner.start();
    this.feed.start();
    this.logger.info('projections started', { projections: this.runners.map((runner) => runner.projection.name) });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
    await this.feed.stop();
    for (const runner of this.runners) runner.stop();
  }

  wakeAll(): void {
    this.feed.wake();
  }

  async statuses(): Promise<ProjectionStatus[]> {
    return Promise.all(
      this.runners.map(async (runner) => {
        const status = runner.status();
        return { ...status, ...(await measureLag(this.eventStore, status.position)) };
      }),
    );
  }

  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs, (target) => this.reached(target));
  }

  async checkpointOf(name: string): Promise<Position | null> {
    return this.runners.find((runner) => runner.projection.name === name)?.checkpoint ?? null;
  }

  onProgress(listener: () => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Drops every read model and replays the whole log into all of them at once; the manager must not be started. */
  async rebuild(onProgress: (progress: RebuildProgress) => void): Promise<void> {
    const total = await this.countEvents();
    const processed = new Map<ProjectionRunner, number>();
    for (const runner of this.runners) {
      await runner.prepare(true);
      runner.start();
      processed.set(runner, 0);
      onProgress({ projection: runner.projection.name, processed: 0, total });
    }
    await this.feed.drain((runner, events) => {
      processed.set(runner, processed.get(runner)! + events);
      onProgress({ projection: runner.projection.name, processed: processed.get(runner)!, total });
    });
    for (const runner of this.runners) runner.stop();
    const failed = this.runners.map((runner) => runner.status()).filter((status) => status.failure);
    if (failed.length > 0)
      throw new Error(
        `rebuild failed: ${failed.map(({ name, failure }) => `${name} at ${failure!.eventType} ${failure!.position}: ${failure!.message}`).join('; ')}`,
      );
  }

  private async countEvents(): Promise<number> {
    let count = 0;
    let after: Position | null = null;
    for (;;) {
      const page = await this.eventStore.readAll({ after, limit: 5000 });
      if (page.length === 0) return count;
      count += page.length;
      after = page[page.length - 1]!.position;
    }
  }

  private reached(target: Position): boolean {
    return this.runners.every((runner) => {
      const { position } = runner.status();
      return position !== null && position >= target;
    });
  }

  private settleWaiters(): void {
    this.waiters.check((target) => this.reached(target));
    for (const listener of [...this.progressListeners]) listener();
  }
}
