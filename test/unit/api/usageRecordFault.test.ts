import { usageRecordFault } from '../../../src/api/usage/usageRecordFault';
import type { UsageRecord } from '../../../src/domain/usage/usageEvents';
import { usageRecord } from '../../../src/domain/usage/usageEvents';

const valid: UsageRecord = {
  requestId: 'request-1',
  at: '2026-01-01T00:00:00.000Z',
  method: 'GET',
  route: '/files/:id',
  path: '/api/v1/files/4faf0c1e-2b7a-4d0e-8f6e-1c2d3e4f5a6b',
  status: 200,
  durationMs: 1.5,
  bytesIn: 100,
  bytesOut: 200,
  ip: '127.0.0.1',
  userAgent: 'jest',
  userId: '3e78c8a9-2f6b-4a57-9a41-6c1f2d0e5b7a',
  tokenId: null,
};

/** Every value of a checked field that the schema refuses. */
const refused: Array<[keyof UsageRecord, unknown]> = [
  ['userId', 'not-a-uuid'],
  ['userId', '3e78c8a9-2f6b-4a57-9a41-6c1f2d0e5b7'],
  ['userId', '3e78c8a9-2f6b-0a57-9a41-6c1f2d0e5b7a'],
  ['userId', '3e78c8a9-2f6b-4a57-7a41-6c1f2d0e5b7a'],
  ['tokenId', ''],
  ['tokenId', 'fl_secret'],
  ['status', 200.5],
  ['status', Number.NaN],
  ['status', 2 ** 53],
  ['durationMs', -0.001],
  ['durationMs', Number.NaN],
  ['durationMs', Number.POSITIVE_INFINITY],
  ['bytesIn', -1],
  ['bytesIn', 1.5],
  ['bytesOut', -1],
  ['bytesOut', Number.MAX_SAFE_INTEGER + 1],
];

describe('usageRecordFault', () => {
  it('passes a record the schema accepts, with or without a token', () => {
    for (const record of [valid, { ...valid, tokenId: '9c1e7a2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d' }, { ...valid, durationMs: 0, bytesIn: 0 }]) {
      expect(usageRecord.safeParse(record).success).toBe(true);
      expect(usageRecordFault(record)).toBeNull();
    }
  });

  it.each(refused)('names %s = %p, which the schema refuses too', (field, value) => {
    const record = { ...valid, [field]: value } as UsageRecord;
    expect(usageRecord.safeParse(record).success).toBe(false);
    expect(usageRecordFault(record)).toBe(field);
  });
});
