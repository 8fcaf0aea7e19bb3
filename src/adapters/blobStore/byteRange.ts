import type { ByteRange } from '../../ports/blobStore';
import { InvalidRangeError } from '../../ports/errors';

/** Throws InvalidRangeError unless the inclusive range lies inside a blob of `size` bytes (an empty blob has no valid range). */
export function assertRangeWithin(range: ByteRange, size: number): void {
  const { start, end } = range;
  const valid = Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end < size;
  if (!valid) throw new InvalidRangeError(size);
}
