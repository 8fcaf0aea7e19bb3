import { setImmediate as nextTurn } from 'node:timers/promises';

interface Pending<Request, Outcome> {
  request: Request;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/** What one request of a group came to: its outcome, or the error that failed it alone. */
export type Settled<Outcome> = { ok: true; outcome: Outcome } | { ok: false; error: unknown };

/**
 * Gathers requests into groups that one commit serves. A request that arrives while a group is being
 * committed joins the next group; before taking a group, the queue yields one turn of the event loop,
 * so that requests issued by everything that turn runs (the requests whose I/O completed meanwhile)
 * join it. `commit` settles each request of the group on its own, and throws only for what fails the
 * whole group (the transaction itself), which rejects every request in it.
 */
export class GroupCommit<Request, Outcome> {
  private pending: Pending<Request, Outcome>[] = [];
  private draining = false;

  constructor(
    private readonly commit: (group: readonly Request[]) => Promise<Settled<Outcome>[]>,
    private readonly maxGroup = 1000,
  ) {}

  submit(request: Request): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        await nextTurn();
        const group = this.pending.splice(0, this.maxGroup);
        await this.commitGroup(group);
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: Pending<Request, Outcome>[]): Promise<void> {
    let settled: Settled<Outcome>[];
    try {
      settled = await this.commit(group.map((pending) => pending.request));
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, index) => {
      const result = settled[index]!;
      if (result.ok) pending.resolve(result.outcome);
      else pending.reject(result.error);
    });
  }
}
