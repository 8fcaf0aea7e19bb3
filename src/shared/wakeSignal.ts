/** Lets a worker loop sleep until woken; a wake that arrives while it is busy is not lost. */
export class WakeSignal {
  private pending = false;
  private wakeUp: (() => void) | null = null;

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  /** Resolves at once if woken since the last wait, else at the next wake. */
  async wait(): Promise<void> {
    if (!this.pending) await new Promise<void>((resolve) => (this.wakeUp = resolve));
    this.wakeUp = null;
    this.pending = false;
  }
}
