import { setTimeout as sleep } from 'node:timers/promises';
import { totpCodeAt } from '../../src/commands/mfa/totpCodes';

const STEP_MS = 30_000;

/**
 * Acts as a user's authenticator app over real time: each code is of a later time step than the one before
 * (the server accepts a step once) and at most one step ahead of now, which the server accepts (±1 step);
 * a third code within one step waits for the next.
 */
export class Authenticator {
  private lastStep = -Infinity;

  constructor(readonly secret: string) {}

  async nextCode(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const current = Math.floor(now / STEP_MS);
      const step = Math.max(this.lastStep + 1, current);
      if (step <= current + 1) {
        this.lastStep = step;
        return totpCodeAt(this.secret, new Date(step * STEP_MS));
      }
      await sleep(STEP_MS - (now % STEP_MS) + 50);
    }
  }

  /** The code of the last step used: a replay. */
  lastCode(): string {
    return totpCodeAt(this.secret, new Date(this.lastStep * STEP_MS));
  }
}
