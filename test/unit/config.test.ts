import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('has working defaults for the embedded profile', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8000,
      FILORA_DATA_DIR: './data',
      FILORA_EVENT_STORE: 'sqlite',
      FILORA_READ_STORE: 'sqlite',
      FILORA_MESSAGE_LOG: 'sqlite',
      FILORA_BLOB_STORE: 'fs',
    });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', FILORA_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', FILORA_LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT:/);
      expect((error as Error).message).toMatch(/FILORA_LOG_LEVEL:/);
    }
  });

  it('requires the servers of the stores it is told to use', () => {
    expect(() => loadConfig({ FILORA_PROFILE: 'distributed' })).toThrow(
      /FILORA_ESDB_URL: required[\s\S]*FILORA_MONGO_URL: required[\s\S]*FILORA_KAFKA_BROKERS: required[\s\S]*FILORA_JWT_SECRET[\s\S]*FILORA_LINK_SECRET: required/,
    );
    expect(() => loadConfig({ FILORA_READ_STORE: 'mongo' })).toThrow(/FILORA_MONGO_URL/);
    expect(loadConfig({ FILORA_READ_STORE: 'mongo', FILORA_MONGO_URL: 'mongodb://x:27017' }).FILORA_EVENT_STORE).toBe('sqlite');
  });

  it('puts users on the basic plan and enforces rate limits unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ FILORA_DEFAULT_PLAN: 'basic', FILORA_RATE_LIMIT_MODE: 'enforce' });
    expect(loadConfig({ FILORA_DEFAULT_PLAN: 'enterprise', FILORA_RATE_LIMIT_MODE: 'report' })).toMatchObject({
      FILORA_DEFAULT_PLAN: 'enterprise',
      FILORA_RATE_LIMIT_MODE: 'report',
    });
    expect(() => loadConfig({ FILORA_DEFAULT_PLAN: 'gold', FILORA_RATE_LIMIT_MODE: 'off' })).toThrow(
      /FILORA_DEFAULT_PLAN:[\s\S]*FILORA_RATE_LIMIT_MODE:/,
    );
  });

  it('keeps the request log 30 days unless told otherwise, and refuses a retention that is not a whole number of days', () => {
    expect(loadConfig({}).FILORA_USAGE_RETENTION_DAYS).toBe(30);
    expect(loadConfig({ FILORA_USAGE_RETENTION_DAYS: '7' }).FILORA_USAGE_RETENTION_DAYS).toBe(7);
    for (const bad of ['0', '-1', '1.5', 'forever'])
      expect(() => loadConfig({ FILORA_USAGE_RETENTION_DAYS: bad })).toThrow(/FILORA_USAGE_RETENTION_DAYS:/);
  });

  it('refuses a short JWT or link secret', () => {
    expect(() => loadConfig({ FILORA_JWT_SECRET: 'short' })).toThrow(/FILORA_JWT_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ FILORA_LINK_SECRET: 'short' })).toThrow(/FILORA_LINK_SECRET: must be at least 32 characters/);
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['true', 1],
    ['2', 2],
    ['10.0.0.1, 192.168.0.0/16,loopback', ['10.0.0.1', '192.168.0.0/16', 'loopback']],
    ['fd00::/8', ['fd00::/8']],
  ])('reads FILORA_TRUST_PROXY=%s as %p', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { FILORA_TRUST_PROXY: value }).FILORA_TRUST_PROXY).toEqual(expected);
  });

  it('serves no separate metrics port unless FILORA_METRICS_PORT names one, and refuses one that is not a port', () => {
    expect(loadConfig({}).FILORA_METRICS_PORT).toBeUndefined();
    expect(loadConfig({ FILORA_METRICS_PORT: '9464' }).FILORA_METRICS_PORT).toBe(9464);
    expect(() => loadConfig({ FILORA_METRICS_PORT: '70000' })).toThrow(/FILORA_METRICS_PORT/);
  });

  it('refuses a FILORA_TRUST_PROXY that is neither a hop count nor addresses', () => {
    expect(() => loadConfig({ FILORA_TRUST_PROXY: '10.0.0.0/33,proxy.local' })).toThrow(
      /FILORA_TRUST_PROXY: not a hop count, address or CIDR block: 10.0.0.0\/33, proxy.local/,
    );
  });

  it.each([
    ['https://files.example.com', 'https://files.example.com'],
    ['https://files.example.com/', 'https://files.example.com'],
    ['http://localhost:8000', 'http://localhost:8000'],
    ['HTTPS://Files.Example.com:443/', 'https://files.example.com'],
  ])('reads FILORA_PUBLIC_URL=%s as the origin %s', (value, origin) => {
    expect(loadConfig({ FILORA_PUBLIC_URL: value }).FILORA_PUBLIC_URL).toBe(origin);
  });

  it('takes no public URL unless told, and refuses one that is not an absolute http(s) origin', () => {
    expect(loadConfig({}).FILORA_PUBLIC_URL).toBeUndefined();
    for (const value of [
      'files.example.com',
      '/api',
      'ftp://files.example.com',
      'https://files.example.com/api',
      'https://files.example.com/?a=1',
      'https://files.example.com/#top',
      'https://user:pass@files.example.com',
    ])
      expect(() => loadConfig({ FILORA_PUBLIC_URL: value })).toThrow(/FILORA_PUBLIC_URL: must be an absolute http/);
  });
});
