import { retryAfterMs } from '../../../../src/webhooks/http/retryAfter';

describe('Retry-After', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs(' 120 ', now)).toBe(120_000);
    expect(retryAfterMs('0', now)).toBe(0);
  });

  it('reads an HTTP date, in any of its three forms, as the time left until it', () => {
    expect(retryAfterMs('Mon, 30 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Monday, 30-Nov-26 12:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Mon Nov 30 12:00:05 2026', now)).not.toBeNull();
  });

  it('makes a date in the past 0', () => {
    expect(retryAfterMs('Sun, 29 Nov 2026 12:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is absent or unreadable', () => {
    for (const value of [undefined, '', '  ', '-5', '2.5', 'soon', '2026-11-30T12:00:30Z', 'Mon, garbage']) {
      expect(retryAfterMs(value, now)).toBeNull();
    }
  });
});
