import { z } from 'zod';
import type { UsageRecord } from '../../domain/usage/usageEvents';

/** z.uuid()'s own pattern, so that this check and the usageRecord schema agree on what an id is. */
const UUID = z.regexes.uuid();

const isCount = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

/**
 * The field of a record that the usageRecord schema would refuse (and with it the projections, for good),
 * or null. Checked without a schema parse, which would cost microseconds on every request: the type
 * already fixes the shape and the strings, and recordUsage makes `at` with Date#toISOString. What is left
 * to go wrong is the ids, which come from the principal, and the ranges of the numbers.
 */
export function usageRecordFault(record: UsageRecord): keyof UsageRecord | null {
  if (!UUID.test(record.userId)) return 'userId';
  if (record.tokenId !== null && !UUID.test(record.tokenId)) return 'tokenId';
  if (!Number.isSafeInteger(record.status)) return 'status';
  if (!Number.isFinite(record.durationMs) || record.durationMs < 0) return 'durationMs';
  if (!isCount(record.bytesIn)) return 'bytesIn';
  if (!isCount(record.bytesOut)) return 'bytesOut';
  return null;
}
