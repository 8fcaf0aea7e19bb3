import type { ExpireShare } from '../commands/shares/expireShare';
import type { EventMetadata } from '../ports/eventStore';
import type { Logger } from '../ports/logger';
import type { ReadStore } from '../ports/readStore';
import type { ShareGrantRow } from '../projections/access/accessRows';
import { SHARE_GRANTS } from '../projections/access/accessRows';
import { PeriodicJob } from '../shared/periodicJob';

/** How often the expirer looks for shares past their expiry: a ShareExpired follows an expiry within this and a projection pass. */
export const SHARE_EXPIRY_INTERVAL_MS = 15_000;

const EXPIRER_METADATA: EventMetadata = { causationId: 'share-expirer', correlationId: 'share-expirer' };

export interface ShareExpirerOptions {
  /** Most grants one run records; the rest wait for the next run. */
  limit?: number;
}

/**
 * Records ShareExpired (FolderShareExpired) for shares whose expiry has passed, for the sync feed and
 * webhooks: access itself already stopped at the expiry, checked at every access. Candidates come from
 * the share_grants read model, which may lag; each is decided on the resource's stream, which appends
 * nothing for a grant changed, revoked or already expired since (ExpireShare). Runs in the projector role.
 */
export class ShareExpirer {
  private readonly job: PeriodicJob;

  constructor(
    private readonly readStore: ReadStore,
    private readonly expireShare: ExpireShare,
    private readonly logger: Logger,
    private readonly options: ShareExpirerOptions = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.job = new PeriodicJob(() => this.expire(), logger, 'share expiry failed');
  }

  /** Returns how many expiries it recorded. */
  async expire(): Promise<number> {
    const started = Date.now();
    const now = this.now().toISOString();
    const due = await this.readStore.find<ShareGrantRow>(
      SHARE_GRANTS,
      { active_until: { $lte: now } },
      { sort: [['active_until', 1]], limit: this.options.limit ?? 100 },
    );
    let recorded = 0;
    for (const grant of due) {
      if (grant.expires_at === null) continue;
      const expiring = {
        kind: grant.resource_kind,
        resourceId: grant.resource_id,
        principalId: grant.principal_id,
        expiresAt: grant.expires_at,
      };
      try {
        if ((await this.expireShare.run(expiring, EXPIRER_METADATA)) !== null) recorded++;
      } catch (error) {
        this.logger.warn('could not record a share expiry', { ...expiring, error });
      }
    }
    const fields = { due: due.length, recorded, ms: Date.now() - started };
    if (recorded > 0) this.logger.info('recorded expired shares', fields);
    else this.logger.debug('no share to expire', fields);
    return recorded;
  }

  /** Expires now and every `intervalMs` until stopped; a run still going when the next is due is not overlapped. */
  start(intervalMs: number = SHARE_EXPIRY_INTERVAL_MS): void {
    this.job.start(intervalMs, { runNow: true });
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
