import type { Logger } from '../ports/logger';

export interface PeriodicStart {
  /** Runs the task at once as well, rather than first after one interval. */
  runNow: boolean;
}

/**
 * Runs a background task every interval until stopped, never two runs at once: a run still going when
 * the next is due is not overlapped. A run that fails is logged (`failureMessage`, with the error) and
 * the next one is tried at the next interval. The timer does not keep the process alive.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly failureMessage: string,
  ) {}

  /** Does nothing if already started. */
  start(intervalMs: number, { runNow }: PeriodicStart): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
    if (runNow) void this.run();
  }

  /** Runs the task now, or joins the run in progress; resolves when that run ends and never rejects. */
  run(): Promise<void> {
    this.running ??= this.task()
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(this.failureMessage, { error }),
      )
      .finally(() => (this.running = null));
    return this.running;
  }

  /** No run starts after this; resolves once the run in progress, if any, has ended. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
