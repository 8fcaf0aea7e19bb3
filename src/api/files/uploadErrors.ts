import { BlobUnavailableError } from '../../commands/blobs/blobReferences';
import type { UploadLimit } from '../../domain/file/uploadQuota';
import { quotaExceeded } from '../../domain/file/uploadQuota';
import { BlobTooLargeError } from '../../ports/errors';
import { ApiError } from '../http/apiError';

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
