import { DomainError } from '../shared/domainError';

export interface UploadLimit {
  maxBytes: number;
  /** The user's remaining quota, not the platform's upload limit, is what bounds this upload. */
  byQuota: boolean;
}

export const quotaExceeded = () => new DomainError('too_large', 'the upload would exceed your storage quota', 'file');

/** How many bytes one upload may store: the platform's limit, or less when the user's quota has less room left. */
export function uploadLimit(maxUploadBytes: number, quotaBytes: number | null, usedBytes: number): UploadLimit {
  if (quotaBytes === null) return { maxBytes: maxUploadBytes, byQuota: false };
  const room = quotaBytes - usedBytes;
  if (room < 0) throw quotaExceeded();
  return room < maxUploadBytes ? { maxBytes: room, byQuota: true } : { maxBytes: maxUploadBytes, byQuota: false };
}
