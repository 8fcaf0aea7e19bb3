import type { CredentialCheck, HeldCredential } from '../api/auth/credentialCheck';
import { credentialKey } from '../api/auth/credentialCheck';
import type { Logger } from '../ports/logger';
import { PeriodicJob } from '../shared/periodicJob';
import type { Connection } from './connection';
import type { RealtimeHub } from './realtimeHub';

/** Credentials looked up at once during a sweep. */
const CHECKS_AT_ONCE = 100;

/**
 * Checks the credential of every open connection again, each distinct credential once per sweep, and
 * closes the connections whose credential no longer stands (`unauthorized`, with the reason): a logout, a
 * revoked token or an expired access token ends a connection within one interval plus the answers'
 * reuse (≤ 500 ms). A check that fails (a store down) leaves the connections open until the next sweep.
 */
export class CredentialSweep {
  private readonly job: PeriodicJob;

  constructor(
    private readonly hub: RealtimeHub,
    private readonly credentials: CredentialCheck,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {
    this.job = new PeriodicJob(() => this.checkAll(), logger, 'realtime credential sweep failed');
  }

  start(): void {
    this.job.start(this.intervalMs, { runNow: false });
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One pass over the open connections; a pass still running is not doubled. */
  sweep(): Promise<void> {
    return this.job.run();
  }

  private async checkAll(): Promise<void> {
    const holders = new Map<string, { credential: HeldCredential; connections: Connection[] }>();
    for (const connection of this.hub.connections()) {
      const key = credentialKey(connection.identity.credential);
      const holder = holders.get(key) ?? { credential: connection.identity.credential, connections: [] };
      holder.connections.push(connection);
      holders.set(key, holder);
    }
    const all = [...holders.values()];
    for (let start = 0; start < all.length; start += CHECKS_AT_ONCE) {
      await Promise.all(all.slice(start, start + CHECKS_AT_ONCE).map((holder) => this.check(holder.credential, holder.connections)));
    }
  }

  private async check(credential: HeldCredential, connections: readonly Connection[]): Promise<void> {
    try {
      const verdict = await this.credentials.verdict(credential);
      for (const connection of connections) {
        const ended = verdict(connection.identity.ip);
        if (ended !== null) connection.close({ code: 'unauthorized', message: `unauthorized: ${ended}` });
      }
    } catch (error) {
      this.logger.warn('could not check a realtime credential; checking again at the next sweep', { error, kind: credential.kind });
    }
  }
}
