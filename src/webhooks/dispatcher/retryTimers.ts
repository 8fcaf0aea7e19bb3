/** The retries an endpoint runs again from memory, each on its own timer, by delivery id. */
export class RetryTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** Calls `due` after `delayMs` (at once when not positive), unless cancelled first. */
  schedule(deliveryId: string, delayMs: number, due: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(deliveryId);
        due();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.set(deliveryId, timer);
  }

  cancel(deliveryId: string): void {
    const timer = this.timers.get(deliveryId);
    if (timer) clearTimeout(timer);
    this.timers.delete(deliveryId);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
