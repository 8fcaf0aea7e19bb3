/** Wakes in-process subscribers when events were appended, without losing a wake-up that races a read. */
export class AppendNotifier {
  private version = 0;
  private readonly waiters = new Set<() => void>();

  /** Read this before querying for new events, then pass it to `wait`. */
  get current(): number {
    return this.version;
  }

  notify(): void {
    this.version += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves on the next append after `seen` (at once if one happened already), on abort, or after timeoutMs. */
  wait(seen: number, signal: AbortSignal, timeoutMs?: number): Promise<void> {
    if (this.version !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = timeoutMs === undefined ? undefined : setTimeout(wake, timeoutMs);
      signal.addEventListener('abort', wake, { once: true });
      this.waiters.add(wake);
    });
  }
}
