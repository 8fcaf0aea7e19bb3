import type { Position } from '../ports/eventStore';

interface Waiter {
  position: Position;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/** Callers waiting for a position; `check` settles those whose position has been reached. */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  wait(position: Position, timeoutMs: number, reached: (position: Position) => boolean): Promise<boolean> {
    if (reached(position)) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((other) => other !== waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  check(reached: (position: Position) => boolean): void {
    if (this.waiters.length === 0) return;
    const remaining: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (reached(waiter.position)) {
        clearTimeout(waiter.timer);
        waiter.resolve(true);
      } else {
        remaining.push(waiter);
      }
    }
    this.waiters = remaining;
  }

  get size(): number {
    return this.waiters.length;
  }
}
