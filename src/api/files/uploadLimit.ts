import { BlobUnavailableError } from '../../commands/blobs/blobReferences';
import { BlobTooLargeError } from '../../ports/errors';
import type { StorageStatsView } from '../../projections/stats/storageStatsView';
import { STORAGE_STATS } from '../../projections/stats/storageStatsView';
import type { ApiServices } from '../apiServices';
import { ApiError } from '../http/apiError';

export interface UploadLimit {
  maxBytes: number;
  /** The user's remaining quota, not FILORA_MAX_UPLOAD_BYTES, is what bounds this upload. */
  byQuota: boolean;
}

/**
 * How many bytes an upload may store: FILORA_MAX_UPLOAD_BYTES, or less when the user's quota has less
 * room left. Usage comes from the storage-stats read model, caught up to the head first; uploads running
 * at the same time do not see each other, so together they may overshoot the quota by what they hold.
 */
export async function uploadLimit(services: ApiServices, userId: string): Promise<UploadLimit> {
  const { uploadBytes, userQuotaBytes, readWaitMaxMs } = services.limits;
  if (userQuotaBytes === null) return { maxBytes: uploadBytes, byQuota: false };
  const head = await services.eventStore.headPosition();
  if (head !== null) await services.progress.waitFor(head, readWaitMaxMs);
  const used = (await services.readStore.get<StorageStatsView>(STORAGE_STATS, userId))?.bytes_used ?? 0;
  const room = userQuotaBytes - used;
  if (room < 0) throw quotaExceeded();
  return room < uploadBytes ? { maxBytes: room, byQuota: true } : { maxBytes: uploadBytes, byQuota: false };
}

const quotaExceeded = () =>
  new ApiError('payload_too_large', 'the upload would exceed your storage quota', [{ path: 'file', message: 'storage quota exceeded' }]);

/** The answer for what storing or recording an upload threw. */
export function uploadError(error: unknown, limit: UploadLimit | null): unknown {
  if (error instanceof BlobTooLargeError) {
    if (limit?.byQuota) return quotaExceeded();
    return new ApiError('payload_too_large', `the upload is larger than ${error.maxBytes} bytes`, [
      { path: 'file', message: `at most ${error.maxBytes} bytes` },
    ]);
  }
  if (error instanceof BlobUnavailableError) return new ApiError('service_unavailable', error.message, [], { 'Retry-After': '1' });
  return error;
}
