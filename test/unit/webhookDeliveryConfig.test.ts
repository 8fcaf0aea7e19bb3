import { ConfigError, loadConfig } from '../../src/config';
import { DEFAULT_RETRY_DELAYS_MS } from '../../src/domain/webhook/retrySchedule';

describe('webhook delivery settings', () => {
  it("default to DESIGN's schedule, a 60 s least backoff and a lease longer than a request", () => {
    const config = loadConfig({});
    expect(config.FILORA_WEBHOOK_RETRY_SCHEDULE).toEqual(DEFAULT_RETRY_DELAYS_MS);
    expect(config.FILORA_WEBHOOK_MIN_BACKOFF_MS).toBe(60_000);
    expect(config.FILORA_WEBHOOK_LEASE_MS).toBeGreaterThan(15_000);
  });

  it('take a shorter schedule and backoff for tests', () => {
    const config = loadConfig({ FILORA_WEBHOOK_RETRY_SCHEDULE: '100, 200,400', FILORA_WEBHOOK_MIN_BACKOFF_MS: '500' });
    expect(config.FILORA_WEBHOOK_RETRY_SCHEDULE).toEqual([100, 200, 400]);
    expect(config.FILORA_WEBHOOK_MIN_BACKOFF_MS).toBe(500);
  });

  it.each(['', '100,x', '100,-5', '1.5', '100,,200'])('refuse the schedule %j, naming the variable', (schedule) => {
    expect(() => loadConfig({ FILORA_WEBHOOK_RETRY_SCHEDULE: schedule })).toThrow(ConfigError);
    expect(() => loadConfig({ FILORA_WEBHOOK_RETRY_SCHEDULE: schedule })).toThrow(/FILORA_WEBHOOK_RETRY_SCHEDULE/);
  });
});
