import type { UploadLimit } from '../../domain/file/uploadQuota';
import { uploadLimit } from '../../domain/file/uploadQuota';

/** Bytes of stored versions a user has, as of every event appended so far. */
export type StoredBytes = (ownerId: string) => Promise<number>;

export interface UploadAllowanceLimits {
  maxUploadBytes: number;
  /** Bytes of stored versions per user, or null for no quota. */
  quotaBytes: number | null;
}

/**
 * How much one upload may store. Usage comes from the storage-stats read model; uploads running at the
 * same time do not see each other, so together they may overshoot the quota by what they hold.
 */
export class UploadAllowance {
  constructor(
    private readonly storedBytes: StoredBytes,
    private readonly limits: UploadAllowanceLimits,
  ) {}

  async forUser(ownerId: string): Promise<UploadLimit> {
    const { maxUploadBytes, quotaBytes } = this.limits;
    if (quotaBytes === null) return uploadLimit(maxUploadBytes, null, 0);
    return uploadLimit(maxUploadBytes, quotaBytes, await this.storedBytes(ownerId));
  }
}
