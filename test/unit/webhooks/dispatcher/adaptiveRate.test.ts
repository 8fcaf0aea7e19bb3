import { AdaptiveRate } from '../../../../src/webhooks/dispatcher/adaptiveRate';

const STEP_MS = 60_000;

describe('adaptive rate', () => {
  it('is the configured rate until the endpoint pushes back', () => {
    const rate = new AdaptiveRate({ tightenFactor: 2, recoveryStepMs: STEP_MS });
    expect(rate.ratePerMinute(100, 0)).toBe(100);
    expect(rate.ratePerMinute(100, 10 * STEP_MS)).toBe(100);
  });

  it('tightens on each push-back, never below 1 a minute', () => {
    const rate = new AdaptiveRate({ tightenFactor: 2, recoveryStepMs: STEP_MS });
    rate.pushedBack(0);
    expect(rate.ratePerMinute(100, 0)).toBe(50);
    rate.pushedBack(1);
    expect(rate.ratePerMinute(100, 1)).toBe(25);
    for (let i = 0; i < 10; i++) rate.pushedBack(2);
    expect(rate.ratePerMinute(100, 2)).toBe(1);
  });

  it('recovers one step per quiet interval, back to the configured rate', () => {
    const rate = new AdaptiveRate({ tightenFactor: 2, recoveryStepMs: STEP_MS });
    rate.pushedBack(0);
    rate.pushedBack(0);
    rate.pushedBack(0);
    expect(rate.ratePerMinute(80, 0)).toBe(10);
    expect(rate.ratePerMinute(80, STEP_MS - 1)).toBe(10);
    expect(rate.ratePerMinute(80, STEP_MS)).toBe(20);
    expect(rate.ratePerMinute(80, 2 * STEP_MS)).toBe(40);
    expect(rate.ratePerMinute(80, 3 * STEP_MS)).toBe(80);
    expect(rate.ratePerMinute(80, 30 * STEP_MS)).toBe(80);
  });

  it('a push-back while recovering tightens from where the rate stands', () => {
    const rate = new AdaptiveRate({ tightenFactor: 2, recoveryStepMs: STEP_MS });
    rate.pushedBack(0);
    rate.pushedBack(0);
    expect(rate.ratePerMinute(100, STEP_MS)).toBe(50);
    rate.pushedBack(STEP_MS);
    expect(rate.ratePerMinute(100, STEP_MS)).toBe(25);
    expect(rate.ratePerMinute(100, 2 * STEP_MS)).toBe(50);
  });
});
