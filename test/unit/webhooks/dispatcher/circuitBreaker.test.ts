import { CircuitBreaker } from '../../../../src/webhooks/dispatcher/circuitBreaker';

const OPTIONS = { openingFailures: 10, coolOffMs: 60_000, disableAfterMs: 5 * 24 * 3_600_000 };

function failTimes(breaker: CircuitBreaker, times: number, now: number) {
  for (let i = 0; i < times; i++) breaker.failed(now);
}

describe('circuit breaker', () => {
  it('lets everything through below 10 failures in a row; a success starts the count again', () => {
    const breaker = new CircuitBreaker(OPTIONS);
    failTimes(breaker, 9, 0);
    expect(breaker.admit(0)).toBe('pass');
    breaker.succeeded();
    failTimes(breaker, 9, 0);
    expect(breaker.admit(0)).toBe('pass');
  });

  it('opens at the 10th failure, cools off, then lets one probe through', () => {
    const breaker = new CircuitBreaker(OPTIONS);
    failTimes(breaker, 10, 1_000);
    expect(breaker.admit(1_000)).toBe('refused');
    expect(breaker.reopensAt()).toBe(61_000);
    expect(breaker.admit(60_999)).toBe('refused');
    expect(breaker.admit(61_000)).toBe('probe');
    expect(breaker.admit(61_000)).toBe('refused');
    expect(breaker.reopensAt()).toBeNull();
  });

  it('a failed probe cools off again; a successful one closes the circuit', () => {
    const breaker = new CircuitBreaker(OPTIONS);
    failTimes(breaker, 10, 0);
    expect(breaker.admit(60_000)).toBe('probe');
    breaker.failed(60_000);
    expect(breaker.admit(60_000)).toBe('refused');
    expect(breaker.admit(120_000)).toBe('probe');
    breaker.succeeded();
    expect(breaker.admit(120_000)).toBe('pass');
    expect(breaker.admit(120_000)).toBe('pass');
  });

  it('a probe that was never sent frees the way for another', () => {
    const breaker = new CircuitBreaker(OPTIONS);
    failTimes(breaker, 10, 0);
    expect(breaker.admit(60_000)).toBe('probe');
    breaker.probeReleased();
    expect(breaker.admit(60_000)).toBe('probe');
  });

  it('asks to disable after 5 days of failures with no success', () => {
    const breaker = new CircuitBreaker(OPTIONS);
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(breaker.failed(start)).toEqual({ disable: false, failingSince: new Date(start) });
    expect(breaker.failed(start + OPTIONS.disableAfterMs - 1).disable).toBe(false);
    expect(breaker.failed(start + OPTIONS.disableAfterMs)).toEqual({ disable: true, failingSince: new Date(start) });
  });

  it('takes up a recorded failing streak: the first attempt after a restart is the probe, and the 5 days count from the record', () => {
    const breaker = new CircuitBreaker(OPTIONS);
    const since = Date.parse('2026-01-01T00:00:00Z');
    breaker.recall({ consecutiveFailures: 40, failingSince: new Date(since) });
    expect(breaker.admit(since + 1)).toBe('probe');
    expect(breaker.failed(since + OPTIONS.disableAfterMs).disable).toBe(true);
  });
});
