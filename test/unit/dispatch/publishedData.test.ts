import { randomUUID } from 'node:crypto';
import { publishedData } from '../../../src/dispatch/publishedData';
import type { RecordedEvent } from '../../../src/ports/eventStore';

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({
    id: randomUUID(),
    streamId: `user-${randomUUID()}`,
    type,
    data,
    metadata: {},
    revision: 0n,
    position: '1',
    createdAt: new Date(),
  }) as RecordedEvent;

describe('published data', () => {
  it('tells that a one-time code was sent, but not where nor its hashes', () => {
    const data = {
      userId: randomUUID(),
      otpId: randomUUID(),
      method: 'sms',
      destination: '+4*******89',
      destinationHash: 'keyed',
      codeHash: 'keyed',
      sentAt: '2026-12-01T00:00:00.000Z',
      expiresAt: '2026-12-01T00:10:00.000Z',
    };
    expect(publishedData(recorded('OtpCodeSent', data))).toEqual({
      userId: data.userId,
      otpId: data.otpId,
      method: 'sms',
      sentAt: data.sentAt,
      expiresAt: data.expiresAt,
    });
  });

  it('leaves other events whole but for their secrets', () => {
    const data = { userId: randomUUID(), method: 'totp', recoveryCodeHashes: ['h'] };
    expect(publishedData(recorded('MfaEnabled', data))).toEqual({ userId: data.userId, method: 'totp' });
  });
});
