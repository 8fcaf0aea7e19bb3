import { abortableSleep } from '../../shared/abortableSleep';

/**
 * Wakes this process's consumers of a topic as soon as something is published to it in this process.
 * Each topic has a version that grows with every publish, so a wake-up that happens between a consumer's
 * empty fetch and its wait is not lost: the consumer passes the version it read before fetching.
 */
export class TopicWakeups {
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();

  version(topic: string): number {
    return this.versions.get(topic) ?? 0;
  }

  notify(topic: string): void {
    this.versions.set(topic, this.version(topic) + 1);
    const waiting = this.waiters.get(topic);
    this.waiters.delete(topic);
    for (const wake of waiting ?? []) wake();
  }

  /** Resolves when the topic's version moves past seenVersion, after timeoutMs, or when signal aborts. */
  async wait(topic: string, seenVersion: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.version(topic) !== seenVersion) return;
    const wakeUp = new AbortController();
    const abortWait = (): void => wakeUp.abort();
    signal.addEventListener('abort', abortWait, { once: true });
    let waiting = this.waiters.get(topic);
    if (!waiting) this.waiters.set(topic, (waiting = new Set()));
    waiting.add(abortWait);
    try {
      await abortableSleep(timeoutMs, wakeUp.signal);
    } finally {
      waiting.delete(abortWait);
      signal.removeEventListener('abort', abortWait);
    }
  }
}
