import { ConfigError, loadConfig } from '../../../../src/config';

describe('FILORA_WEBHOOK_ALLOW_PRIVATE', () => {
  it('is off unless turned on', () => {
    expect(loadConfig({}).FILORA_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(loadConfig({ FILORA_WEBHOOK_ALLOW_PRIVATE: 'false' }).FILORA_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(loadConfig({ FILORA_WEBHOOK_ALLOW_PRIVATE: 'true' }).FILORA_WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(loadConfig({ FILORA_WEBHOOK_ALLOW_PRIVATE: '1' }).FILORA_WEBHOOK_ALLOW_PRIVATE).toBe(true);
  });

  it('names the variable when its value is not a boolean', () => {
    expect(() => loadConfig({ FILORA_WEBHOOK_ALLOW_PRIVATE: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ FILORA_WEBHOOK_ALLOW_PRIVATE: 'sometimes' })).toThrow(/FILORA_WEBHOOK_ALLOW_PRIVATE:/);
  });
});
